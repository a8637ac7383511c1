import { SYSTEM_FLAGS, type Mailbox, type Message } from '../store/model';
import type { MailStore, MailboxEvent } from '../store/store';
import { SearchUpdates } from './search/updates';
import { compactUidSet } from './uidset';

/**
 * One session's view of its selected mailbox (RFC 3501 §7.4.1, §5.5). The session numbers
 * messages by its own list, which changes only when the session is told: other sessions'
 * expunges and appends queue here until the session may announce them (never during FETCH,
 * STORE or SEARCH), so message sequence numbers never shift under a client's feet.
 */
export class SelectedMailbox {
  /** The session's messages in sequence-number order (index + 1 = sequence number). */
  messages: Message[];
  /** UIDNEXT when the mailbox was selected: later UIDs arrived while it was open (NOTIFY). */
  readonly uidNextAtSelect: number;
  /** UIDs that are \Recent for this session. */
  readonly recent = new Set<number>();
  private pendingExpunge = new Set<number>();
  private pendingExists: Message[] = [];
  private pendingFlags = new Set<Message>();
  /** New messages announced during FETCH/STORE/SEARCH whose \Recent is taken later. */
  private unclaimed: Message[] = [];
  private unwatch: () => void;
  /** Called after an event is queued (IDLE uses it to push updates immediately). */
  onUpdate: (() => void) | null = null;
  /** Set when another session deleted the mailbox. */
  deleted = false;
  /** The \Recent count the client was last told (RECENT is sent again when it changes). */
  private announcedRecent: number;
  /** How many keywords the client was told about in FLAGS (new ones mean a new FLAGS). */
  private announcedKeywords: number;
  /** Searches kept updating (RFC 5267 CONTEXT=SEARCH); they end with the selection. */
  readonly searches = new SearchUpdates();
  /** The FLAGS (and PERMANENTFLAGS) lines in the session's dialect; rev1's when unset. */
  flagLines: (() => string[]) | null = null;
  /**
   * RFC 7162 §3.2.10: the HIGHESTMODSEQ up to which this session has heard every change,
   * expunges included (the session advances it after each sync that held nothing back).
   */
  syncedModseq: number;

  constructor(
    private readonly store: MailStore,
    readonly mailbox: Mailbox,
    /** Read-only (EXAMINE, or IMAP3's READONLY command, which may change it). */
    public readOnly: boolean,
    private readonly owner: unknown,
  ) {
    this.messages = [...mailbox.messages];
    this.uidNextAtSelect = mailbox.uidNext;
    // RFC 3501 §6.3.2: EXAMINE shows \Recent but must not take it away from the mailbox.
    this.claimRecent(this.messages);
    this.announcedRecent = this.recent.size;
    this.announcedKeywords = mailbox.keywords.length;
    this.syncedModseq = mailbox.highestModseq;
    this.unwatch = store.watch(mailbox, (ev) => this.queue(ev));
  }

  /** \Recent goes to the first session that sees a message; a read-only one only looks. */
  private claimRecent(msgs: Message[]): void {
    const pool = this.mailbox.unclaimedRecent;
    for (const m of msgs) {
      if (!pool.has(m.uid)) continue;
      this.recent.add(m.uid);
      if (!this.readOnly) pool.delete(m.uid);
    }
  }

  private queue(ev: MailboxEvent): void {
    // This session's own changes too: its updating searches must look again (RFC 5267).
    this.searches.dirty = true;
    switch (ev.kind) {
      case 'exists':
        this.pendingExists.push(ev.message);
        break;
      case 'expunge':
        this.pendingExpunge.add(ev.uid);
        break;
      case 'flags':
        // The acting session reports its own changes in its STORE reply (unless .SILENT).
        if (ev.origin !== this.owner) this.pendingFlags.add(ev.message);
        break;
      case 'deleted':
        this.deleted = true;
        break;
    }
    this.onUpdate?.();
  }

  get hasPending(): boolean {
    return this.pendingExists.length > 0 || this.pendingExpunge.size > 0 || this.pendingFlags.size > 0;
  }

