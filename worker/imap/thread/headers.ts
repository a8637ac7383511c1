/**
 * What THREAD reads from each message's header (RFC 5256 §4 step 1), kept beside the message:
 * its own Message-ID and the ids of its ancestors, oldest first — References: when it names
 * any, else the first id of In-Reply-To:.
 */
import { findField, unfoldedValue } from '../../mime/header';
import type { Message } from '../../store/model';
import { headerOf } from '../mimecache';
import { firstMessageId, messageIds } from './message-id';

export interface Links {
  messageId: string | null;
  references: string[];
}

const cache = new WeakMap<Message, Links>();

export function linksOf(m: Message): Links {
  let l = cache.get(m);
  if (!l) {
    const h = headerOf(m);
    const value = (name: string) => {
      const f = findField(h.fields, name);
      return f ? unfoldedValue(h.raw, f) : null;
    };
    let references = messageIds(value('References'));
    if (!references.length) {
      const parent = firstMessageId(value('In-Reply-To'));
      if (parent !== null) references = [parent];
    }
    cache.set(m, (l = { messageId: firstMessageId(value('Message-ID')), references }));
  }
  return l;
}
