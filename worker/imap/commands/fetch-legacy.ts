import { bodyStructure } from '../../mime/bodystructure';
import { envelope } from '../../mime/envelope';
import { findFields, unfoldedValue } from '../../mime/header';
import { nstring } from '../../mime/istring';
import type { MimePart } from '../../mime/parse';
import { fetchSection, findPart, type SectionSpec } from '../../mime/section';
import { tight, tightCount, writeMimeValue } from '../../mime/tight';
import { formatDateTime } from '../../store/dates';
import type { Message } from '../../store/model';
import { ByteWriter } from '../../wire/encode';
import type { Reader } from '../../wire/parser';
import { Atom, type Value } from '../../wire/values';
import { mimeOf } from '../mimecache';
import { messagesIn, readSequenceSet } from '../sequence';
import type { ImapSession } from '../session';
import { SELECTED, no, ok, type CommandSpec, type Completion } from '../types';

/**
 * FETCH as it was before RFC 2060 gave it section specifiers and `<partial>`: the items of
 * RFC 1176 (IMAP2), RFC 1203 (IMAP3: any header field is a key) and RFC 1730 (IMAP4: BODY,
 * BODYSTRUCTURE, numeric sections with part 0 the header, the .PEEK forms,
 * RFC822.HEADER.LINES), and RFC 1730's PARTIAL. A dialect describes its grammar with a
 * LegacyFetchGrammar; this file does the rest.
 */
export interface LegacyFetchGrammar {
  /** The plain item names (also the names the macros expand to). */
  items: readonly string[];
  macros: Readonly<Record<string, readonly string[]>>;
  /** RFC 1730: `BODY[n.n]` / `BODY.PEEK[n.n]`, part numbers only, `0` the header. */
  sections?: boolean;
  /**
   * Whether `BODY.PEEK[n]` and section `0` (the header) exist beside `BODY[n]` (default true):
   * RFC 1732 lists both as new in IMAP4, so IMAP2bis has neither.
   */
  sectionPeekAndZero?: boolean;
  /** RFC 1730: `RFC822.HEADER.LINES (fields)` and `.NOT`. */
  headerLines?: boolean;
  /** RFC 1203: any other atom is a key (a header field, `$FROM`-style unions, generic keys). */
  keys?: boolean;
  /** RFC 1203 INDEXABLE.FIELDS: `key first:last` picks octets of the value. */
  ranges?(session: ImapSession): boolean;
  /** Whether reading a body sets \Seen (RFC 1203 3.0: only with AUTO.SET.SEEN). */
  autoSeen(session: ImapSession): boolean;
  /** RFC 1203: addresses have a fifth field, a comment (not in IMAP2 mode). */
  addressComment?(session: ImapSession): boolean;
  /** RFC 1176 strings: no backslash escapes; `%`, `{` and the empty string go as literals. */
  plainStrings?: boolean;
  /** RFC 1730 §6.4.9: a UID command's FETCH responses carry UID (at the end). */
  uidItem?: boolean;
}

export type LegacyItem =
  | { kind: 'FLAGS' | 'INTERNALDATE' | 'RFC822.SIZE' | 'ENVELOPE' | 'UID' | 'BODY' | 'BODYSTRUCTURE' }
  | { kind: 'text'; label: 'RFC822' | 'RFC822.HEADER' | 'RFC822.TEXT'; seen: boolean; fields?: { names: string[]; not: boolean } }
  | { kind: 'section'; path: number[]; label: string; seen: boolean }
  | { kind: 'key'; key: string; range: [number, number] | null };

