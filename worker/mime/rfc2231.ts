/**
 * MIME parameter lists (`; key=value ...`) with RFC 2231 continuations, exactly as Dovecot 2.3
 * reports them in BODYSTRUCTURE (lib-mail/rfc2231-parser.c):
 *
 * - plain parameters come first, in message order, names in their original case;
 * - `key*0=..; key*1=..` are merged into one `key` (appended after the plain ones, sorted by
 *   name); when any segment is extended (`key*0*=`) the merged name is `key*` and the value stays
 *   percent-encoded (`utf-8''%E2%82%AC`) -- Dovecot does NOT decode charsets here;
 * - incomplete index sequences are reported segment by segment as `key*N` / `key*N*`.
 */
import { lowerAscii } from './bytes';
import { NUL_REPLACEMENT, Rfc822Parser } from './rfc822';

export interface MimeParam {
  /** Parameter name as written (binary string). */
  name: string;
  /** Unquoted value (binary string). */
  value: string;
}

interface Segment {
  key: string;
  value: string;
  idx: number;
  extended: boolean;
}

const cmpBytes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function escapePercent(s: string): string {
  return s.indexOf('%') === -1 ? s : s.split('%').join('%25');
}

/** Parses the parameters that follow a Content-Type / Content-Disposition value. */
export function parseParams(p: Rfc822Parser): MimeParam[] {
  const result: MimeParam[] = [];
  const segments: Segment[] = [];
  const prevNul = p.nulReplacement;
  p.nulReplacement = NUL_REPLACEMENT;
  const param = { key: '', value: '' };
  // Dovecot reuses one struct for every segment, so a bare `key*` inherits the previous index.
  let idx = 0;
  for (;;) {
    const ret = p.parseContentParam(param);
    if (ret === 0) break;
    if (ret < 0) {
      if (p.pos >= p.end) break;
      p.pos++;
      continue;
    }
    const key = param.key;
    const star = key.indexOf('*');
    let plain = star === -1;
    if (!plain) {
      let q = star;
      if (q + 1 < key.length) {
        q++;
        idx = 0;
        while (q < key.length) {
          const c = key.charCodeAt(q);
          if (c < 0x30 || c > 0x39) break;
          idx = (idx * 10 + (c - 0x30)) >>> 0;
          q++;
        }
      }
      let extended = false;
      if (key.charCodeAt(q) === 0x2a) {
        extended = true;
        q++;
      }
      if (q < key.length) plain = true;
      else segments.push({ key: key.slice(0, star), value: param.value, idx, extended });
    }
    if (plain) result.push({ name: key, value: param.value });
  }
  p.nulReplacement = prevNul;
  if (segments.length === 0) return result;

  segments.sort((a, b) => cmpBytes(a.key, b.key) || a.idx - b.idx);
  for (let i = 0, next = 0; i < segments.length; i = next) {
    let ok = true;
    let haveExtended = false;
    let nextIdx = 0;
    let j = i;
    const lower = lowerAscii(segments[i].key);
    for (; j < segments.length; j++) {
      if (lowerAscii(segments[j].key) !== lower) break;
      if (segments[j].idx !== nextIdx) ok = false;
      if (segments[j].extended) haveExtended = true;
      nextIdx++;
    }
    next = j;
    if (!ok) {
      for (j = i; j < next; j++) {
        const sg = segments[j];
        result.push({ name: `${sg.key}*${sg.idx}${sg.extended ? '*' : ''}`, value: sg.value });
      }
      continue;
    }
    let value = !segments[i].extended && haveExtended ? "''" : '';
    for (j = i; j < next; j++) {
      value += !segments[j].extended && haveExtended ? escapePercent(segments[j].value) : segments[j].value;
    }
    result.push({ name: haveExtended ? segments[i].key + '*' : segments[i].key, value });
  }
  return result;
}
