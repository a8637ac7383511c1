import { HIERARCHY_DELIMITER as D, type Account, type Mailbox, type Message } from './model';
import { MAX_MAILBOXES, MAX_METADATA_ENTRIES, MAX_METADATA_VALUE_SIZE } from '../limits';
import { newImspData, type ImspData } from './imsp';
import { flagSet, type FlagSet } from './flagsets';
import { countEntries } from './metadata';
import { canonicalName, mailboxNameProblem, storedFlagProblem, uidProblem, uidValidityProblem, userNameProblem, type Problem } from './valid';

export { canonicalName };

/** Why a store operation was refused; handlers map the code to a response code (RFC 5530). */
export type StoreErrorCode = 'NONEXISTENT' | 'ALREADYEXISTS' | 'CANNOT' | 'INUSE' | 'LIMIT' | 'TRYCREATE' | 'NOPERM' | 'OVERQUOTA' | 'UNKNOWN-CTE' | 'TOOBIG' | `BADURL ${string}` | `METADATA MAXSIZE ${number}` | 'METADATA TOOMANY';

export class StoreError extends Error {
  constructor(
    /** null: a plain NO, as the reference server gives for this refusal. */
    readonly code: StoreErrorCode | null,
    message: string,
  ) {
    super(message);
  }
}

/** What a mailbox's watchers (selected sessions) hear about. `origin` is the acting session. */
export type MailboxEvent =
  | { kind: 'exists'; message: Message }
  | { kind: 'expunge'; uid: number }
  | { kind: 'flags'; message: Message; origin: unknown }
  | { kind: 'deleted' };

export type MailboxListener = (event: MailboxEvent) => void;

/**
 * What an account's watchers hear (IMAP NOTIFY, RFC 5465): every mailbox's message events,
 * and changes to the mailbox list and the subscriptions. Names are the stored (Unicode) ones.
 */
export type AccountEvent =
  | { kind: 'messages'; mailbox: Mailbox; event: MailboxEvent }
  | { kind: 'created'; name: string }
  | { kind: 'deleted'; name: string }
  | { kind: 'renamed'; from: string; to: string }
  | { kind: 'subscription'; name: string; subscribed: boolean };

export type AccountListener = (event: AccountEvent) => void;

export interface StoreLimits {
  /** Mailboxes per account, to keep a runaway script from eating the tab's memory. */
  maxMailboxes: number;
  /** Hierarchy levels in one name. */
  maxDepth: number;
  /** Octets in one mailbox name (UTF-8). */
  maxNameLength: number;
  /** Octets in one message. */
  maxMessageSize: number;
  /** METADATA (RFC 5464): octets in one entry's value, and entries per account. */
  maxMetadataValueSize: number;
  maxMetadataEntries: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = {
  maxMailboxes: MAX_MAILBOXES,
  maxDepth: 16,
  maxNameLength: 255,
  maxMessageSize: 50 * 1024 * 1024,
  maxMetadataValueSize: MAX_METADATA_VALUE_SIZE,
  maxMetadataEntries: MAX_METADATA_ENTRIES,
};

/** Throws a rule's refusal (worker/store/valid.ts) as the StoreError a handler answers NO with. */
function refuse(p: Problem | null): void {
  if (p) throw new StoreError(p.code, p.message);
}

const parentsOf = (name: string): string[] => {
  const parts = name.split(D);
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join(D));
  return out;
};

export class MailStore {
  readonly accounts = new Map<string, Account>();
  private listeners = new Map<Mailbox, Set<MailboxListener>>();
  private accountListeners = new Map<Account, Set<AccountListener>>();
  /** Bumped on every change, so a UI can poll cheaply for "anything new?". */
  version = 0;
  /** IMSP: options, address books, ACLs, locks (worker/store/imsp.ts; owned by the IMSP server). */
  imsp: ImspData = newImspData();

  constructor(readonly limits: StoreLimits = DEFAULT_STORE_LIMITS) {}

  addAccount(user: string, password: string, firstUidValidity = 1): Account {
    refuse(userNameProblem(user.toLowerCase()));
    const acc: Account = {
      user: user.toLowerCase(),
      password,
      mailboxes: new Map(),
      subscriptions: new Set(),
      nextUidValidity: firstUidValidity,
      serverMetadata: new Map(),
    };
    this.accounts.set(acc.user, acc);
    this.createMailbox(acc, 'INBOX');
    acc.subscriptions.add('INBOX');
    return acc;
  }

  account(user: string): Account | undefined {
    return this.accounts.get(user.toLowerCase());
  }

  authenticate(user: string, password: string): Account | null {
    const acc = this.account(user);
    return acc && acc.password === password ? acc : null;
  }

  mailbox(acc: Account, name: string): Mailbox | undefined {
    return acc.mailboxes.get(canonicalName(name));
  }

