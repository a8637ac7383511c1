/**
 * Decoding for SEARCH: header values with RFC 2047 encoded words, bodies with their
 * Content-Transfer-Encoding and charset, and the strings SEARCH BODY / TEXT / HEADER match
 * against, following Dovecot 2.3 (lib-mail/message-search.c, message-decoder.c,
 * message-header-decode.c, lib-storage/index/index-search.c):
 *
 * - BODY searches the decoded bodies of parts whose Content-Type is text/* or message/* (or
 *   absent); multipart preambles/epilogues and other types are skipped;
 * - TEXT also searches every header of every part ("Name: decoded value" lines);
 * - FROM/TO/CC/BCC match the parsed and re-written address list (so `"Doe, John"
 *   <j@x>` is searchable as written by Dovecot); SUBJECT has whitespace runs compressed;
 * - us-ascii is read as UTF-8 (Dovecot does so); unknown charsets as UTF-8; invalid octets
 *   become U+FFFD.
 *
 * Matching itself (case-insensitive substring) happens in worker/imap/search. Parts are joined
 * with NUL, which no search string can contain, so a match never spans two parts.
 */
import { CR, HT, LF, SP, bin, eqIgnoreCase, lowerAscii } from './bytes';
import { parseAddressList, writeAddressList } from './address';
import { type HeaderField, type MessageHeader, fullValue, readField } from './header';
import { type MimePart, charset, walkParts } from './parse';

const PART_SEPARATOR = '\0';

// ---------------------------------------------------------------------------------------------
// charsets

/** What we use of TextDecoder (structural: the global's type differs between DOM and Node typings). */
interface Decoder {
  readonly encoding: string;
  decode(input: Uint8Array): string;
}

const decoders = new Map<string, Decoder | null>();

function decoderFor(label: string): Decoder | null {
  let d: Decoder | null | undefined = decoders.get(label);
  if (d === undefined) {
    try {
      d = new TextDecoder(label);
    } catch {
      d = null;
    }
    decoders.set(label, d);
  }
  return d;
}

const utf8 = new TextDecoder('utf-8');

// windows-1252 0x80-0x9f (0 = unassigned: kept as the C1 control, like iconv's //IGNORE-less path)
const CP1252 = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function cp1252(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b >= 0x80 && b < 0xa0 && CP1252[b - 0x80] !== 0 ? CP1252[b - 0x80] : b);
  return s;
}

/**
 * Octets in `charset` to text, as Dovecot (iconv) reads them: us-ascii and unknown charsets as
 * UTF-8, ISO-8859-1 as ISO-8859-1 (not windows-1252 as WHATWG labels say), windows-1252 with its
 * 0x80-0x9f characters (done here: Node 20's TextDecoder gets them wrong). Bad octets -> U+FFFD.
 */
export function decodeCharset(bytes: Uint8Array, cs: string): string {
  const label = lowerAscii(cs.trim());
  if (label === '' || label === 'us-ascii' || label === 'ascii' || label === 'utf-8' || label === 'utf8') {
    return utf8.decode(bytes);
  }
  const d = decoderFor(label);
  if (d === null) return utf8.decode(bytes);
  if (d.encoding === 'windows-1252') {
    return label === 'windows-1252' || label === 'cp1252' || label === 'x-cp1252' ? cp1252(bytes) : bin(bytes);
  }
  return d.decode(bytes);
}

// ---------------------------------------------------------------------------------------------
// transfer encodings

const B64 = new Int16Array(256).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  .split('')
  .forEach((c, i) => (B64[c.charCodeAt(0)] = i));

