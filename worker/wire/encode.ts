import { Atom, tightCount, type Value } from './values';

const utf8 = new TextEncoder();

/**
 * A plain string goes out quoted when it can be without escapes: any 7-bit character except
 * CR, LF, NUL, `"` and `\` (RFC 3501 `quoted`); otherwise as a literal. Where the reference
 * server escapes inside quotes instead (mailbox names, some ENVELOPE fields), the caller
 * passes the already-quoted form as an Atom.
 */
export function isQuotable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x0d || c === 0x0a || c === 0 || c >= 0x80) return false;
  }
  return true;
}

/**
 * Byte sink used by the encoder and by response writers. Text is gathered in a string and
 * encoded once per run (one TextEncoder call per token made ENVELOPE slow), octets are kept as
 * chunks.
 */
export class ByteWriter {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private pending = '';

  text(s: string): this {
    this.pending += s;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.flushText();
    this.chunks.push(b);
    this.size += b.length;
    return this;
  }

  private flushText(): void {
    if (!this.pending) return;
    const b = utf8.encode(this.pending);
    this.pending = '';
    this.chunks.push(b);
    this.size += b.length;
  }

  get length(): number {
    this.flushText();
    return this.size;
  }

  finish(): Uint8Array {
    this.flushText();
    if (this.chunks.length === 1) return this.chunks[0];
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

export function writeValue(w: ByteWriter, v: Value): void {
  if (v === null) w.text('NIL');
  else if (typeof v === 'number') w.text(String(v));
  else if (typeof v === 'string') {
    if (isQuotable(v)) w.text(`"${v}"`);
    else {
      const b = utf8.encode(v);
      w.text(`{${b.length}}\r\n`).bytes(b);
    }
  } else if (v instanceof Uint8Array) w.text(`{${v.length}}\r\n`).bytes(v);
  else if (v instanceof Atom) w.text(v.text);
  else {
    const tightItems = tightCount(v);
    w.text('(');
    for (let i = 0; i < v.length; i++) {
      if (i > 0 && i >= tightItems) w.text(' ');
      writeValue(w, v[i]);
    }
    w.text(')');
  }
}

/** Encodes one value to bytes (lists recursively). */
export function encodeValue(v: Value): Uint8Array {
  const w = new ByteWriter();
  writeValue(w, v);
  return w.finish();
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
