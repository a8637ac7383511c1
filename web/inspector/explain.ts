import type { DialectInfo } from '../engine';
import {
  ADDRESS_FIELDS, ENVELOPE_FIELDS, MESSAGE_PART_EXTRA, MULTIPART_EXTENSION, PART_EXTENSION,
  NOTIFY_WORDS, PART_FIELDS, RETURN_WORDS, SEARCH_WORDS, TEXT_PART_EXTRA, type Word,
} from '../imap/words';
import { lookup, profileFor, type DialectProfile } from './dialects';
import { Tokenizer, type Tok } from '../imap/tokens';
import type { Entry } from '../terminal/session';
import { visibleString } from '../terminal/visible';
import { withSasl } from './sasl';
import { CAPABILITIES as SORT_CAPS, sortCommand, sortResponse, threadCommand, threadResponse, type Makers } from './sort-thread';

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


/**
 * The word-table key of a FETCH item name: BODY[…] and BODY.PEEK[…] (with any <origin>) are
 * content, explained under `BODY[]` rather than under BODY, the structure item; BINARY[…] and
 * BINARY.SIZE[…] under BINARY and BINARY.SIZE.
 */
function itemKey(up: string): string {
  const bracket = up.indexOf('[');
  const base = (bracket === -1 ? up : up.slice(0, bracket)).replace(/\.PEEK$/, '');
  return bracket !== -1 && base === 'BODY' ? 'BODY[]' : base;
}

class Explainer {
  constructor(
    readonly b: Uint8Array,
    readonly dialect: DialectInfo | undefined,
    readonly p: DialectProfile,
    /** Tags of the SORT commands in the exchange: their * ESEARCH is ESORT's (RFC 5267). */
    readonly sortTags: ReadonlySet<string> = new Set(),
  ) {}

  /** The node makers the SORT/THREAD explanations (./sort-thread.ts) borrow. */
  get makers(): Makers<Node> {
    return { node: (t, label, extra) => this.node(t, label, extra), generic: (t, label) => this.generic(t, label), searchKey: (t) => this.searchKey(t) };
  }

  /** One SEARCH key (also after SORT's and THREAD's charset). */
  searchKey(t: Tok): Node {
    const w = t.kind === 'atom' ? SEARCH_WORDS[t.value.toUpperCase()] : undefined;
    const absent = t.kind === 'atom' ? this.p.absent[t.value.toUpperCase()] : undefined;
    if (absent && !w) return this.node(t, 'search key', { text: absent, rfc: this.p.doc });
    if (w && this.dialect?.recent === false && ['NEW', 'OLD', 'RECENT'].includes(t.value.toUpperCase()))
      return this.node(t, 'search key', { text: `Matches messages ${w} — but ${this.p.name} has no \\Recent, so the key is gone.`, rfc: this.p.doc });
    return w ? this.node(t, 'search key', { text: `Matches messages ${w}.`, rfc: this.p.searchRef }) : this.generic(t, 'search argument');
  }

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
        : (lookup(this.p, 'items', itemKey(up)) ?? this.resp(up));
      if (w) return this.node(t, label || (up.startsWith('\\') ? 'flag' : 'keyword'), word(w));
      if (up.startsWith('\\')) return this.node(t, label || 'flag', { text: 'A flag or attribute.' });
      if (t.value === '$') return this.node(t, label || 'sequence set', { text: sequenceText(t.value), rfc: 'RFC 5182 §2.1' });
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
    // RFC 5464's codes are two words: METADATA LONGENTRIES n, METADATA TOOMANY, …
    const sub = name === 'METADATA' && items[1] ? lookup(this.p, 'codes', `METADATA ${items[1].value.toUpperCase()}`) : undefined;
    return this.node(t, 'response code', {
      raw: visibleString(this.b, t.start, t.end),
      ...word(sub ?? lookup(this.p, 'codes', name) ?? { text: 'A response code: machine-readable detail in brackets.', rfc: `${this.p.doc} §7.1` }),
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
      rest.forEach((t, i) =>
        nodes.push(
          i === 0
            ? this.node(t, 'attributes', { children: (t.items ?? []).map((x) => this.generic(x, 'attribute')) })
            : i === 3 && t.kind === 'list' && /^"?OLDNAME"?$/i.test(t.items?.[0]?.value ?? '')
              ? this.node(t, 'extended data', { text: 'OLDNAME: the mailbox was renamed; this is its old name (a NOTIFY MailboxName event).', rfc: 'RFC 5465 §5.4, RFC 5258 §3.5' })
              : this.generic(t, i === 1 ? 'hierarchy delimiter' : i === 2 ? 'mailbox name' : 'extended data'),
        ),
      );
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
    } else if (up === 'SORT') {
      nodes.push(...sortResponse(rest, this.makers));
    } else if (up === 'THREAD') {
      nodes.push(...threadResponse(rest, this.makers));
    } else if (up === 'FLAGS') {
      for (const t of rest) nodes.push(this.node(t, 'flags', { children: (t.items ?? []).map((x) => this.generic(x, 'flag')) }));
    } else if (up === 'METADATA') {
      rest.forEach((t, i) => {
        if (i === 0) nodes.push(this.node(t, 'mailbox name', { text: t.value === '' ? '"" : the server’s own entries, not a mailbox’s.' : undefined }));
        else if (t.kind === 'list') nodes.push(this.node(t, 'entries and values', { text: 'Each entry name is followed by its value: a literal, or NIL when it is not set.', rfc: 'RFC 5464 §4.4.1', children: (t.items ?? []).map((x, k) => (k % 2 === 0 ? entryNode(this, x) : this.generic(x, 'value'))) }));
        else nodes.push(entryNode(this, t));
      });
    } else for (const t of rest) nodes.push(this.generic(t));
    return { summary: tagged ? `${up} (solicited, tagged ${first.value})` : `Untagged ${up}`, rfc: this.resp(up)?.rfc, nodes };
  }

