/**
 * A cursor over the bytes of one command, as the framer delivers them (literals inline as
 * `{n}\r\n<octets>`), reading the productions of RFC 3501 §9 (and the IMSP draft, which
 * shares them). Every method either consumes what it read and returns it, or throws a
 * `ParseError` saying what was expected where; the session answers that with BAD.
 *
 * Whitespace is never skipped: the grammar says exactly one SP between arguments, so the
 * caller writes `r.sp()` where the grammar has SP. Keywords are case-insensitive.
 *
 * Strings (quoted and literal) are decoded as UTF-8, strictly; the `...Bytes()` variants give
 * the octets (for APPEND, or a SEARCH with CHARSET). 8-bit octets are allowed in quoted
 * strings (IMAP4rev2 / UTF8=ACCEPT; IMSP forbids them) and literals, never in atoms.
 */
import { MAX_NESTING } from '../limits';
import { Atom, type Value } from './values';
import { SequenceSet, STAR, type SeqRange } from './sequence-set';

export { SequenceSet, STAR, type SeqRange } from './sequence-set';

/**
 * What kind of syntax error, so a dialect can word it as its reference server does (Dovecot
 * says `Missing '"'` where we say `Unterminated quoted string`) without matching messages.
 */
export type ParseErrorCode =
  | 'syntax' // anything else (the default, e.g. for errors a command handler raises)
  | 'expected' // a required item is missing or is of another kind: `Expected ...`
  | 'extra' // something after the last argument
  | 'tag' // the tag itself
  | 'atom' // an octet that cannot be in an atom (8-bit)
  | 'number' // a number out of range
  | 'unterminated-quoted' // a quoted string runs to the end of the line
  | 'quoted' // a bad character or escape inside a quoted string
  | 'literal' // a malformed literal header, a short literal, a NUL
  | 'utf8' // a string that is not UTF-8
  | 'unterminated-list' // a list without its `)`
  | 'list' // items not separated by one SP
  | 'depth' // lists nested deeper than maxDepth
  | 'flag' // a malformed flag, or `\*` where it is not allowed
  | 'system-flag' // a `\` flag not in FlagOptions.systemFlags
  | 'sequence-set'
  | 'date';

export class ParseError extends Error {
  constructor(
    message: string,
    /** Byte offset in the command where the problem is. */
    readonly pos: number,
    readonly code: ParseErrorCode = 'syntax',
  ) {
    super(message);
    this.name = 'ParseError';
  }
}

// --- character classes -----------------------------------------------------------------

/** 256 entries, 1 for a member byte. */
export type CharClass = Uint8Array;

export function charClass(test: (byte: number) => boolean): CharClass {
  const t = new Uint8Array(256);
  for (let b = 0; b < 256; b++) t[b] = test(b) ? 1 : 0;
  return t;
}

const has = (s: string, b: number) => s.includes(String.fromCharCode(b));
const printable = (b: number) => b > 0x20 && b < 0x7f; // CHAR minus SP and CTL

/** RFC 3501 ATOM-CHAR: any CHAR except `( ) { SP CTL % * " \ ]`. */
export const ATOM_CHAR = charClass((b) => printable(b) && !has('(){%*"\\]', b));
/** ASTRING-CHAR = ATOM-CHAR / "]". */
export const ASTRING_CHAR = charClass((b) => ATOM_CHAR[b] === 1 || b === 0x5d);
/** tag = 1*<any ASTRING-CHAR except "+">. */
export const TAG_CHAR = charClass((b) => ASTRING_CHAR[b] === 1 && b !== 0x2b);
/** list-char = ATOM-CHAR / list-wildcards / resp-specials. */
export const LIST_CHAR = charClass((b) => ATOM_CHAR[b] === 1 || has('%*]', b));

/** The lexical rules a Reader follows: IMAP's by default, IMSP's where they differ. */
export interface Syntax {
  readonly atom: CharClass;
  /** The bare (atom) form of an astring. */
  readonly astring: CharClass;
  readonly tag: CharClass;
  /** The bare form of a list-mailbox (pattern). */
  readonly listChar: CharClass;
  /** `\` in a quoted string: escapes `"` and `\` (IMAP4), is an error (IMSP), or is plain (IMAP2). */
  readonly quotedBackslash: 'escape' | 'error' | 'plain';
  /** Whether octets ≥ 0x80 may appear in a quoted string. */
  readonly quoted8bit: boolean;
  readonly maxTagLength: number;
}