const PLAIN = new Set(['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'UID', 'BODY', 'BODYSTRUCTURE']);
const TEXT: Record<string, { label: 'RFC822' | 'RFC822.HEADER' | 'RFC822.TEXT'; seen: boolean }> = {
  RFC822: { label: 'RFC822', seen: true },
  'RFC822.PEEK': { label: 'RFC822', seen: false },
  'RFC822.HEADER': { label: 'RFC822.HEADER', seen: false },
  'RFC822.TEXT': { label: 'RFC822.TEXT', seen: true },
  'RFC822.TEXT.PEEK': { label: 'RFC822.TEXT', seen: false },
};

/** RFC 1730 `section ::= "0" / nz_number ["." section]` (without `"0"` when `zero` is false). */
function readSection1730(args: Reader, zero: boolean): { path: number[]; label: string } {
  args.char('[');
  const start = args.pos;
  const text = args.takeWhile((b) => (b >= 0x30 && b <= 0x39) || b === 0x2e);
  const parts = text.split('.');
  if (!text || parts.some((p) => !/^\d+$/.test(p))) throw args.error('Invalid section: part numbers separated by "." (RFC 1730)', start);
  const path = parts.map(Number);
  path.forEach((n, i) => {
    if (n === 0 && !zero) throw args.error('Invalid section: parts are numbered from 1 (section 0, the header, came with IMAP4: fetch RFC822.HEADER)', start);
    if (n === 0 && i !== path.length - 1) throw args.error('Invalid section: 0 (the header) can only come last', start);
  });
  args.char(']');
  return { path, label: text };
}

function readItem(session: ImapSession, args: Reader, g: LegacyFetchGrammar, items: LegacyItem[]): void {
  const start = args.pos;
  const word = args.keyword('fetch attribute');
  const full = g.sectionPeekAndZero !== false;
  if (g.sections && (word === 'BODY' || (word === 'BODY.PEEK' && full)) && args.peek() === 0x5b /* [ */) {
    const { path, label } = readSection1730(args, full);
    items.push({ kind: 'section', path, label, seen: word === 'BODY' });
    return;
  }
  if (g.headerLines && (word === 'RFC822.HEADER.LINES' || word === 'RFC822.HEADER.LINES.NOT')) {
    args.sp();
    const names = args.list(() => args.astring('header field name'), { allowEmpty: false, what: 'header list' });
    items.push({ kind: 'text', label: 'RFC822.HEADER', seen: false, fields: { names, not: word.endsWith('.NOT') } });
    return;
  }
  if (g.items.includes(word)) {
    if (PLAIN.has(word)) items.push({ kind: word as 'FLAGS' });
    else if (TEXT[word]) items.push({ kind: 'text', ...TEXT[word] });
    else throw args.error(`Unknown fetch attribute ${word}`, start);
    return;
  }
  if (g.keys && !(word in g.macros) && args.peek() !== 0x5b) {
    let range: [number, number] | null = null;
    // INDEXABLE.FIELDS: `BODY 2000:3999`, zero-based and inclusive (RFC 1203 appendix).
    if (g.ranges?.(session) && args.peek() === 0x20 && args.peek(1) >= 0x30 && args.peek(1) <= 0x39) {
      args.sp();
      const a = args.number();
      args.char(':');
      const b = args.number();
      range = [a, b];
    }
    items.push({ kind: 'key', key: word, range });
    return;
  }
  throw args.error(`Unknown fetch attribute ${word}`, start);
}

export function parseLegacyItems(session: ImapSession, args: Reader, g: LegacyFetchGrammar): LegacyItem[] {
  const items: LegacyItem[] = [];
  if (args.peek() === 0x28 /* ( */) {
    args.list(() => readItem(session, args, g, items), { allowEmpty: false, what: 'fetch attribute list' });
    return items;
  }
  const save = args.pos;
  const word = args.keyword('fetch attribute');
  const macro = g.macros[word];
  if (macro && args.peek() !== 0x5b) {
    for (const k of macro) items.push({ kind: k as 'FLAGS' });
    return items;
  }
  args.pos = save;
  readItem(session, args, g, items);
  return items;
}

// --- values ------------------------------------------------------------------------------

/**
 * A value written the way RFC 1176 can read it: its quoted strings have no escapes and
 * hold at least one CHARACTER (no `"` `{` `%` `\` CR LF), so anything else is a literal.
 */
export function plainValue(v: Value): Value {
  if (typeof v === 'string') return v === '' || /["{%\\\r\n]|[^\x00-\x7f]/.test(v) ? new TextEncoder().encode(v) : v;
  if (v instanceof Atom && v.text.startsWith('"')) {
    // A Dovecot-style escaped quoted string becomes a literal of its text.
    const text = v.text.slice(1, -1).replace(/\\(["\\])/g, '$1');
    return Uint8Array.from(text, (c) => c.charCodeAt(0));
  }
  if (Array.isArray(v)) return tight(v.map(plainValue), tightCount(v));
  return v;
}

/** RFC 1203: `address ::= "(" addr_name SP addr_adl SP addr_mailbox SP addr_host addr_comment ")"`. */
function withComments(env: Value): Value {
  if (!Array.isArray(env)) return env;
  return env.map((field, i) => {
    if (i < 2 || i > 7 || !Array.isArray(field)) return field;
    return tight(
      field.map((addr) => (Array.isArray(addr) ? [...addr, null] : addr)),
      tightCount(field),
    );
  });
}

function paramList(part: MimePart): Value {
  if (!part.params.length) return null;
  return part.params.flatMap((p) => [nstring(p.name), nstring(p.value)]);
}

/**
 * BODYSTRUCTURE as RFC 1730 defines it: the basic fields, then only the MD5 (single part)
 * or only the parameter list (multipart). RFC 2060 added disposition and language.
 */
export function bodyStructure1730(part: MimePart): Value {
  if (part.kind === 'multipart') {
    const base = bodyStructure(part, false) as Value[];
    const children = part.children.length ? part.children.map(bodyStructure1730) : [base[0]];
    return tight([...children, base[base.length - 1], paramList(part)], children.length);
  }
  const base = [...(bodyStructure(part, false) as Value[])];
  if (part.kind === 'message' && part.message !== null && base.length >= 10) base[8] = bodyStructure1730(part.message);
  base.push(nstring(part.contentMd5));
  return base;
}

/** RFC 1203 canonical keys: server-defined unions of related header fields. */
const CANONICAL: Record<string, string[]> = {
  $FROM: ['From', 'Sender', 'Reply-To'],
  $TO: ['To', 'Resent-To', 'Apparently-To'],
  $CC: ['Cc', 'Resent-Cc'],
  $SUBJECT: ['Subject'],
};

/** The header fields an RFC 1203 key stands for (generic and concrete keys name one field). */
export function keyFields(key: string): string[] {
  return CANONICAL[key] ?? [key];
}

const latin1 = (b: Uint8Array) => {
  let s = '';
  for (const c of b) s += String.fromCharCode(c);
  return s;
};

/** The values of an RFC 1203 key for a message: NIL, one string, or a list of strings. */
function keyValue(m: Message, key: string, range: [number, number] | null): Value {
  const root = mimeOf(m);
  let values: string[];
  switch (key) {
    case 'SIZE':
      return m.raw.length;
    case 'HEADER':
      values = [latin1(fetchSection(m.raw, root, { part: [], text: 'HEADER' }))];
      break;
    case 'BODY':
      values = [latin1(fetchSection(m.raw, root, { part: [], text: 'TEXT' }))];
      break;
    case 'TEXT':
      values = [latin1(m.raw)];
      break;
    default:
      values = keyFields(key).flatMap((f) => findFields(root.fields, f).map((x) => unfoldedValue(m.raw, x).replace(/^[ \t]+/, '')));
  }
  if (range) values = values.map((v) => v.slice(range[0], range[1] + 1));
  const str = (s: string): Value => (/^[\x00-\x7f]*$/.test(s) ? s : Uint8Array.from(s, (c) => c.charCodeAt(0)));
  if (!values.length) return null;
  return values.length === 1 ? str(values[0]) : values.map(str);
}

function sectionOctets(m: Message, path: number[]): Uint8Array | string {
  const root = mimeOf(m);
  const last = path[path.length - 1];
  if (last === 0) {
    const where = path.slice(0, -1);
    if (!where.length) return fetchSection(m.raw, root, { part: [], text: 'HEADER' });
    const part = findPart(root, where);
    if (!part || part.kind !== 'message' || !part.message) return `Section ${path.join('.')} does not exist: part ${where.join('.')} is not a MESSAGE/RFC822 part`;
    return fetchSection(m.raw, root, { part: where, text: 'HEADER' });
  }
  const part = findPart(root, path);
  if (!part) return `Section ${path.join('.')} does not exist`;
  if (part.kind === 'multipart') return `Section ${path.join('.')} is a MULTIPART part: it cannot be fetched itself, only its members (RFC 1730)`;
  return fetchSection(m.raw, root, { part: path } as SectionSpec);
}

function textOctets(m: Message, it: Extract<LegacyItem, { kind: 'text' }>): Uint8Array {
  const root = mimeOf(m);
  if (it.label === 'RFC822') return m.raw;
  if (it.label === 'RFC822.TEXT') return fetchSection(m.raw, root, { part: [], text: 'TEXT' });
  if (it.fields) return fetchSection(m.raw, root, { part: [], text: it.fields.not ? 'HEADER.FIELDS.NOT' : 'HEADER.FIELDS', fields: it.fields.names });
  return fetchSection(m.raw, root, { part: [], text: 'HEADER' });
}

/** A FETCH item's name and value, or a reason it cannot be fetched (answered with NO). */
function itemValue(session: ImapSession, g: LegacyFetchGrammar, m: Message, it: LegacyItem, partial: [number, number] | null): [string, Value | Uint8Array] | string {
  const cut = (b: Uint8Array) => (partial ? b.subarray(Math.min(partial[0] - 1, b.length), Math.min(partial[0] - 1 + partial[1], b.length)) : b);
  switch (it.kind) {
    case 'FLAGS':
      return ['FLAGS', new Atom(session.flagsItem(m).slice(6))];
    case 'UID':
      return ['UID', m.uid];
    case 'INTERNALDATE':
      return ['INTERNALDATE', (session.dialect.formatDate ?? formatDateTime)(m.internalDate, m.zone)];
    case 'RFC822.SIZE':
      return ['RFC822.SIZE', m.raw.length];
    case 'ENVELOPE': {
      let env = envelope(mimeOf(m));
      if (g.addressComment?.(session)) env = withComments(env);
      return ['ENVELOPE', env];
    }
    case 'BODY':
      return ['BODY', bodyStructure(mimeOf(m), false)];
    case 'BODYSTRUCTURE':
      return ['BODYSTRUCTURE', bodyStructure1730(mimeOf(m))];
    case 'text':
      return [it.label, cut(textOctets(m, it))];
    case 'section': {
      const data = sectionOctets(m, it.path);
      return typeof data === 'string' ? data : [`BODY[${it.label}]`, cut(data)];
    }
    case 'key':
      return [it.key, keyValue(m, it.key, it.range)];
  }
}

const readsBody = (it: LegacyItem) => (it.kind === 'text' || it.kind === 'section') && it.seen;

/**
 * Answers one message: `* n FETCH (...)` with the items in the order asked, then FLAGS when
 * the fetch just set \Seen and FLAGS was not asked for, then UID for a UID command.
 */
function fetchOne(session: ImapSession, g: LegacyFetchGrammar, m: Message, items: LegacyItem[], uid: boolean, partial: [number, number] | null): string | null {
  const sel = session.selected!;
  let seenNow = false;
  if (!sel.readOnly && g.autoSeen(session) && items.some(readsBody) && !m.flags.has('\\Seen')) {
    session.store.storeFlags(sel.mailbox, [m], 'add', ['\\Seen'], session);
    seenNow = true;
  }
  const written = [...items];
  if (seenNow && !items.some((i) => i.kind === 'FLAGS')) written.push({ kind: 'FLAGS' });
  if (uid && g.uidItem && !items.some((i) => i.kind === 'UID')) written.push({ kind: 'UID' });
  const pairs: Array<[string, Value | Uint8Array]> = [];
  for (const it of written) {
    const v = itemValue(session, g, m, it, partial);
    if (typeof v === 'string') return v;
    pairs.push(v);
  }
  const w = new ByteWriter().text(`${session.prefix} ${sel.seqOfUid(m.uid)} FETCH (`);
  pairs.forEach(([name, value], i) => {
    if (i) w.text(' ');
    w.text(`${name} `);
    writeMimeValue(w, g.plainStrings ? plainValue(value) : value);
  });
  session.send(w.text(')\r\n').finish());
  return null;
}

/** FETCH (and UID FETCH from RFC 1730 on) in a dialect older than RFC 2060. */
export const LEGACY_FETCH: CommandSpec = {
  name: 'FETCH',
  states: SELECTED,
  syntax: 'FETCH sequence (item ...) | item | ALL | FAST',
  rfc: 'RFC 1176, RFC 1203, RFC 1730 §6.4.5',
  holdsExpunges: true,
  run({ session, args, uid }) {
    const g = session.dialect.fetch!;
    args.sp();
    const set = readSequenceSet(session, args, uid);
    args.sp();
    const items = parseLegacyItems(session, args, g);
    args.end();
    for (const m of messagesIn(session, set, uid)) {
      session.checkBudget();
      const err = fetchOne(session, g, m, items, uid, null);
      if (err) return no(err);
    }
    return ok(fetchDone(session, 'FETCH'));
  },
};

function fetchDone(session: ImapSession, name: string): string {
  return session.dialect.name === 'imap4' ? `${name} completed` : 'Fetch completed';
}

/**
 * RFC 1730 §6.4.6: `PARTIAL msgno item first count`, octets counted from 1; the answer is
 * an ordinary FETCH that does not say which octets it holds.
 */
export const PARTIAL: CommandSpec = {
  name: 'PARTIAL',
  states: SELECTED,
  syntax: 'PARTIAL message-number (RFC822 | RFC822.HEADER | RFC822.TEXT | BODY[section])[.PEEK] first-octet count',
  rfc: 'RFC 1730 §6.4.6',
  holdsExpunges: true,
  run({ session, args }): Completion {
    const g = session.dialect.fetch!;
    args.sp();
    const n = args.nzNumber('message number');
    args.sp();
    const items: LegacyItem[] = [];
    readItem(session, args, g, items);
    const it = items[0];
    if (it.kind !== 'section' && !(it.kind === 'text' && !it.fields)) throw args.error('PARTIAL takes RFC822, RFC822.HEADER, RFC822.TEXT or BODY[section] (or a .PEEK form)');
    args.sp();
    const first = args.nzNumber('first octet');
    args.sp();
    const count = args.number('octet count');
    args.end();
    const view = session.selected!.messages;
    if (n > view.length) throw args.error('Invalid message number');
    const err = fetchOne(session, g, view[n - 1], items, false, [first, count]);
    return err ? no(err) : ok('PARTIAL completed');
  },
};

