import { bodyStructure } from '../mime/bodystructure';
import { envelope } from '../mime/envelope';
import type { MessageHeader } from '../mime/decode';
import { readHeaderFields } from '../mime/header';
import { parseMessage, type MimePart } from '../mime/parse';
import { fetchSection, type SectionSpec } from '../mime/section';
import type { Message } from '../store/model';
import { encodeValue } from '../wire/encode';

/**
 * Each message is parsed once, the first time a command needs its structure, and what is
 * derived from its (immutable) octets is kept beside it: not in it, so snapshots stay plain
 * data, and in WeakMaps, so it goes when the message does.
 */
const parsed = new WeakMap<Message, MimePart>();
const encoded = new WeakMap<
  Message,
  { envelope?: Uint8Array; body?: Uint8Array; bodystructure?: Uint8Array; fields?: { key: string; octets: Uint8Array } }
>();

export function mimeOf(m: Message): MimePart {
  let p = parsed.get(m);
  if (!p) {
    p = parseMessage(m.raw);
    parsed.set(m, p);
  }
  return p;
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

function encodedOf(m: Message) {
  let e = encoded.get(m);
  if (!e) encoded.set(m, (e = {}));
  return e;
}

/** The ENVELOPE value of a message, as response bytes. */
export function envelopeBytes(m: Message): Uint8Array {
  const e = encodedOf(m);
  return (e.envelope ??= encodeValue(envelope(mimeOf(m))));
}

/** BODYSTRUCTURE (extended) or BODY (not), as response bytes. */
export function bodyStructureBytes(m: Message, extended: boolean): Uint8Array {
  const e = encodedOf(m);
  return extended ? (e.bodystructure ??= encodeValue(bodyStructure(mimeOf(m), true))) : (e.body ??= encodeValue(bodyStructure(mimeOf(m), false)));
}

/**
 * BODY[HEADER.FIELDS (…)] of the message itself. A client asks for the same few fields of
 * every message each time it lists a mailbox (Dovecot keeps them in its cache file for that
 * reason), so the last answer is kept per message, one field list at a time.
 */
export function headerFieldsBytes(m: Message, spec: SectionSpec): Uint8Array {
  const e = encodedOf(m);
  const key = `${spec.text} ${spec.fields!.join(' ').toUpperCase()}`;
  if (e.fields?.key === key) return e.fields.octets;
  const octets = fetchSection(m.raw, mimeOf(m), spec);
  e.fields = { key, octets };
  return octets;
}

