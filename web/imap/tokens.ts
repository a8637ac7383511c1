/**
 * A forgiving tokenizer for IMAP (and IMSP) lines as they appear on the wire, for the
 * inspector and the terminal's bookkeeping. Unlike the engine's parser it never rejects:
 * whatever it cannot classify becomes an `atom`, so a malformed line still gets explained.
 */

export type TokKind = 'atom' | 'number' | 'string' | 'literal' | 'nil' | 'list' | 'code' | 'text';

export interface Tok {
  kind: TokKind;
  /** Byte offsets in the unit: the whole token, including quotes or the literal header. */
  start: number;
  end: number;
  /** Atom, number, or the decoded string / literal contents (lossy UTF-8). */
  value: string;
  /** For literals: the octet count the header announced, and where the octets start. */
  octets?: number;
  dataStart?: number;
  /** For lists and response codes. */
  items?: Tok[];
}

const dec = new TextDecoder('utf-8');
const SP = 0x20;
const isAtomEnd = (b: number) => b === SP || b === 0x28 || b === 0x29 || b === 0x0d || b === 0x0a || b === 0x22 || b === 0x7b;

/**
 * Lists nested deeper than this are not taken apart: the rest of such a list becomes one
 * `text` token. The engine refuses lines nested deeper than 64 (worker/wire/parser.ts), and
 * recursion over thousands of levels would overflow the stack here and in the tree view.
 */
export const MAX_NESTING = 64;

export class Tokenizer {
  pos: number;
  private depth = 0;
  constructor(
    readonly b: Uint8Array,
    start = 0,
    readonly end = b.length,
  ) {
    this.pos = start;
  }

  private skipSpace(): void {
    while (this.pos < this.end && (this.b[this.pos] === SP || this.b[this.pos] === 0x0d || this.b[this.pos] === 0x0a)) this.pos++;
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.end;
  }

  /** All tokens to the end (or to a closing bracket when `close` is given). */
  all(close?: number): Tok[] {
    const out: Tok[] = [];
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.end) break;
      if (close !== undefined && this.b[this.pos] === close) {
        this.pos++;
        break;
      }
      out.push(this.one());
    }
    return out;
  }

  one(): Tok {
    this.skipSpace();
    const b = this.b;
    const start = this.pos;
    const c = b[start];
    if ((c === 0x28 || c === 0x5b) && this.depth >= MAX_NESTING) return this.tooDeep(c === 0x28 ? 0x29 : 0x5d);
    if (c === 0x28 || c === 0x5b) {
      this.pos++;
      this.depth++;
      try {
        const items = this.all(c === 0x28 ? 0x29 : 0x5d);
        return { kind: c === 0x28 ? 'list' : 'code', start, end: this.pos, value: '', items };
      } finally {
        this.depth--;
      }
    }
    if (c === 0x22) return this.quoted();
    if (c === 0x7b || (c === 0x7e && b[start + 1] === 0x7b)) {
      const lit = this.literal();
      if (lit) return lit;
    }
    // An atom; `[...]` inside it (BODY[HEADER.FIELDS (TO)]) may hold spaces and parens.
    let depth = 0;
    while (this.pos < this.end) {
      const x = b[this.pos];
      if (x === 0x5b) depth++;
      else if (x === 0x5d) {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && isAtomEnd(x)) break;
      this.pos++;
    }
    if (this.pos === start) this.pos++; // a stray character: consume it as an atom
    const value = dec.decode(b.subarray(start, this.pos));
    const kind: TokKind = /^\d+$/.test(value) ? 'number' : value.toUpperCase() === 'NIL' ? 'nil' : 'atom';
    return { kind, start, end: this.pos, value };
  }

  /** Skips a list too deep to take apart (to its matching bracket, or the end), without recursion. */
  private tooDeep(close: number): Tok {
    const start = this.pos;
    const open = this.b[start];
    let level = 0;
    while (this.pos < this.end) {
      const x = this.b[this.pos++];
      if (x === 0x22) {
        while (this.pos < this.end && this.b[this.pos] !== 0x22 && this.b[this.pos] !== 0x0a) this.pos += this.b[this.pos] === 0x5c ? 2 : 1;
        this.pos++;
      } else if (x === open) level++;
      else if (x === close && --level === 0) break;
    }
    this.pos = Math.min(this.pos, this.end);
    return { kind: 'text', start, end: this.pos, value: `nested deeper than ${MAX_NESTING} levels: not taken apart` };
  }

  private quoted(): Tok {
    const start = this.pos++;
    const bytes: number[] = [];
    while (this.pos < this.end) {
      const x = this.b[this.pos++];
      if (x === 0x5c && this.pos < this.end) bytes.push(this.b[this.pos++]);
      else if (x === 0x22) break;
      else if (x === 0x0d || x === 0x0a) {
        this.pos--;
        break;
      } else bytes.push(x);
    }
    return { kind: 'string', start, end: this.pos, value: dec.decode(new Uint8Array(bytes)) };
  }

  private literal(): Tok | null {
    const start = this.pos;
    const m = /^~?\{(\d+)\+?\}\r?\n/.exec(latin1(this.b, start, Math.min(this.end, start + 24)));
    if (!m) return null;
    const octets = Number(m[1]);
    const dataStart = start + m[0].length;
    const dataEnd = Math.min(this.end, dataStart + octets);
    this.pos = dataEnd;
    return { kind: 'literal', start, end: dataEnd, value: dec.decode(this.b.subarray(dataStart, dataEnd)), octets, dataStart };
  }

  /** The rest of the line as human-readable text (after a status and its response code). */
  rest(): Tok | null {
    while (this.pos < this.end && this.b[this.pos] === SP) this.pos++;
    let e = this.end;
    while (e > this.pos && (this.b[e - 1] === 0x0a || this.b[e - 1] === 0x0d)) e--;
    if (e <= this.pos) return null;
    const t: Tok = { kind: 'text', start: this.pos, end: e, value: dec.decode(this.b.subarray(this.pos, e)) };
    this.pos = this.end;
    return t;
  }

  peekByte(): number {
    this.skipSpace();
    return this.pos < this.end ? this.b[this.pos] : -1;
  }
}

function latin1(b: Uint8Array, s: number, e: number): string {
  let r = '';
  for (let i = s; i < e; i++) r += String.fromCharCode(b[i]);
  return r;
}

/** The tag and command name of a client line, e.g. `a1 UID FETCH …` → [a1, UID FETCH]. */
export function commandHead(line: string): { tag: string; name: string; args: string } | null {
  const m = /^(\S+) +(UID +)?([A-Z][A-Z0-9.-]*)(?: (.*))?$/is.exec(line);
  if (!m) return null;
  return { tag: m[1], name: ((m[2] ? 'UID ' : '') + m[3]).toUpperCase(), args: m[4] ?? '' };
}

/** Unquotes one astring argument (`"My Folder"` → `My Folder`). */
export function firstArg(args: string): string | null {
  const t = new Tokenizer(new TextEncoder().encode(args));
  if (t.atEnd()) return null;
  const tok = t.one();
  return tok.kind === 'list' || tok.kind === 'code' ? null : tok.value;
}
