/**
 * Byte helpers for the MIME layer. Header text is handled as "binary strings": one UTF-16 code
 * unit per octet (0..255), so that parsing never loses or re-encodes a byte. Only at the edges do
 * we turn them into real text (decode.ts) or back into octets (istring.ts, section.ts).
 */

export const CR = 0x0d;
export const LF = 0x0a;
export const SP = 0x20;
export const HT = 0x09;

/** Octets [start, end) of `raw` as a binary string (chunked: no giant argument lists). */
export function bin(raw: Uint8Array, start = 0, end = raw.length): string {
  let s = '';
  for (let i = start; i < end; i += 8192) {
    const stop = Math.min(end, i + 8192);
    s += String.fromCharCode.apply(null, raw.subarray(i, stop) as unknown as number[]);
  }
  return s;
}

/** A binary string back to octets (each code unit is one octet). */
export function binBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** True when every code unit is 7-bit. */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** ASCII-only lower-casing of a binary string (leaves 8-bit octets alone). */
export function lowerAscii(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) {
      out += s.slice(from, i) + String.fromCharCode(c + 32);
      from = i + 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

/** ASCII case-insensitive equality (C `strcasecmp(a, b) == 0`). */
export function eqIgnoreCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x >= 0x41 && x <= 0x5a) x += 32;
    if (y >= 0x41 && y <= 0x5a) y += 32;
    if (x !== y) return false;
  }
  return true;
}

/** The ASCII bytes of a (7-bit) JS string. */
export function asciiBytes(s: string): Uint8Array {
  return binBytes(s);
}

/** Concatenate byte chunks once (no quadratic growth). */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  let size = 0;
  for (const c of chunks) size += c.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Octets [start, end) as IMAP sends them: every bare LF becomes CRLF (Dovecot's istream-crlf) and
 * every NUL becomes 0x80 (istream-nonuls: literals must not hold NULs). Returns a zero-copy view
 * when nothing needs changing, which is the normal case for stored (CRLF) messages.
 */
export function imapOctets(raw: Uint8Array, start: number, end: number): Uint8Array {
  if (end - start < SMALL_RANGE ? rangeIsClean(raw, start, end) : isClean(raw)) return raw.subarray(start, end);
  let bareLf = 0;
  for (let i = raw.indexOf(LF, start); i !== -1 && i < end; i = raw.indexOf(LF, i + 1)) {
    if (i === 0 || raw[i - 1] !== CR) bareLf++;
  }
  const hasNul = raw.subarray(start, end).indexOf(0) !== -1;
  if (bareLf === 0 && !hasNul) return raw.subarray(start, end);
  const out = new Uint8Array(end - start + bareLf);
  let o = 0;
  for (let i = start; i < end; i++) {
    const c = raw[i];
    if (c === LF && (i === 0 || raw[i - 1] !== CR)) out[o++] = CR;
    out[o++] = c === 0 ? 0x80 : c;
  }
  return out;
}

/**
 * A range this small (a header field, say) is checked on its own rather than by reading the
 * whole message: listing a mailbox takes a few header fields of each message, and would
 * otherwise read every body once just to learn that they need no rewriting.
 */
const SMALL_RANGE = 1024;

function rangeIsClean(raw: Uint8Array, start: number, end: number): boolean {
  if (cleanMessages.get(raw) === true) return true;
  for (let i = start; i < end; i++) {
    const c = raw[i];
    if (c === 0 || (c === LF && (i === 0 || raw[i - 1] !== CR))) return false;
  }
  return true;
}

/**
 * Whether a whole message needs no rewriting for the wire (no NUL, no bare LF): then every
 * section of it is a plain view. Worked out once per message, since FETCH asks per field.
 */
const cleanMessages = new WeakMap<Uint8Array, boolean>();
function isClean(raw: Uint8Array): boolean {
  let clean = cleanMessages.get(raw);
  if (clean === undefined) {
    clean = raw.indexOf(0) === -1;
    for (let i = raw.indexOf(LF); clean && i !== -1; i = raw.indexOf(LF, i + 1)) {
      if (i === 0 || raw[i - 1] !== CR) clean = false;
    }
    cleanMessages.set(raw, clean);
  }
  return clean;
}

/** Virtual (CRLF) size of [start, end): octets plus one per LF that has no CR before it. */
export function virtualSize(raw: Uint8Array, start: number, end: number): number {
  let n = end - start;
  for (let i = raw.indexOf(LF, start); i !== -1 && i < end; i = raw.indexOf(LF, i + 1)) {
    if (i === 0 || raw[i - 1] !== CR) n++;
  }
  return n;
}
