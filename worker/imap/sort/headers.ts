/**
 * The few header fields SORT and THREAD read (Subject, From, To, Cc, Date, Message-ID,
 * References, In-Reply-To), found in one pass over the raw header and kept beside the message.
 * Reading them this way, without building a field object for every line of every header, is
 * what makes the first SORT or THREAD of a large mailbox fast (Dovecot keeps them in its cache
 * file for the same reason).
 */
import { bin } from '../../mime/bytes';
import type { Message } from '../../store/model';

export const SORT_FIELDS = ['subject', 'from', 'to', 'cc', 'date', 'message-id', 'references', 'in-reply-to'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

/**
 * Where the first value of each wanted field is in the raw message: [start, end) per field in
 * SORT_FIELDS order, -1 when absent. Only offsets are kept; a value becomes a string when asked.
 */
export type SortHeaders = Int32Array;

const LONGEST = Math.max(...SORT_FIELDS.map((f) => f.length));
const CODES = SORT_FIELDS.map((f) => Array.from(f, (c) => c.charCodeAt(0)));

/** Which wanted field (its index) the name raw[start, end) is, ASCII case-insensitively; -1 if none. */
function fieldAt(raw: Uint8Array, start: number, end: number): number {
  const len = end - start;
  next: for (let k = 0; k < CODES.length; k++) {
    const code = CODES[k];
    if (code.length !== len) continue;
    for (let i = 0; i < len; i++) {
      const b = raw[start + i];
      if ((b >= 0x41 && b <= 0x5a ? b | 0x20 : b) !== code[i]) continue next;
    }
    return k;
  }
  return -1;
}

const cache = new WeakMap<Message, SortHeaders>();

export function sortHeaders(m: Message): SortHeaders {
  let h = cache.get(m);
  if (!h) cache.set(m, (h = scanHeaders(m.raw)));
  return h;
}

/** The first value of a field, unfolded (line breaks removed), as a binary string; null when absent. */
export function headerValue(m: Message, field: SortField): string | null {
  return valueAt(m.raw, sortHeaders(m), SORT_FIELDS.indexOf(field));
}

function valueAt(raw: Uint8Array, spans: SortHeaders, k: number): string | null {
  const start = spans[2 * k];
  if (start < 0) return null;
  const value = bin(raw, start, spans[2 * k + 1]);
  return value.indexOf('\n') === -1 ? value : value.replace(/\r?\n/g, '');
}

/** All the wanted fields' values (for tests and for reading several at once). */
export function headerValues(raw: Uint8Array): Record<SortField, string | null> {
  const spans = scanHeaders(raw);
  return Object.fromEntries(SORT_FIELDS.map((f, k) => [f, valueAt(raw, spans, k)])) as Record<SortField, string | null>;
}

/** One pass over the header (up to the first empty line), taking the first of each wanted field. */
export function scanHeaders(raw: Uint8Array): SortHeaders {
  const spans = new Int32Array(2 * SORT_FIELDS.length).fill(-1);
  let left = SORT_FIELDS.length;
  const n = raw.length;
  let pos = 0;
  while (pos < n && left > 0) {
    const c = raw[pos];
    if (c === 0x0a || (c === 0x0d && raw[pos + 1] === 0x0a)) break; // the empty line: end of header
    // The field name: up to the colon on this line.
    let p = pos;
    while (p < n && raw[p] !== 0x3a && raw[p] !== 0x0a && p - pos <= LONGEST + 1) p++;
    let field = -1;
    if (raw[p] === 0x3a && p - pos <= LONGEST) {
      let end = p;
      while (end > pos && (raw[end - 1] === 0x20 || raw[end - 1] === 0x09)) end--; // "Subject :"
      field = fieldAt(raw, pos, end);
    }
    // The end of the field: a line end not followed by a continuation (SP or HT).
    let e = p;
    for (;;) {
      while (e < n && raw[e] !== 0x0a) e++;
      if (e + 1 < n && (raw[e + 1] === 0x20 || raw[e + 1] === 0x09)) e++;
      else break;
    }
    if (field >= 0 && spans[2 * field] < 0) {
      spans[2 * field] = p + 1;
      spans[2 * field + 1] = e > p && raw[e - 1] === 0x0d ? e - 1 : e;
      left--;
    }
    pos = e + 1;
  }
  return spans;
}
