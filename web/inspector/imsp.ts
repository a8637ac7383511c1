import { withSasl } from './sasl';
import type { ImspModeInfo } from '../engine';
import { Tokenizer, type Tok } from '../imap/tokens';
import type { Entry } from '../terminal/session';
import { visibleString } from '../terminal/visible';
import { commandBytes, rawOf, type Explained, type Node } from './explain';

/**
 * The inspector's knowledge of IMSP (draft-myers-imap-imsp, CMU 1993–95; Cyrus IMSP 1.8).
 *
 * Only the drafts' opening pages were read (the drafts survive), so references point to the
 * sections of the playground's IMSP notes (IMSP.md), built from those pages, the 1994 design notes
 * and the Cyrus IMSP 1.7b/1.8 source: §3–§9 are the real server's protocol, §10–§11 the
 * historic mailbox layer that draft-1995 mode RECONSTRUCTS. Quirks of the real server
 * (docs/imsp-fidelity.md, Q1–Q7) are named where a line shows one.
 */

export const IMSP_SOURCES =
  'IMSP § references are to the playground’s IMSP notes (IMSP.md): the drafts survive, but only their opening pages were read, so the notes were built from those pages, ' +
  'the 1994 design notes and the Cyrus IMSP 1.7b/1.8 source. §10–§11 (the mailbox layer) are reconstructed.';

const ref = (sec: string) => `IMSP §${sec}`;
const RECON = 'Reconstructed: the mailbox layer of the 1994–95 drafts (IMSP.md §10–§11), served only in draft-1995 mode. Its exact syntax is not known.';

interface Word {
  text: string;
  rfc: string;
  reconstructed?: boolean;
}

/** Untagged responses (IMSP.md §4.0). */
export const IMSP_RESPONSES: Record<string, Word> = {
  OK: { text: 'Untagged: information — in practice the greeting. Tagged: the command succeeded; the text is `<command> completed`, the command word in lower case.', rfc: ref('3.6') },
  NO: { text: 'The command failed; the text says why (the real server’s own wording).', rfc: ref('3.6') },
  BAD: { text: 'The line could not be parsed: unknown command, wrong number or shape of arguments.', rfc: ref('3.6') },
  BYE: { text: 'The server closes the connection: after LOGOUT, or on a fatal error.', rfc: ref('3.1, §4.3') },
  CAPABILITY: { text: 'One AUTH=<mechanism> per SASL mechanism, then LITERAL+ (non-synchronizing literals {n+}). No version token.', rfc: ref('4.1') },
  OPTION: { text: 'One option: its name, its value, and [READ-WRITE] or [READ-ONLY]. The user’s own value wins over the global (site) one.', rfc: ref('4.6, §5') },
  ADDRESSBOOK: { text: 'One address book you may look up (right l): always the constant () attributes and "." delimiter, then the name — your own books first, then books others shared by ACL.', rfc: ref('4.9') },
  SEARCHADDRESS: { text: 'The name of one entry that matched, in case-insensitive name order.', rfc: ref('4.13') },
  FETCHADDRESS: { text: 'One entry: book, entry name, then field/value pairs in alphabetical field order. Also the echo of STOREADDRESS and of LOCK ADDRESSBOOK.', rfc: ref('4.14') },
  ACL: { text: 'One identifier of an access control list and its rights.', rfc: ref('4.18, §7') },
  MYRIGHTS: { text: 'The rights you hold on that address book (or mailbox).', rfc: ref('4.19, §7') },
  LIST: { text: 'One mailbox, IMAP4-style — attributes, delimiter, name — plus a fifth field: the IMAP servers that hold it (the mailbox location table).', rfc: ref('10.1, §11'), reconstructed: true },
  LSUB: { text: 'One subscribed mailbox with its locations (LSUB and LMARKED both answer with LSUB lines).', rfc: ref('10.1, §11'), reconstructed: true },
  MAILBOX: { text: '1993–94 FIND-era reply (only its name survives).', rfc: ref('10.7'), reconstructed: true },
  BBOARD: { text: '1993–94 FIND-era reply (only its name survives).', rfc: ref('10.7'), reconstructed: true },
};

/** The bracketed codes IMSP uses. */
export const IMSP_CODES: Record<string, Word> = {
  'READ-WRITE': { text: 'You may SET this option: the value that wins is your own, or a writable (W) global one.', rfc: ref('4.6, §5') },
  'READ-ONLY': { text: 'You may not change it: a read-only (R) global option — or, for an administrator, a non-visible (N) one.', rfc: ref('4.6, §5') },
  LOCKED: { text: 'Someone (possibly this very session) holds the advisory lock: the text names the holder as user@host. Locks are advisory: SET and STOREADDRESS ignore them.', rfc: ref('4.20, §8') },
  ALERT: { text: 'A message for the user (the shutdown file’s first line).', rfc: ref('3.1') },
};

