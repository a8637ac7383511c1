import {
  type RawRanges,
  hasEncodedWord,
  headerValues,
  needleMeetsLowercasing,
  plainBodyStart,
  rawIsAsciiFaithful,
  rawLowercasesToAscii,
  rawSearchRanges,
  searchableBody,
  searchableText,
  sentDate,
} from '../../mime/decode';
import type { Message } from '../../store/model';
import { headerOf, mimeOf, mimeOnce } from '../mimecache';

/**
 * What SEARCH compares strings against, per message, decoded and lower-cased once and kept
 * beside the message (a WeakMap, so it goes when the message does). Matching is then a plain
 * substring scan, which keeps SEARCH on 100,000 messages interactive after the first pass.
 * Every member is filled in only when a search first needs it. (A class with every member
 * declared: one shape for all entries, a few dozen octets each.)
 */
class SearchText {
  headers: Map<string, string[]> | undefined = undefined;
  body: string | undefined = undefined;
  text: string | undefined = undefined;
  /** plainBodyStart: where a single-part plain message's body starts; -1 when it needs parsing. */
  plain: number | undefined = undefined;
  /** Whether a plain message's header holds an encoded word (TEXT must decode it then). */
  headerWords: boolean | undefined = undefined;
  /** rawSearchRanges of a message that needs parsing. */
  ranges: RawRanges | undefined = undefined;
  /** rawIsAsciiFaithful, for messages that need parsing. */
  faithful: boolean | undefined = undefined;
  /** rawLowercasesToAscii. */
  lowercasing: boolean | undefined = undefined;
  sent: { ms: number; zone: number } | null | undefined = undefined;
}

const cache = new WeakMap<Message, SearchText>();

const lower = (b: number): number => (b >= 0x41 && b <= 0x5a ? b | 0x20 : b);

function entry(m: Message): SearchText {
  let e = cache.get(m);
  if (!e) {
    e = new SearchText();
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
  const headers = (e.headers ??= new Map());
  let v = headers.get(slot);
  if (!v) {
    v = headerValues(headerOf(m), field, asKey ? 'key' : 'header').map((s) => s.toLowerCase());
    headers.set(slot, v);
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
    const verdict = rawVerdict(m, needle, which === 'body');
    if (verdict !== undefined) return verdict;
  }
  return (which === 'body' ? bodyText(m) : fullText(m)).includes(needle);
}

/** Needles that decoding, unfolding and the `Name: value` rewrite of header lines cannot create. */
const RAW_NEEDLE = /^[a-z0-9._@#$%&+/=?!'*^`{|}~-]+$/;

/** textMatches from the stored octets: undefined when only decoding can tell. */
function rawVerdict(m: Message, needle: string, body: boolean): boolean | undefined {
  const e = entry(m);
  const raw = m.raw;
  // Single-part plain mail (most of it) is judged from its top-level header, without a parse.
  const plain = (e.plain ??= plainBodyStart(raw));
  let found: boolean;
  if (plain >= 0) {
    if (!body && (e.headerWords ??= hasEncodedWord(raw, 0, plain))) return undefined;
    found = rawContains(raw, body ? plain : 0, needle);
  } else {
    if (e.ranges === undefined) {
      // A message that needs parsing is first asked whether it can hold the needle at all.
      if (!rawContains(raw, 0, needle) && (e.faithful ??= rawIsAsciiFaithful(raw)) && !lowercasingMatters(e, raw, needle)) return false;
      e.ranges = rawSearchRanges(mimeOnce(m));
    }
    const ranges = body ? e.ranges.body : e.ranges.text;
    if (ranges === null) return undefined;
    found = rangesContain(raw, ranges, needle);
  }
  // Not in the octets: then not in the decoded text either, unless lower-casing made it.
  return found ? true : lowercasingMatters(e, raw, needle) ? undefined : false;
}

function lowercasingMatters(e: SearchText, raw: Uint8Array, needle: string): boolean {
  return needleMeetsLowercasing(needle) && (e.lowercasing ??= rawLowercasesToAscii(raw));
}

/*
 * The needle is looked for at its rarest letter, by English letter frequency (digits and marks
 * count as middling), found with the platform's indexOf, which is several times faster than a
 * loop over the octets; each hit is then compared in full. Lower case is tried first, as most
 * text is written in it. A search asks the same needle of every message: the letter is chosen
 * once.
 */
const BY_FREQUENCY = 'etaoinsrhldcumfpgwybvkxjqz';
let rareFor = '';
let rareAt = 0;

function rarestOctet(needle: string): number {
  if (rareFor !== needle) {
    let best = -1;
    for (let j = 0; j < needle.length; j++) {
      const r = BY_FREQUENCY.indexOf(needle[j]);
      const rank = r === -1 ? 13 : r;
      if (rank > best) {
        best = rank;
        rareAt = j;
      }
    }
    rareFor = needle;
  }
  return rareAt;
}

/** Whether `raw` from `start` on holds `needle` (lower-case ASCII), ASCII case-insensitively. */
function rawContains(raw: Uint8Array, start: number, needle: string): boolean {
  const at = rarestOctet(needle);
  const c = needle.charCodeAt(at);
  if (hitFrom(raw, start, needle, at, c)) return true;
  return c >= 0x61 && c <= 0x7a && hitFrom(raw, start, needle, at, c - 0x20);
}

/** Whether the needle occurs from `start` on with `octet` (one case of needle[at]) at its position `at`. */
function hitFrom(raw: Uint8Array, start: number, needle: string, at: number, octet: number): boolean {
  const n = needle.length;
  for (let p = raw.indexOf(octet, start + at); p !== -1; p = raw.indexOf(octet, p + 1)) {
    const s = p - at;
    if (s + n > raw.length) return false;
    let j = 0;
    while (j < n && lower(raw[s + j]) === needle.charCodeAt(j)) j++;
    if (j === n) return true;
  }
  return false;
}

/**
 * Whether one of the [start, end) `ranges` (ascending, apart) holds `needle` whole. One pass
 * over the octets for each case of the rarest letter, however many ranges there are (a message
 * may have thousands of parts), skipping what lies between them.
 */
function rangesContain(raw: Uint8Array, ranges: number[], needle: string): boolean {
  if (ranges.length === 0) return false;
  const at = rarestOctet(needle);
  const c = needle.charCodeAt(at);
  if (hitIn(raw, ranges, needle, at, c)) return true;
  return c >= 0x61 && c <= 0x7a && hitIn(raw, ranges, needle, at, c - 0x20);
}

function hitIn(raw: Uint8Array, ranges: number[], needle: string, at: number, octet: number): boolean {
  const n = needle.length;
  let r = 0;
  for (let p = raw.indexOf(octet, ranges[0] + at); p !== -1; p = raw.indexOf(octet, p + 1)) {
    const s = p - at;
    // the first range that can still hold a match starting at s or later
    while (r < ranges.length && ranges[r + 1] < s + n) r += 2;
    if (r >= ranges.length) return false;
    if (s < ranges[r]) {
      p = ranges[r] + at - 1; // nothing before the range can count: go on from its start
      continue;
    }
    let j = 0;
    while (j < n && lower(raw[s + j]) === needle.charCodeAt(j)) j++;
    if (j === n) return true;
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