export const IMAP_SYNTAX: Syntax = Object.freeze({
  atom: ATOM_CHAR,
  astring: ASTRING_CHAR,
  tag: TAG_CHAR,
  listChar: LIST_CHAR,
  quotedBackslash: 'escape',
  quoted8bit: true,
  maxTagLength: Number.POSITIVE_INFINITY,
});

/**
 * Cyrus IMSP (`im_table` in im_util.c): an atom is printable ASCII except `" % ( ) * \ {`
 * (so `]` and `+` are atom characters), a tag is an atom of at most 64 characters, quoted
 * strings have no escapes and no 8-bit octets, patterns may add `%` and `*`.
 */
const IMSP_ATOM = charClass((b) => printable(b) && !has('"%()*\\{', b));
export const IMSP_SYNTAX: Syntax = Object.freeze({
  atom: IMSP_ATOM,
  astring: IMSP_ATOM,
  tag: IMSP_ATOM,
  listChar: charClass((b) => IMSP_ATOM[b] === 1 || has('%*', b)),
  quotedBackslash: 'error',
  quoted8bit: false,
  maxTagLength: 64,
});

export interface ReaderOptions {
  /** Deepest nesting of parenthesised lists (default 64); deeper is `Too deep nesting`. */
  maxDepth?: number;
  syntax?: Syntax;
}

export const DEFAULT_MAX_DEPTH = MAX_NESTING;

// --- results -----------------------------------------------------------------------------

/** RFC 3501 `date` (SEARCH BEFORE/ON/SINCE…): a calendar day. */
export interface ImapDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** Midnight UTC of that day, in ms since the epoch. */
  time: number;
}

/** RFC 3501 `date-time` (APPEND, INTERNALDATE). */
export interface ImapDateTime extends ImapDate {
  hour: number;
  minute: number;
  second: number;
  /** Offset east of Greenwich in minutes (`-0700` is -420). */
  zone: number;
  /** The instant, in ms since the epoch (UTC). */
  time: number;
}

export interface FlagOptions {
  /** Accept `\*` (flag-perm; never in a client's STORE). */
  allowStar?: boolean;
  /**
   * The `\` flags accepted, in canonical case (e.g. the five of RFC 3501 for STORE and
   * APPEND); any other is `Invalid system flag \X`. Default: any (the grammar's
   * flag-extension).
   */
  systemFlags?: readonly string[];
}

export interface ListOptions {
  /** Noun for `Expected <what>` when there is no `(` (default `'('`). */
  what?: string;
  /** Whether `()` is allowed (default true). */
  allowEmpty?: boolean;
}

// --- the reader --------------------------------------------------------------------------

const SP = 0x20;
const DQUOTE = 0x22;
const LPAREN = 0x28;
const RPAREN = 0x29;
const STAR_CHAR = 0x2a;
const PLUS = 0x2b;
const MINUS = 0x2d;
const LBRACKET = 0x5b;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const TILDE = 0x7e;
const CR = 0x0d;
const LF = 0x0a;

const MAX_U32 = 0xffffffff;
const MAX_U63 = (1n << 63n) - 1n;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lenient = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const SYSTEM_FLAGS = ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft', '\\Recent'];
const SYSTEM_FLAG_BY_UPPER = new Map(SYSTEM_FLAGS.map((f) => [f.toUpperCase(), f]));

const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
const ctx = (context: string | undefined) => (context ? ` ${context}` : '');

export class Reader {
  /** Offset of the next byte to read. Save and restore it to backtrack. */
  pos = 0;
  readonly bytes: Uint8Array;
  readonly syntax: Syntax;
  readonly maxDepth: number;
  private depth = 0;

  constructor(input: Uint8Array | string, options: ReaderOptions = {}) {
    this.bytes = typeof input === 'string' ? encoder.encode(input) : input;
    this.syntax = options.syntax ?? IMAP_SYNTAX;
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  }

