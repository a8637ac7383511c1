import type { Mailbox, Message } from './model';

/**
 * Which messages changed after a given modseq, without looking at every message: a
 * resynchronising client (RFC 7162 §3.1.4.1, `FETCH 1:* (FLAGS) (CHANGEDSINCE m)`) usually asks
 * about a few changes in a big mailbox.
 *
 * Each mailbox has a change log: every time a message gets a modseq it is appended with that
 * modseq. Modseqs only grow, so the log is sorted by modseq; an entry is stale once its
 * message has a newer modseq (a later entry) or is gone. The log is derived data, kept outside
 * the model (it is not in snapshots) and rebuilt from the messages when missing or when stale
 * entries outnumber live ones.
 */
interface ChangeLog {
  modseqs: number[];
  messages: Message[];
}

const logs = new WeakMap<Mailbox, ChangeLog>();

/** Builds the log from the messages: a copy when they are already in modseq order (as right after tracking starts, when all share one), else sorted. */
export function rebuild(mb: Mailbox): ChangeLog {
  const ordered = mb.messages.every((m, i, a) => i === 0 || a[i - 1].modseq <= m.modseq);
  const messages = ordered ? [...mb.messages] : [...mb.messages].sort((a, b) => a.modseq - b.modseq || a.uid - b.uid);
  const log = { modseqs: messages.map((m) => m.modseq), messages };
  logs.set(mb, log);
  return log;
}

/** Records that `m` was given its current modseq (call after every assignment). */
export function noteModseq(mb: Mailbox, m: Message): void {
  const log = logs.get(mb);
  if (!log) return; // built on first use
  log.modseqs.push(m.modseq);
  log.messages.push(m);
  if (log.modseqs.length > 2 * mb.messages.length + 64) logs.delete(mb);
}

/** Forgets the log (after modseqs were rewritten wholesale). */
export function dropModseqLog(mb: Mailbox): void {
  logs.delete(mb);
}

/** The mailbox's messages whose modseq is above `since`, in modseq order (oldest change first). */
export function changedSince(mb: Mailbox, since: number, isLive: (m: Message) => boolean): Message[] {
  const log = logs.get(mb) ?? rebuild(mb);
  const { modseqs, messages } = log;
  let lo = 0;
  let hi = modseqs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (modseqs[mid] > since) hi = mid;
    else lo = mid + 1;
  }
  const out: Message[] = [];
  for (let i = lo; i < modseqs.length; i++) {
    const m = messages[i];
    if (m.modseq === modseqs[i] && isLive(m)) out.push(m);
  }
  return out;
}