  /** A mailbox that can hold messages, or a StoreError saying why not. */
  selectable(acc: Account, name: string): Mailbox {
    const mb = this.mailbox(acc, name);
    if (!mb || mb.noselect) throw new StoreError(null, 'Mailbox doesn\'t exist: ' + name);
    return mb;
  }

  hasChildren(acc: Account, name: string): boolean {
    const prefix = name + D;
    for (const n of acc.mailboxes.keys()) if (n.startsWith(prefix)) return true;
    return false;
  }

  /** The one mailbox-name rule (worker/store/valid.ts), which snapshots are also checked against. */
  checkName(name: string): void {
    refuse(mailboxNameProblem(name, this.limits));
  }

  /**
   * Creates a mailbox and any missing parents as \Noselect placeholders (RFC 3501 §6.3.3).
   * A trailing delimiter ("Trailing/") means the caller intends to create children: the
   * name itself becomes a \Noselect placeholder, as Dovecot's fs layout does.
   */
  createMailbox(acc: Account, rawName: string, opts: { specialUse?: string | null; uidValidity?: number } = {}): Mailbox {
    let name = canonicalName(rawName);
    let placeholder = false;
    if (name.endsWith(D) && name.length > 1) {
      name = name.slice(0, -1);
      placeholder = true;
    }
    this.checkName(name);
    const existing = acc.mailboxes.get(name);
    if (existing && !(existing.noselect && !placeholder)) throw new StoreError('ALREADYEXISTS', 'Mailbox already exists');
    const newCount = parentsOf(name).filter((p) => !acc.mailboxes.has(p)).length + (existing ? 0 : 1);
    if (acc.mailboxes.size + newCount > this.limits.maxMailboxes)
      throw new StoreError('LIMIT', `Too many mailboxes (max ${this.limits.maxMailboxes})`);
    for (const p of parentsOf(name)) if (!acc.mailboxes.has(p)) acc.mailboxes.set(p, this.newMailbox(acc, p, true));
    if (existing) {
      existing.noselect = false;
      this.changed();
      this.emitAccount(acc, { kind: 'created', name });
      return existing;
    }
    const mb = this.newMailbox(acc, name, placeholder, opts.uidValidity);
    mb.specialUse = opts.specialUse ?? null;
    acc.mailboxes.set(name, mb);
    this.changed();
    this.emitAccount(acc, { kind: 'created', name });
    return mb;
  }

  private newMailbox(acc: Account, name: string, noselect: boolean, uidValidity?: number): Mailbox {
    const v = uidValidity ?? acc.nextUidValidity;
    refuse(uidValidityProblem(v));
    acc.nextUidValidity = Math.max(acc.nextUidValidity, v + 1);
    return {
      name,
      uidValidity: v,
      uidNext: 1,
      messages: [],
      noselect,
      specialUse: null,
      keywords: [],
      highestModseq: 1,
      unclaimedRecent: new Set(),
      metadata: new Map(),
    };
  }

  /**
   * Deletes a mailbox (RFC 3501 §6.3.4). A mailbox with children loses its messages and
   * becomes \Noselect; a \Noselect one with children cannot be deleted; INBOX never.
   * A \Noselect parent stays after its last child goes (as on Dovecot's fs layout).
   */
  deleteMailbox(acc: Account, rawName: string): void {
    const name = canonicalName(rawName);
    if (name === 'INBOX') throw new StoreError(null, 'INBOX can\'t be deleted');
    const mb = acc.mailboxes.get(name);
    if (!mb) throw new StoreError('NONEXISTENT', 'Mailbox doesn\'t exist: ' + rawName);
    if (this.hasChildren(acc, name)) {
      if (mb.noselect) throw new StoreError(null, 'Mailbox has children, delete them first');
      mb.noselect = true;
      mb.messages = [];
      mb.unclaimedRecent.clear();
      // A \Noselect name is no mailbox: its annotations go with its messages (RFC 5464 §3).
      mb.metadata.clear();
    } else acc.mailboxes.delete(name);
    this.emit(mb, { kind: 'deleted' });
    this.listeners.delete(mb);
    this.changed();
    this.emitAccount(acc, { kind: 'deleted', name });
  }