  get length(): number {
    return this.bytes.length;
  }

  atEnd(): boolean {
    return this.pos >= this.bytes.length;
  }

  /** The byte `offset` ahead of the cursor, or -1 past the end. */
  peek(offset = 0): number {
    const i = this.pos + offset;
    return i < this.bytes.length ? this.bytes[i] : -1;
  }

  /** A ParseError at `pos` (default: the cursor), for `throw r.error(...)`. */
  error(message: string, pos = this.pos, code: ParseErrorCode = 'syntax'): ParseError {
    return new ParseError(message, pos, code);
  }

  fail(message: string, pos = this.pos, code: ParseErrorCode = 'syntax'): never {
    throw new ParseError(message, pos, code);
  }

  /** `Expected <what>` at `pos`. */
  private expected(what: string, pos = this.pos): never {
    throw new ParseError(`Expected ${what}`, pos, 'expected');
  }

  // --- punctuation -----------------------------------------------------------------------

  /** Exactly one SP. `context` completes the message: `sp('after tag')` → `Expected SP after tag`. */
  sp(context?: string): void {
    if (this.peek() !== SP) this.expected(`SP${ctx(context)}`);
    this.pos++;
  }

  trySp(): boolean {
    if (this.peek() !== SP) return false;
    this.pos++;
    return true;
  }

  /** The command must be over. */
  end(context?: string): void {
    if (this.atEnd()) return;
    if (this.peek() === SP) this.fail(`Unexpected extra arguments${ctx(context)}`, this.pos, 'extra');
    this.fail(`Expected end of command${ctx(context)}`, this.pos, 'extra');
  }

  /** One given ASCII character, e.g. `char(')')`, else `Expected ')'`. */
  char(ch: string, context?: string): void {
    if (this.peek() !== ch.charCodeAt(0)) this.expected(`'${ch}'${ctx(context)}`);
    this.pos++;
  }

  tryChar(ch: string): boolean {
    if (this.peek() !== ch.charCodeAt(0)) return false;
    this.pos++;
    return true;
  }

  // --- tag, atoms, keywords ---------------------------------------------------------------

  /** RFC 3501 `tag`: 1*<any ASTRING-CHAR except "+">, followed by SP or the end. */
  tag(): string {
    const start = this.pos;
    const end = this.run(this.syntax.tag);
    if (end === start) this.fail(this.atEnd() || this.peek() === SP ? 'Expected tag' : 'Invalid character in tag', start, 'tag');
    if (end < this.bytes.length && this.bytes[end] !== SP) this.fail('Invalid character in tag', end, 'tag');
    if (end - start > this.syntax.maxTagLength) this.fail('Tag too long', start, 'tag');
    this.pos = end;
    return this.ascii(start, end);
  }

  /** RFC 3501 `atom`: 1*ATOM-CHAR. */
  atom(what = 'atom'): string {
    const start = this.pos;
    const end = this.run(this.syntax.atom);
    this.no8bit(end);
    if (end === start) this.expected(what);
    this.pos = end;
    return this.ascii(start, end);
  }

  /**
   * An atom read up to (not including) `[`, upper-cased: command names, FETCH items
   * (`BODY[...]`), SEARCH keys, STORE's `+FLAGS.SILENT`.
   */
  keyword(what = 'keyword'): string {
    const start = this.pos;
    let end = start;
    const t = this.syntax.atom;
    while (end < this.bytes.length && t[this.bytes[end]] === 1 && this.bytes[end] !== LBRACKET) end++;
    this.no8bit(end);
    if (end === start) this.expected(what);
    this.pos = end;
    return this.ascii(start, end).toUpperCase();
  }

  /** The run of bytes matching `test` from the cursor (maybe empty), consumed, as ASCII. */
  takeWhile(test: (byte: number) => boolean): string {
    const start = this.pos;
    while (this.pos < this.bytes.length && test(this.bytes[this.pos])) this.pos++;
    return this.ascii(start, this.pos);
  }

