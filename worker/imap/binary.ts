import { decodedBodyOctets } from '../mime/decode';
import { findPart } from '../mime/section';
import type { Message } from '../store/model';
import type { Reader } from '../wire/parser';
import { mimeOf } from './mimecache';

/**
 * FETCH BINARY[part], BINARY.PEEK[part] and BINARY.SIZE[part] (RFC 3516, part of IMAP4rev2:
 * RFC 9051 §6.4.5): a leaf part with its Content-Transfer-Encoding undone.
 */
export interface BinaryItem {
  kind: 'binary';
  peek: boolean;
  size: boolean;
  part: number[];
  partial: [number, number] | null;
}

/** `[` [section-part] `]` after BINARY: part numbers only. */
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

/** The decoded octets of a part, or why they cannot be given (RFC 3516 §4.2: UNKNOWN-CTE). */
export function binaryOctets(m: Message, part: number[]): Uint8Array | { code: string | null; text: string } {
  const root = mimeOf(m);
  const p = part.length ? findPart(root, part) : root;
  if (!p) return new Uint8Array(0);
  if (p.kind === 'multipart' || p.kind === 'message') return { code: null, text: `BINARY is for leaf parts: ${part.join('.') || 'the message'} is ${p.kind === 'message' ? 'a message' : 'multipart'}` };
  const cte = (p.contentTransferEncoding ?? '7bit').toLowerCase();
  if (!KNOWN_CTE.includes(cte)) return { code: 'UNKNOWN-CTE', text: `Unknown Content-Transfer-Encoding ${cte}` };
  return decodedBodyOctets(p);
}

/** The label of the item in the response: `BINARY[1.2]<0>`, `BINARY.SIZE[1]`. */
export function binaryLabel(it: BinaryItem): string {
  const sec = `[${it.part.join('.')}]`;
  return it.size ? `BINARY.SIZE${sec}` : `BINARY${sec}${it.partial ? `<${it.partial[0]}>` : ''}`;
}