/** Base64 to octets, skipping anything outside the alphabet (line breaks, garbage), until "=". */
export function decodeBase64(src: Uint8Array, start = 0, end = src.length): Uint8Array {
  const out = new Uint8Array(Math.floor(((end - start) * 3) / 4) + 3);
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = start; i < end; i++) {
    const c = src[i];
    if (c === 0x3d) break;
    const v = B64[c];
    if (v < 0) continue;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

const hexVal = (c: number): number =>
  c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;

/**
 * Quoted-printable body to octets: "=XX" escapes, "=" soft line breaks, trailing whitespace on
 * a line dropped; a broken "=" is kept as written.
 */
export function decodeQuotedPrintable(src: Uint8Array, start = 0, end = src.length): Uint8Array {
  const out = new Uint8Array(end - start);
  let o = 0;
  let i = start;
  while (i < end) {
    // one line: [i, eol) + line break
    let eol = src.indexOf(LF, i);
    if (eol === -1 || eol >= end) eol = end;
    let textEnd = eol > i && src[eol - 1] === CR ? eol - 1 : eol;
    while (textEnd > i && (src[textEnd - 1] === 0x20 || src[textEnd - 1] === 0x09)) textEnd--;
    let soft = false;
    for (let k = i; k < textEnd; k++) {
      const c = src[k];
      if (c !== 0x3d) {
        out[o++] = c;
        continue;
      }
      if (k + 1 === textEnd) {
        soft = true;
        break;
      }
      const h = hexVal(src[k + 1]);
      const l = k + 2 < textEnd ? hexVal(src[k + 2]) : -1;
      if (h >= 0 && l >= 0) {
        out[o++] = (h << 4) | l;
        k += 2;
      } else {
        out[o++] = c;
      }
    }
    if (eol < end && !soft) {
      out[o++] = CR;
      out[o++] = LF;
    }
    i = eol + 1;
  }
  return out.subarray(0, o);
}

/** The Content-Transfer-Encoding SEARCH undoes, or null when the body is used as stored. */
function transferEncoding(part: MimePart): 'base64' | 'quoted-printable' | null {
  const cte = lowerAscii(part.contentTransferEncoding ?? '7bit');
  return cte === 'base64' || cte === 'quoted-printable' ? cte : null;
}

/** The body octets of a part with its Content-Transfer-Encoding undone. */
export function decodedBodyOctets(part: MimePart): Uint8Array {
  const raw = part.raw;
  const cte = transferEncoding(part);
  if (cte === 'base64') return decodeBase64(raw, part.bodyStart, part.bodyEnd);
  if (cte === 'quoted-printable') return decodeQuotedPrintable(raw, part.bodyStart, part.bodyEnd);
  return raw.subarray(part.bodyStart, part.bodyEnd);
}

/** The body of a (leaf) part as text: transfer encoding and charset decoded. */
export function decodedBody(part: MimePart): string {
  return decodeCharset(decodedBodyOctets(part), charset(part));
}

// ---------------------------------------------------------------------------------------------
// RFC 2047 encoded words

function decodeWord(cs: string, enc: string, text: string): string | null {
  const star = cs.indexOf('*'); // RFC 2231 language suffix: charset*lang
  const label = star === -1 ? cs : cs.slice(0, star);
  let octets: Uint8Array;
  if (enc === 'b' || enc === 'B') {
    const src = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) src[i] = text.charCodeAt(i);
    octets = decodeBase64(src);
  } else if (enc === 'q' || enc === 'Q') {
    const out = new Uint8Array(text.length);
    let o = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x5f) out[o++] = 0x20;
      else if (c === 0x3d && i + 2 < text.length + 0 && hexVal(text.charCodeAt(i + 1)) >= 0 && hexVal(text.charCodeAt(i + 2)) >= 0) {
        out[o++] = (hexVal(text.charCodeAt(i + 1)) << 4) | hexVal(text.charCodeAt(i + 2));
        i += 2;
      } else out[o++] = c & 0xff;
    }
    octets = out.subarray(0, o);
  } else return null;
  return decodeCharset(octets, label);
}

const isLwspOnly = (s: string): boolean => /^[ \t\r\n]*$/.test(s);

/**
 * Decodes RFC 2047 encoded words in a header value (binary string) to text. Whitespace between
 * two encoded words is dropped; malformed words stay as written; other 8-bit octets are read
 * as UTF-8.
 */