/** Conventional option names (IMSP.md §5, the option registry of 02/16/00). */
const OPTIONS: Record<string, string> = {
  'common.date': 'The server’s current date (a “magic” option: computed when its stored value is empty).',
  'common.from': 'The From address for this user: magic — <user>@<common.domain> when empty.',
  'common.domain': 'The site’s mail domain.',
  'common.delivery.hosts': 'SMTP submission hosts, tried in order.',
  'common.sent.mailbox': 'Where copies of sent mail go.',
  'imsp.admin.all': 'The IMSP administrators (non-visible).',
  'imsp.user.quota': 'KB allowed for a user’s options and address books (0: unlimited).',
  'imsp.user.quota.usage': 'The current usage (magic; nobody may SET it).',
  'imsp.create.new.users': '+ creates a user’s databases at first login.',
  'imsp.required.bbsubs': 'Mailboxes users may not unsubscribe from (historic).',
  'imsp.imap.servers': 'The IMAP servers the IMSP server managed (historic).',
};
const PREFIXES: Array<[string, string]> = [
  ['common.', 'A shared option: meant for every client.'],
  ['desc.', 'desc.<option> holds the human description of <option>.'],
  ['imsp.', 'The IMSP server’s own configuration.'],
  ['imap.', 'Shared IMAP settings.'],
  ['x.', 'Free for testing.'],
  ['pine.', 'Pine’s options (UW).'],
  ['cyrusoft.mulberry.', 'Mulberry’s options.'],
  ['eudora.', 'Eudora’s options (Qualcomm).'],
  ['simeon.', 'Simeon’s options (ESYS).'],
  ['ecsmail.', 'ECSmail / Simeon options (ESYS).'],
  ['mailstrom.', 'Mailstrom’s options.'],
  ['cyrus.', 'X-Cyrus options.'],
  ['ml.', 'ML’s options.'],
];

function optionText(name: string): string {
  const low = name.toLowerCase();
  if (OPTIONS[low]) return OPTIONS[low];
  const p = PREFIXES.find(([pre]) => low.startsWith(pre));
  return p ? p[1] : 'An option name: dot-separated, compared ignoring case; prefixes are registered per client (§5).';
}

const RIGHTS: Record<string, string> = {
  l: 'lookup (see the book)',
  r: 'read (SEARCHADDRESS, FETCHADDRESS)',
  s: 'seen (unused for books)',
  w: 'write (STOREADDRESS, LOCK)',
  i: 'insert (unused for books)',
  p: 'post (unused for books)',
  c: 'create sub-books, rename to',
  d: 'delete entries and books, rename from',
  a: 'administer (SETACL, DELETEACL)',
  '0': 'no unqualified listing of all entries',
  '1': 'the book is an LDAP view (read-only)',
};

export function rightsText(r: string): string {
  if (r === '') return 'No rights at all.';
  const letters = [...r].map((c) => RIGHTS[c] ?? (/[2-9]/.test(c) ? `${c}: site-defined` : `${c}: unknown`));
  return `${r === 'lrswipcda' ? 'All rights: ' : ''}${letters.join('; ')}.`;
}

