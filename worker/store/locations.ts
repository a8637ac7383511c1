import type { MailStore } from './store';

/**
 * The mailbox location table of the 1995 IMSP drafts (IMSP.md §10–§11): which IMAP hosts of
 * the network hold which of a user's mailboxes. It lives with the IMSP data; IMSP's mailbox
 * commands and the IMAP servers both read and write it through these functions. A mailbox
 * without a row is on every IMAP host.
 */
export const locationKey = (user: string, mailbox: string): string => `${user}/${mailbox}`;

/** The hosts holding a mailbox, or null when it has no row (it is everywhere). */
export function hostsOf(store: MailStore, user: string, mailbox: string): string[] | null {
  return store.imsp.mailboxes.locations.get(locationKey(user, mailbox)) ?? null;
}

/** Puts a newly created mailbox on one host. */
export function place(store: MailStore, user: string, mailbox: string, host: string): void {
  store.imsp.mailboxes.locations.set(locationKey(user, mailbox), [host]);
  store.version++;
}

/** Follows a RENAME (the mailbox and its children keep their hosts) or a DELETE (to = null). */
export function move(store: MailStore, user: string, from: string, to: string | null): void {
  const table = store.imsp.mailboxes.locations;
  for (const [k, hosts] of [...table]) {
    const prefix = locationKey(user, from);
    if (k !== prefix && !k.startsWith(prefix + '/')) continue;
    table.delete(k);
    if (to !== null) table.set(locationKey(user, to) + k.slice(prefix.length), hosts);
  }
  store.version++;
}
