/**
 * POP3 on the wire (RFC 1939 §3): a command is one line; a response is a status line
 * (`+OK` / `-ERR`), or, for a few commands, a status line followed by lines ending with a
 * line holding a single ".", where any line that begins with "." gets one more (byte-stuffing).
 * Text is handled as latin1 so that every octet of a message passes through unchanged.
 */

const latin1 = new TextDecoder('latin1');

export function bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

export function text(b: Uint8Array): string {
  return latin1.decode(b);
}

/** A status line (`+OK …`, `-ERR …`, `+ challenge`) with its CRLF. */
export function statusLine(line: string): Uint8Array {
  return bytes(line + '\r\n');
}

/**
 * A multi-line response: the status line, each line dot-stuffed, then ".". The lines are
 * given without their CRLF.
 */
export function multiLine(status: string, lines: string[]): Uint8Array {
  let out = status + '\r\n';
  for (const l of lines) out += (l.startsWith('.') ? '.' : '') + l + '\r\n';
  return bytes(out + '.\r\n');
}

/**
 * A message as RETR/TOP send it: every line ends in CRLF (a bare LF becomes CRLF, as
 * Dovecot's output does), lines starting with "." are stuffed, the last line is completed
 * if the message did not end with CRLF, then the terminating ".".
 */
export function messageBody(status: string, raw: Uint8Array): Uint8Array {
  const lines = messageLines(raw);
  const parts: Uint8Array[] = [bytes(status + '\r\n')];
  for (const l of lines) {
    if (l[0] === 0x2e) parts.push(DOT);
    parts.push(l, CRLF);
  }
  parts.push(bytes('.\r\n'));
  return concat(parts);
}

/** The message's lines without their line ends (a final line end adds no empty line). */
export function messageLines(raw: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== 0x0a) continue;
    const end = i > start && raw[i - 1] === 0x0d ? i - 1 : i;
    lines.push(raw.subarray(start, end));
    start = i + 1;
  }
  if (start < raw.length) lines.push(raw.subarray(start));
  return lines;
}

/** The size POP3 reports (RFC 1939 §5: "exact size" with CRLF line ends): bare LFs count 2. */
export function wireSize(raw: Uint8Array): number {
  let n = raw.length;
  for (let i = 0; i < raw.length; i++) if (raw[i] === 0x0a && (i === 0 || raw[i - 1] !== 0x0d)) n++;
  return n;
}

/**
 * TOP (RFC 1939 §7): the header, the blank line after it, and the first `n` lines of the
 * body, as a raw message of its own (messageBody frames it).
 */
export function topOf(raw: Uint8Array, n: number): Uint8Array {
  const lines = messageLines(raw);
  const blank = lines.findIndex((l) => l.length === 0);
  const keep = blank < 0 ? lines.length : Math.min(lines.length, blank + 1 + n);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < keep; i++) parts.push(lines[i], CRLF);
  return concat(parts);
}

const CRLF = bytes('\r\n');
const DOT = bytes('.');

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
