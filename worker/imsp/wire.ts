/**
 * IMSP's lexical layer, as cyrus-imspd's im_util.c reads and writes it.
 *
 * Input: a command line is parsed argument by argument *while* it is executed (copy_astring),
 * so a literal `{n}` is only announced with `+ go` when the parser reaches it, and its octets
 * are followed by the rest of the command on a new line. The functions here therefore work on
 * a mutable cursor over the current line, and the string reader is a generator that may ask
 * the session for more input (`need`): n octets, then a line.
 *
 * Output: im_send's conversions: %a raw, %s atom / quoted / literal as needed, %p
 * "pretty" (control characters as ^X) for error texts.
 *
 * Strings are byte strings (one character per octet).
 */
import { IMSP_SYNTAX } from '../wire/parser';
import { IMSP_MAX_LITERAL } from '../limits';

/** What a running command waits for. */
export type Need =
  | { kind: 'line' }
  | { kind: 'bytes'; n: number }
  | { kind: 'prompt'; text: string }
  /** Wait this long (the bridge's delay after a failed login); input meanwhile waits too. */
  | { kind: 'delay'; ms: number };

/**
 * A command in progress: yields what it needs, receives the octets (a line without its CRLF,
 * or n octets), or null when the input failed (a line too long).
 */
export type Step<T = void> = Generator<Need, T, string | null>;

/** im_table bit 1: atom characters (printable ASCII except `" % ( ) * \ {`). */
export const ATOM = IMSP_SYNTAX.atom;
/** im_table bit 4: atom characters plus the list wildcards `%` and `*`. */
export const LATOM = IMSP_SYNTAX.listChar;
/** im_table bit 2: quoted-string characters: 7-bit except NUL, CR, LF, `"` and `\`. */
export const QSTR = (() => {
  const t = new Uint8Array(256);
  for (let b = 1; b < 0x80; b++) t[b] = b === 0x0a || b === 0x0d || b === 0x22 || b === 0x5c ? 0 : 1;
  return t;
})();

const isatom = (c: number) => c >= 0 && ATOM[c] === 1;
const islatom = (c: number) => c >= 0 && LATOM[c] === 1;
const isqstr = (c: number) => c >= 0 && QSTR[c] === 1;
const isdigit = (c: number) => c >= 0x30 && c <= 0x39;

/** Largest literal accepted; a larger one is refused like a failed allocation (see docs). */
export const MAX_LITERAL = IMSP_MAX_LITERAL;
/** copy_astring's overflow limit (INT_MAX / 20): beyond it the server exits. */
export const FATAL_LITERAL = 107374182;

/** The line being parsed: its octets (a byte string, no CRLF) and the read position. */
export class Args {
  constructor(
    public line: string,
    public pos = 0,
  ) {}

  get end(): number {
    return this.line.length;
  }

  /** The octet at `i` as C sees it: the line ends in a NUL. */
  at(i: number): number {
    return i < this.line.length ? this.line.charCodeAt(i) : 0;
  }

  /** Nothing left (`fbuf->upos == fbuf->lend`). */
  get atEnd(): boolean {
    return this.pos >= this.line.length;
  }
}

/** Thrown when a literal header overflows: the real server exits (`fatal`). */
export class FatalInput extends Error {}

export interface ParseOptions {
  /**
   * cyrus-1.8: an atom simply ends at the first non-atom character, which is skipped
   * (`x.*` reads as `x.`). Strict (draft-1995): it must end at a space or the line's end.
   */
  lenientAtoms: boolean;
  /** Largest literal accepted now (less before login); default MAX_LITERAL. */
  maxLiteral?: number;
}

/** get_atom: an atom followed by a space or the end (tags, command words, kinds). */
export function getAtom(a: Args): string | null {
  let pos = a.pos;
  const start = pos;
  if (a.at(pos) === 0x7b) return null;
  while (pos < a.end && isatom(a.at(pos))) pos++;
  const c = a.at(pos);
  if (pos === start || (c !== 0 && c !== 0x20)) return null;
  const word = a.line.slice(start, pos);
  if (pos < a.end) pos++;
  a.pos = pos;
  return word;
}

/** copy_atom / copy_latom: an atom (or pattern); the character that ends it is skipped. */
export function copyAtom(a: Args, o: ParseOptions, wildcards = false): string | null {
  let pos = a.pos;
  const start = pos;
  if (a.at(pos) === 0x7b) return null;
  const ok = wildcards ? islatom : isatom;
  while (pos < a.end && ok(a.at(pos))) pos++;
  if (pos === start) return null;
  if (!o.lenientAtoms && pos < a.end && a.at(pos) !== 0x20 && a.at(pos) !== 0) return null;
  const word = a.line.slice(start, pos);
  if (pos < a.end) pos++;
  a.pos = pos;
  return word;
}

