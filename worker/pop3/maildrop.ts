/**
 * A POP3 maildrop (RFC 1939 §3, §6): the user's INBOX in the shared store, as one session
 * sees it from login to QUIT. The message list is fixed at login (numbers never shift while
 * the session runs); DELE only marks; the UPDATE state at QUIT removes what was marked and
 * flags what was fully retrieved \Seen, as Dovecot's POP3 does. IMAP sessions on the same
 * mailbox see both through the store's events.
 */
import type { MailStore } from '../store/store';
import type { Account, Mailbox, Message } from '../store/model';
import { wireSize } from './wire';

/**
 * RFC 1939 §8: once a session is authorised it holds an exclusive-access lock on the
 * maildrop until it ends. Keyed by account, so every session of the network shares it.
 */
const locks = new WeakMap<Account, object>();

export class Maildrop {
  /** The messages at login, in message-number order (number = index + 1). */
  readonly messages: Message[];
  readonly sizes: number[];
  private deleted = new Set<number>();
  private retrieved = new Set<number>();
  /** UIDs another session (IMAP) expunged since login. */
  private expunged = new Set<number>();
  private unwatch: () => void;
  private released = false;

  private constructor(
    private store: MailStore,
    private account: Account,
    private inbox: Mailbox,
  ) {
    this.messages = [...inbox.messages];
    this.sizes = this.messages.map((m) => wireSize(m.raw));
    this.unwatch = store.watch(inbox, (ev) => {
      if (ev.kind === 'expunge') this.expunged.add(ev.uid);
    });
  }

  /** Takes the lock and the snapshot; null when another session holds the maildrop. */
  static open(store: MailStore, account: Account): Maildrop | null {
    if (locks.has(account)) return null;
    const inbox = store.mailbox(account, 'INBOX');
    if (!inbox) return null;
    const drop = new Maildrop(store, account, inbox);
    locks.set(account, drop);
    return drop;
  }

  get count(): number {
    return this.messages.length;
  }

  isDeleted(n: number): boolean {
    return this.deleted.has(n);
  }

  /** Was message `n` expunged by another session since login? (Dovecot: "Message N expunged.") */
  isExpunged(n: number): boolean {
    return this.expunged.has(this.messages[n - 1].uid);
  }

  /** Numbers (1-based) of the messages not marked deleted. */
  live(): number[] {
    const out: number[] = [];
    for (let n = 1; n <= this.messages.length; n++) if (!this.deleted.has(n)) out.push(n);
    return out;
  }

  /**
   * STAT's drop listing: messages not marked, and their total size, as at login: like
   * Dovecot's, it still counts what IMAP expunged meanwhile (numbers never shift).
   */
  stat(): [number, number] {
    const live = this.live();
    return [live.length, live.reduce((s, n) => s + this.sizes[n - 1], 0)];
  }

  /**
   * The unique-id listing (RFC 1939 §7 UIDL): Dovecot's `pop3_uidl_format = %08Xu%08Xv`,
   * the IMAP UID and UIDVALIDITY as 8 hex digits each (Dovecot prints them in lower case),
   * so the id is stable across sessions and changes only when the mailbox is recreated.
   */
  uidl(n: number): string {
    const hex8 = (v: number) => v.toString(16).padStart(8, '0');
    return hex8(this.messages[n - 1].uid) + hex8(this.inbox.uidValidity);
  }

  dele(n: number): void {
    this.deleted.add(n);
  }

  retr(n: number): Message {
    this.retrieved.add(n);
    return this.messages[n - 1];
  }

  /** RSET unmarks every message and, as in Dovecot, forgets the RETRs (no \Seen at QUIT). */
  rset(): void {
    this.deleted.clear();
    this.retrieved.clear();
  }

  get anyDeleted(): boolean {
    return this.deleted.size > 0;
  }

  /**
   * The UPDATE state (RFC 1939 §6): removes the marked messages still in the mailbox (IMAP
   * may have expunged some meanwhile) and sets \Seen on the retrieved ones that stay.
   * Returns how many were removed.
   */
  update(): number {
    const present = (n: number) => !this.isExpunged(n);
    const seen = [...this.retrieved]
      .filter((n) => !this.deleted.has(n) && present(n))
      .map((n) => this.messages[n - 1])
      .filter((m) => !m.flags.has('\\Seen'));
    if (seen.length) this.store.storeFlags(this.inbox, seen, 'add', ['\\Seen'], this);
    const gone = new Set([...this.deleted].filter(present).map((n) => this.messages[n - 1].uid));
    return gone.size ? this.store.expunge(this.inbox, gone).length : 0;
  }

  /** Ends the session's hold on the maildrop (QUIT, or the connection dropped). */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.unwatch();
    if (locks.get(this.account) === this) locks.delete(this.account);
  }
}