  /**
   * `peekWord('BODY')`: whether the input continues with that word (ASCII, any case) as a
   * whole token: followed by the end, a byte that cannot be in an atom, or `[` (so `BODY`
   * matches `BODY[TEXT]` but not `BODY.PEEK[TEXT]` or `BODYSTRUCTURE`).
   * `peekWord()`: the keyword ahead (as `keyword()` would read it), or null; nothing consumed.
   */
  peekWord(): string | null;
  peekWord(word: string): boolean;
  peekWord(word?: string): boolean | string | null {
    if (word === undefined) {
      const save = this.pos;
      try {
        return this.keyword();
      } catch {
        return null;
      } finally {
        this.pos = save;
      }
    }
    const n = word.length;
    if (this.pos + n > this.bytes.length) return false;
    for (let i = 0; i < n; i++) {
      let b = this.bytes[this.pos + i];
      let w = word.charCodeAt(i);
      if (b >= 0x61 && b <= 0x7a) b -= 0x20;
      if (w >= 0x61 && w <= 0x7a) w -= 0x20;
      if (b !== w) return false;
    }
    const next = this.pos + n < this.bytes.length ? this.bytes[this.pos + n] : -1;
    return next === -1 || next === LBRACKET || this.syntax.atom[next] !== 1;
  }

  tryWord(word: string): boolean {
    if (!this.peekWord(word)) return false;
    this.pos += word.length;
    return true;
  }

  /** `word('BODY')`, else `Expected BODY`. */
  word(word: string, context?: string): void {
    if (!this.tryWord(word)) this.expected(`${word}${ctx(context)}`);
  }

  // --- numbers -----------------------------------------------------------------------------

  /** RFC 3501 `number`: 1*DIGIT, an unsigned 32-bit value. */
  number(what = 'number'): number {
    const start = this.pos;
    let end = start;
    let n = 0;
    while (end < this.bytes.length && isDigit(this.bytes[end])) {
      if (n <= MAX_U32) n = n * 10 + (this.bytes[end] - 0x30);
      end++;
    }
    if (end === start) this.expected(what);
    if (n > MAX_U32) this.fail('Number out of range', start, 'number');
    this.pos = end;
    return n;
  }

  /** RFC 3501 `nz-number`: a number > 0. */
  nzNumber(what = 'non-zero number'): number {
    const start = this.pos;
    const n = this.number(what);
    if (n === 0) this.expected(what, start);
    return n;
  }

  /** RFC 7162 / 9051 `number64` (mod-sequence values, literal8 sizes): 0 … 2^63-1. */
  number64(what = 'number'): bigint {
    const start = this.pos;
    let end = start;
    while (end < this.bytes.length && isDigit(this.bytes[end])) end++;
    if (end === start) this.expected(what);
    if (end - start > 19 && this.ascii(start, end).replace(/^0+/, '').length > 19) this.fail('Number out of range', start, 'number');
    const n = BigInt(this.ascii(start, end));
    if (n > MAX_U63) this.fail('Number out of range', start, 'number');
    this.pos = end;
    return n;
  }

  // --- strings -----------------------------------------------------------------------------

  /** RFC 3501 `quoted`, decoded. */
  quoted(what = 'quoted string'): string {
    const start = this.pos;
    return this.decode(this.quotedBytes(what), start);
  }

  quotedBytes(what = 'quoted string'): Uint8Array {
    const start = this.pos;
    if (this.peek() !== DQUOTE) this.expected(what);
    const bytes = this.bytes;
    const mode = this.syntax.quotedBackslash;
    let escapes = false;
    let i = start + 1;
    for (;; i++) {
      if (i >= bytes.length) this.fail('Unterminated quoted string', start, 'unterminated-quoted');
      const b = bytes[i];
      if (b === DQUOTE) break;
      if (b === CR || b === LF) this.fail('Unterminated quoted string', start, 'unterminated-quoted');
      if (b === 0) this.fail('NUL in quoted string', i, 'quoted');
      if (b >= 0x80 && !this.syntax.quoted8bit) this.fail('8-bit characters are not allowed in a quoted string', i, 'quoted');
      if (b === BACKSLASH) {
        if (mode === 'error') this.fail('Backslash is not allowed in a quoted string', i, 'quoted');
        if (mode === 'escape') {
          const next = i + 1 < bytes.length ? bytes[i + 1] : -1;
          if (next === -1) this.fail('Unterminated quoted string', start, 'unterminated-quoted');
          if (next !== DQUOTE && next !== BACKSLASH) this.fail('Invalid escape in quoted string: only \\" and \\\\ are allowed', i, 'quoted');
          escapes = true;
          i++;
        }
      }
    }
    this.pos = i + 1;
    const raw = bytes.subarray(start + 1, i);
    if (!escapes) return raw;
    const out = new Uint8Array(raw.length);
    let n = 0;
    for (let k = 0; k < raw.length; k++) {
      if (raw[k] === BACKSLASH) k++;
      out[n++] = raw[k];
    }
    return out.subarray(0, n);
  }

