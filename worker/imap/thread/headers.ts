/**
 * What THREAD reads from each message's header (RFC 5256 §4 step 1), kept beside the message:
 * its own Message-ID and the ids of its ancestors, oldest first — References: when it names
 * any, else the first id of In-Reply-To:.
 */
import type { Message } from '../../store/model';
import { sortHeaders } from '../sort/headers';
import { firstMessageId, messageIds } from './message-id';

export interface Links {
  messageId: string | null;
  references: string[];
}

const cache = new WeakMap<Message, Links>();

export function linksOf(m: Message): Links {
  let l = cache.get(m);
  if (!l) {
    const h = sortHeaders(m);
    let references = messageIds(h.references);
    if (!references.length) {
      const parent = firstMessageId(h['in-reply-to']);
      if (parent !== null) references = [parent];
    }
    cache.set(m, (l = { messageId: firstMessageId(h['message-id']), references }));
  }
  return l;
}