  /**
   * Renames a mailbox and its children (RFC 3501 §6.3.5). Renaming INBOX moves its messages
   * to the new mailbox and leaves INBOX empty; the caller decides whether its dialect allows that.
   */
  renameMailbox(acc: Account, rawFrom: string, rawTo: string): void {
    const from = canonicalName(rawFrom);
    let to = canonicalName(rawTo);
    if (to.endsWith(D)) to = to.slice(0, -1);
    const src = acc.mailboxes.get(from);
    if (!src) throw new StoreError('NONEXISTENT', 'Mailbox doesn\'t exist: ' + rawFrom);
    this.checkName(to);
    if (acc.mailboxes.has(to) && !acc.mailboxes.get(to)!.noselect) throw new StoreError('ALREADYEXISTS', 'Target mailbox already exists');
    if (to === from) throw new StoreError('ALREADYEXISTS', 'Can\'t rename mailbox to itself');
    if (to.startsWith(from + D)) throw new StoreError(null, 'Can\'t rename mailbox under its own child');
    if (from === 'INBOX') {
      const dest = this.createMailbox(acc, to);
      dest.messages = src.messages;
      dest.uidNext = src.uidNext;
      dest.keywords = [...src.keywords];
      src.messages = [];
      for (const m of dest.messages) this.emit(src, { kind: 'expunge', uid: m.uid });
      this.changed();
      return;
    }
    const moves = [...acc.mailboxes.keys()].filter((n) => n === from || n.startsWith(from + D));
    // The children's new names must be valid too (length, depth), or the rename is refused whole.
    for (const n of moves) this.checkName(to + n.slice(from.length));
    for (const p of parentsOf(to)) if (!acc.mailboxes.has(p)) acc.mailboxes.set(p, this.newMailbox(acc, p, true));
    for (const n of moves) {
      const mb = acc.mailboxes.get(n)!;
      acc.mailboxes.delete(n);
      mb.name = to + n.slice(from.length);
      acc.mailboxes.set(mb.name, mb);
      if (acc.subscriptions.delete(n)) acc.subscriptions.add(mb.name);
    }
    this.changed();
    for (const n of moves) this.emitAccount(acc, { kind: 'renamed', from: n, to: to + n.slice(from.length) });
  }

  /** Adds a message; the mailbox's watchers hear `exists`. */
  append(mb: Mailbox, raw: Uint8Array, flags: Iterable<string>, internalDate: number, zone: number): Message {
    if (raw.length > this.limits.maxMessageSize)
      throw new StoreError('LIMIT', `Message too large (max ${this.limits.maxMessageSize} octets)`);
    refuse(uidProblem(mb.uidNext));
    const canonical = flagSet(this.canonicalFlags(mb, flags));
    const msg: Message = { uid: mb.uidNext++, raw, internalDate, zone, flags: canonical, modseq: ++mb.highestModseq };
    mb.messages.push(msg);
    mb.unclaimedRecent.add(msg.uid);
    this.emit(mb, { kind: 'exists', message: msg });
    this.changed();
    return msg;
  }

  /**
   * Keywords are case-insensitive (RFC 9051 §2.3.2): each is kept in the spelling the
   * mailbox first saw, and later spellings map to it.
   */
  canonicalFlags(mb: Mailbox, flags: Iterable<string>): string[] {
    const list = [...flags];
    // Checked first, so a refused flag leaves the mailbox's keyword list untouched.
    for (const f of list) refuse(storedFlagProblem(f));
    const out: string[] = [];
    for (const f of list) {
      if (f.startsWith('\\')) {
        out.push(f);
        continue;
      }
      const known = mb.keywords.find((k) => k.toLowerCase() === f.toLowerCase());
      if (!known) mb.keywords.push(f);
      out.push(known ?? f);
    }
    return out;
  }

  /**
   * Replaces, adds or removes flags (RFC 3501 §6.4.6) and tells watchers which messages
   * changed. Returns the messages whose flags actually changed.
   */
  storeFlags(mb: Mailbox, messages: Message[], op: 'set' | 'add' | 'remove', rawFlags: string[], origin: unknown): Message[] {
    const flags = this.canonicalFlags(mb, rawFlags);
    const changed: Message[] = [];
    const wanted = op === 'set' ? new Set(flags) : null;
    // Messages share flag sets (./flagsets.ts), and the same set meets the same change the same
    // way: each distinct set is worked out once per STORE (null: unchanged).
    const outcome = new Map<FlagSet, FlagSet | null>();
    const next = (f: FlagSet): FlagSet | null => {
      if (wanted) return wanted.size !== f.size || flags.some((x) => !f.has(x)) ? flagSet(wanted) : null;
      if (op === 'add') return flags.some((x) => !f.has(x)) ? flagSet([...f, ...flags]) : null;
      return flags.some((x) => f.has(x)) ? flagSet([...f].filter((x) => !flags.includes(x))) : null;
    };
    for (const m of messages) {
      let to = outcome.get(m.flags);
      if (to === undefined) outcome.set(m.flags, (to = next(m.flags)));
      if (to === null) continue;
      m.flags = to;
      m.modseq = ++mb.highestModseq;
      changed.push(m);
    }
    for (const m of changed) this.emit(mb, { kind: 'flags', message: m, origin });
    if (changed.length) this.changed();
    return changed;
  }