/** Tagged NO/BAD texts of the real server (and of the reconstructed layer), explained. */
const TEXTS: Array<{ re: RegExp; text: string; rfc: string; reconstructed?: boolean; quirk?: string }> = [
  { re: /bboard commands not suppported at this site/i, text: 'Cyrus IMSP removed the mailbox layer in 1.6a1 (2000): 1.8 answers every mailbox command this way, without even reading the arguments — “suppported” (sic) is the server’s own typo. Switch imsp.example to draft-1995 in the Network panel to try the reconstructed layer.', rfc: ref('4, §10'), quirk: 'Q7' },
  { re: /User must LOGIN to execute command/i, text: 'Before LOGIN you are “anonymous”: you may GET global options and use books anyone can read, but not change anything.', rfc: ref('3.7') },
  { re: /requires no arguments/i, text: 'This command takes no arguments.', rfc: ref('3.6') },
  { re: /requires .*argument|requires a string|requires an option|requires a properly|requires properly/i, text: 'The arguments were missing, too many, or not well-formed strings (atom, "quoted" or {n} literal).', rfc: ref('3.4, §3.6') },
  { re: /command '.*' unknown/i, text: 'Not a command of this server; the name is repeated in lower case.', rfc: ref('3.2') },
  { re: /7-bit ASCII (tag|command) required/i, text: 'The tag (≤ 64 atom characters; not *) or the command word was missing or not an atom.', rfc: ref('3.2') },
  { re: /Invalid option '.*' to command/i, text: 'The kind word is not one this command takes (ADDRESSBOOK, MAILBOX, OPTION).', rfc: ref('3.6, §4.17') },
  { re: /Invalid base64 string/i, text: 'The SASL response line was not base64.', rfc: ref('4.5') },
  { re: /Login incorrect/i, text: 'Wrong user name or password. A failed LOGIN keeps the previous identity.', rfc: ref('4.4') },
  { re: /does not have an account on this server/i, text: 'The password was right, but the user has no IMSP databases and imsp.create.new.users is not +.', rfc: ref('4.4') },
  { re: /Administrator switch from user/i, text: 'An administrator may become any user with an empty password.', rfc: ref('4.4') },
  { re: /Logged in/i, text: 'Logged in: GET now also shows your own options, SET and UNSET are allowed.', rfc: ref('4.4') },
  { re: /Logging user out/i, text: 'The session ends; its locks are released. In cyrus-1.8 mode this is also when the session’s changes are written back for others to see (Q1).', rfc: ref('4.3') },
  { re: /not authorized to change option/i, text: 'The option is read-only or non-visible for you (or its name has * or %, or it is imsp.user.quota.usage). In cyrus-1.8 the same text also means “over quota” — the server’s bug (Q4).', rfc: ref('4.7'), quirk: 'Q4' },
  { re: /was already unset/i, text: 'You have no own value for it (the global value, if any, still shows).', rfc: ref('4.8') },
  { re: /quota exceeded/i, text: 'imsp.user.quota (KB) would be exceeded.', rfc: ref('9') },
  { re: /address book '.*' already exists/i, text: 'A book of that name exists (names are lower-cased).', rfc: ref('4.10') },
  { re: /not permitted to create address book/i, text: 'You need c on the nearest existing ancestor book — your primary book must exist first.', rfc: ref('4.10, §7') },
  { re: /Failed to create new address book/i, text: 'The name was invalid (empty, or ending in a dot).', rfc: ref('4.10') },
  { re: /not permitted to delete address book/i, text: 'Needs d; a primary book (no dot) only an administrator may delete.', rfc: ref('4.11, §7') },
  { re: /not permitted to rename address book/i, text: 'Needs d on the old name and c on the new one.', rfc: ref('4.12, §7') },
  { re: /not permitted to access address book/i, text: 'Needs r (read) on the book.', rfc: ref('4.13, §4.14, §7') },
  { re: /not permitted to list all entries/i, text: 'The book’s ACL has right 0: searches must name a criterion other than name *.', rfc: ref('4.13, §6') },
  { re: /not permitted to modify address book/i, text: 'Needs w (write) — or d for DELETEADDRESS.', rfc: ref('4.15, §4.16, §7') },
  { re: /not permitted to modify ACL/i, text: 'Needs a (administer) on the book.', rfc: ref('4.17, §7') },
  { re: /^ADDRESSBOOK '.*' does not exist|^NO ADDRESSBOOK '.*' does not exist/i, text: 'No such address book (or none you may see).', rfc: ref('4.11–§4.18') },
  { re: /Address book search failed/i, text: 'The book does not exist or could not be searched.', rfc: ref('4.13') },
  { re: /entry '.*' not found/i, text: 'No such entry (names compare ignoring case). FETCHADDRESS stops at the first missing one; earlier entries were already sent.', rfc: ref('4.14, §4.16') },
  { re: /Failed to modify address book/i, text: 'Entry names may not contain * % or "; field names may not contain * ? %.', rfc: ref('4.15') },
  { re: /already locked by/i, text: 'Someone (maybe this session) holds that lock; a second LOCK always fails.', rfc: ref('4.20, §8') },
  { re: /not locked by current client/i, text: 'Only the connection that took a lock can UNLOCK it.', rfc: ref('4.20') },
  { re: /failed to (un)?lock/i, text: 'The lock database could not be updated.', rfc: ref('4.20') },
  { re: /not subscribed to any bboards/i, text: 'LSUB / LMARKED list subscriptions, and this user has none.', rfc: ref('10.1'), reconstructed: true },
  { re: /Already (un)?subscribed/i, text: 'Nothing to change.', rfc: ref('10.2'), reconstructed: true },
  { re: /is required; you may not unsubscribe/i, text: 'The mailbox is in imsp.required.bbsubs.', rfc: ref('10.2'), reconstructed: true },
  { re: /Create of non-terminal names is unnecessary/i, text: 'A name ending in the delimiter creates nothing: hierarchy levels exist implicitly.', rfc: ref('10.3'), reconstructed: true },
  { re: /does not support replicated mailboxes/i, text: 'CREATE named more than one IMAP host: replicas were planned, never built.', rfc: ref('10.3'), reconstructed: true },
  { re: /can't create mailbox on that host/i, text: 'That host is not one of the IMAP servers IMSP manages.', rfc: ref('10.3'), reconstructed: true },
  { re: /is not located on that IMAP server/i, text: 'The location table puts that mailbox elsewhere.', rfc: ref('10.4, §11'), reconstructed: true },
  { re: /can't (rename|replace) mailbox/i, text: 'RENAME needs a free new name; REPLACE needs the new one to exist (the old is merged into it).', rfc: ref('10.5'), reconstructed: true },
  { re: /MOVE not supported/i, text: 'Moving a mailbox between IMAP servers needed a server-to-server protocol that was never built.', rfc: ref('10.5'), reconstructed: true },
  { re: /failed to update mailbox database/i, text: 'LAST/SEEN for a mailbox IMSP does not know.', rfc: ref('10.6'), reconstructed: true },
  { re: /ACL command not supported/i, text: 'Mailbox ACLs were proxied to the IMAP server; the playground’s store keeps none.', rfc: ref('10.7'), reconstructed: true },
  { re: /mailbox .* (already exists|not found|does not exist)|invalid mailbox name|not authorized to (create|delete|rename)/i, text: 'A refusal of the mailbox layer.', rfc: ref('10.3–§10.5'), reconstructed: true },
  { re: /no mechanism available|authentication failure|generic failure|user not found|bad protocol/i, text: 'A SASL failure (this server offers PLAIN and LOGIN).', rfc: ref('4.5') },
  { re: /^(OK )?\w+ completed$/i, text: 'Success: the text is the command’s word in lower case, as in the server’s dispatch table.', rfc: ref('3.6') },
];

const MAILBOX_COMMANDS = new Set(['LIST', 'LSUB', 'LMARKED', 'SUBSCRIBE', 'UNSUBSCRIBE', 'CREATE', 'DELETE', 'RENAME', 'REPLACE', 'MOVE', 'LAST', 'SEEN']);

class ImspExplainer {
  constructor(
    readonly b: Uint8Array,
    readonly mode: string,
    readonly info: ImspModeInfo | undefined,
  ) {}

  recon = false;

  node(t: Tok, label: string, extra: Partial<Node> = {}): Node {
    const n: Node = { label, raw: rawOf(this.b, t), kind: t.kind, ...extra };
    if (t.kind === 'literal' && !n.text) n.text = `A literal: {${t.octets}} then exactly ${t.octets} octets (the server answered + go first, unless it was {n+}).`;
    if (t.kind === 'string' && !n.text) n.text = 'A quoted string (IMSP has no escapes inside quotes: a " or \\ needs a literal).';
    return n;
  }

  word(w: Word | undefined): Partial<Node> {
    if (!w) return {};
    if (w.reconstructed) this.recon = true;
    return { text: w.text, rfc: w.reconstructed ? `${w.rfc} (reconstructed)` : w.rfc };
  }

  book(t: Tok, label = 'address book'): Node {
    const name = t.value.toLowerCase();
    const dot = name.indexOf('.');
    return this.node(t, label, {
      text: dot < 0 ? `${name}’s primary address book.` : `A book owned by ${name.slice(0, dot)} (the part before the first dot). The server lower-cases book names.`,
      rfc: ref('4.10, §6'),
    });
  }

  rights(t: Tok): Node {
    return this.node(t, 'rights', { text: rightsText(t.value), rfc: ref('7') });
  }

  identifier(t: Tok): Node {
    const v = t.value;
    return this.node(t, 'identifier', {
      text: v.toLowerCase() === 'anyone' ? 'Everybody, even before LOGIN.' : v.startsWith('-') ? `A negative entry: these rights are taken away from ${v.slice(1)}.` : `The user ${v}.`,
      rfc: ref('7'),
    });
  }

  kind(t: Tok): Node {
    const up = t.value.toUpperCase();
    const text = up === 'ADDRESSBOOK' ? 'The ACL or lock is on an address book.' : up === 'MAILBOX' ? 'A mailbox: part of the historic mailbox layer.' : up === 'OPTION' ? 'Lock an option.' : 'Not a kind this command takes.';
    return this.node(t, 'kind', { text, rfc: up === 'MAILBOX' ? ref('10.7') : ref('4.17–§4.20') });
  }

  mailbox(t: Tok, label = 'mailbox'): Node {
    return this.node(t, label, { text: 'A mailbox name as the IMAP hosts show it (delimiter /).', rfc: ref('10') });
  }

  locations(t: Tok): Node {
    const hosts = (t.items ?? []).map((x) => x.value);
    return this.node(t, 'locations', {
      text: `The mailbox location table: ${hosts.length === 1 ? `${hosts[0]} holds it` : `${hosts.join(' and ')} hold it (the first is the master)`}. A mailbox without a row in the table is on every IMAP host.`,
      rfc: ref('11') + ' (reconstructed)',
      children: (t.items ?? []).map((x) => this.node(x, 'IMAP host')),
    });
  }

  /** `OK [CODE] text` after a tag or `*`. */
  status(tk: Tokenizer, statusTok: Tok, nodes: Node[]): { st: string; text: string; rfc?: string } {
    const st = statusTok.value.toUpperCase();
    nodes.push(this.node(statusTok, 'status', { kind: 'status', ...this.word(IMSP_RESPONSES[st]) }));
    if (tk.peekByte() === 0x5b) nodes.push(this.code(tk.one()));
    const rest = tk.rest();
    const hit = rest ? TEXTS.find((x) => x.re.test(rest.value) || x.re.test(`${st} ${rest.value}`)) : undefined;
    if (hit?.reconstructed) this.recon = true;
    if (rest) {
      const quirk = hit?.quirk && this.mode === 'cyrus-1.8' ? ` (Real-server quirk ${hit.quirk}, reproduced in cyrus-1.8 mode.)` : '';
      nodes.push(this.node(rest, 'text', { text: hit ? hit.text + quirk : 'Human-readable text.', rfc: hit ? (hit.reconstructed ? `${hit.rfc} (reconstructed)` : hit.rfc) : undefined }));
    }
    return { st, text: rest?.value ?? '', rfc: hit?.rfc };
  }

  code(t: Tok): Node {
    const items = t.items ?? [];
    const name = (items[0]?.value ?? '').toUpperCase();
    return this.node(t, 'response code', {
      raw: visibleString(this.b, t.start, t.end),
      ...this.word(IMSP_CODES[name] ?? { text: 'A bracketed code.', rfc: ref('3.6') }),
    });
  }

  server(commandOf: (tag: string) => string | null): Omit<Explained, 'bytes' | 'direction'> {
    const tk = new Tokenizer(this.b);
    const nodes: Node[] = [];
    const first = tk.one();
    if (first.value === '+') {
      const rest = tk.rest();
      const go = rest?.value === 'go';
      nodes.push(this.node(first, 'continuation', { text: go ? 'The server read your {n} literal header and waits for exactly n octets; the command then goes on after them.' : 'A SASL challenge (base64) during AUTHENTICATE: answer with one base64 line.', rfc: go ? ref('3.4') : ref('4.5') }));
      if (rest) nodes.push(this.node(rest, go ? 'text' : 'challenge', { text: go ? 'Always the word go.' : 'Base64 (may be empty).' }));
      return { summary: go ? '+ go: send the literal’s octets' : 'SASL challenge', rfc: go ? ref('3.4') : ref('4.5'), nodes };
    }
    const tagged = first.value !== '*';
    const cmd = tagged ? commandOf(first.value) : null;
    const spec = cmd ? this.info?.commands.find((c) => c.name === cmd) : undefined;
    nodes.push(
      this.node(first, tagged ? 'tag' : 'untagged', {
        text: tagged ? `Tagged: the final answer to ${cmd ? `your ${cmd} command` : 'the command with this tag'}.` : 'Untagged: data the command asked for, or status.',
        rfc: tagged ? (spec?.ref.replace('IMSP.md', 'IMSP') ?? ref('3.6')) : ref('4.0'),
      }),
    );
    if (tk.atEnd()) return { summary: 'Incomplete response', nodes };
    const second = tk.one();
    const up = second.value.toUpperCase();
    if (['OK', 'NO', 'BAD', 'BYE'].includes(up)) {
      const r = this.status(tk, second, nodes);
      if (!tagged && up === 'OK' && /IMSP/.test(r.text)) {
        return {
          summary: 'Greeting',
          rfc: ref('3.1'),
          nodes: [...nodes, { label: 'mode', raw: this.mode, kind: 'text', text: this.mode === 'draft-1995' ? 'draft-1995: the protocol as the 1994–95 drafts had it, with the mailbox layer reconstructed.' : 'cyrus-1.8: the real Cyrus IMSP 1.8 server (2005), byte for byte.' }],
        };
      }
      const bboard = !tagged && up === 'NO' && /^The bboard /.test(r.text);
      if (bboard) this.recon = true;
      return {
        summary: tagged ? `${cmd ?? 'Command'} ${first.value} completed: ${up}` : bboard ? 'A mailbox you subscribed to changed' : `Untagged ${up}`,
        rfc: bboard ? `${ref('10.1')} (reconstructed)` : (r.rfc ?? IMSP_RESPONSES[up]?.rfc),
        nodes: bboard ? [...nodes.slice(0, -1), { ...nodes[nodes.length - 1], text: 'LSUB tells each subscriber once that a mailbox was deleted, renamed or merged (REPLACE), and fixes the subscription: the “lazy fix-up” of the 1994 server.', rfc: `${ref('10.1')} (reconstructed)` }] : nodes,
      };
    }
    if (tagged) {
      // cyrus-1.8 quirk Q3: `<tag> Failed to create new address book` with no NO and no CRLF.
      const rest = visibleString(this.b, second.start, this.b.length);
      if (/^Failed to create new address book/.test(rest)) {
        nodes.push({ label: 'text (no NO, no CRLF)', raw: rest.slice(0, 120), kind: 'text', text: 'Cyrus IMSP 1.8 sends this refusal without the word NO and without a line end, so the next reply follows on the same line — the server’s own bug (quirk Q3). draft-1995 sends “NO Failed to create new address book”.', rfc: `${ref('4.10')}, docs Q3` });
        return { summary: 'CREATEADDRESSBOOK failed (a malformed reply)', rfc: ref('4.10'), nodes };
      }
    }
    nodes.push(this.node(second, 'response', this.word(IMSP_RESPONSES[up])));
    const rest = tk.all();
    switch (up) {
      case 'OPTION':
        rest.forEach((t, i) => {
          if (i === 0) nodes.push(this.node(t, 'option', { text: optionText(t.value), rfc: ref('5') }));
          else if (t.kind === 'code') nodes.push(this.code(t));
          else nodes.push(this.node(t, 'value', { text: t.kind === 'literal' ? 'The value, as a literal (it holds characters a quoted string cannot).' : 'The value: sent as an atom, a quoted string or a literal, whichever fits (§3.5).', rfc: ref('3.5') }));
        });
        break;
      case 'ADDRESSBOOK':
        rest.forEach((t, i) =>
          nodes.push(i === 0 ? this.node(t, 'attributes', { text: 'Always empty.' }) : i === 1 ? this.node(t, 'delimiter', { text: 'Always ".": sub-books are owner.sub.' }) : this.book(t)),
        );
        break;
      case 'SEARCHADDRESS':
        for (const t of rest) nodes.push(this.node(t, 'entry', { text: 'An entry name (the person’s full name): fetch it with FETCHADDRESS book "name".' }));
        break;
      case 'FETCHADDRESS': {
        rest.forEach((t, i) => {
          if (i === 0) nodes.push(this.book(t));
          else if (i === 1) nodes.push(this.node(t, 'entry', { text: 'The entry name, as the client typed it (lookup ignores case).', rfc: ref('4.14') }));
          else if (i % 2 === 0) nodes.push(this.node(t, 'field', { text: fieldText(t.value), rfc: ref('6') }));
          else nodes.push(this.node(t, 'value', { text: t.kind === 'literal' ? 'A value with characters a quoted string cannot hold (e.g. several addresses on separate lines).' : undefined }));
        });
        break;
      }
      case 'ACL':
        rest.forEach((t, i) => nodes.push(i === 0 ? this.kind(t) : i === 1 ? (rest[0]?.value.toUpperCase() === 'MAILBOX' ? this.mailbox(t) : this.book(t)) : i === 2 ? this.identifier(t) : this.rights(t)));
        if (rest[0]?.value.toUpperCase() === 'MAILBOX') this.recon = true;
        break;
      case 'MYRIGHTS':
        rest.forEach((t, i) => nodes.push(i === 0 ? this.kind(t) : i === 1 ? (rest[0]?.value.toUpperCase() === 'MAILBOX' ? this.mailbox(t) : this.book(t)) : this.rights(t)));
        if (rest[0]?.value.toUpperCase() === 'MAILBOX') this.recon = true;
        break;
      case 'CAPABILITY':
        for (const t of rest) {
          const v = t.value.toUpperCase();
          nodes.push(this.node(t, 'capability', { text: v.startsWith('AUTH=') ? `AUTHENTICATE ${t.value.slice(5)} works.` : v === 'LITERAL+' ? 'Literals may be sent as {n+} without waiting for + go.' : 'An extension.', rfc: ref('4.1') }));
        }
        break;
      case 'LIST':
      case 'LSUB':
        rest.forEach((t, i) => {
          if (i === 0)
            nodes.push(this.node(t, 'attributes', { children: (t.items ?? []).map((x) => this.node(x, 'attribute', { text: attrText(x.value) })), rfc: `${ref('10.1')} (reconstructed)` }));
          else if (i === 1) nodes.push(this.node(t, 'hierarchy delimiter', { text: 'Copied from the IMAP servers (the historic server ran LIST "" * against each).' }));
          else if (i === 2) nodes.push(this.mailbox(t));
          else if (t.kind === 'list') nodes.push(this.locations(t));
          else nodes.push(this.node(t, 'extra'));
        });
        break;
      default:
        for (const t of rest) nodes.push(this.node(t, t.kind));
    }
    return { summary: `Untagged ${up}`, rfc: IMSP_RESPONSES[up]?.rfc, nodes };
  }

  client(): Omit<Explained, 'bytes' | 'direction'> {
    const tk = new Tokenizer(this.b);
    const nodes: Node[] = [];
    const tag = tk.one();
    if (tk.atEnd()) {
      return { summary: 'A line sent in answer to a continuation', nodes: [this.node(tag, 'data', { text: 'Not a command: a base64 SASL response, or data after a literal.', rfc: ref('4.5') })] };
    }
    nodes.push(this.node(tag, 'tag', { text: 'Chosen by the client (an atom of at most 64 characters; * is not allowed, + is); the server repeats it on the final reply.', rfc: ref('3.2') }));
    const nameTok = tk.one();
    const name = nameTok.value.toUpperCase();
    const spec = this.info?.commands.find((c) => c.name === name);
    const refused = this.mode === 'cyrus-1.8' && MAILBOX_COMMANDS.has(name);
    if (spec?.reconstructed) this.recon = true;
    nodes.push(
      this.node(nameTok, 'command', {
        text: !spec
          ? 'Not a command this server knows: it answers BAD command \'…\' unknown.'
          : refused
            ? 'A command of the historic mailbox layer: Cyrus IMSP 1.8 refuses it (NO … not suppported at this site) without reading the arguments. In draft-1995 mode it works, reconstructed.'
            : spec.reconstructed
              ? 'Part of the mailbox layer reconstructed from the 1994–95 drafts (draft-1995 mode).'
              : 'Case does not matter; the reply repeats it in lower case.',
        rfc: spec?.ref.replace('IMSP.md', 'IMSP'),
      }),
    );
    const args = tk.all();
    const labels = (list: Array<string | ((t: Tok) => Node)>) =>
      args.forEach((t, i) => {
        const l = list[Math.min(i, list.length - 1)];
        nodes.push(typeof l === 'function' ? l(t) : this.node(t, l));
      });
    const opt = (t: Tok) => {
      const m = /^(\*?)(%{0,2})(.*)$/s.exec(t.value)!;
      const admin = m[1] ? ` The * prefix (administrators only) writes the global option${m[2] === '%' ? ', % makes it read-only' : m[2] === '%%' ? ', %% makes it non-visible' : ''}.` : '';
      return this.node(t, 'option', { text: optionText(m[3]) + admin, rfc: ref('4.7, §5') });
    };
    const pattern = (what: string, sec: string) => (t: Tok) => this.node(t, 'pattern', { text: `${what}: * matches any run, % and ? exactly one character — no hierarchy.`, rfc: ref(sec) });
    switch (name) {
      case 'LOGIN':
        labels([(t) => this.node(t, 'user name', { text: 'Case-sensitive.' }), (t) => this.node(t, 'password', { text: 'An administrator may send "" to become that user.' })]);
        break;
      case 'AUTHENTICATE':
        labels([(t) => this.node(t, 'mechanism', { text: 'A SASL mechanism from * CAPABILITY (PLAIN, LOGIN); no initial response on this line.' })]);
        break;
      case 'GET':
        labels([pattern('Option names, ignoring case', '4.6')]);
        break;
      case 'SET':
        labels([opt, (t) => this.node(t, 'value', { text: 'Any string; "" is allowed. A user’s SET always writes the user’s own read-write copy.', rfc: ref('4.7') })]);
        break;
      case 'UNSET':
        labels([opt]);
        break;
      case 'ADDRESSBOOK':
        labels([pattern('Book names, case-sensitive', '4.9')]);
        break;
      case 'CREATEADDRESSBOOK':
      case 'DELETEADDRESSBOOK':
        labels([(t) => this.book(t)]);
        break;
      case 'RENAMEADDRESSBOOK':
        labels([(t) => this.book(t, 'old name'), (t) => this.book(t, 'new name')]);
        break;
      case 'SEARCHADDRESS':
        args.forEach((t, i) => {
          if (i === 0) nodes.push(this.book(t));
          else if (i % 2 === 1) nodes.push(this.node(t, 'field', { text: t.value.toLowerCase() === 'name' ? 'name matches the entry name itself.' : `Entries whose ${t.value} field matches.`, rfc: ref('4.13') }));
          else nodes.push(this.node(t, 'pattern', { text: 'Case-insensitive; * any run, % and ? one character. All criteria must match.', rfc: ref('4.13') }));
        });
        break;
      case 'FETCHADDRESS':
        args.forEach((t, i) => nodes.push(i === 0 ? this.book(t) : this.node(t, 'entry', { text: 'An entry name (ignoring case).', rfc: ref('4.14') })));
        break;
      case 'STOREADDRESS':
        args.forEach((t, i) => {
          if (i === 0) nodes.push(this.book(t));
          else if (i === 1) nodes.push(this.node(t, 'entry', { text: 'The entry name (a person’s full name): created if missing. No * % or ".', rfc: ref('4.15') }));
          else if (i % 2 === 0) nodes.push(this.node(t, 'field', { text: fieldText(t.value), rfc: ref('6') }));
          else nodes.push(this.node(t, 'value', { text: t.value === '' ? '"" deletes the field.' : 'The new value.', rfc: ref('4.15') }));
        });
        break;
      case 'DELETEADDRESS':
        labels([(t) => this.book(t), (t) => this.node(t, 'entry', { rfc: ref('4.16') })]);
        break;
      case 'SETACL':
        labels([(t) => this.kind(t), (t) => (args[0]?.value.toUpperCase() === 'MAILBOX' ? this.mailbox(t) : this.book(t)), (t) => this.identifier(t), (t) => this.node(t, 'rights', { text: `Replaces the identifier’s rights with: ${rightsText(t.value)}`, rfc: ref('4.17, §7') })]);
        break;
      case 'DELETEACL':
        labels([(t) => this.kind(t), (t) => (args[0]?.value.toUpperCase() === 'MAILBOX' ? this.mailbox(t) : this.book(t)), (t) => this.identifier(t)]);
        break;
      case 'GETACL':
      case 'MYRIGHTS':
        labels([(t) => this.kind(t), (t) => (args[0]?.value.toUpperCase() === 'MAILBOX' ? this.mailbox(t) : this.book(t))]);
        break;
      case 'LOCK':
      case 'UNLOCK':
        if (args[0]?.value.toUpperCase() === 'OPTION') labels([(t) => this.kind(t), opt]);
        else labels([(t) => this.kind(t), (t) => this.book(t), (t) => this.node(t, 'entry', { rfc: ref('4.20') })]);
        break;
      case 'LIST':
      case 'LSUB':
      case 'LMARKED':
        labels([(t) => this.node(t, 'reference', { text: 'Prefixed to the pattern, as in IMAP4.' }), (t) => this.node(t, 'pattern', { text: '* any run; % any run without the delimiter /.', rfc: ref('10.1') })]);
        break;
      case 'SUBSCRIBE':
      case 'UNSUBSCRIBE':
        labels([(t) => this.mailbox(t)]);
        break;
      case 'CREATE':
        labels([(t) => this.mailbox(t), (t) => this.node(t, 'server', { text: 'Which IMAP host should hold it: host[/partition], or a list (more than one is refused: no replicas). Default: the parent’s host, else the first.', rfc: ref('10.3, §11') })]);
        break;
      case 'DELETE':
        labels([(t) => this.mailbox(t), (t) => this.node(t, 'host', { text: 'Only on this IMAP host.', rfc: ref('10.4') })]);
        break;
      case 'RENAME':
      case 'REPLACE':
        labels([(t) => this.mailbox(t, 'old name'), (t) => this.mailbox(t, 'new name')]);
        break;
      case 'MOVE':
        labels([(t) => this.mailbox(t), (t) => this.node(t, 'IMAP host')]);
        break;
      case 'LAST':
        labels([(t) => this.mailbox(t), (t) => this.node(t, 'UID', { text: 'The newest UID in the mailbox, as an IMAP server reports it (* forgets, 0 = empty).', rfc: ref('10.6') })]);
        break;
      case 'SEEN':
        labels([(t) => this.mailbox(t), (t) => this.node(t, 'UID', { text: 'The user has read up to here: decides \\Marked.', rfc: ref('10.6') }), (t) => this.node(t, 'user')]);
        break;
      default:
        for (const t of args) nodes.push(this.node(t, t.kind));
    }
    return { summary: `${name} command`, rfc: spec?.ref.replace('IMSP.md', 'IMSP'), syntax: spec?.syntax, nodes };
  }
}

function fieldText(f: string): string {
  const known: Record<string, string> = {
    name: 'The full name.',
    alias: 'A nickname.',
    email: 'Address(es); several on separate lines make a group.',
    phone: 'A phone number.',
    'phone-work': 'Work phone.',
    'phone-home': 'Home phone.',
    company: 'Company.',
    address: 'Postal address.',
    fax: 'Fax number.',
    urls: 'Web addresses.',
    notes: 'Notes.',
    group: 'Marks a group entry.',
  };
  return known[f.toLowerCase()] ?? 'A field: names are free-form (Mulberry and Simeon had their conventions).';
}

function attrText(a: string): string {
  const up = a.toUpperCase();
  if (up === '\\MARKED') return 'Messages newer than the user’s SEEN mark (LAST > SEEN).';
  if (up === '\\UNMARKED') return 'Nothing newer than the SEEN mark.';
  if (up === '\\NOSELECT') return 'Only a level of the hierarchy.';
  if (up === '\\NOINFERIORS') return 'No children possible.';
  return 'A mailbox attribute.';
}

/**
 * Explains one IMSP exchange in the words of the connection's mode (`cyrus-1.8` or
 * `draft-1995`), with IMSP.md section references; the mailbox layer is marked reconstructed.
 */
export function explainImsp(entries: Entry[], entry: Entry, mode: string, info: ImspModeInfo | undefined): Explained {
  const about = {
    dialect: mode === 'draft-1995' ? 'IMSP draft-1995 — the mailbox layer reconstructed from the Cyrus source and design notes' : 'IMSP cyrus-1.8 — Cyrus IMSP 1.8 (2005), byte for byte',
    dialectNote:
      mode === 'draft-1995'
        ? 'draft-1995: the protocol as the 1994–95 drafts described it; LIST/LSUB/LMARKED with server locations, CREATE/DELETE/RENAME/REPLACE/MOVE, LAST/SEEN are RECONSTRUCTED from the Cyrus source and its design notes (the drafts survive, but only their opening pages were read here). Changes reach other sessions at once.'
        : 'cyrus-1.8: the last real server. It refuses the mailbox commands, and a session’s changes reach the store when the session ends (quirk Q1).',
    sources: IMSP_SOURCES,
  };
  if (entry.dir === 'N') return { direction: 'note', summary: 'A note from the playground (not on the wire).', nodes: [], bytes: entry.bytes };
  const bytes = commandBytes(entries, entry);
  const ex = new ImspExplainer(bytes, mode, info);
  const commandOf = (tag: string): string | null => {
    const i = entries.indexOf(entry);
    for (let k = i - 1; k >= 0 && k >= i - 400; k--) {
      const e = entries[k];
      if (e.dir !== 'C' || e.literal) continue;
      const m = /^(\S+) +([A-Za-z]+)/.exec(new TextDecoder().decode(e.bytes.subarray(0, 200)));
      if (m && m[1] === tag) return m[2].toUpperCase();
    }
    return null;
  };
  try {
    const r = entry.dir === 'C' ? ex.client() : ex.server(commandOf);
    return withSasl(entries, entry, { direction: entry.dir === 'C' ? 'client' : 'server', bytes, ...about, ...r, reconstructed: ex.recon ? RECON : undefined });
  } catch (e) {
    return { direction: entry.dir === 'C' ? 'client' : 'server', summary: `Could not take this apart: ${(e as Error).message}`, nodes: [], bytes, ...about };
  }
}
