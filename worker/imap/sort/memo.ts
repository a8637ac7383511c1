/**
 * The last few SORT and THREAD answers, kept while the messages they were worked out from are
 * the same. Both depend only on which messages were found and on their numbers: the headers
 * and dates they read never change (a stored message is immutable), so a client that sorts or
 * threads the same mailbox again — as one does each time it redraws its list — gets the answer
 * without the work (Dovecot keeps its sort and thread indexes for the same reason).
 */
import type { Message } from '../../store/model';

interface Entry {
  key: string;
  msgs: readonly Message[];
  numbers: readonly number[];
  answer: string;
}

/**
 * How many answers are kept. They hold on to their messages, so only a few; a store that is
 * reset has new message objects, which never match an old entry.
 */
const KEPT = 4;
const entries: Entry[] = [];

function same(e: Entry, key: string, msgs: readonly Message[], numbers: readonly number[]): boolean {
  if (e.key !== key || e.msgs.length !== msgs.length) return false;
  for (let i = 0; i < msgs.length; i++) if (e.msgs[i] !== msgs[i] || e.numbers[i] !== numbers[i]) return false;
  return true;
}

/** The answer for `key` over exactly these messages with exactly these numbers, or `work()`'s. */
export function remembered(key: string, msgs: readonly Message[], numbers: readonly number[], work: () => string): string {
  const at = entries.findIndex((e) => same(e, key, msgs, numbers));
  if (at >= 0) {
    const [e] = entries.splice(at, 1);
    entries.unshift(e);
    return e.answer;
  }
  const answer = work();
  entries.unshift({ key, msgs, numbers, answer });
  if (entries.length > KEPT) entries.pop();
  return answer;
}