export function decodeEncodedWords(value: string): string {
  if (value.indexOf('=?') === -1) return decodeCharset(binOctets(value), 'utf-8');
  const re = /=\?([^?\s]*)\?([bBqQ])\?([^?\s]*)\?=/g;
  let out = '';
  let last = 0;
  let prevEncoded = false;
  for (let m = re.exec(value); m !== null; m = re.exec(value)) {
    const between = value.slice(last, m.index);
    const decoded = decodeWord(m[1], m[2], m[3]);
    if (decoded === null) continue;
    if (!(prevEncoded && isLwspOnly(between))) out += decodeCharset(binOctets(between), 'utf-8');
    out += decoded;
    last = m.index + m[0].length;
    prevEncoded = true;
  }
  return out + decodeCharset(binOctets(value.slice(last)), 'utf-8');
}

function binOctets(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

// ---------------------------------------------------------------------------------------------
// SEARCH strings

/** The value unfolded the way Dovecot's search reads headers (continuation TAB -> space). */
function oneLine(raw: Uint8Array, f: HeaderField): string {
  const s = bin(raw, f.valueStart, f.valueEnd);
  return s.indexOf('\n') === -1 ? s : s.replace(/\r?\n[ \t]/g, (m) => (m.endsWith('\t') ? ' ' : m.slice(-1)));
}

const ADDRESS_HEADERS = new Set(['from', 'to', 'cc', 'bcc']);

/**
 * A header value as SEARCH sees it (decoded). `how`:
 * - 'key' (SEARCH FROM/TO/CC/BCC/SUBJECT ...): address fields are parsed and re-written the way
 *   Dovecot normalizes them (`"Doe, John" <j@x>`), Subject has whitespace runs compressed;
 * - 'header' (SEARCH HEADER name value): just the decoded, unfolded value.
 */
export function searchableHeaderValue(raw: Uint8Array, f: HeaderField, how: 'key' | 'header' = 'key'): string {
  const name = lowerAscii(f.name);
  if (how === 'key' && ADDRESS_HEADERS.has(name)) {
    return decodeEncodedWords(writeAddressList(parseAddressList(fullValue(raw, f))));
  }
  const v = decodeEncodedWords(oneLine(raw, f));
  return how === 'key' && name === 'subject' ? v.replace(/[ \t]+/g, ' ') : v;
}

/**
 * The decoded values of every `name` field of the message header, in order ([] if absent).
 * `how` as for searchableHeaderValue: 'key' for SEARCH FROM/TO/CC/BCC/SUBJECT, 'header' for
 * SEARCH HEADER.
 */
export function headerValues(root: MessageHeader, name: string, how: 'key' | 'header' = 'key'): string[] {
  const out: string[] = [];
  for (const f of root.fields) if (eqIgnoreCase(f.name, name)) out.push(searchableHeaderValue(root.raw, f, how));
  return out;
}

/** One header field decoded for display or TEXT search: `Name: value`. */
export function decodedHeaderLine(raw: Uint8Array, f: HeaderField): string {
  return `${decodeCharset(binOctets(f.name), 'utf-8')}: ${decodeEncodedWords(oneLine(raw, f))}`;
}

/** Does SEARCH look into this part's body? (text/* or message/*, or no Content-Type.) */
function bodySearched(part: MimePart): boolean {
  if (part.kind === 'multipart') return false;
  if (part.kind === 'message') return false; // its body is the encapsulated message (a part of its own)
  if (part.contentType === null) return true;
  const t = lowerAscii(part.contentType);
  return t === 'text' || t === 'message';
}

/**
 * Charsets in which every ASCII octet is that ASCII character and no other octet decodes to
 * ASCII. (A character that only lower-cases to ASCII, UTF-8's KELVIN SIGN and İ, is the one
 * way left for such text to hold an ASCII needle its octets do not: see rawLowercasesToAscii.)
 */
const ASCII_TRANSPARENT = new Set(['us-ascii', 'ascii', 'utf-8', 'utf8', 'iso-8859-1', 'latin1', 'windows-1252', 'cp1252']);

/** Where SEARCH TEXT and SEARCH BODY look in a message's stored octets (see rawSearchRanges). */
export interface RawRanges {
  /** [start, end) pairs for TEXT, or null when TEXT must decode the message. */
  text: number[] | null;
  /** The same for BODY. */
  body: number[] | null;
}

/**
 * Where SEARCH TEXT (and BODY) look in the stored octets, when decoding cannot change what an
 * ASCII needle finds there: no encoded word in the header (TEXT only: bodies are not RFC 2047
 * decoded), no base64 or quoted-printable body, only ASCII-transparent charsets. Then a needle
 * of ASCII letters, digits and marks occurs in the decoded text if it occurs in one of these
 * [start, end) ranges of the raw message, and, unless rawLowercasesToAscii says otherwise for
 * the needle, only then; SEARCH needs neither to decode nor to keep a decoded copy.
 */
export function rawSearchRanges(root: MimePart): RawRanges {
  const raw = root.raw;
  const text: number[] = [];
  const body: number[] = [];
  let words = false;
  for (const p of walkParts(root)) {
    addRange(text, p.start, p.headerEnd);
    words ||= hasEncodedWord(raw, p.start, p.headerEnd);
    if (!bodySearched(p)) continue;
    if (transferEncoding(p) !== null || !ASCII_TRANSPARENT.has(lowerAscii(charset(p).trim()))) return { text: null, body: null };
    addRange(text, p.bodyStart, p.bodyEnd);
    addRange(body, p.bodyStart, p.bodyEnd);
  }
  // Kept for every such message: copies sized to what they hold, not to how they grew.
  return { text: words ? null : text.slice(), body: body.slice() };
}

function addRange(ranges: number[], start: number, end: number): void {
  if (start >= end) return;
  if (ranges.length && ranges[ranges.length - 1] === start) ranges[ranges.length - 1] = end;
  else ranges.push(start, end);
}

const CONTENT_TYPE = 'content-type';
const CONTENT_TE = 'content-transfer-encoding';

/**
 * For the common single-part message, where its body starts (raw.length when the header has no
 * blank line), read from the top-level header alone, without a MIME parse and without building
 * its fields: there must be no Content-Transfer-Encoding field and either no Content-Type or one
 * plain `text/…` with an ASCII-transparent charset. SEARCH TEXT then looks at the whole message
 * (see rawSearchRanges; callers check the header for encoded words) and BODY at what follows
 * the header. -1 when the header is anything else, or unusual in any way: the message must be
 * parsed.
 */
export function plainBodyStart(raw: Uint8Array): number {
  const end = raw.length;
  let typed = false;
  // Line by line: a continuation line starts with SP or HT, so it is never taken for a field
  // name or for the blank line.
  for (let pos = 0; pos < end; ) {
    const c = raw[pos];
    if (c === LF) return pos + 1;
    if (c === CR && raw[pos + 1] === LF) return pos + 2;
    if ((c | 0x20) === 0x63 /* c */) {
      if (startsWithAscii(raw, pos, CONTENT_TE)) return -1;
      // The first Content-Type counts (as in the parser); only `Content-Type` [LWSP] ":" is
      // that field, and any other name that starts so is unusual.
      if (!typed && startsWithAscii(raw, pos, CONTENT_TYPE)) {
        let i = pos + CONTENT_TYPE.length;
        while (raw[i] === SP || raw[i] === HT) i++;
        if (raw[i] !== 0x3a) return -1;
        typed = true;
        if (!plainTextType(oneLine(raw, readField(raw, pos, end, { lines: 0, bareLf: 0 })))) return -1;
      }
    }
    const lf = raw.indexOf(LF, pos);
    if (lf === -1) break;
    pos = lf + 1;
  }
  return end;
}

/** Is a Content-Type value plain `text/…` with an ASCII-transparent charset (us-ascii when none)? */
function plainTextType(value: string): boolean {
  const m = /^\s*text\s*\/\s*[A-Za-z0-9.+-]+\s*((?:;\s*[A-Za-z0-9.-]+\s*=\s*(?:"[^"\\;]*"|[^\s;"()<>@,:\\/[\]?=]+)\s*)*);?\s*$/.exec(value);
  if (!m) return false;
  const cs = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(m[1]);
  return ASCII_TRANSPARENT.has(lowerAscii(cs ? cs[1] : 'us-ascii'));
}