  /** RFC 5464 §4.2: `GETMETADATA [(options)] mailbox entry-or-list`. */
  getmetadata(args: Tok[], nodes: Node[]): void {
    let i = 0;
    if (args[0]?.kind === 'list' && args.length > 2) {
      const opts = args[0].items ?? [];
      nodes.push(this.node(args[0], 'options', {
        text: 'MAXSIZE n: leave out values over n octets; DEPTH 0 (the entry), 1 (and its children) or infinity (and every descendant).',
        rfc: 'RFC 5464 §4.2.1, §4.2.2',
        children: opts.map((o, k) => (k % 2 === 0 ? this.node(o, 'option', { text: OPTION_TEXT[o.value.toUpperCase()] ?? 'Not an option RFC 5464 defines.', rfc: 'RFC 5464 §4.2' }) : this.generic(o, 'option value'))),
      }));
      i = 1;
    }
    if (args[i]) nodes.push(this.node(args[i], 'mailbox name', { text: args[i].value === '' ? '"": the server’s entries (RFC 5464 §3.2.1).' : 'The mailbox whose entries are asked for.' }));
    for (const t of args.slice(i + 1)) {
      if (t.kind === 'list') nodes.push(this.node(t, 'entries', { children: (t.items ?? []).map((x) => entryNode(this, x)) }));
      else nodes.push(entryNode(this, t));
    }
  }

  /** RFC 5464 §4.3: `SETMETADATA mailbox (entry value …)`. */
  setmetadata(args: Tok[], nodes: Node[]): void {
    if (args[0]) nodes.push(this.node(args[0], 'mailbox name', { text: args[0].value === '' ? '"": the server’s entries (RFC 5464 §3.2.1).' : 'The mailbox whose entries are set.' }));
    const list = args[1];
    if (list?.kind === 'list')
      nodes.push(this.node(list, 'entries and values', {
        text: 'Pairs of entry name and value; NIL removes the entry. All are set, or none.',
        rfc: 'RFC 5464 §4.3',
        children: (list.items ?? []).map((x, k) => (k % 2 === 0 ? entryNode(this, x) : this.node(x, 'value', { text: x.kind === 'nil' || (x.kind === 'atom' && x.value.toUpperCase() === 'NIL') ? 'NIL: remove this entry.' : 'The new value (a string or literal).' }))),
      }));
    for (const t of args.slice(2)) nodes.push(this.generic(t));
  }

