/**
 * BODY[section]<partial> (RFC 3501 §6.4.5) with Dovecot 2.3's semantics
 * (lib-imap-storage/imap-msgpart.c):
 *
 * - [] whole message, [HEADER] / [TEXT] / [HEADER.FIELDS (..)] / [HEADER.FIELDS.NOT (..)] of the
 *   message; with a part number, of the message/rfc822 part (empty for any other part);
 * - [n] the part's body as stored (for a multipart: its raw content, boundaries included);
 *   part 1 of a non-multipart message is its body; [n.MIME] the part's own header;
 * - [0] of a multipart is its first part (Dovecot's loop quirk); a part that does not exist is
 *   empty;
 * - HEADER.FIELDS returns the matching fields in message order (names compared
 *   case-insensitively), each with its continuation lines, then the blank line (added when the
 *   message has none); HEADER.FIELDS.NOT likewise, but adds no missing blank line;
 * - output octets as IMAP sends them: bare LF -> CRLF, NUL -> 0x80.
 */
import { CR, LF, concatBytes, eqIgnoreCase, imapOctets } from './bytes';
import { type HeaderField, type MessageHeader, readField } from './header';
import type { MimePart } from './parse';

export type SectionText = 'HEADER' | 'HEADER.FIELDS' | 'HEADER.FIELDS.NOT' | 'TEXT' | 'MIME';

export interface SectionSpec {
  /** Part number path, e.g. [1, 2] for "1.2"; [] for the message itself. */
  part: number[];
  /** The text specifier after the part path; absent for [] or [1.2]. */
  text?: SectionText;
  /** Field names for HEADER.FIELDS / HEADER.FIELDS.NOT. */
  fields?: string[];
}

/**
 * The part a section's part path designates (imap_msgpart_find), or null. With an empty path,
 * the message itself.
 */
export function findPart(root: MimePart, path: readonly number[]): MimePart | null {
  let part: MimePart | null = root;
  for (let k = 0; k < path.length && part !== null; k++) {
    const num = path[k];
    const more = k + 1 < path.length;
    if (part.kind === 'multipart') {
      part = part.children[num <= 1 ? 0 : num - 1] ?? null;
    } else if (num !== 1 || (more && part.kind !== 'message')) {
      part = null;
    }
    if (part !== null && part.kind === 'message' && more) part = part.message;
  }
  return part;
}

function octets(part: MimePart, start: number, end: number): Uint8Array {
  return imapOctets(part.raw, start, end);
}

/**
 * The fields Dovecot's header filter sees for a message/rfc822 part: it reads from the part's
 * position until a blank line or the end of the message, without regard to MIME boundaries (so
 * a header cut short by a boundary "continues" past it).
 */
function filterFields(msg: MimePart): { fields: readonly HeaderField[]; blank: boolean } {
  if (msg.hasBlankLine || msg.parent === null) return { fields: msg.fields, blank: msg.hasBlankLine };
  const raw = msg.raw;
  const end = raw.length;
  const fields: HeaderField[] = [];
  const stats = { lines: 0, bareLf: 0 };
  let pos = msg.start;
  while (pos < end) {
    if (raw[pos] === LF || (raw[pos] === CR && pos + 1 < end && raw[pos + 1] === LF)) return { fields, blank: true };
    const f = readField(raw, pos, end, stats);
    fields.push(f);
    pos = f.end;
  }
  return { fields, blank: false };
}

/**
 * HEADER.FIELDS / HEADER.FIELDS.NOT (Dovecot's istream-header-filter): the selected fields as
 * stored (continuation lines included), then the blank line -- which HEADER.FIELDS of the
 * message itself (`root`) adds even when the message has none.
 */
function filterHeader(raw: Uint8Array, fields: readonly HeaderField[], blank: boolean, root: boolean, spec: SectionSpec): Uint8Array {
  const include = spec.text === 'HEADER.FIELDS';
  const names = spec.fields ?? [];
  const chunks: Uint8Array[] = [];
  for (const f of fields) {
    if (names.some((n) => eqIgnoreCase(n, f.name)) !== include) continue;
    chunks.push(imapOctets(raw, f.start, f.end));
  }
  if (blank || (include && root)) chunks.push(new Uint8Array([CR, LF]));
  return chunks.length === 0 ? new Uint8Array(0) : concatBytes(chunks);
}

