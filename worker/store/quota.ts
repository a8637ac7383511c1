/**
 * Quotas (RFC 9208's resources, one quota root per account): MESSAGE counted per mailbox,
 * STORAGE per account. Checked by the commands that add mail (APPEND, COPY, MOVE and the old
 * dialects' COPY / APPEND-like commands), before anything is stored, so a refused command
 * changes nothing: `NO [OVERQUOTA]` (RFC 9208 §4.3). Mail loaded by the operator (`--load`,
 * scenarios, imports) is not refused here.
 *
 * Without them `COPY 1:* INBOX` twenty times doubles a mailbox to millions of messages.
 * STORAGE counts each message's octets, also for copies (which share their bytes in memory):
 * a copy is still a message the server must keep, search and serve.
 */
import { MAX_ACCOUNT_BYTES, MAX_MESSAGES_PER_ACCOUNT, MAX_MESSAGES_PER_MAILBOX } from '../limits';
import type { Account, Mailbox, Message } from './model';
import { StoreError, type MailStore } from './store';

export interface Quota {
  messagesPerMailbox: number;
  messagesPerAccount: number;
  bytesPerAccount: number;
}

export const DEFAULT_QUOTA: Readonly<Quota> = Object.freeze({
  messagesPerMailbox: MAX_MESSAGES_PER_MAILBOX,
  messagesPerAccount: MAX_MESSAGES_PER_ACCOUNT,
  bytesPerAccount: MAX_ACCOUNT_BYTES,
});

const quotas = new WeakMap<MailStore, Quota>();

/** Sets a store's quota (tests; a bridge that wants other values). */
export function setQuota(store: MailStore, quota: Partial<Quota>): void {
  quotas.set(store, { ...quotaOf(store), ...quota });
}

export function quotaOf(store: MailStore): Quota {
  return quotas.get(store) ?? DEFAULT_QUOTA;
}

/** What an account uses: messages, and octets of mail (RFC 9208 MESSAGE and STORAGE usage). */
export function accountUsage(acc: Account): { messages: number; bytes: number } {
  let messages = 0;
  let bytes = 0;
  for (const mb of acc.mailboxes.values()) {
    messages += mb.messages.length;
    bytes += mailboxOctets(mb.messages);
  }
  return { messages, bytes };
}

/**
 * The octets of a mailbox's messages, counted once: the store only appends to a mailbox's list
 * or replaces the list (EXPUNGE, DELETE, RENAME), so a list's count is extended by what was
 * appended since. Recounting every message before every APPEND made 10,000 APPENDs quadratic.
 */
const counted = new WeakMap<readonly Message[], { upTo: number; octets: number }>();
function mailboxOctets(list: readonly Message[]): number {
  let c = counted.get(list);
  if (!c || c.upTo > list.length) counted.set(list, (c = { upTo: 0, octets: 0 }));
  for (let i = c.upTo; i < list.length; i++) c.octets += list[i].raw.length;
  c.upTo = list.length;
  return c.octets;
}

/** Refuses with `NO [OVERQUOTA]` if adding `count` messages of `bytes` octets to `mb` would exceed a quota. */
export function checkQuota(store: MailStore, acc: Account, mb: Mailbox, count: number, bytes: number): void {
  const q = quotaOf(store);
  if (mb.messages.length + count > q.messagesPerMailbox)
    throw new StoreError('OVERQUOTA', `Quota exceeded (mailbox for messages): ${mb.name} may hold at most ${q.messagesPerMailbox} messages`);
  const used = accountUsage(acc);
  if (used.messages + count > q.messagesPerAccount)
    throw new StoreError('OVERQUOTA', `Quota exceeded (account for messages): ${used.messages + count} messages would be over the ${q.messagesPerAccount} allowed`);
  if (used.bytes + bytes > q.bytesPerAccount)
    throw new StoreError('OVERQUOTA', `Quota exceeded (account for storage): ${used.bytes + bytes} octets would be over the ${q.bytesPerAccount} allowed`);
}