/** Does `raw` at `pos` start with `word` (lower-case ASCII), ASCII case-insensitively? */
function startsWithAscii(raw: Uint8Array, pos: number, word: string): boolean {
  if (pos + word.length > raw.length) return false;
  for (let j = 0; j < word.length; j++) {
    const b = raw[pos + j];
    if ((b >= 0x41 && b <= 0x5a ? b | 0x20 : b) !== word.charCodeAt(j)) return false;
  }
  return true;
}

/**
 * True when no decoding of this message could make ASCII text appear that its octets do not
 * hold: no encoded word, no transfer encoding, only ASCII-transparent charsets (none written
 * the RFC 2231 way). Then a needle of lower-case ASCII letters, digits and marks that is not in
 * the octets is not in the decoded text either (unless rawLowercasesToAscii says otherwise for
 * the needle), and SEARCH can say so without parsing.
 * Conservative: anything unexpected answers false ("cannot tell").
 */
export function rawIsAsciiFaithful(raw: Uint8Array): boolean {
  // One pass over the octets, looking at the few where a hazard can start ("=?", or the words
  // base64, quoted-printable, charset in any case): cheaper than a search for each.
  const end = raw.length;
  for (let i = 0; i < end; i++) {
    const c = raw[i] | 0x20;
    if (c === 0x3d /* = */) {
      if (raw[i + 1] === 0x3f /* ? */) return false;
    } else if (c === 0x62 /* b */) {
      if (startsWithAscii(raw, i, 'base64')) return false;
    } else if (c === 0x71 /* q */) {
      if (startsWithAscii(raw, i, 'quoted-printable')) return false;
    } else if (c === 0x63 /* c */ && startsWithAscii(raw, i, 'charset')) {
      let k = i + 7;
      while (raw[k] === 0x20 || raw[k] === 0x09) k++;
      if (raw[k] !== 0x3d /* = */) return false; // charset*=… (RFC 2231) or something unexpected
      k++;
      while (raw[k] === 0x20 || raw[k] === 0x09) k++;
      if (raw[k] === 0x22) k++;
      let label = '';
      while (k < end && /[A-Za-z0-9._:-]/.test(String.fromCharCode(raw[k])) && label.length < 40) label += String.fromCharCode(raw[k++]);
      if (!ASCII_TRANSPARENT.has(label.toLowerCase())) return false;
    }
  }
  return true;
}