  /** The sequence number of a UID in this session (1-based), or 0; the view is in UID order. */
  seqOfUid(uid: number): number {
    let lo = 0;
    let hi = this.messages.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const u = this.messages[mid].uid;
      if (u === uid) return mid + 1;
      if (u < uid) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /**
   * Applies queued changes and returns the untagged responses that announce them, in the
   * order Dovecot sends them: FETCH (flag changes), EXPUNGE (highest number first, so the
   * numbers need no adjusting), then EXISTS and RECENT. Updating searches (RFC 5267) report
   * expunged results before the EXPUNGEs and every other change after RECENT.
   */
  flush(opts: {
    expunges: boolean;
    /** False while NOTIFY leaves out the selected mailbox's FlagChange (RFC 5465). */
    flags?: boolean;
    recentResponse: boolean;
    flagsLine: (seq: number, m: Message) => string;
    /** RFC 7162 §3.2.10 (QRESYNC): one `VANISHED uid-set` instead of EXPUNGE lines. */
    vanished?: boolean;
    /**
     * False during FETCH, STORE and SEARCH (UID forms too): new messages are announced, but
     * their \Recent is taken only at the next other command (as on Dovecot).
     */
    claimRecent?: boolean;
  }): string[] {
    if (opts.claimRecent !== false && this.unclaimed.length) {
      this.claimRecent(this.unclaimed.filter((m) => this.seqOfUid(m.uid) > 0));
      this.unclaimed = [];
    }
    const out = this.keywordLines();
    this.lastAnnounced = 0;
    // NOTIFY without FlagChange (RFC 5465): flag changes are kept, not told.
    if (opts.flags !== false) this.flushFlags(opts, out);
    this.flushRest(opts, out);
    return out;
  }

  /** How many new messages the last flush announced (NOTIFY's MessageNew FETCH follows them). */
  lastAnnounced = 0;

  private flushFlags(opts: { expunges: boolean; flagsLine: (seq: number, m: Message) => string }, out: string[]): void {
    for (const m of this.pendingFlags) {
      // A message about to be announced as expunged needs no flag update; one whose expunge
      // must wait (during FETCH, STORE, SEARCH) still gets it, as on Dovecot.
      if (opts.expunges && this.pendingExpunge.has(m.uid)) continue;
      const seq = this.seqOfUid(m.uid);
      if (seq > 0) out.push(opts.flagsLine(seq, m));
    }
    this.pendingFlags.clear();
  }

  private flushRest(opts: { expunges: boolean; recentResponse: boolean; vanished?: boolean; claimRecent?: boolean }, out: string[]): void {
    if (opts.expunges && this.pendingExpunge.size) {
      if (this.searches.size) out.push(...this.searches.expunging(this.messages, this.pendingExpunge));
      const vanished: number[] = [];
      for (let i = this.messages.length - 1; i >= 0; i--) {
        const m = this.messages[i];
        if (this.pendingExpunge.has(m.uid)) {
          if (opts.vanished) vanished.push(m.uid);
          else out.push(`${i + 1} EXPUNGE`);
          this.recent.delete(m.uid);
        }
      }
      if (vanished.length) out.push(`VANISHED ${compactUidSet(vanished.reverse())}`);
      this.messages = this.messages.filter((m) => !this.pendingExpunge.has(m.uid));
      // A message appended and expunged before we looked was never ours to announce.
      this.pendingExists = this.pendingExists.filter((m) => !this.pendingExpunge.has(m.uid));
      this.pendingExpunge.clear();
    }
    if (this.pendingExists.length) {
      const live = this.pendingExists;
      this.pendingExists = [];
      for (const m of live) this.messages.push(m);
      this.lastAnnounced = live.length;
      if (opts.claimRecent === false) this.unclaimed.push(...live);
      else this.claimRecent(live);
      out.push(`${this.messages.length} EXISTS`);
    }
    // RECENT follows EXISTS/EXPUNGE only when the count changed (another session may have
    // claimed the new messages' \Recent first), and — like the expunges — not during FETCH,
    // STORE or SEARCH (as on Dovecot).
    if (opts.recentResponse && opts.expunges && this.recent.size !== this.announcedRecent) {
      out.push(`${this.recent.size} RECENT`);
      this.announcedRecent = this.recent.size;
    }
    if (this.searches.size) {
      const view = this.messages;
      const ctx = { count: view.length, maxUid: view.length ? view[view.length - 1].uid : 0, isRecent: (m: Message) => this.recent.has(m.uid), now: Date.now() };
      out.push(...this.searches.refresh(view, ctx));
    }
  }

  /**
   * FLAGS and PERMANENTFLAGS again when a keyword was first used in the mailbox since the
   * client last heard (RFC 3501 §7.2.6: FLAGS is sent whenever the list changes).
   */
  keywordLines(): string[] {
    if (this.mailbox.keywords.length === this.announcedKeywords) return [];
    this.announcedKeywords = this.mailbox.keywords.length;
    if (this.flagLines) return this.flagLines();
    const flags = [...SYSTEM_FLAGS, ...this.mailbox.keywords].join(' ');
    return [`FLAGS (${flags})`, this.readOnly ? 'OK [PERMANENTFLAGS ()] Read-only mailbox.' : `OK [PERMANENTFLAGS (${flags} \\*)] Flags permitted.`];
  }

  /** The client was just sent these messages' flags: an update queued for them would repeat it. */
  flagsSent(messages: Iterable<Message>): void {
    for (const m of messages) this.pendingFlags.delete(m);
  }

  /** Whether expunges are waiting to be announced (held back during FETCH, STORE, SEARCH). */
  get holdsExpunges(): boolean {
    return this.pendingExpunge.size > 0;
  }

  /** Messages of the view another session expunged that the client has not heard of yet. */
  heldExpunges(): Message[] {
    const out: Message[] = [];
    for (const uid of this.pendingExpunge) {
      const seq = this.seqOfUid(uid);
      if (seq > 0) out.push(this.messages[seq - 1]);
    }
    return out;
  }

  /** Messages this session expunged itself: drop them from the view without re-announcing. */
  forget(uids: Iterable<number>): void {
    for (const uid of uids) {
      this.pendingExpunge.delete(uid);
      this.recent.delete(uid);
    }
  }

  close(): void {
    this.searches.clear();
    this.unwatch();
    this.onUpdate = null;
  }
}
