import { Atom, tightCount, type Value } from './values';

const utf8 = new TextEncoder();

/**
 * Byte sink used by the encoder and by response writers: one growing buffer, text encoded
 * straight into it (an ASCII loop, TextEncoder.encodeInto past the first non-ASCII character),
 * so a response costs one allocation rather than one per token.
 */
export class ByteWriter {
  private buf: Uint8Array;
  private size = 0;

  constructor(capacity = 128) {
    this.buf = new Uint8Array(capacity);
  }

  private room(n: number): void {
    if (this.size + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.size + n));
    next.set(this.buf.subarray(0, this.size));
    this.buf = next;
  }

  text(s: string): this {
    this.room(s.length);
    const buf = this.buf;
    let at = this.size;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.size = at;
        return this.utf8(s.slice(i));
      }
      buf[at++] = c;
    }
    this.size = at;
    return this;
  }

  /**
   * `s` as a quoted string, when it can be one without escapes: any 7-bit character except CR,
   * LF, NUL, `"` and `\` (RFC 3501 `quoted`); otherwise false, with nothing written, and the
   * caller sends a literal. (Where the reference server escapes inside quotes instead -- mailbox
   * names, some ENVELOPE fields -- the already-quoted form comes as an Atom.) One pass both
   * checks and copies: ENVELOPE and BODYSTRUCTURE are mostly short quoted strings.
   */
  quoted(s: string): boolean {
    this.room(s.length + 2);
    const buf = this.buf;
    let at = this.size;
    buf[at++] = 0x22;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x22 || c === 0x5c || c === 0x0d || c === 0x0a || c === 0 || c >= 0x80) return false;
      buf[at++] = c;
    }
    buf[at++] = 0x22;
    this.size = at;
    return true;
  }

  private utf8(s: string): this {
    this.room(s.length * 3);
    this.size += utf8.encodeInto(s, this.buf.subarray(this.size)).written;
    return this;
  }

  /** A binary string (one octet per character, as kept by the FETCH caches). */
  binary(s: string): this {
    this.room(s.length);
    const buf = this.buf;
    let at = this.size;
    // Nearly always ASCII, which the platform's encoder copies several times faster than a
    // loop (a FETCH 1:* BODYSTRUCTURE is mostly this copy). Its UTF-8 takes more octets than
    // characters exactly when a character is not ASCII, and then does not fit in as many: the
    // encoder stops short, and the loop writes the octets over.
    if (utf8.encodeInto(s, buf.subarray(at, at + s.length)).read === s.length) {
      this.size = at + s.length;
      return this;
    }
    for (let i = 0; i < s.length; i++) buf[at++] = s.charCodeAt(i);
    this.size = at;
    return this;
  }

  /** One octet (a list's parenthesis, a space). */
  byte(c: number): this {
    if (this.size === this.buf.length) this.room(1);
    this.buf[this.size++] = c;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.room(b.length);
    this.buf.set(b, this.size);
    this.size += b.length;
    return this;
  }

  get length(): number {
    return this.size;
  }

  /** Drops what was written after the first `length` octets (a response that failed midway). */
  truncate(length: number): void {
    this.size = Math.min(this.size, length);
  }

  /**
   * The bytes written. By default a trimmed copy when the buffer is much larger, so nothing
   * kept (a cache entry) holds idle memory; `trim = false` for bytes sent on and dropped.
   */
  finish(trim = true): Uint8Array {
    return trim && this.buf.length - this.size > 64 ? this.buf.slice(0, this.size) : this.buf.subarray(0, this.size);
  }
}

/** Bytes as a binary string (one character per octet): a compact form to keep in caches. */
export function binaryString(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode.apply(null, b.subarray(i, i + 8192) as unknown as number[]);
  return s;
}

export function writeValue(w: ByteWriter, v: Value): void {
  // In the order they are met most (strings and NIL fill ENVELOPE and BODYSTRUCTURE).
  if (typeof v === 'string') {
    if (!w.quoted(v)) {
      const b = utf8.encode(v);
      w.text(`{${b.length}}\r\n`).bytes(b);
    }
  } else if (v === null) w.text('NIL');
  else if (Array.isArray(v)) {
    const tightItems = tightCount(v);
    w.byte(0x28); // (
    for (let i = 0; i < v.length; i++) {
      if (i > 0 && i >= tightItems) w.byte(0x20);
      writeValue(w, v[i]);
    }
    w.byte(0x29); // )
  } else if (typeof v === 'number') w.text(String(v));
  else if (v instanceof Atom) w.text(v.text);
  else w.text(`{${v.length}}\r\n`).bytes(v);
}

/** Encodes one value to bytes (lists recursively). */
export function encodeValue(v: Value): Uint8Array {
  const w = new ByteWriter();
  writeValue(w, v);
  return w.finish();
}

/*
 * One writer, reused, for values that are encoded only to be kept as binary strings (the FETCH
 * caches): a kept ENVELOPE then costs no buffer of its own, nor its growth and trimming. One
 * that grew for an outsized value (a BODYSTRUCTURE of thousands of parts) is not kept.
 */
const SCRATCH_SIZE = 4096;
const SCRATCH_KEPT = 64 * 1024;
let scratch = new ByteWriter(SCRATCH_SIZE);

/** Encodes one value straight to a binary string (one character per octet). */
export function encodeValueBinary(v: Value): string {
  scratch.truncate(0);
  writeValue(scratch, v);
  const bytes = scratch.finish(false);
  if (bytes.buffer.byteLength > SCRATCH_KEPT) scratch = new ByteWriter(SCRATCH_SIZE);
  return binaryString(bytes);
}

/**
 * True when `s` can go out as an atom (RFC 3501 ATOM-CHAR: no atom-specials, no 8-bit).
 * `]` is allowed: it is legal in an astring, which is where mailbox names are written.
 */
export function isAtomText(s: string): boolean {
  if (s === '') return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f || c === 0x28 || c === 0x29 || c === 0x7b || c === 0x25 || c === 0x2a || c === 0x22 || c === 0x5c)
      return false;
  }
  return true;
}