/**
 * copy_astring: a quoted string (no escapes), a literal `{n}` / `{n+}` that ends the line
 * (`+ go` first unless `{n+}` or `prompt` is false), or an atom (a pattern when `wildcards`).
 * null when malformed. C strings: a NUL in a literal ends the value.
 */
export function* copyAstring(a: Args, o: ParseOptions, opts: { prompt?: boolean; wildcards?: boolean } = {}): Step<string | null> {
  const first = a.at(a.pos);
  if (first === 0x22) {
    let pos = a.pos + 1;
    const start = pos;
    while (pos < a.end && isqstr(a.at(pos))) pos++;
    if (a.at(pos) !== 0x22) return null;
    const value = a.line.slice(start, pos);
    if (pos < a.end && ++pos < a.end) {
      if (a.at(pos) !== 0x20) return null;
      pos++;
    }
    a.pos = pos;
    return value;
  }
  if (first === 0x7b) {
    let pos = a.pos + 1;
    let len = 0;
    while (pos < a.end && isdigit(a.at(pos))) {
      len = len * 10 + (a.at(pos) - 0x30);
      pos++;
      if (len > FATAL_LITERAL) throw new FatalInput('literal too big');
    }
    let sync = true;
    if (a.at(pos) === 0x2b) {
      sync = false;
      pos++;
    }
    if (a.at(pos) === 0x7d && a.at(pos + 1) === 0 && len) {
      if (len > (o.maxLiteral ?? MAX_LITERAL)) return null;
      if (sync && opts.prompt !== false) yield { kind: 'prompt', text: '+ go\r\n' };
      const octets = yield { kind: 'bytes', n: len };
      if (octets === null) return null;
      const rest = yield { kind: 'line' };
      if (rest === null) return null;
      a.line = rest;
      a.pos = a.at(0) === 0x20 ? 1 : 0;
      const nul = octets.indexOf('\0');
      return nul < 0 ? octets : octets.slice(0, nul);
    }
  }
  return copyAtom(a, o, opts.wildcards ?? false);
}

// --- output ---------------------------------------------------------------------------------

/** %s: atom if it can be, else quoted, else a literal (sent at once); "" for empty. */
export function str(s: string): string {
  if (s === '') return '""';
  let atom = s.charCodeAt(0) !== 0x7b;
  let quotable = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isatom(c)) atom = false;
    if (!isqstr(c)) {
      quotable = false;
      break;
    }
  }
  if (atom) return s;
  if (quotable) return `"${s}"`;
  return `{${s.length}}\r\n${s}`;
}

/** %p: as beautify_copy: high bit stripped, control characters as `^X`, DEL as `^?`. */
export function pretty(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i) & 0x7f;
    if (c < 0x20 || c === 0x7f) {
      out += '^';
      c = c > 0x20 ? 0x3f : c + 0x40;
    }
    out += String.fromCharCode(c);
  }
  return out;
}

/** C `lcase`: A–Z only. */
export function lcase(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** The octets of a byte string. */
export function bytesOf(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A byte string from octets. */
export function stringOf(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return s;
}

// --- base64 as the server decodes it (from64) -------------------------------------------------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const char64 = (c: number) => (c < 0 || c > 127 ? -1 : B64.indexOf(String.fromCharCode(c)));

/**
 * from64: decodes whole groups of four until a group ending in `=` (anything after it is
 * ignored); an empty line is zero octets; null for an invalid character or a short group.
 */
export function from64(line: string): string | null {
  const nul = line.indexOf('\0');
  const s = nul < 0 ? line : line.slice(0, nul);
  const at = (i: number) => (i < s.length ? s.charCodeAt(i) : 0);
  if (s === '' || at(0) === 0x0d || at(0) === 0x0a) return '';
  let out = '';
  let i = 0;
  let c4: number;
  do {
    const c1 = at(i);
    if (char64(c1) < 0) return null;
    const c2 = at(i + 1);
    if (char64(c2) < 0) return null;
    const c3 = at(i + 2);
    if (c3 !== 0x3d && char64(c3) < 0) return null;
    c4 = at(i + 3);
    if (c4 !== 0x3d && char64(c4) < 0) return null;
    i += 4;
    out += String.fromCharCode(((char64(c1) << 2) | (char64(c2) >> 4)) & 0xff);
    if (c3 !== 0x3d) {
      out += String.fromCharCode(((char64(c2) << 4) & 0xf0) | (char64(c3) >> 2));
      if (c4 !== 0x3d) out += String.fromCharCode(((char64(c3) << 6) & 0xc0) | char64(c4));
    }
  } while (at(i) && c4 !== 0x3d);
  return out;
}

/** im_send %b: base64 of a challenge. */
export function to64(s: string): string {
  return btoa(s);
}
