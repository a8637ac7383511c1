/**
 * Header fields, read straight from the message octets.
 *
 * A field is one logical header: its first line plus any continuation lines (lines starting with
 * SP or HTAB). A line without ":" is still a field (Dovecot treats the whole line as the name).
 * Offsets are absolute positions in the message buffer; values are produced on demand so that
 * parsing a message costs one pass and no per-field string building.
 */
import { CR, HT, LF, SP, bin, eqIgnoreCase } from './bytes';

export interface HeaderField {
  /** Field name as written, trailing whitespace before ":" removed (binary string). */
  readonly name: string;
  /** Offset of the field's first octet. */
  readonly start: number;
  /**
   * Offset of the value: after ":" and the whitespace Dovecot skips (all of it, or just one
   * octet when the first line holds nothing but whitespace). Equals the end of the first line's
   * text when the line has no ":".
   */
  readonly valueStart: number;
  /** End of the value: before the field's final line break (or the end of the message). */
  readonly valueEnd: number;
  /** Offset just after the field's final line break: where the next line starts. */
  readonly end: number;
  /** False for a line without ":". */
  readonly colon: boolean;
  /** Size of the final line break: 2 (CRLF), 1 (bare LF) or 0 (field ends the message). */
  readonly newline: 0 | 1 | 2;
}

/**
 * A message's header as ENVELOPE, HEADER.FIELDS and header searches need it: the message's
 * octets and its top-level fields (a parsed root part will do, or `readHeaderFields` alone).
 */
export interface MessageHeader {
  readonly raw: Uint8Array;
  readonly fields: readonly HeaderField[];
}

/** Physical-line statistics of a field, for the header size accounting. */
export interface FieldStats {
  lines: number;
  /** LFs without a CR before them (each adds one octet to the virtual size). */
  bareLf: number;
}

const isLwsp = (c: number): boolean => c === SP || c === HT;

/**
 * Reads the field that starts at `pos` (a line start that is not blank). `stats` receives the
 * number of physical lines ending in LF and how many of those LFs lack a CR.
 */
export function readField(raw: Uint8Array, pos: number, end: number, stats: FieldStats): HeaderField {
  let lf = raw.indexOf(LF, pos);
  if (lf >= end) lf = -1;
  let textEnd = lf === -1 ? end : lf > pos && raw[lf - 1] === CR ? lf - 1 : lf;

  // name and ":"
  let colonAt = -1;
  for (let i = pos; i < textEnd; i++) {
    if (raw[i] === 0x3a) {
      colonAt = i;
      break;
    }
  }
  let nameEnd = colonAt === -1 ? textEnd : colonAt;
  if (colonAt !== -1) while (nameEnd > pos && isLwsp(raw[nameEnd - 1])) nameEnd--;
  const name = fieldName(raw, pos, nameEnd);

  let valueStart = textEnd;
  if (colonAt !== -1) {
    valueStart = colonAt + 1;
    let v = valueStart;
    while (v < textEnd && isLwsp(raw[v])) v++;
    if (v === textEnd && textEnd > valueStart) v = valueStart + 1; // only LWSP: skip one
    valueStart = v;
  }

  // continuation lines
  let newline: 0 | 1 | 2 = lf === -1 ? 0 : textEnd === lf ? 1 : 2;
  let next = lf === -1 ? end : lf + 1;
  if (lf !== -1) {
    stats.lines++;
    if (newline === 1) stats.bareLf++;
  }
  while (lf !== -1 && next < end && isLwsp(raw[next])) {
    lf = raw.indexOf(LF, next);
    if (lf >= end) lf = -1;
    if (lf === -1) {
      textEnd = end;
      newline = 0;
      next = end;
      break;
    }
    textEnd = raw[lf - 1] === CR ? lf - 1 : lf;
    newline = textEnd === lf ? 1 : 2;
    stats.lines++;
    if (newline === 1) stats.bareLf++;
    next = lf + 1;
  }
  return { name, start: pos, valueStart, valueEnd: textEnd, end: next, colon: colonAt !== -1, newline };
}

/*
 * Mail repeats a few dozen field names (From, Subject, Content-Type, …) in every message and
 * every part: the last name read at each (length, first octet) is kept and handed out again
 * when the octets are the same, which spares building the same short string for every field.
 */
const NAME_SLOTS = 64 * 32;
const names: Array<string | undefined> = new Array(NAME_SLOTS);

function fieldName(raw: Uint8Array, start: number, end: number): string {
  const len = end - start;
  if (len === 0 || len > 63) return bin(raw, start, end);
  const slot = len * 32 + (raw[start] & 31);
  const known = names[slot];
  if (known !== undefined) {
    let j = 0;
    while (j < len && known.charCodeAt(j) === raw[start + j]) j++;
    if (j === len) return known;
  }
  const name = bin(raw, start, end);
  names[slot] = name;
  return name;
}

/** The value's octets exactly as stored (continuation line breaks included). */
export function rawValue(raw: Uint8Array, f: HeaderField): Uint8Array {
  return raw.subarray(f.valueStart, f.valueEnd);
}

/**
 * Dovecot's "full value": the value with every line break reduced to a bare LF and the
 * continuation whitespace kept (binary string). ENVELOPE and BODYSTRUCTURE are built from this.
 */
export function fullValue(raw: Uint8Array, f: HeaderField): string {
  const s = bin(raw, f.valueStart, f.valueEnd);
  return s.indexOf('\r\n') === -1 ? s : s.replace(/\r\n/g, '\n');
}

/** The value unfolded (RFC 5322 §2.2.3): line breaks removed, whitespace kept. */
export function unfoldedValue(raw: Uint8Array, f: HeaderField): string {
  const s = bin(raw, f.valueStart, f.valueEnd);
  return s.indexOf('\n') === -1 ? s : s.replace(/\r?\n/g, '');
}

/** The first field named `name` (ASCII case-insensitive), or undefined. */
export function findField(fields: readonly HeaderField[], name: string): HeaderField | undefined {
  for (const f of fields) if (eqIgnoreCase(f.name, name)) return f;
  return undefined;
}

/** Every field named `name` (ASCII case-insensitive), in message order. */
export function findFields(fields: readonly HeaderField[], name: string): HeaderField[] {
  return fields.filter((f) => eqIgnoreCase(f.name, name));
}

/**
 * The top-level header fields of a message, read without parsing the MIME structure (the
 * root part's `fields`, the same objects `parseMessage` would make). SEARCH on header keys
 * uses it so that the first search over a large mailbox need not parse every body.
 */
export function readHeaderFields(raw: Uint8Array): HeaderField[] {
  const fields: HeaderField[] = [];
  const stats: FieldStats = { lines: 0, bareLf: 0 };
  let pos = 0;
  while (pos < raw.length && raw[pos] !== LF && !(raw[pos] === CR && raw[pos + 1] === LF)) {
    const f = readField(raw, pos, raw.length, stats);
    fields.push(f);
    pos = f.end;
  }
  return fields;
}