  /** RFC 3501 `literal`, decoded. */
  literal(what = 'literal'): string {
    const start = this.pos;
    return this.decode(this.literalBytes({ what }), start);
  }

  /**
   * RFC 3501 `literal`: `{n}` CRLF and n octets (also `{n+}`, RFC 7888). The octets are a view
   * into the command, not a copy. NUL is not a CHAR8 and is refused unless `allowNul`.
   */
  literalBytes(options: { allowNul?: boolean; what?: string } = {}): Uint8Array {
    return this.readLiteral(false, options.allowNul ?? false, options.what ?? 'literal');
  }

  /** RFC 3516 / 9051 `literal8`: `~{n}` CRLF and n octets, NUL allowed. */
  literal8(): Uint8Array {
    return this.readLiteral(true, true, 'literal8');
  }

  /** RFC 3501 `string` = quoted / literal, decoded. */
  string(what = 'string'): string {
    const start = this.pos;
    return this.decode(this.stringBytes(what), start);
  }

  stringBytes(what = 'string'): Uint8Array {
    const b = this.peek();
    if (b === DQUOTE) return this.quotedBytes();
    if (b === LBRACE) return this.literalBytes();
    this.expected(what);
  }

  /** RFC 3501 `astring` = 1*ASTRING-CHAR / string. */
  astring(what = 'astring'): string {
    const start = this.pos;
    const b = this.peek();
    if (b === DQUOTE || b === LBRACE) return this.decode(this.stringBytes(what), start);
    return this.bare(this.syntax.astring, what);
  }

  astringBytes(what = 'astring'): Uint8Array {
    const b = this.peek();
    if (b === DQUOTE || b === LBRACE) return this.stringBytes(what);
    return encoder.encode(this.bare(this.syntax.astring, what));
  }

  /** RFC 3501 `nstring` = string / nil; NIL (any case) is null. */
  nstring(what = 'string or NIL'): string | null {
    if (this.tryWord('NIL')) return null;
    return this.string(what);
  }

  nstringBytes(what = 'string or NIL'): Uint8Array | null {
    if (this.tryWord('NIL')) return null;
    return this.stringBytes(what);
  }

  /** RFC 3501 `mailbox`: an astring; every case variant of INBOX is `INBOX`. */
  mailbox(what = 'mailbox name'): string {
    const name = this.astring(what);
    return isInbox(name) ? 'INBOX' : name;
  }

  /** RFC 3501 `list-mailbox` = 1*list-char / string: an astring that may hold `%` and `*`. */
  listMailbox(what = 'mailbox pattern'): string {
    const start = this.pos;
    const b = this.peek();
    if (b === DQUOTE || b === LBRACE) return this.decode(this.stringBytes(what), start);
    return this.bare(this.syntax.listChar, what);
  }

  // --- flags -------------------------------------------------------------------------------

  /**
   * RFC 3501 `flag`: `\` atom (system flags come back in their canonical case, `\seen` →
   * `\Seen`) or a keyword atom; `\*` only with `allowStar`.
   */
  flag(options: FlagOptions = {}): string {
    const start = this.pos;
    if (this.peek() === BACKSLASH) {
      this.pos++;
      if (this.peek() === STAR_CHAR) {
        if (!options.allowStar) this.fail('\\* is not allowed here', start, 'flag');
        this.pos++;
        return '\\*';
      }
      const end = this.run(this.syntax.atom);
      this.no8bit(end);
      if (end === this.pos) this.fail('Expected flag name after \\', this.pos, 'flag');
      const raw = '\\' + this.ascii(this.pos, end);
      const name = SYSTEM_FLAG_BY_UPPER.get(raw.toUpperCase()) ?? raw;
      if (options.systemFlags && !options.systemFlags.includes(name)) this.fail(`Invalid system flag ${raw}`, start, 'system-flag');
      this.pos = end;
      return name;
    }
    return this.atom('flag');
  }