  /** RFC 9051 §7.3.4 / RFC 4731: `(TAG "a1") [UID] (MIN n / MAX n / COUNT n / ALL set / PARTIAL (…) / ADDTO (…) / REMOVEFROM (…))…`. */
  esearch(rest: Tok[], nodes: Node[]): void {
    const ITEMS = ['MIN', 'MAX', 'COUNT', 'ALL', 'PARTIAL', 'ADDTO', 'REMOVEFROM'];
    for (let i = 0; i < rest.length; i++) {
      const t = rest[i];
      const up = t.value.toUpperCase();
      if (t.kind === 'list' && i === 0) {
        const tag = t.items?.[1]?.value ?? '';
        const sort = this.sortTags.has(tag);
        nodes.push(
          this.node(t, 'correlator', {
            text: sort ? `Answers the SORT tagged ${tag} (ESORT): MIN and MAX are the first and last in sort order, ALL is in sort order.` : `Answers the command tagged ${tag}.`,
            rfc: sort ? 'RFC 5267 §3.2' : this.p.name === 'imap4rev2' ? 'RFC 9051 §7.3.4' : 'RFC 4731 §3.1',
            children: (t.items ?? []).map((x) => this.generic(x)),
          }),
        );
      } else if (up === 'UID') {
        nodes.push(this.node(t, 'UID', { text: 'The numbers are UIDs (the command was UID SEARCH).' }));
      } else if (ITEMS.includes(up) && rest[i + 1]) {
        const w = (['MIN', 'MAX', 'COUNT', 'ALL'].includes(up) ? lookup(this.p, 'items', up) : undefined) ?? RETURN_WORDS[up];
        nodes.push(this.node(t, up === 'ADDTO' || up === 'REMOVEFROM' ? 'update' : 'result item', { text: w.text, rfc: w.rfc }));
        const v = rest[++i];
        if (v.kind === 'list') {
          const [a, b] = v.items ?? [];
          const first = up === 'PARTIAL' ? 'range asked for (positions in the result)' : 'position (0: the search is unsorted)';
          const children = [a && this.node(a, first), b && (b.kind === 'nil' ? this.node(b, 'messages', { text: 'NIL: no match falls in the range.' }) : this.node(b, 'messages', { text: sequenceText(b.value) }))].filter((x): x is Node => !!x);
          nodes.push(this.node(v, up.toLowerCase(), { children }));
        } else nodes.push(this.node(v, up.toLowerCase(), { text: up === 'ALL' ? sequenceText(v.value) : undefined }));
      } else nodes.push(this.generic(t));
    }
    if (!rest.some((t) => ITEMS.includes(t.value.toUpperCase())))
      nodes.push({ label: 'result', raw: '', kind: 'text', text: 'Nothing matched: MIN, MAX and ALL are left out (COUNT only when asked for). A search kept updating (RETURN (UPDATE)) answers like this until its result changes.' });
  }

  /** A literal, saying when it is a literal8 (`~{n}`, RFC 3516: may hold NUL). */
  literalText(t: Tok, what: string): string {
    const l8 = this.b[t.start] === 0x7e;
    return l8
      ? `${what}, ${t.octets} octets, as a literal8 ~{${t.octets}}: like a literal, but the octets may include NUL (BINARY, RFC 3516 §4.4).`
      : `${what}, ${t.octets} octets, as a literal.`;
  }

