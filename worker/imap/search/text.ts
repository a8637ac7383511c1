import { headerValues, plainSearchRanges, rawSearchRanges, searchableBody, searchableText, sentDate } from '../../mime/decode';
import type { Message } from '../../store/model';
import { headerOf, mimeOf } from '../mimecache';

/**
 * What SEARCH compares strings against, per message, decoded and lower-cased once and kept
 * beside the message (a WeakMap, so it goes when the message does). Matching is then a plain
 * substring scan, which keeps SEARCH on 100,000 messages interactive after the first pass.
 */
interface SearchText {
  headers: Map<string, string[]>;
  body?: string;
  text?: string;
  /** rawSearchRanges for BODY and TEXT: null when the message must be decoded. */
  rawBody?: number[] | null;
  rawText?: number[] | null;
  sent?: { ms: number; zone: number } | null;
}

const cache = new WeakMap<Message, SearchText>();

const lower = (b: number): number => (b >= 0x41 && b <= 0x5a ? b | 0x20 : b);

function entry(m: Message): SearchText {
  let e = cache.get(m);
  if (!e) {
    e = { headers: new Map() };
    cache.set(m, e);
  }
  return e;
}

/**
 * Decoded, lower-cased values of a header field (`field` upper-case, as the parser gives it):
 * for the FROM/TO/CC/BCC/SUBJECT keys as Dovecot rewrites them, for HEADER as written.
 */
export function headerText(m: Message, field: string, asKey = true): string[] {
  const e = entry(m);
  const slot = asKey ? field : `HEADER ${field}`;
  let v = e.headers.get(slot);
  if (!v) {
    v = headerValues(headerOf(m), field, asKey ? 'key' : 'header').map((s) => s.toLowerCase());
    e.headers.set(slot, v);
  }
  return v;
}

/**
 * SEARCH BODY / TEXT for one message. A needle of plain ASCII is looked for in the stored
 * octets when decoding could not change the answer (see rawSearchRanges): most mail, which then
 * costs one scan and no decoded copy. Anything else is decoded once and kept.
 */
export function textMatches(m: Message, needle: string, which: 'body' | 'text'): boolean {
  if (RAW_NEEDLE.test(needle)) {
    const e = entry(m);
    const ranges = which === 'body' ? (e.rawBody ??= rawRanges(m, true)) : (e.rawText ??= rawRanges(m, false));
    if (ranges) return rawContains(m.raw, ranges, needle);
  }
  return (which === 'body' ? bodyText(m) : fullText(m)).includes(needle);
}

function rawRanges(m: Message, body: boolean): number[] | null {
  const plain = plainSearchRanges(headerOf(m), body);
  return plain !== undefined ? plain : rawSearchRanges(mimeOf(m), body);
}

/** Needles that decoding, unfolding and the `Name: value` rewrite of header lines cannot create. */
const RAW_NEEDLE = /^[a-z0-9._@#$%&+/=?!'*^`{|}~-]+$/;

function rawContains(raw: Uint8Array, ranges: number[], needle: string): boolean {
  const first = needle.charCodeAt(0);
  const n = needle.length;
  for (let r = 0; r < ranges.length; r += 2) {
    const end = ranges[r + 1] - n;
    for (let i = ranges[r]; i <= end; i++) {
      if (lower(raw[i]) !== first) continue;
      let j = 1;
      while (j < n && lower(raw[i + j]) === needle.charCodeAt(j)) j++;
      if (j === n) return true;
    }
  }
  return false;
}

function bodyText(m: Message): string {
  const e = entry(m);
  return (e.body ??= searchableBody(mimeOf(m)).toLowerCase());
}

function fullText(m: Message): string {
  const e = entry(m);
  return (e.text ??= searchableText(mimeOf(m)).toLowerCase());
}

export function sentDateOf(m: Message): { ms: number; zone: number } | null {
  const e = entry(m);
  if (e.sent === undefined) e.sent = sentDate(headerOf(m));
  return e.sent;
}

/**
 * A cheap test that lets a header search skip decoding a message that cannot match: true
 * unless the raw header holds neither `needle` (ASCII, case-insensitive) nor an encoded word.
 * Only sound for needles that decoding and unfolding cannot create, so callers use it for
 * plain ASCII needles without whitespace or address punctuation (see plainNeedle), and for
 * address keys only the longest atom of the needle (see headerKey in ./parse.ts).
 */
export function headerMayContain(m: Message, needle: string): boolean {
  const raw = m.raw;
  const first = needle.charCodeAt(0);
  const n = needle.length;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === 0x0a && (raw[i + 1] === 0x0a || (raw[i + 1] === 0x0d && raw[i + 2] === 0x0a))) return false; // end of header
    if (c === 0x3d && raw[i + 1] === 0x3f) return true; // "=?": an encoded word, decode to be sure
    if (lower(c) !== first) continue;
    let j = 1;
    while (j < n && lower(raw[i + j]) === needle.charCodeAt(j)) j++;
    if (j === n) return true;
  }
  return false;
}

/** A lower-case needle the raw prefilter can judge: printable ASCII letters, digits and a few marks. */
export const plainNeedle = (s: string): boolean => /^[a-z0-9@._\-+#!$%&'*/=?^`{|}~:;[\]]+$/.test(s) && !/[\s"<>,()\\]/.test(s);