  /** Removes the messages with these UIDs; watchers hear one `expunge` per message. */
  expunge(mb: Mailbox, uids: Set<number>): number[] {
    const gone: number[] = [];
    mb.messages = mb.messages.filter((m) => {
      if (!uids.has(m.uid)) return true;
      gone.push(m.uid);
      return false;
    });
    for (const uid of gone) {
      mb.unclaimedRecent.delete(uid);
      this.emit(mb, { kind: 'expunge', uid });
    }
    if (gone.length) {
      mb.highestModseq++;
      this.changed();
    }
    return gone;
  }

  /** Copies messages (RFC 3501 §6.4.7): same bytes, flags and date, new UIDs. Returns the pairs. */
  copy(messages: Message[], dest: Mailbox): Array<[number, number]> {
    const pairs: Array<[number, number]> = [];
    for (const m of messages) {
      const copy = this.append(dest, m.raw, m.flags, m.internalDate, m.zone);
      pairs.push([m.uid, copy.uid]);
    }
    return pairs;
  }

  /**
   * SETMETADATA (RFC 5464 §4.3): sets (a value) or removes (null) entries of one mailbox, or of
   * the server when `mb` is null. All or nothing: a value over the size limit, or more entries
   * than the account may hold, refuses the whole command and leaves every entry as it was.
   * Names must already be valid and in lower case (worker/store/metadata.ts).
   */
  setMetadata(acc: Account, mb: Mailbox | null, changes: Array<[string, Uint8Array | null]>): void {
    const entries = mb ? mb.metadata : acc.serverMetadata;
    for (const [, v] of changes) {
      if (v && v.length > this.limits.maxMetadataValueSize)
        throw new StoreError(`METADATA MAXSIZE ${this.limits.maxMetadataValueSize}`, `Entry value too large (max ${this.limits.maxMetadataValueSize} octets)`);
    }
    const after = new Map(entries);
    for (const [k, v] of changes) {
      if (v === null) after.delete(k);
      else after.set(k, v);
    }
    const total = countEntries(acc.serverMetadata, acc.mailboxes.values()) - entries.size + after.size;
    if (after.size > entries.size && total > this.limits.maxMetadataEntries)
      throw new StoreError('METADATA TOOMANY', `Too many METADATA entries (max ${this.limits.maxMetadataEntries} per account)`);
    entries.clear();
    for (const [k, v] of after) entries.set(k, v);
    this.changed();
  }

  subscribe(acc: Account, name: string): void {
    const n = canonicalName(name);
    const added = !acc.subscriptions.has(n);
    acc.subscriptions.add(n);
    this.changed();
    if (added) this.emitAccount(acc, { kind: 'subscription', name: n, subscribed: true });
  }

  unsubscribe(acc: Account, name: string): void {
    const n = canonicalName(name);
    const removed = acc.subscriptions.delete(n);
    this.changed();
    if (removed) this.emitAccount(acc, { kind: 'subscription', name: n, subscribed: false });
  }

  /** Hears everything that happens to an account's mailboxes (IMAP NOTIFY); returns the unwatch. */
  watchAccount(acc: Account, listener: AccountListener): () => void {
    let set = this.accountListeners.get(acc);
    if (!set) this.accountListeners.set(acc, (set = new Set()));
    set.add(listener);
    return () => {
      set!.delete(listener);
      if (!set!.size) this.accountListeners.delete(acc);
    };
  }

  private emitAccount(acc: Account, ev: AccountEvent): void {
    const set = this.accountListeners.get(acc);
    if (set) for (const l of [...set]) l(ev);
  }

  watch(mb: Mailbox, listener: MailboxListener): () => void {
    let set = this.listeners.get(mb);
    if (!set) this.listeners.set(mb, (set = new Set()));
    set.add(listener);
    return () => set!.delete(listener);
  }

  private emit(mb: Mailbox, ev: MailboxEvent): void {
    const set = this.listeners.get(mb);
    if (set) for (const l of [...set]) l(ev);
    if (!this.accountListeners.size) return;
    // Only NOTIFY sessions watch accounts: find the mailbox's owner only when one does.
    for (const [acc, watchers] of this.accountListeners) {
      if (acc.mailboxes.get(mb.name) !== mb) continue;
      for (const l of [...watchers]) l({ kind: 'messages', mailbox: mb, event: ev });
    }
  }

  private changed(): void {
    this.version++;
  }

  /** Locates a message by UID with a binary search (messages are in ascending UID order). */
  static indexOfUid(mb: Mailbox, uid: number): number {
    let lo = 0;
    let hi = mb.messages.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const u = mb.messages[mid].uid;
      if (u === uid) return mid;
      if (u < uid) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