  /** APPEND mailbox, then per message [flags] [date] literal / CATENATE (…) (RFC 3502, RFC 4469). */
  append(args: Tok[], nodes: Node[]): void {
    const several = args.filter((t) => t.kind === 'literal' || t.value.toUpperCase() === 'CATENATE').length > 1;
    let n = 1;
    const label = (what: string) => (several ? `${what} (message ${n})` : what);
    for (let i = 0; i < args.length; i++) {
      const t = args[i];
      if (i === 0) nodes.push(this.generic(t, 'mailbox name'));
      else if (t.kind === 'list') nodes.push(this.generic(t, label('flags for the new message')));
      else if (t.kind === 'string') nodes.push(this.generic(t, label('internal date')));
      else if (t.kind === 'literal') {
        nodes.push(this.node(t, label('message'), { text: this.literalText(t, 'The message itself') + (several ? ' Several messages in one APPEND: MULTIAPPEND, all appended or none (RFC 3502).' : '') }));
        n++;
      } else if (t.kind === 'atom' && t.value.toUpperCase() === 'CATENATE') {
        nodes.push(this.generic(t, label('CATENATE')));
        const list = args[i + 1];
        if (list?.kind === 'list') {
          i++;
          const items = list.items ?? [];
          const children: Node[] = [];
          for (let k = 0; k < items.length; k++) {
            const kind = items[k].value.toUpperCase();
            children.push(this.generic(items[k], 'part kind'));
            const v = items[k + 1];
            if (!v) break;
            k++;
            if (kind === 'URL') children.push(this.node(v, 'IMAP URL', { text: urlText(v.value), rfc: 'RFC 5092' }));
            else if (v.kind === 'literal') children.push(this.node(v, 'text', { text: this.literalText(v, 'Octets copied into the message') }));
            else children.push(this.generic(v));
          }
          nodes.push(this.node(list, label('parts'), { text: 'The message is these parts put together, in order.', rfc: 'RFC 4469 §5', children }));
        }
        n++;
      } else nodes.push(this.generic(t));
    }
  }

