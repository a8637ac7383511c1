/**
 * THREAD=ORDEREDSUBJECT (RFC 5256 §4), "poor man's threading": sort by base subject and then
 * sent date; each run of one base subject is a thread whose first message is the parent of
 * the rest; threads are ordered by their first message's sent date.
 */
import { sortMessages } from '../sort/program';
import { sentOf, subjectOf } from '../sort/keys';
import type { Found, ThreadNode } from './references';

export function threadOrderedSubject(found: Array<Found & { seq: number }>, budget?: () => void): ThreadNode[] {
  const sorted = sortMessages(found, [
    { key: 'SUBJECT', reverse: false },
    { key: 'DATE', reverse: false },
  ], budget);
  const threads: Array<{ date: number; msgs: number[] }> = [];
  let prev: string | null = null;
  for (const f of sorted) {
    const base = subjectOf(f.m).base;
    if (base !== prev) threads.push({ date: sentOf(f.m), msgs: [] });
    prev = base;
    threads[threads.length - 1].msgs.push(f.n);
  }
  threads.sort((a, b) => a.date - b.date || a.msgs[0] - b.msgs[0]);
  // Every later message of a thread is a child of its first (RFC 5256: "the first message
  // ... as the parent, the rest as its children").
  return threads.map(({ msgs }) => ({ n: msgs[0], children: msgs.slice(1).map((n) => ({ n, children: [] })) }));
}