  /** RFC 3501 `flag-list` = "(" [flag *(SP flag)] ")". */
  flagList(options: FlagOptions = {}): string[] {
    return this.list(() => this.flag(options), { what: 'flag list' });
  }

  /** STORE's `flag-list / (flag *(SP flag))`: a list, or flags up to the end. */
  flags(options: FlagOptions = {}): string[] {
    if (this.peek() === LPAREN) return this.flagList(options);
    const out = [this.flag(options)];
    while (this.trySp()) out.push(this.flag(options));
    return out;
  }

  // --- lists and values --------------------------------------------------------------------

  /** `(` [item *(SP item)] `)`, with nesting counted against `maxDepth`. */
  list<T>(item: (reader: this) => T, options: ListOptions = {}): T[] {
    if (this.peek() !== LPAREN) this.expected(options.what ?? "'('");
    const open = this.pos;
    if (this.depth >= this.maxDepth) this.fail('Too deep nesting', open, 'depth');
    this.pos++;
    this.depth++;
    try {
      const out: T[] = [];
      if (this.peek() === RPAREN) {
        if (options.allowEmpty === false) this.expected(options.what ? `${options.what} item` : 'list item');
        this.pos++;
        return out;
      }
      for (;;) {
        out.push(item(this));
        const b = this.peek();
        if (b === RPAREN) {
          this.pos++;
          return out;
        }
        if (b === SP) this.pos++;
        else if (b === -1) this.fail(`Missing ')'`, open, 'unterminated-list');
        else this.fail(`Expected SP or ')' in list`, this.pos, 'list');
      }
    } finally {
      this.depth--;
    }
  }

  /** NIL (null) or a list: ID's parameters, SETMETADATA values. */
  nilOrList<T>(item: (reader: this) => T, options: ListOptions = {}): T[] | null {
    if (this.tryWord('NIL')) return null;
    return this.list(item, { what: 'list or NIL', ...options });
  }

  /**
   * Any value, as in a response: NIL → null, a 32-bit number → number, quoted → string,
   * literal → octets, list → array, anything else bare (including `\Seen`) → Atom.
   */
  value(): Value {
    const b = this.peek();
    if (b === LPAREN) return this.list((r) => r.value());
    if (b === DQUOTE) return this.quoted();
    if (b === LBRACE) return this.literalBytes({ allowNul: true });
    if (b === TILDE && this.peek(1) === LBRACE) return this.literal8();
    const start = this.pos;
    if (b === BACKSLASH) return new Atom(this.flag({ allowStar: true }));
    const end = this.run(this.syntax.astring);
    this.no8bit(end);
    if (end === start) this.expected('value');
    this.pos = end;
    const text = this.ascii(start, end);
    if (/^[0-9]+$/.test(text) && text.length <= 10 && Number(text) <= MAX_U32) return Number(text);
    if (text.toUpperCase() === 'NIL') return null;
    return new Atom(text);
  }

  // --- sequence sets -----------------------------------------------------------------------

  /** RFC 3501 `sequence-set`, e.g. `1,3:5,7:*`. */
  sequenceSet(what = 'sequence set'): SequenceSet {
    const start = this.pos;
    const b = this.peek();
    if (!isDigit(b) && b !== STAR_CHAR) this.expected(what);
    const ranges: SeqRange[] = [];
    for (;;) {
      const a = this.seqNumber();
      let z = a;
      if (this.tryChar(':')) z = this.seqNumber();
      ranges.push(a <= z ? { from: a, to: z } : { from: z, to: a });
      if (!this.tryChar(',')) break;
    }
    const next = this.peek();
    if (next !== -1 && (this.syntax.atom[next] === 1 || next === STAR_CHAR)) this.fail('Invalid sequence set', start, 'sequence-set');
    return new SequenceSet(ranges);
  }

