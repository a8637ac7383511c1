/**
 * Test support: replays recorded Dovecot FETCH answers (see record-dovecot.mjs) against the MIME
 * layer. For every recorded `FETCH n (items)` we build the same response line from our parse tree
 * and compare octets. Platform-free (the test reads the files).
 */
import { encodeValue } from '../../wire/encode';
import { binBytes } from '../bytes';
import { bodyStructure } from '../bodystructure';
import { envelope } from '../envelope';
import { type MimePart, messageSize, parseMessage } from '../parse';
import { fetchSection, parseSection, partial } from '../section';
import { encodeMimeValue } from '../tight';

export interface Recorded {
  source: string;
  mailbox: string;
  seq: number;
  responses: { items: string; response: string }[];
}

/** The messages of a recording file's JSON text. */
export function recordedMessages(json: string): Recorded[] {
  return (JSON.parse(json) as { messages: Recorded[] }).messages;
}

const latin1 = (b: Uint8Array): string => {
  let s = '';
  for (const c of b) s += String.fromCharCode(c);
  return s;
};

/** LF -> CRLF, as the lab loader (imaplib) sends the fixture files. */
export function crlf(text: Uint8Array): Uint8Array {
  return binBytes(latin1(text).replace(/\r\n|\r(?!\n)|\n/g, '\r\n'));
}

/** One FETCH item as we would write it, e.g. `BODY[1.MIME] {12}\r\n...`. */
function item(raw: Uint8Array, root: MimePart, name: string): string {
  switch (name) {
    case 'RFC822.SIZE':
      return `RFC822.SIZE ${messageSize(root)}`;
    case 'ENVELOPE':
      return `ENVELOPE ${latin1(encodeMimeValue(envelope(root)))}`;
    case 'BODY':
      return `BODY ${latin1(encodeMimeValue(bodyStructure(root, false)))}`;
    case 'BODYSTRUCTURE':
      return `BODYSTRUCTURE ${latin1(encodeMimeValue(bodyStructure(root, true)))}`;
  }
  const m = /^BODY\.PEEK\[(.*)\](?:<(\d+)\.(\d+)>)?$/.exec(name);
  if (!m) throw new Error(`unsupported item ${name}`);
  const spec = parseSection(m[1]);
  if (!spec) throw new Error(`bad section ${m[1]}`);
  let data = fetchSection(raw, root, spec);
  let label = `BODY[${m[1]}]`;
  if (spec.fields) {
    const list = m[1].slice(m[1].indexOf('(') + 1, m[1].lastIndexOf(')'));
    label = `BODY[${m[1].slice(0, m[1].indexOf('(')).toUpperCase()}(${list.toUpperCase()})]`;
  }
  if (m[2] !== undefined) {
    data = partial(data, Number(m[2]), Number(m[3]));
    label += `<${m[2]}>`;
  }
  return `${label} ${latin1(encodeValue(data))}`;
}

/** The full untagged response we would send for `FETCH seq (items)`. */
export function ourResponse(raw: Uint8Array, root: MimePart, seq: number, items: string): string {
  let names: string[] = items.replace(/^\(|\)$/g, '').match(/BODY\.PEEK\[[^\]]*\](?:<[^>]*>)?|[^ ]+/g) ?? [];
  // Dovecot answers RFC822.SIZE first (a buffered item), then the rest in request order.
  if (names.includes('RFC822.SIZE')) names = ['RFC822.SIZE', ...names.filter((n) => n !== 'RFC822.SIZE')];
  return `* ${seq} FETCH (${names.map((n) => item(raw, root, n)).join(' ')})\r\n`;
}

export { parseMessage };
