import { concatBytes, asciiBytes, lowerAscii } from '../mime/bytes';
import { decodedBodyOctets } from '../mime/decode';
import type { MimePart } from '../mime/parse';
import { findPart } from '../mime/section';
import type { Message } from '../store/model';
import type { Reader } from '../wire/parser';
import { mimeOf } from './mimecache';

/**
 * FETCH BINARY[part], BINARY.PEEK[part] and BINARY.SIZE[part] (RFC 3516, part of IMAP4rev2:
 * RFC 9051 §6.4.5): a part with its Content-Transfer-Encoding undone. Shared by every dialect
 * that has BINARY (IMAP4rev1 with the extension, IMAP4rev2 in its base).
 */
export interface BinaryItem {
  kind: 'binary';
  peek: boolean;
  size: boolean;
  part: number[];
  partial: [number, number] | null;
}

/** `[` [section-part] `]` after BINARY: part numbers only (RFC 3516 §5 `section-binary`). */
export function readBinarySection(args: Reader): number[] {
  args.char('[');
  const start = args.pos;
  const text = args.takeWhile((b) => (b >= 0x30 && b <= 0x39) || b === 0x2e);
  args.char(']');
  if (!text) return [];
  const part = text.split('.');
  if (part.some((p) => !/^[1-9]\d*$/.test(p))) throw args.error('Invalid section: BINARY takes part numbers only', start);
  return part.map(Number);
}

const KNOWN_CTE = ['7bit', '8bit', 'binary', 'base64', 'quoted-printable'];
const DECODED = ['base64', 'quoted-printable'];

/** Why a part cannot be given decoded (RFC 3516 §4.2: `[UNKNOWN-CTE]`). */
export interface BinaryRefusal {
  code: 'UNKNOWN-CTE';
  text: string;
}

/** The decoded octets, and whether any encoding was undone to get them. */
export interface BinaryData {
  octets: Uint8Array;
  /** Some base64 or quoted-printable was decoded: Dovecot then always answers with literal8. */
  decoded: boolean;
}

class Unknown extends Error {}

const cteOf = (p: MimePart) => lowerAscii((p.contentTransferEncoding ?? '7bit').trim());
const BINARY_CTE = asciiBytes('Content-Transfer-Encoding: binary\r\n');

/**
 * A part as it would be with no transfer encoding (RFC 3516 §4.2): a decoded leaf's header loses
 * its Content-Transfer-Encoding field and ends with `Content-Transfer-Encoding: binary`, as
 * Dovecot rewrites it; multiparts and encapsulated messages are rebuilt from their parts.
 */
function wholePart(p: MimePart, out: Uint8Array[], state: { decoded: boolean }): void {
  const raw = p.raw;
  const cte = cteOf(p);
  if (p.kind !== 'multipart' && p.kind !== 'message' && DECODED.includes(cte)) {
    for (const f of p.fields) if (lowerAscii(f.name) !== 'content-transfer-encoding') out.push(raw.subarray(f.start, f.end));
    out.push(BINARY_CTE);
    if (p.hasBlankLine) out.push(asciiBytes('\r\n'));
    bodyOf(p, out, state);
    return;
  }
  out.push(raw.subarray(p.start, p.bodyStart));
  bodyOf(p, out, state);
}

/** A part's body with the encodings undone: what BINARY[part] answers. */
function bodyOf(p: MimePart, out: Uint8Array[], state: { decoded: boolean }): void {
  const raw = p.raw;
  if (p.kind === 'multipart') {
    // Preamble, boundaries and epilogue stay as they are; each child is rebuilt in place.
    let at = p.bodyStart;
    for (const c of p.children) {
      out.push(raw.subarray(at, c.start));
      wholePart(c, out, state);
      at = c.bodyEnd;
    }
    out.push(raw.subarray(at, p.bodyEnd));
    return;
  }
  if (p.kind === 'message' && p.message) {
    const m = p.message;
    out.push(raw.subarray(p.bodyStart, m.start));
    wholePart(m, out, state);
    out.push(raw.subarray(m.bodyEnd, p.bodyEnd));
    return;
  }
  const cte = cteOf(p);
  if (!KNOWN_CTE.includes(cte)) throw new Unknown(cte);
  if (DECODED.includes(cte)) state.decoded = true;
  out.push(decodedBodyOctets(p));
}

/**
 * The octets BINARY[part] answers, or why they cannot be given. A part that does not exist is
 * empty (as Dovecot answers); BINARY[] is the whole message, header included.
 */
export function binaryOctets(m: Message, part: number[]): BinaryData | BinaryRefusal {
  const root = mimeOf(m);
  const p = part.length ? findPart(root, part) : root;
  if (!p) return { octets: new Uint8Array(0), decoded: false };
  const out: Uint8Array[] = [];
  const state = { decoded: false };
  try {
    if (part.length) bodyOf(p, out, state);
    else wholePart(p, out, state);
  } catch (e) {
    if (e instanceof Unknown) return { code: 'UNKNOWN-CTE', text: 'Unknown Content-Transfer-Encoding' };
    throw e;
  }
  return { octets: out.length === 1 ? out[0] : concatBytes(out), decoded: state.decoded };
}

/** The label of the item in the response: `BINARY[1.2]<0>`, `BINARY.SIZE[1]`. */
export function binaryLabel(it: BinaryItem): string {
  const sec = `[${it.part.join('.')}]`;
  return it.size ? `BINARY.SIZE${sec}` : `BINARY${sec}${it.partial ? `<${it.partial[0]}>` : ''}`;
}

/**
 * RFC 3516 §4.4: a message APPENDed as literal8 may hold parts with
 * `Content-Transfer-Encoding: binary`. Dovecot keeps such a part base64-encoded (so BODY[]
 * stays 7-bit) and BINARY decodes it again; we store it the same way. Lines of 76 characters.
 */
export function encodeBinaryParts(raw: Uint8Array, root: MimePart): Uint8Array {
  const out: Uint8Array[] = [];
  let at = 0;
  let changed = false;
  const visit = (p: MimePart): void => {
    if (p.kind === 'multipart') return p.children.forEach(visit);
    if (p.kind === 'message') {
      if (p.message) visit(p.message);
      return;
    }
    if (cteOf(p) !== 'binary') return;
    const f = p.fields.find((x) => lowerAscii(x.name) === 'content-transfer-encoding')!;
    out.push(raw.subarray(at, f.valueStart), asciiBytes('base64'), raw.subarray(f.valueEnd, p.bodyStart));
    out.push(asciiBytes(base64Lines(raw.subarray(p.bodyStart, p.bodyEnd))));
    at = p.bodyEnd;
    changed = true;
  };
  visit(root);
  if (!changed) return raw;
  out.push(raw.subarray(at));
  return concatBytes(out);
}

function base64Lines(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
  const b64 = btoa(bin);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join('\r\n');
}