  /** LIST [(selection)] reference pattern [RETURN (options)] (RFC 5258; STATUS from RFC 5819). */
  list(args: Tok[], nodes: Node[]): void {
    let i = 0;
    if (args[0]?.kind === 'list' && args.length > 2) nodes.push(this.node(args[i++], 'selection options', { rfc: 'RFC 5258 §3.1', children: (args[0].items ?? []).map((x) => this.generic(x, 'option')) }));
    if (args[i]) nodes.push(this.generic(args[i++], 'reference'));
    if (args[i]) nodes.push(this.generic(args[i++], 'pattern (% one level, * any depth)'));
    for (; i < args.length; i++) {
      const t = args[i];
      if (t.kind === 'list' && args[i - 1]?.value.toUpperCase() === 'RETURN') {
        const items = t.items ?? [];
        const children = items.map((x, k) => {
          if (x.kind === 'list' && items[k - 1]?.value.toUpperCase() === 'STATUS') return this.node(x, 'status items', { rfc: 'RFC 5819 §2', children: (x.items ?? []).map((y) => this.generic(y, 'counter')) });
          return this.generic(x, 'return option');
        });
        nodes.push(this.node(t, 'return options', { rfc: 'RFC 5258 §3.2', children }));
      } else nodes.push(this.generic(t));
    }
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
      case 'GETMETADATA':
        this.getmetadata(args, nodes);
        break;
      case 'SETMETADATA':
        this.setmetadata(args, nodes);
        break;
      case 'LIST':
        this.list(args, nodes);
        break;
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
        this.append(args, nodes);
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
        for (let i = 0; i < args.length; i++) {
          const t = args[i];
          const up = t.kind === 'atom' ? t.value.toUpperCase() : '';
          const w = SEARCH_WORDS[up];
          const absent = t.kind === 'atom' ? this.p.absent[up] : undefined;
          if (i === 0 && up === 'RETURN' && args[1]?.kind === 'list') {
            nodes.push(this.node(t, 'RETURN', { text: 'What to send back: an * ESEARCH response with the items listed (ESEARCH).', rfc: this.p.name === 'imap4rev2' ? 'RFC 9051 §6.4.4' : 'RFC 4731 §3.1' }));
            const opts = args[++i];
            const items = opts.items ?? [];
            const children: Node[] = [];
            for (let j = 0; j < items.length; j++) {
              const o = items[j];
              const ow = RETURN_WORDS[o.value.toUpperCase()];
              children.push(ow ? this.node(o, 'return option', word(ow)) : this.node(o, 'return option', { text: 'Not a RETURN option this server knows (the command is refused).' }));
              if (o.value.toUpperCase() === 'PARTIAL' && items[j + 1]) children.push(this.node(items[++j], 'range', { text: 'Positions in the result (1 is the first match), lo:hi in either order.', rfc: 'RFC 5267 §4.4' }));
            }
            nodes.push(this.node(opts, 'return options', { text: items.length ? undefined : 'RETURN (): the same as RETURN (ALL).', children }));
          } else if (up === 'CHARSET' && args[i + 1]) {
            nodes.push(this.node(t, 'CHARSET', { text: 'The charset of the strings that follow.', rfc: this.p.searchRef }));
            nodes.push(this.generic(args[++i], 'charset'));
          } else if ((up === 'OLDER' || up === 'YOUNGER') && w) {
            nodes.push(this.node(t, 'search key', { text: `Matches messages ${w}.`, rfc: 'RFC 5032 §3' }));
            if (args[i + 1]) nodes.push(this.node(args[++i], 'interval', { text: 'Seconds before now (1 to 4294967295).', rfc: 'RFC 5032 §3' }));
          } else if (t.value === '$') nodes.push(this.node(t, 'saved result', { text: `Matches ${sequenceText('$')}.`, rfc: 'RFC 5182 §2.1' }));
          else if (absent && !w) nodes.push(this.node(t, 'search key', { text: absent, rfc: this.p.doc }));
          else if (w && this.dialect?.recent === false && ['NEW', 'OLD', 'RECENT'].includes(up))
            nodes.push(this.node(t, 'search key', { text: `Matches messages ${w} — but ${this.p.name} has no \\Recent, so the key is gone.`, rfc: this.p.doc }));
          else nodes.push(w ? this.node(t, 'search key', { text: `Matches messages ${w}.`, rfc: this.p.searchRef }) : this.generic(t, 'search argument'));
        }
        break;
      case 'SORT':
        nodes.push(...sortCommand(args, this.makers));
        break;
      case 'THREAD':
        nodes.push(...threadCommand(args, this.makers));
        break;
      case 'NOTIFY': {
        // SET / NONE / STATUS, then (filter [mailboxes] events) groups.
        const explainWord = (t: Tok, label: string): Node => {
          const w = NOTIFY_WORDS[t.value.toUpperCase()];
          return w ? this.node(t, label, word(w)) : this.generic(t, label);
        };
        for (const t of args) {
          if (t.kind !== 'list') {
            nodes.push(explainWord(t, 'NOTIFY keyword'));
            continue;
          }
          const items = t.items ?? [];
          const children: Node[] = [];
          for (let i = 0; i < items.length; i++) {
            const it = items[i];
            const up = it.value.toUpperCase();
            if (it.kind === 'list') children.push(this.node(it, 'events', { children: (it.items ?? []).map((e) => (e.kind === 'list' ? this.generic(e, 'FETCH items for each new message') : explainWord(e, 'event'))) }));
            else if (NOTIFY_WORDS[up] && up !== 'NONE') {
              children.push(explainWord(it, 'filter'));
              if ((up === 'SUBTREE' || up === 'MAILBOXES') && items[i + 1]) children.push(this.generic(items[++i], 'mailboxes'));
            } else children.push(explainWord(it, up === 'NONE' ? 'events' : 'filter'));
          }
          nodes.push(this.node(t, 'filter and events', { children }));
        }
        break;
      }
      case 'CANCELUPDATE':
        for (const t of args) nodes.push(this.node(t, 'search tag', { text: 'The tag of a SEARCH RETURN (UPDATE) whose updates should stop (a quoted string).', rfc: 'RFC 5267 §4.3.5' }));
        break;
      default:
        for (const t of args) nodes.push(this.generic(t));
    }
    return { summary: `${name} command`, rfc: s?.rfc, syntax: s?.syntax, nodes };
  }
}

const OPTION_TEXT: Record<string, string> = {
  MAXSIZE: 'Only values up to this many octets; longer ones are left out and reported as [METADATA LONGENTRIES n].',
  DEPTH: 'How deep below the entry to go: 0 (the default), 1 or infinity.',
};