/**
 * BODY[HEADER.FIELDS (…)] or BODY[HEADER.FIELDS.NOT (…)] of the message itself from its header
 * alone: what `fetchSection` answers for such a section, without parsing the MIME structure
 * (a client lists a mailbox this way, and the bodies play no part in it).
 */
export function messageHeaderFields(header: MessageHeader, spec: SectionSpec): Uint8Array {
  const { raw, fields } = header;
  const pos = fields.length === 0 ? 0 : fields[fields.length - 1].end;
  const blank = raw[pos] === LF || (raw[pos] === CR && raw[pos + 1] === LF);
  return filterHeader(raw, fields, blank, true, spec);
}

function messageSection(msg: MimePart, spec: SectionSpec): Uint8Array {
  switch (spec.text) {
    case 'HEADER':
      return octets(msg, msg.start, msg.headerEnd);
    case 'TEXT':
      return octets(msg, msg.bodyStart, msg.bodyEnd);
    case 'HEADER.FIELDS':
    case 'HEADER.FIELDS.NOT': {
      const { fields, blank } = filterFields(msg);
      return filterHeader(msg.raw, fields, blank, msg.parent === null, spec);
    }
    default:
      return octets(msg, msg.start, msg.bodyEnd);
  }
}

/**
 * The octets of BODY[section] (before any <partial>). `raw` is the message `root` was parsed
 * from (the tree's offsets index into it). [MIME] without a part number is invalid (BAD) and
 * must be rejected by the caller; it returns an empty result here.
 */
export function fetchSection(raw: Uint8Array, root: MimePart, spec: SectionSpec): Uint8Array {
  if (raw.length !== root.raw.length) throw new Error('fetchSection: part tree of another message');
  if (spec.part.length === 0) {
    if (spec.text === 'MIME') return new Uint8Array(0);
    return messageSection(root, spec);
  }
  const part = findPart(root, spec.part);
  if (part === null) return new Uint8Array(0);
  switch (spec.text) {
    case undefined:
      return octets(part, part.bodyStart, part.bodyEnd);
    case 'MIME':
      return octets(part, part.start, part.headerEnd);
    default:
      if (part.kind !== 'message' || part.message === null) return new Uint8Array(0);
      return messageSection(part.message, spec);
  }
}

/**
 * A <origin.count> partial of section octets: empty when origin is past the end; count absent
 * means "to the end".
 */
export function partial(octetsIn: Uint8Array, origin: number, count?: number): Uint8Array {
  if (origin >= octetsIn.length) return new Uint8Array(0);
  const end = count === undefined ? octetsIn.length : Math.min(octetsIn.length, origin + count);
  return octetsIn.subarray(origin, end);
}

/**
 * Parses a section text as a client writes it inside BODY[...], e.g. "", "1.2", "HEADER",
 * "2.MIME", "HEADER.FIELDS (From To)". Returns null where Dovecot answers BAD (including "MIME"
 * without a part number, "1." and unknown specifiers). Header-list items are split on spaces
 * with surrounding quotes removed: a convenience for tests and tools; the IMAP command parser
 * should build a SectionSpec from the astrings it parsed.
 */
export function parseSection(text: string): SectionSpec | null {
  let part: number[] = [];
  let rest = text;
  const m = /^(\d+(?:\.\d+)*)(\.|$)/.exec(text);
  if (m !== null) {
    part = m[1].split('.').map((n) => Number(n));
    rest = text.slice(m[0].length);
    if (m[2] === '.' && rest === '') return null;
  }
  if (rest === '') return { part };
  const upper = rest.toUpperCase();
  if (upper === 'MIME') return part.length === 0 ? null : { part, text: 'MIME' };
  if (upper === 'TEXT') return { part, text: 'TEXT' };
  if (upper === 'HEADER') return { part, text: 'HEADER' };
  const hf = /^HEADER\.FIELDS(\.NOT)? \((.*)\)$/s.exec(upper);
  if (hf === null) return null;
  const list = rest.slice(rest.indexOf('(') + 1, rest.lastIndexOf(')'));
  const fields = list
    .split(/\s+/)
    .filter((s) => s !== '')
    .map((s) => (s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s));
  if (fields.length === 0) return null;
  return { part, text: hf[1] ? 'HEADER.FIELDS.NOT' : 'HEADER.FIELDS', fields };
}
