import type { DialectInfo } from '../engine';
import {
  ADDRESS_FIELDS, ENVELOPE_FIELDS, MESSAGE_PART_EXTRA, MULTIPART_EXTENSION, PART_EXTENSION,
  PART_FIELDS, SEARCH_WORDS, TEXT_PART_EXTRA, type Word,
} from '../imap/words';
import { lookup, profileFor, type DialectProfile } from './dialects';
import { Tokenizer, type Tok } from '../imap/tokens';
import type { Entry } from '../terminal/session';
import { visibleString } from '../terminal/visible';
import { withSasl } from './sasl';

/**
 * Turns one exchange (a whole command, or one response) into a tree a student can read:
 * every token with what it is, what it means here, and where the RFC defines it.
 */

export interface Node {
  /** What the token is in this position, e.g. "tag", "subject", "part 1.2". */
  label: string;
  /** The token as it appears on the wire (control characters made visible, long text cut). */
  raw: string;
  kind: Tok['kind'] | 'status';
  text?: string;
  rfc?: string;
  children?: Node[];
}

export interface Explained {
  direction: 'client' | 'server' | 'note';
  summary: string;
  rfc?: string;
  syntax?: string;
  /** The dialect or mode the line was explained in, e.g. `imap2 — RFC 1176`. */
  dialect?: string;
  /** One line on what is special about that dialect or mode. */
  dialectNote?: string;
  /** Set when the thing explained is RECONSTRUCTED (IMSP draft-1995's mailbox layer). */
  reconstructed?: string;
  /** Where the references point, when it is not an RFC (IMSP). */
  sources?: string;
  nodes: Node[];
  /** A caution shown above the tree (base64 credentials are readable by anyone). */
  warning?: string;
  /** All the bytes of the exchange, for the wire view. */
  bytes: Uint8Array;
}

const MAX_RAW = 160;

export function rawOf(b: Uint8Array, t: Tok): string {
  if (t.kind === 'literal') return `{${t.octets}} + ${t.octets} octets`;
  if (t.kind === 'list') return t.items?.length ? '( … )' : '()';
  const s = visibleString(b, t.start, Math.min(t.end, t.start + MAX_RAW * 4));
  return s.length > MAX_RAW || t.end > t.start + MAX_RAW * 4 ? s.slice(0, MAX_RAW) + '…' : s;
}

const word = (w: Word | undefined) => (w ? { text: w.text, rfc: w.rfc } : {});

class Explainer {
  constructor(
    readonly b: Uint8Array,
    readonly dialect: DialectInfo | undefined,
    readonly p: DialectProfile,
  ) {}

  resp(name: string): Word | undefined {
    return lookup(this.p, 'responses', name);
  }

  node(t: Tok, label: string, extra: Partial<Node> = {}): Node {
    const n: Node = { label, raw: rawOf(this.b, t), kind: t.kind, ...extra };
    if (t.kind === 'literal' && !n.text) n.text = `A literal: the header {${t.octets}} announces exactly ${t.octets} octets, which follow after its CRLF, taken as they are.`;
    if (t.kind === 'string' && !n.text) n.text = 'A quoted string.';
    if (t.kind === 'nil' && !n.text) n.text = 'NIL: no value.';
    if (t.kind === 'text' && !n.text && t.value.startsWith('nested deeper')) n.text = `Lists ${t.value}.`;
    return n;
  }

