import { bodyStructure } from '../mime/bodystructure';
import { envelope } from '../mime/envelope';
import { type MessageHeader, readHeaderFields } from '../mime/header';
import { parseMessage, type MimePart } from '../mime/parse';
import { messageHeaderFields, type SectionSpec } from '../mime/section';
import type { Message } from '../store/model';
import { binaryString, encodeValueBinary } from '../wire/encode';

/**
 * What is derived from a message's (immutable) octets is kept beside it: not in it, so
 * snapshots stay plain data, and in WeakMaps, so it goes when the message does. The compact
 * results (ENVELOPE and BODYSTRUCTURE bytes, the last HEADER.FIELDS answer) are kept for every
 * message; the full MIME tree, which is several times the message's own size, only for the
 * PARSED_KEPT messages used most recently, and is parsed again when needed after that.
 */
const PARSED_KEPT = 256;
const parsed = new Map<Message, MimePart>();
const encoded = new WeakMap<
  Message,
  { envelope?: string; body?: string; bodystructure?: string; fields?: { key: string; octets: string } }
>();

export function mimeOf(m: Message): MimePart {
  let p = parsed.get(m);
  if (p) {
    parsed.delete(m); // most recently used goes last
  } else {
    p = parseMessage(m.raw);
    if (parsed.size >= PARSED_KEPT) parsed.delete(parsed.keys().next().value!);
  }
  parsed.set(m, p);
  return p;
}

/**
 * The MIME tree for a one-off look (SEARCH's first pass over a mailbox, a BODYSTRUCTURE that is
 * then kept encoded): the kept one if there is one, else parsed and not kept, so a pass over
 * every message neither churns the kept trees nor keeps a tree per message. (A tree kept for a
 * while and then dropped is the costly kind of garbage: it outlives the young generation.)
 */
export function mimeOnce(m: Message): MimePart {
  return parsed.get(m) ?? parseMessage(m.raw);
}

const headers = new WeakMap<Message, MessageHeader>();

/** The top-level header: the parsed root if there is one, else the header read on its own. */
export function headerOf(m: Message): MessageHeader {
  const p = parsed.get(m);
  if (p) return p;
  let h = headers.get(m);
  if (!h) headers.set(m, (h = { raw: m.raw, fields: readHeaderFields(m.raw) }));
  return h;
}

/**
 * The top-level header for a one-off look (ENVELOPE, HEADER.FIELDS of the message, each kept
 * encoded after): the kept root or header if there is one, else read and not kept. Listing a
 * mailbox then reads each header once and never parses a body.
 */
function headerOnce(m: Message): MessageHeader {
  return parsed.get(m) ?? headers.get(m) ?? { raw: m.raw, fields: readHeaderFields(m.raw) };
}

function encodedOf(m: Message) {
  let e = encoded.get(m);
  if (!e) encoded.set(m, (e = {}));
  return e;
}

/*
 * ENVELOPE and BODYSTRUCTURE are kept as binary strings (one character per octet): a string
 * costs a few bytes beside its text where a Uint8Array costs a couple of hundred, and these
 * are kept for every message a client has listed.
 */

/** The ENVELOPE value of a message, as response octets in a binary string. */
export function envelopeOctets(m: Message): string {
  const e = encodedOf(m);
  return (e.envelope ??= encodeValueBinary(envelope(headerOnce(m))));
}

/** BODYSTRUCTURE (extended) or BODY (not), as response octets in a binary string. */
export function bodyStructureOctets(m: Message, extended: boolean): string {
  const e = encodedOf(m);
  return extended
    ? (e.bodystructure ??= encodeValueBinary(bodyStructure(mimeOnce(m), true)))
    : (e.body ??= encodeValueBinary(bodyStructure(mimeOnce(m), false)));
}

/**
 * BODY[HEADER.FIELDS (…)] of the message itself, as response octets in a binary string. A
 * client asks for the same few fields of every message each time it lists a mailbox (Dovecot
 * keeps them in its cache file for that reason), so the last answer is kept per message, one
 * field list at a time.
 */
export function headerFieldsOctets(m: Message, spec: SectionSpec): string {
  const e = encodedOf(m);
  const key = fieldsKey(spec);
  if (e.fields?.key === key) return e.fields.octets;
  const octets = binaryString(messageHeaderFields(headerOnce(m), spec));
  e.fields = { key, octets };
  return octets;
}

const asciiUpper = (s: string) => s.replace(/[a-z]+/g, (w) => w.toUpperCase());

/** The cache key of a HEADER.FIELDS(.NOT) section: made once per command (spec), not per message. */
const keys = new WeakMap<SectionSpec, string>();
function fieldsKey(spec: SectionSpec): string {
  let key = keys.get(spec);
  // Names are compared ASCII case-insensitively and may hold spaces: NUL keeps them apart.
  if (key === undefined) keys.set(spec, (key = `${spec.text}\0${spec.fields!.map(asciiUpper).join('\0')}`));
  return key;
}

/** Drops the kept MIME trees (the store was reset or replaced: their messages are gone). */
export function forgetParsed(): void {
  parsed.clear();
}
