import { parseMessage, type MimePart } from '../mime/parse';
import type { Message } from '../store/model';

/**
 * Each message is parsed once, the first time a command needs its structure, and the
 * result is kept beside the message (not in it, so snapshots stay plain data).
 */
const parsed = new WeakMap<Message, MimePart>();

export function mimeOf(m: Message): MimePart {
  let p = parsed.get(m);
  if (!p) {
    p = parseMessage(m.raw);
    parsed.set(m, p);
  }
  return p;
}
