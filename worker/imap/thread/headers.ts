/**
 * What THREAD reads from each message's header (RFC 5256 §4 step 1), kept beside the message:
 * its own Message-ID and the ids of its ancestors, oldest first — References: when it names
 * any, else the first id of In-Reply-To:.
 */
import type { Message } from '../../store/model';
import { headerValue } from '../sort/headers';
import { firstMessageId, messageIds } from './message-id';

export interface Links {
  messageId: string | null;
  references: string[];
}

const cache = new WeakMap<Message, Links>();

export function linksOf(m: Message): Links {
  let l = cache.get(m);
  if (!l) {
    let references = messageIds(headerValue(m, 'references'));
    if (!references.length) {
      const parent = firstMessageId(headerValue(m, 'in-reply-to'));
      if (parent !== null) references = [parent];
    }
    cache.set(m, (l = { messageId: firstMessageId(headerValue(m, 'message-id')), references }));
  }
  return l;
}