  private seqNumber(): number {
    const start = this.pos;
    if (this.tryChar('*')) return STAR;
    if (!isDigit(this.peek())) this.fail('Invalid sequence set', this.pos, 'sequence-set');
    let end = start;
    let n = 0;
    while (end < this.bytes.length && isDigit(this.bytes[end])) {
      if (n <= MAX_U32) n = n * 10 + (this.bytes[end] - 0x30);
      end++;
    }
    if (n === 0) this.fail('Invalid sequence set: numbers start at 1', start, 'sequence-set');
    if (n > MAX_U32) this.fail('Invalid sequence set: number out of range', start, 'sequence-set');
    this.pos = end;
    return n;
  }

  // --- dates -------------------------------------------------------------------------------

  /** RFC 3501 `date` = date-text / DQUOTE date-text DQUOTE; `1-Feb-1994`. */
  date(what = 'date'): ImapDate {
    const start = this.pos;
    const b = this.peek();
    if (b !== DQUOTE && !isDigit(b)) this.expected(what);
    const invalid = () => this.fail('Invalid date: expected dd-Mon-yyyy', start, 'date');
    const quoted = this.tryChar('"');
    const day = this.digits(1, 2) ?? invalid();
    const d = this.dateRest(invalid, day);
    if (quoted && !this.tryChar('"')) invalid();
    const next = this.peek();
    if (!quoted && next !== -1 && this.syntax.atom[next] === 1) invalid();
    return d;
  }

  /**
   * RFC 3501 `date-time`: `"dd-Mon-yyyy hh:mm:ss +zzzz"`, the day a space-padded
   * `date-day-fixed` (` 7-Jul-1996`). A 1-digit day without the space is accepted too, as
   * Dovecot does.
   */
  dateTime(what = 'date-time'): ImapDateTime {
    const start = this.pos;
    if (this.peek() !== DQUOTE) this.expected(what);
    const invalid = () => this.fail('Invalid date-time: expected "dd-Mon-yyyy hh:mm:ss +zzzz"', start, 'date');
    this.pos++;
    const padded = this.tryChar(' ');
    const day = (padded ? this.digits(1, 1) : this.digits(1, 2)) ?? invalid();
    const d = this.dateRest(invalid, day);
    if (!this.tryChar(' ')) invalid();
    const hour = this.digits(2, 2) ?? invalid();
    if (!this.tryChar(':')) invalid();
    const minute = this.digits(2, 2) ?? invalid();
    if (!this.tryChar(':')) invalid();
    const second = this.digits(2, 2) ?? invalid();
    if (!this.tryChar(' ')) invalid();
    const sign = this.peek();
    if (sign !== PLUS && sign !== MINUS) invalid();
    this.pos++;
    const hhmm = this.digits(4, 4) ?? invalid();
    const zh = Math.floor(hhmm / 100);
    const zm = hhmm % 100;
    if (!this.tryChar('"')) invalid();
    if (hour > 23 || minute > 59 || second > 60 || zh > 23 || zm > 59) invalid();
    const zone = (sign === MINUS ? -1 : 1) * (zh * 60 + zm);
    const time = utcMs(d.year, d.month, d.day, hour, minute, second) - zone * 60_000;
    return { year: d.year, month: d.month, day: d.day, hour, minute, second, zone, time };
  }

  /** `"-" date-month "-" date-year` after the day, validated. */
  private dateRest(invalid: () => never, day: number): ImapDate {
    if (!this.tryChar('-')) invalid();
    if (this.pos + 3 > this.bytes.length) invalid();
    const month = MONTHS.indexOf(this.ascii(this.pos, this.pos + 3).toUpperCase()) + 1;
    if (month === 0) invalid();
    this.pos += 3;
    if (!this.tryChar('-')) invalid();
    const year = this.digits(4, 4) ?? invalid();
    if (day < 1 || day > daysIn(year, month)) invalid();
    return { year, month, day, time: utcMs(year, month, day, 0, 0, 0) };
  }

