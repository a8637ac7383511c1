import { Atom, type Value } from './values';

const utf8 = new TextEncoder();

/**
 * A quoted string may hold any 7-bit character except CR, LF, NUL, `"` and `\` (RFC 3501
 * `quoted`). Like Dovecot, we never escape inside quotes: a string with `"` or `\` goes out
 * as a literal, which every client parses and which keeps our bytes equal to the reference.
 */
export function isQuotable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x0d || c === 0x0a || c === 0 || c >= 0x80) return false;
  }
  return true;
}

/** Byte sink used by the encoder and by response writers. */
export class ByteWriter {
  private chunks: Uint8Array[] = [];
  private size = 0;

  text(s: string): this {
    return this.bytes(utf8.encode(s));
  }

  bytes(b: Uint8Array): this {
    this.chunks.push(b);
    this.size += b.length;
    return this;
  }

  get length(): number {
    return this.size;
  }

  finish(): Uint8Array {
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
    w.text('(');
    v.forEach((item, i) => {
      if (i > 0) w.text(' ');
      writeValue(w, item);
    });
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