/** An entry name (RFC 5464 §3.2): /private is the user's own value, /shared everyone's. */
function entryNode(ex: Explainer, t: Tok): Node {
  const v = t.value.toLowerCase();
  const text = v.startsWith('/private')
    ? 'A /private entry: this user’s own value, invisible to other users.'
    : v.startsWith('/shared')
      ? 'A /shared entry: one value for every user who can see the mailbox (on the server, the administrator’s).'
      : 'Not a valid entry name: it must start with /private or /shared (RFC 5464 §3.2).';
  const vendor = /^\/(private|shared)\/vendor\//.test(v) ? ' Under /vendor/: names a vendor registers for its own settings.' : '';
  return ex.node(t, 'entry name', { text: text + vendor, rfc: 'RFC 5464 §3.2' });
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

/** An IMAP URL (RFC 5092) in plain words: which message and part it names. */
function urlText(url: string): string {
  const m = /^\/?([^;]*?)(?:;UIDVALIDITY=(\d+))?\/;UID=(\d+)(?:\/;SECTION=([^/]*))?(?:\/;PARTIAL=([\d.]+))?$/i.exec(url);
  if (!m) return 'An IMAP URL; CATENATE takes relative ones, /mailbox/;UID=n…, of messages on this server.';
  const [, mailbox, uidv, uid, section, partial] = m;
  return (
    `Message UID ${uid} in ${decodeURIComponent(mailbox)}${uidv ? ` (only while its UIDVALIDITY is ${uidv})` : ''}: ` +
    `${section ? `section ${decodeURIComponent(section)}` : 'the whole message'}${partial ? `, octets ${partial} (URL-PARTIAL)` : ''}.`
  );
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
  BINARY: 'FETCH BINARY[part] gives parts decoded, and APPEND takes literal8 ~{n} with NUL octets (RFC 3516).',
  MULTIAPPEND: 'One APPEND can carry several messages, all appended or none (RFC 3502).',
  CATENATE: 'APPEND can build a message from TEXT parts and URLs of parts already here (RFC 4469).',
  'URL-PARTIAL': 'IMAP URLs may end in ;PARTIAL=origin.length, e.g. in CATENATE (RFC 5550).',
  'LIST-STATUS': 'LIST … RETURN (STATUS (…)) reports counters with each mailbox (RFC 5819).',
  'STATUS=SIZE': 'STATUS takes SIZE: the mailbox’s total octets (RFC 8438).',
  METADATA: 'Keeps annotations on the server and on mailboxes: GETMETADATA, SETMETADATA (RFC 5464).',
  'METADATA-SERVER': 'Keeps annotations on the server only (RFC 5464).',
  ESEARCH: 'SEARCH RETURN (MIN MAX ALL COUNT) answers with one * ESEARCH line (RFC 4731).',
  SEARCHRES: 'SEARCH RETURN (SAVE) keeps the result as $ for later commands (RFC 5182).',
  WITHIN: 'Has the OLDER and YOUNGER search keys, in seconds (RFC 5032).',
  'CONTEXT=SEARCH': 'SEARCH RETURN (UPDATE) keeps a search updating (ADDTO/REMOVEFROM), RETURN (PARTIAL lo:hi) pages a result, CANCELUPDATE (RFC 5267).',
  NOTIFY: 'NOTIFY: the server tells about new mail, expunges, flag changes, new, renamed and deleted mailboxes and subscriptions as they happen, in any mailbox (RFC 5465).',
};

function capabilityText(v: string): string {
  const up = v.toUpperCase();
  if (up.startsWith('AUTH=')) return `Supports the ${v.slice(5)} SASL mechanism for AUTHENTICATE.`;
  return CAPS[up] ?? SORT_CAPS[up] ?? 'An extension.';
}

/** Tags of the client's SORT and UID SORT commands (their ESEARCH answers are ESORT's). */
function sortTagsOf(entries: Entry[]): Set<string> {
  const tags = new Set<string>();
  const dec = new TextDecoder();
  for (const e of entries) {
    if (e.dir !== 'C') continue;
    const m = /^(\S+) (?:UID )?SORT /i.exec(dec.decode(e.bytes.subarray(0, 64)));
    if (m) tags.add(m[1]);
  }
  return tags;
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
  const ex = new Explainer(bytes, dialect, p, sortTagsOf(entries));
  const about = { dialect: `${dialect?.title ?? p.name}`, dialectNote: p.note };
  try {
    const r = entry.dir === 'C' ? ex.client() : ex.server();
    return withSasl(entries, entry, { direction: entry.dir === 'C' ? 'client' : 'server', bytes, ...about, ...r });
  } catch (e) {
    return { direction: entry.dir === 'C' ? 'client' : 'server', summary: `Could not take this apart: ${(e as Error).message}`, nodes: [], bytes, ...about };
  }
}