  /** min..max digits as a number, or null (cursor unmoved) if fewer than min. */
  private digits(min: number, max: number): number | null {
    let n = 0;
    let k = 0;
    while (k < max && isDigit(this.peek(k))) n = n * 10 + (this.peek(k++) - 0x30);
    if (k < min) return null;
    // More digits than allowed make the field invalid, not shorter.
    if (isDigit(this.peek(k))) return null;
    this.pos += k;
    return n;
  }

  // --- the rest ----------------------------------------------------------------------------

  /** The remaining bytes (a view), leaving the cursor at the end. */
  rest(): Uint8Array {
    const out = this.bytes.subarray(this.pos);
    this.pos = this.bytes.length;
    return out;
  }

  /** The remaining bytes as text (invalid UTF-8 becomes U+FFFD). */
  restText(): string {
    return utf8Lenient.decode(this.rest());
  }

  // --- internals ---------------------------------------------------------------------------

  private readLiteral(binary: boolean, allowNul: boolean, what: string): Uint8Array {
    const start = this.pos;
    if (binary) {
      if (this.peek() !== TILDE || this.peek(1) !== LBRACE) this.expected(what);
      this.pos++;
    } else if (this.peek() !== LBRACE) this.expected(what);
    this.pos++;
    if (!isDigit(this.peek())) this.fail('Invalid literal size', this.pos, 'literal');
    const size = binary ? this.number64('literal size') : BigInt(this.number('literal size'));
    this.tryChar('+');
    if (!this.tryChar('}')) this.fail(`Expected '}' after literal size`, this.pos, 'literal');
    if (this.peek() === CR && this.peek(1) === LF) this.pos += 2;
    else if (this.peek() === LF) this.pos += 1;
    else this.fail('Expected CRLF after literal header', this.pos, 'literal');
    if (size > BigInt(this.bytes.length - this.pos)) this.fail('Literal is longer than the command', start, 'literal');
    const n = Number(size);
    const data = this.bytes.subarray(this.pos, this.pos + n);
    if (!allowNul) {
      const nul = data.indexOf(0);
      if (nul >= 0) this.fail('NUL in literal', this.pos + nul, 'literal');
    }
    this.pos += n;
    return data;
  }

  /** End of the run of `table` bytes from the cursor (cursor unmoved). */
  private run(table: CharClass): number {
    const bytes = this.bytes;
    let i = this.pos;
    while (i < bytes.length && table[bytes[i]] === 1) i++;
    return i;
  }

  /** A bare astring/pattern: 1*char of `table`. */
  private bare(table: CharClass, what: string): string {
    const start = this.pos;
    const end = this.run(table);
    this.no8bit(end);
    if (end === start) this.expected(what);
    this.pos = end;
    return this.ascii(start, end);
  }

  /** An atom-like run stopped at an 8-bit byte: that byte is the error. */
  private no8bit(at: number): void {
    if (at < this.bytes.length && this.bytes[at] >= 0x80) this.fail('8-bit characters are not allowed in an atom', at, 'atom');
  }

  private ascii(start: number, end: number): string {
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(this.bytes[i]);
    return s;
  }

  private decode(bytes: Uint8Array, at: number): string {
    try {
      return utf8.decode(bytes);
    } catch {
      this.fail('Invalid UTF-8 in string', at, 'utf8');
    }
  }
}

/** Parses a whole sequence set, e.g. `SequenceSet` from a test or a saved search. */
export function parseSequenceSet(text: string): SequenceSet {
  const r = new Reader(text);
  const set = r.sequenceSet();
  r.end();
  return set;
}

/** Whether an (already decoded) mailbox name is INBOX in some case. ASCII-only folding. */
export function isInbox(name: string): boolean {
  if (name.length !== 5) return false;
  for (let i = 0; i < 5; i++) {
    let c = name.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) c -= 0x20;
    if (c !== 'INBOX'.charCodeAt(i)) return false;
  }
  return true;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Date.UTC without its two-digit-year quirk (year 0050 stays 50, not 1950). */
function utcMs(year: number, month: number, day: number, h: number, m: number, s: number): number {
  const d = new Date(Date.UTC(2000, month - 1, day, h, m, s));
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}