/** Whether [start, end) of `raw` holds "=?", the opening of an RFC 2047 encoded word. */
export function hasEncodedWord(raw: Uint8Array, start = 0, end = raw.length): boolean {
  if (start === 0 && end === raw.length) {
    for (let i = raw.indexOf(0x3d /* = */); i !== -1; i = raw.indexOf(0x3d, i + 1)) if (raw[i + 1] === 0x3f /* ? */) return true;
    return false;
  }
  // A header region: short, and indexOf would run on to the end of the message.
  for (let i = start; i < end - 1; i++) if (raw[i] === 0x3d && raw[i + 1] === 0x3f) return true;
  return false;
}

/**
 * Lower-casing makes ASCII of two characters only: KELVIN SIGN (U+212A) becomes "k" and LATIN
 * CAPITAL LETTER I WITH DOT ABOVE (U+0130) "i" + U+0307. So only a needle with an "i" or a "k"
 * can be in the lower-cased text and not in the octets; rawLowercasesToAscii tells whether the
 * message holds either character.
 */
export const needleMeetsLowercasing = (needle: string): boolean => needle.indexOf('i') !== -1 || needle.indexOf('k') !== -1;

/** Whether the octets hold UTF-8 KELVIN SIGN (E2 84 AA) or İ (C4 B0), which lower-case to ASCII. */
export function rawLowercasesToAscii(raw: Uint8Array): boolean {
  for (let i = raw.indexOf(0xc4); i !== -1; i = raw.indexOf(0xc4, i + 1)) if (raw[i + 1] === 0xb0) return true;
  for (let i = raw.indexOf(0xe2); i !== -1; i = raw.indexOf(0xe2, i + 1)) if (raw[i + 1] === 0x84 && raw[i + 2] === 0xaa) return true;
  return false;
}