  /** A token with no special meaning in its position: explained by what it looks like. */
  generic(t: Tok, label = ''): Node {
    if (t.kind === 'list') return this.node(t, label || 'list', { text: 'A parenthesised list.', children: (t.items ?? []).map((x) => this.generic(x)) });
    if (t.kind === 'atom') {
      const up = t.value.toUpperCase();
      const removed = this.dialect?.fetchRemoved?.[up];
      if (removed) return this.node(t, label || 'keyword', { text: `Not in ${this.p.name}: ${removed}.`, rfc: this.p.doc });
      const w = up.startsWith('\\')
        ? lookup(this.p, 'flags', up)
        : (lookup(this.p, 'items', up.replace(/\[.*$/, '').replace(/\.PEEK$/, '')) ?? this.resp(up));
      if (w) return this.node(t, label || (up.startsWith('\\') ? 'flag' : 'keyword'), word(w));
      if (up.startsWith('\\')) return this.node(t, label || 'flag', { text: 'A flag or attribute.' });
      if (up.startsWith('$') || /^[A-Z][A-Z0-9_-]*$/i.test(t.value)) return this.node(t, label || 'atom');
      if (/^[\d:*,$]+$/.test(t.value)) return this.node(t, label || 'sequence set', { text: sequenceText(t.value), rfc: this.p.sequenceRef });
    }
    if (t.kind === 'number') return this.node(t, label || 'number');
    return this.node(t, label || t.kind);
  }

  address(t: Tok, i: number): Node {
    if (t.kind !== 'list') return this.generic(t, `address ${i + 1}`);
    const items = t.items ?? [];
    const mailbox = items[2]?.value ?? '';
    const host = items[3]?.value ?? '';
    return this.node(t, `address ${i + 1}`, {
      text: mailbox || host ? `${mailbox}@${host}` : 'An address (group syntax when host is NIL).',
      children: items.map((x, k) => this.generic(x, ADDRESS_FIELDS[k] ?? 'extra')),
    });
  }

  envelope(t: Tok): Node {
    const items = t.items ?? [];
    return this.node(t, 'ENVELOPE value', {
      text: 'Ten fields in a fixed order; address fields are lists of addresses or NIL.',
      rfc: this.p.envelopeRef,
      children: items.map((x, k) => {
        const f = ENVELOPE_FIELDS[k] ?? 'extra';
        if (k >= 2 && k <= 7 && x.kind === 'list') {
          return this.node(x, f, { text: `${(x.items ?? []).length} address(es)`, children: (x.items ?? []).map((a, j) => this.address(a, j)) });
        }
        return this.generic(x, f);
      }),
    });
  }

  /** BODYSTRUCTURE / BODY: a multipart starts with its parts (lists); a leaf with its type. */
  body(t: Tok, path: string, label?: string): Node {
    const items = t.items ?? [];
    if (t.kind !== 'list') return this.generic(t, label ?? 'body');
    let k = 0;
    const children: Node[] = [];
    if (items[0]?.kind === 'list') {
      let part = 1;
      while (items[k]?.kind === 'list') {
        children.push(this.body(items[k], path ? `${path}.${part}` : `${part}`));
        k++;
        part++;
      }
      const subtype = items[k]?.value ?? '';
      if (items[k]) children.push(this.generic(items[k++], 'multipart subtype'));
      for (let e = 0; k < items.length; k++, e++) children.push(this.generic(items[k], MULTIPART_EXTENSION[e] ?? 'extension'));
      return this.node(t, label ?? `part ${path || '(whole message)'}`, {
        text: `multipart/${subtype.toLowerCase()} with ${part - 1} parts`,
        rfc: 'RFC 3501 §7.4.2',
        children,
      });
    }
    const type = (items[0]?.value ?? '').toUpperCase();
    const subtype = (items[1]?.value ?? '').toLowerCase();
    const fields = [...PART_FIELDS, ...(type === 'TEXT' ? TEXT_PART_EXTRA : type === 'MESSAGE' && subtype === 'rfc822' ? MESSAGE_PART_EXTRA : []), ...PART_EXTENSION];
    items.forEach((x, i) => {
      const f = fields[i] ?? 'extension';
      if (f.startsWith('envelope') && x.kind === 'list') children.push(this.envelope(x));
      else if (f.startsWith('body structure')) children.push(this.body(x, path, 'enclosed message'));
      else children.push(this.generic(x, f));
    });
    return this.node(t, label ?? `part ${path || '1'}`, {
      text: `${type.toLowerCase()}/${subtype}${path ? ` — fetch it as BODY[${path}]` : ''}`,
      rfc: 'RFC 3501 §7.4.2',
      children,
    });
  }

  fetchPairs(list: Tok): Node {
    const items = list.items ?? [];
    const children: Node[] = [];
    for (let i = 0; i < items.length; i += 2) {
      const name = items[i];
      const value = items[i + 1];
      const up = name.value.toUpperCase();
      const base = up.replace(/\[.*$/, '').replace(/<.*$/, '');
      children.push(this.generic(name, 'item name'));
      if (!value) break;
      if (up === 'ENVELOPE') children.push(this.envelope(value));
      else if (up === 'BODYSTRUCTURE' || up === 'BODY') children.push(this.body(value, ''));
      else if (up === 'FLAGS') children.push(this.node(value, 'flags', { text: 'The message’s flags.', children: (value.items ?? []).map((f) => this.generic(f, 'flag')) }));
      else if (base === 'BODY' || base === 'BINARY' || base.startsWith('RFC822')) {
        const section = /\[(.*)\]/.exec(up)?.[1];
        children.push(this.node(value, 'content', { text: section !== undefined ? `Section [${section || 'whole message'}] of the message.` : lookup(this.p, 'items', base)?.text, rfc: this.p.fetchRef }));
      } else children.push(this.generic(value, `${up.toLowerCase()} value`));
    }
    return this.node(list, 'data items', { text: 'Pairs of item name and value.', children });
  }

  code(t: Tok): Node {
    const items = t.items ?? [];
    const name = (items[0]?.value ?? '').toUpperCase();
    return this.node(t, 'response code', {
      raw: visibleString(this.b, t.start, t.end),
      ...word(lookup(this.p, 'codes', name) ?? { text: 'A response code: machine-readable detail in brackets.', rfc: `${this.p.doc} §7.1` }),
      children: items.map((x, i) => (i === 0 ? this.generic(x, 'code') : this.generic(x, 'code data'))),
    });
  }

  /** `OK [CODE] text` after a tag or `*`. */
  status(tk: Tokenizer, statusTok: Tok, nodes: Node[]): string {
    const st = statusTok.value.toUpperCase();
    nodes.push(this.node(statusTok, 'status', { kind: 'status', ...word(this.resp(st)) }));
    if (tk.peekByte() === 0x5b) nodes.push(this.code(tk.one()));
    const rest = tk.rest();
    if (rest && /IMSP's mailbox location table/.test(rest.value))
      nodes.push(this.node(rest, 'text', { text: 'This IMAP host follows the mailbox location table of the IMSP server (draft-1995 mode): the mailbox is held by another IMAP host, so open it there. The table is reconstructed from the IMSP drafts.', rfc: 'IMSP §11 (reconstructed)' }));
    else if (rest) nodes.push(this.node(rest, 'text', { text: 'Human-readable text: clients show it, programs should not parse it.' }));
    return st;
  }

  server(): Omit<Explained, 'bytes' | 'direction'> {
    const tk = new Tokenizer(this.b);
    const nodes: Node[] = [];
    const first = tk.one();
    if (first.value === '+') {
      nodes.push(this.node(first, 'continuation', { text: 'The server is ready for more from the client: a literal’s octets, the next SASL step, or (for IDLE) DONE.', rfc: this.p.contRef }));
      const rest = tk.rest();
      if (rest) nodes.push(this.node(rest, 'text', { text: 'Free text (or base64 data for AUTHENTICATE).' }));
      return { summary: 'Continuation request', rfc: this.p.contRef, nodes };
    }
    const tagged = first.value !== '*';
    const tagNode = this.node(first, tagged ? 'tag' : 'untagged', { text: tagged ? 'Tagged: the final answer to the client command with this tag.' : (this.p.untaggedText ?? 'Untagged: data or status the client did not necessarily ask for.'), rfc: tagged ? this.p.completionRef : this.p.untaggedRef });
    nodes.push(tagNode);
    if (tk.atEnd()) return { summary: 'Incomplete response', nodes };
    const second = tk.one();
    const up = second.value.toUpperCase();
    if (['OK', 'NO', 'BAD', 'BYE', 'PREAUTH'].includes(up)) {
      const st = this.status(tk, second, nodes);
      return { summary: tagged ? `Command ${first.value} completed: ${st}` : `Untagged ${st}`, rfc: this.resp(st)?.rfc, nodes };
    }
    if (tagged) {
      // IMAP3 (TAGGED.SOLICITED): data a command asked for carries the command's tag.
      tagNode.label = 'tag (solicited data)';
      tagNode.text = this.p.solicitedTags
        ? 'IMAP3’s TAGGED.SOLICITED feature: data a command asked for carries that command’s tag instead of *; only spontaneous data is untagged.'
        : 'A tagged line that is not OK, NO or BAD: not a completion this dialect defines.';
      tagNode.rfc = this.p.solicitedTags ? 'RFC 1203 “TAGGED.SOLICITED”' : this.p.completionRef;
    }
    if (second.kind === 'number') {
      const what = tk.atEnd() ? null : tk.one();
      const name = (what?.value ?? '').toUpperCase();
      nodes.push(this.node(second, ['FETCH', 'EXPUNGE', 'STORE', 'COPY'].includes(name) ? 'message sequence number' : 'count'));
      if (what) nodes.push(this.node(what, 'response', word(this.resp(name))));
      if ((name === 'FETCH' || name === 'STORE') && !tk.atEnd()) {
        const list = tk.one();
        if (list.kind === 'list') nodes.push(this.fetchPairs(list));
        else nodes.push(this.generic(list));
      }
      while (!tk.atEnd()) nodes.push(this.generic(tk.one()));
      return { summary: `${name} ${second.value}`, rfc: this.resp(name)?.rfc, nodes };
    }
    nodes.push(this.node(second, 'response', word(this.resp(up))));
    const rest = tk.all();
    if (up === 'ESEARCH') {
      this.esearch(rest, nodes);
    } else if (up === 'MAILBOX' || up === 'BBOARD') {
      for (const t of rest) nodes.push(this.generic(t, up === 'MAILBOX' ? 'mailbox name' : 'bulletin board name'));
    } else if (up === 'LIST' || up === 'LSUB') {
      rest.forEach((t, i) => nodes.push(i === 0 ? this.node(t, 'attributes', { children: (t.items ?? []).map((x) => this.generic(x, 'attribute')) }) : this.generic(t, i === 1 ? 'hierarchy delimiter' : 'mailbox name')));
    } else if (up === 'STATUS') {
      rest.forEach((t, i) => nodes.push(i === 0 ? this.generic(t, 'mailbox name') : this.generic(t, 'counters')));
    } else if (up === 'CAPABILITY') {
      for (const t of rest) nodes.push(this.node(t, 'capability', { text: capabilityText(t.value) }));
    } else if (up === 'SEARCH') {
      rest.forEach((t, i) => {
        if (t.kind !== 'list') nodes.push(this.node(t, 'match'));
        else if (i === 0) nodes.push(this.node(t, 'matches', { text: 'IMAP3: the matching numbers, in parentheses.', children: (t.items ?? []).map((x) => this.node(x, 'match')) }));
        else nodes.push(this.node(t, 'criteria', { text: 'IMAP3: the criteria these results answer (~ negates a key).', children: (t.items ?? []).map((x) => this.generic(x, 'criterion')) }));
      });
      if (!rest.length) nodes.push({ label: 'matches', raw: '', kind: 'text', text: 'None: nothing matched (no trailing space either).' });
    } else if (up === 'FLAGS') {
      for (const t of rest) nodes.push(this.node(t, 'flags', { children: (t.items ?? []).map((x) => this.generic(x, 'flag')) }));
    } else for (const t of rest) nodes.push(this.generic(t));
    return { summary: tagged ? `${up} (solicited, tagged ${first.value})` : `Untagged ${up}`, rfc: this.resp(up)?.rfc, nodes };
  }

  /** RFC 9051 §7.3.4 / RFC 4731: `(TAG "a1") [UID] (MIN n / MAX n / COUNT n / ALL set)…`. */
  esearch(rest: Tok[], nodes: Node[]): void {
    for (let i = 0; i < rest.length; i++) {
      const t = rest[i];
      const up = t.value.toUpperCase();
      if (t.kind === 'list' && i === 0) {
        const tag = t.items?.[1]?.value ?? '';
        nodes.push(this.node(t, 'correlator', { text: `Answers the command tagged ${tag}.`, rfc: this.p.name === 'imap4rev2' ? 'RFC 9051 §7.3.4' : 'RFC 4731 §3.1', children: (t.items ?? []).map((x) => this.generic(x)) }));
      } else if (up === 'UID') {
        nodes.push(this.node(t, 'UID', { text: 'The numbers are UIDs (the command was UID SEARCH).' }));
      } else if (['MIN', 'MAX', 'COUNT', 'ALL'].includes(up) && rest[i + 1]) {
        const w = lookup(this.p, 'items', up) ?? { text: up, rfc: 'RFC 4731 §3.1' };
        nodes.push(this.node(t, 'result item', { text: w.text, rfc: w.rfc }));
        const v = rest[++i];
        nodes.push(this.node(v, up.toLowerCase(), { text: up === 'ALL' ? sequenceText(v.value) : undefined }));
      } else nodes.push(this.generic(t));
    }
    if (!rest.some((t) => ['MIN', 'MAX', 'COUNT', 'ALL'].includes(t.value.toUpperCase())))
      nodes.push({ label: 'result', raw: '', kind: 'text', text: 'Nothing matched: MIN, MAX and ALL are left out (COUNT only when asked for).' });
  }

  client(): Omit<Explained, 'bytes' | 'direction'> {
    const tk = new Tokenizer(this.b);
    const nodes: Node[] = [];
    const tag = tk.one();
    if (tk.atEnd()) {
      const up = tag.value.toUpperCase();
      return {
        summary: up === 'DONE' ? 'DONE ends IDLE' : 'A line sent in answer to a continuation',
        rfc: up === 'DONE' ? 'RFC 2177 §3' : undefined,
        nodes: [this.node(tag, up === 'DONE' ? 'DONE' : 'data', { text: up === 'DONE' ? 'Ends IDLE; the server then completes the IDLE command.' : 'Not a command: data for the command waiting on a +, such as a SASL response.' })],
      };
    }
    nodes.push(this.node(tag, 'tag', { text: 'Chosen by the client; the server repeats it on the final response so answers can be matched to commands.', rfc: this.p.tagRef }));
    let nameTok = tk.one();
    let name = nameTok.value.toUpperCase();
    const spec = (n: string) => this.dialect?.commands.find((c) => c.name === n);
    if (name === 'UID' && !tk.atEnd()) {
      nodes.push(this.node(nameTok, 'UID prefix', { text: 'The numbers below are UIDs instead of sequence numbers.', rfc: 'RFC 3501 §6.4.8' }));
      nameTok = tk.one();
      name = nameTok.value.toUpperCase();
    }
    const s = spec(name);
    const gone = this.dialect?.removed?.[name] ?? this.p.absent[name];
    nodes.push(this.node(nameTok, 'command', { text: s ? `Allowed in: ${s.states.join(', ')}.` : gone ? `Not in ${this.p.name}: ${gone.replace(/^\((.*)\)$/, '$1')}` : `Not a command ${this.p.name} knows.`, rfc: s?.rfc ?? (gone ? this.p.doc : undefined) }));
    const args = tk.all();
    const named = (labels: string[]) => args.forEach((t, i) => nodes.push(this.generic(t, labels[i] ?? 'argument')));
    switch (name) {
      case 'LOGIN':
        named(['user name', 'password']);
        break;
      case 'SELECT':
      case 'EXAMINE':
        named(['mailbox name', 'parameters (CONDSTORE, QRESYNC …; RFC 7162)']);
        break;
      case 'CREATE':
      case 'DELETE':
      case 'SUBSCRIBE':
      case 'UNSUBSCRIBE':
        named(['mailbox name']);
        break;
      case 'RENAME':
        named(['existing name', 'new name']);
        break;
      case 'LIST':
      case 'LSUB':
        named(['reference', 'pattern (% one level, * any depth)']);
        break;
      case 'STATUS':
        named(['mailbox name', 'items to report']);
        break;
      case 'COPY':
      case 'MOVE':
        named(['message set', 'target mailbox']);
        break;
      case 'APPEND':
        args.forEach((t, i) => {
          if (i === 0) nodes.push(this.generic(t, 'mailbox name'));
          else if (t.kind === 'list') nodes.push(this.generic(t, 'flags for the new message'));
          else if (t.kind === 'string') nodes.push(this.generic(t, 'internal date'));
          else if (t.kind === 'literal') nodes.push(this.node(t, 'message', { text: `The message itself, ${t.octets} octets, as a literal.` }));
          else nodes.push(this.generic(t));
        });
        break;
      case 'FETCH':
        args.forEach((t, i) => {
          if (i === 0) nodes.push(this.generic(t, 'message set'));
          // RFC 7162: a second list after the items holds the modifiers (CHANGEDSINCE m VANISHED).
          else if (t.kind === 'list' && i >= 2) nodes.push(this.node(t, 'modifiers', { text: 'FETCH modifiers (RFC 7162).', rfc: 'RFC 7162 §3.1.4.1', children: (t.items ?? []).map((x) => this.generic(x, 'modifier')) }));
          else if (t.kind === 'list') nodes.push(this.node(t, 'items', { children: (t.items ?? []).map((x) => this.generic(x, 'item')) }));
          else nodes.push(this.generic(t, 'item'));
        });
        break;
      case 'STORE':
        if (args[1]?.kind === 'list') {
          nodes.push(this.generic(args[0], 'message set'));
          nodes.push(this.node(args[1], 'modifiers', { text: 'STORE modifiers: (UNCHANGEDSINCE m) makes the STORE conditional.', rfc: 'RFC 7162 §3.1.3', children: (args[1].items ?? []).map((x) => this.generic(x, 'modifier')) }));
          args.slice(2).forEach((t, i) => nodes.push(this.generic(t, ['how to change the flags', 'flags'][i] ?? 'argument')));
        } else named(['message set', 'how to change the flags', 'flags']);
        break;
      case 'SEARCH':
        for (const t of args) {
          const w = t.kind === 'atom' ? SEARCH_WORDS[t.value.toUpperCase()] : undefined;
          const absent = t.kind === 'atom' ? this.p.absent[t.value.toUpperCase()] : undefined;
          if (absent && !w) nodes.push(this.node(t, 'search key', { text: absent, rfc: this.p.doc }));
          else if (w && this.dialect?.recent === false && ['NEW', 'OLD', 'RECENT'].includes(t.value.toUpperCase()))
            nodes.push(this.node(t, 'search key', { text: `Matches messages ${w} — but ${this.p.name} has no \\Recent, so the key is gone.`, rfc: this.p.doc }));
          else nodes.push(w ? this.node(t, 'search key', { text: `Matches messages ${w}.`, rfc: this.p.searchRef }) : this.generic(t, 'search argument'));
        }
        break;
      default:
        for (const t of args) nodes.push(this.generic(t));
    }
    return { summary: `${name} command`, rfc: s?.rfc, syntax: s?.syntax, nodes };
  }
}

function sequenceText(v: string): string {
  if (v === '$') return 'the result saved by an earlier SEARCH RETURN (SAVE) (SEARCHRES)';
  return v
    .split(',')
    .map((r) => {
      const [a, b] = r.split(':');
      const f = (x: string) => (x === '*' ? 'the last message' : `#${x}`);
      return b === undefined ? f(a) : `${f(a)} to ${f(b)}`;
    })
    .join(', ');
}

const CAPS: Record<string, string> = {
  IMAP4REV1: 'Speaks IMAP4rev1 (RFC 3501).',
  IMAP4REV2: 'Speaks IMAP4rev2 (RFC 9051).',
  IMAP4: 'Speaks IMAP4 (RFC 1730).',
  IDLE: 'Can push updates while the client waits (RFC 2177).',
  'LITERAL+': 'Accepts {n+} literals without waiting for + (RFC 7888).',
  'LITERAL-': 'Accepts {n+} literals up to 4096 octets (RFC 7888).',
  UIDPLUS: 'Reports new UIDs after APPEND/COPY, and UID EXPUNGE (RFC 4315).',
  MOVE: 'Has MOVE (RFC 6851).',
  NAMESPACE: 'Has NAMESPACE (RFC 2342).',
  UNSELECT: 'Has UNSELECT: close without expunging (RFC 3691).',
  CHILDREN: 'Marks mailboxes \\HasChildren / \\HasNoChildren (RFC 3348).',
  ENABLE: 'Has ENABLE (RFC 5161).',
  ID: 'Has ID (RFC 2971).',
  'SASL-IR': 'Accepts the first SASL response on the AUTHENTICATE line (RFC 4959).',
  'SPECIAL-USE': 'Marks mailboxes such as \\Sent and \\Trash (RFC 6154).',
  'LIST-EXTENDED': 'LIST takes selection and return options (RFC 5258).',
  STARTTLS: 'Can switch the connection to TLS (RFC 3501 §6.2.1).',
  LOGINDISABLED: 'LOGIN is refused on this connection (usually until TLS).',
  CONDSTORE: 'Keeps a modification sequence per change: FETCH (CHANGEDSINCE m), STORE (UNCHANGEDSINCE m), SEARCH MODSEQ (RFC 7162 §3.1).',
  QRESYNC: 'Quick resynchronisation: SELECT (QRESYNC …) and VANISHED instead of EXPUNGE, after ENABLE QRESYNC (RFC 7162 §3.2).',
};

function capabilityText(v: string): string {
  const up = v.toUpperCase();
  if (up.startsWith('AUTH=')) return `Supports the ${v.slice(5)} SASL mechanism for AUTHENTICATE.`;
  return CAPS[up] ?? 'An extension.';
}

/** The bytes of a whole client command: all entries of the same command, in order. */
export function commandBytes(entries: Entry[], entry: Entry): Uint8Array {
  if (entry.dir !== 'C' || entry.cmd === undefined) return entry.bytes;
  const parts = entries.filter((e) => e.dir === 'C' && e.cmd === entry.cmd);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.bytes.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p.bytes, o);
    o += p.bytes.length;
  }
  return out;
}

/**
 * Explains one IMAP exchange in the words of `dialectName` (the dialect the connection spoke):
 * responses, codes, items and references come from that dialect's profile (./dialects.ts).
 */
export function explain(entries: Entry[], entry: Entry, dialect: DialectInfo | undefined, dialectName?: string): Explained {
  if (entry.dir === 'N') {
    return { direction: 'note', summary: 'A note from the playground (not on the wire).', nodes: [], bytes: entry.bytes };
  }
  const p = profileFor(dialectName ?? dialect?.name);
  const bytes = commandBytes(entries, entry);
  const ex = new Explainer(bytes, dialect, p);
  const about = { dialect: `${dialect?.title ?? p.name}`, dialectNote: p.note };
  try {
    const r = entry.dir === 'C' ? ex.client() : ex.server();
    return withSasl(entries, entry, { direction: entry.dir === 'C' ? 'client' : 'server', bytes, ...about, ...r });
  } catch (e) {
    return { direction: entry.dir === 'C' ? 'client' : 'server', summary: `Could not take this apart: ${(e as Error).message}`, nodes: [], bytes, ...about };
  }
}
