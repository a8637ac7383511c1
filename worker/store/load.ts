/** Turning mail files into message octets: .eml files and mbox (RFC 4155) archives. */

const LF = 0x0a;
const CR = 0x0d;

/** Converts bare LF line ends to CRLF, leaving existing CRLF alone (what an APPEND client does). */
export function toCrlf(bytes: Uint8Array): Uint8Array {
  let bare = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === LF && (i === 0 || bytes[i - 1] !== CR)) bare++;
  if (bare === 0) return bytes;
  const out = new Uint8Array(bytes.length + bare);
  let o = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === LF && (i === 0 || bytes[i - 1] !== CR)) out[o++] = CR;
    out[o++] = bytes[i];
  }
  return out;
}

const startsWithAt = (b: Uint8Array, at: number, s: string) => {
  if (at + s.length > b.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
};

export interface MboxMessage {
  raw: Uint8Array;
  /** The date from the `From ` separator line, when it parses (asctime format). */
  date: number | null;
}

/**
 * Splits an mbox file into messages at `From ` lines (RFC 4155), undoing mboxrd quoting
 * (`>From ` → `From `, one level) and converting line ends to CRLF.
 */
export function parseMbox(bytes: Uint8Array): MboxMessage[] {
  const out: MboxMessage[] = [];
  const lines: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === LF) {
      if (i > start || i < bytes.length) lines.push([start, i]);
      start = i + 1;
    }
  }
  let current: Uint8Array[] = [];
  let date: number | null = null;
  let inMessage = false;
  const enc = new TextEncoder();
  const flush = () => {
    if (!inMessage) return;
    // The blank line before the next separator belongs to the mbox format, not the message.
    while (current.length && current[current.length - 1].length === 0) current.pop();
    const parts: Uint8Array[] = [];
    for (const l of current) parts.push(l, enc.encode('\r\n'));
    const total = parts.reduce((n, p) => n + p.length, 0);
    const raw = new Uint8Array(total);
    let o = 0;
    for (const p of parts) {
      raw.set(p, o);
      o += p.length;
    }
    out.push({ raw, date });
  };
  for (const [s, e] of lines) {
    const end = e > s && bytes[e - 1] === CR ? e - 1 : e;
    if (startsWithAt(bytes, s, 'From ')) {
      flush();
      current = [];
      inMessage = true;
      const asctime = new TextDecoder().decode(bytes.subarray(s + 5, end)).replace(/^\S+\s+/, '');
      const t = Date.parse(asctime + ' UTC');
      date = Number.isNaN(t) ? null : t;
      continue;
    }
    if (!inMessage) continue;
    let line = bytes.subarray(s, end);
    let q = 0;
    while (q < line.length && line[q] === 0x3e) q++;
    if (q > 0 && startsWithAt(line, q, 'From ')) line = line.subarray(1);
    current.push(line);
  }
  flush();
  return out;
}
