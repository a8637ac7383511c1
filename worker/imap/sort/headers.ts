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

/** The first value of each field, unfolded (line breaks removed), as a binary string; null when absent. */
export type SortHeaders = Record<SortField, string | null>;

const LONGEST = Math.max(...SORT_FIELDS.map((f) => f.length));
const CODES = SORT_FIELDS.map((f) => Array.from(f, (c) => c.charCodeAt(0)));

/** Which wanted field the name raw[start, end) is (ASCII case-insensitively), compared in place. */
function fieldAt(raw: Uint8Array, start: number, end: number): SortField | undefined {
  const len = end - start;
  next: for (let k = 0; k < CODES.length; k++) {
    const code = CODES[k];
    if (code.length !== len) continue;
    for (let i = 0; i < len; i++) {
      const b = raw[start + i];
      if ((b >= 0x41 && b <= 0x5a ? b | 0x20 : b) !== code[i]) continue next;
    }
    return SORT_FIELDS[k];
  }
  return undefined;
}

const cache = new WeakMap<Message, SortHeaders>();

export function sortHeaders(m: Message): SortHeaders {
  let h = cache.get(m);
  if (!h) cache.set(m, (h = scanHeaders(m.raw)));
  return h;
}

/** One pass over the header (up to the first empty line), taking the first of each wanted field. */
export function scanHeaders(raw: Uint8Array): SortHeaders {
  const out = { subject: null, from: null, to: null, cc: null, date: null, 'message-id': null, references: null, 'in-reply-to': null } as SortHeaders;
  let left = SORT_FIELDS.length;
  const n = raw.length;
  let pos = 0;
  while (pos < n && left > 0) {
    const c = raw[pos];
    if (c === 0x0a || (c === 0x0d && raw[pos + 1] === 0x0a)) break; // the empty line: end of header
    // The field name: up to the colon on this line.
    let p = pos;
    while (p < n && raw[p] !== 0x3a && raw[p] !== 0x0a && p - pos <= LONGEST + 1) p++;
    let field: SortField | undefined;
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
    if (field && out[field] === null) {
      const value = bin(raw, p + 1, e > p && raw[e - 1] === 0x0d ? e - 1 : e);
      out[field] = value.indexOf('\n') === -1 ? value : value.replace(/\r?\n/g, '');
      left--;
    }
    pos = e + 1;
  }
  return out;
}