/** Decoded text of every searchable body, parts separated by NUL (SEARCH BODY). */
export function searchableBody(root: MimePart): string {
  const out: string[] = [];
  for (const p of walkParts(root)) if (bodySearched(p)) out.push(decodedBody(p));
  return out.join(PART_SEPARATOR);
}

/** Headers of every part plus the searchable bodies, parts separated by NUL (SEARCH TEXT). */
export function searchableText(root: MimePart): string {
  const out: string[] = [];
  for (const p of walkParts(root)) {
    let s = '';
    for (const f of p.fields) s += decodedHeaderLine(p.raw, f) + '\r\n';
    if (bodySearched(p)) s += '\r\n' + decodedBody(p);
    out.push(s);
  }
  return out.join(PART_SEPARATOR);
}

// ---------------------------------------------------------------------------------------------
// Date: header

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZONES: Record<string, number> = {
  ut: 0, gmt: 0, z: 0, utc: 0,
  edt: -4 * 60, est: -5 * 60, cdt: -5 * 60, cst: -6 * 60, mdt: -6 * 60, mst: -7 * 60, pdt: -7 * 60, pst: -8 * 60,
};

/**
 * The Date: header as an instant and the zone it was written in (minutes east of UTC), for
 * SENTBEFORE/SENTON/SENTSINCE. null when absent or unparsable. RFC 5322 syntax with the
 * obsolete forms (2-digit years, named zones, comments).
 */
export function parseRfc5322Date(value: string): { ms: number; zone: number } | null {
  const s = value.replace(/\([^()]*\)/g, ' ').trim();
  const m =
    /^(?:[A-Za-z]{2,}\s*,?\s*)?(\d{1,2})\s*[- ]\s*([A-Za-z]{3})[A-Za-z]*\s*[- ]\s*(\d{2,4})\s+(\d{1,2})\s*:\s*(\d{2})(?:\s*:\s*(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,5})?/.exec(
      s,
    );
  if (m === null) return null;
  const month = MONTHS.indexOf(m[2].toLowerCase());
  if (month < 0) return null;
  let year = Number(m[3]);
  if (m[3].length <= 2) year += year < 50 ? 2000 : 1900;
  else if (m[3].length === 3) year += 1900;
  const day = Number(m[1]);
  const hh = Number(m[4]);
  const mm = Number(m[5]);
  const ss = m[6] === undefined ? 0 : Number(m[6]);
  if (day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60) return null;
  let zone = 0;
  if (m[7] !== undefined) {
    if (/^[+-]\d{4}$/.test(m[7])) {
      const z = Number(m[7].slice(1, 3)) * 60 + Number(m[7].slice(3));
      zone = m[7][0] === '-' ? -z : z;
    } else zone = ZONES[m[7].toLowerCase()] ?? 0;
  }
  const ms = Date.UTC(year, month, day, hh, mm, ss) - zone * 60_000;
  return Number.isNaN(ms) ? null : { ms, zone };
}

/** The message's Date: header (the first one), parsed; null when missing or broken. */
export function sentDate(root: MessageHeader): { ms: number; zone: number } | null {
  for (const f of root.fields) if (eqIgnoreCase(f.name, 'Date')) return parseRfc5322Date(oneLine(root.raw, f));
  return null;
}
