import { HIERARCHY_DELIMITER as D, type Account, type Mailbox, type Message } from './model';
import { MAX_MAILBOXES, MAX_METADATA_ENTRIES, MAX_METADATA_VALUE_SIZE, MAX_REMEMBERED_EXPUNGES } from '../limits';
import { changedSince, dropModseqLog, noteModseq, rebuild as rebuildModseqLog } from './modseq';
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

/** The keywords (not system flags) of a flag set. */
const keywordsOf = (flags: Iterable<string>): Set<string> => {
  const out = new Set<string>();
  for (const f of flags) if (!f.startsWith('\\')) out.add(f);
  return out;
};

/** Flags in one set and not the other. */
function symmetricDifference(a: FlagSet, b: FlagSet): string[] {
  const out: string[] = [];
  for (const f of a) if (!b.has(f)) out.push(f);
  for (const f of b) if (!a.has(f)) out.push(f);
  return out;
}

/** A stable id per flag set object, to work a (from, to) pair out once per STORE. */
const flagSetIds = new WeakMap<FlagSet, number>();
let nextFlagSetId = 1;
function flagSetId(f: FlagSet): number {
  let id = flagSetIds.get(f);
  if (id === undefined) flagSetIds.set(f, (id = nextFlagSetId++));
  return id;
}

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
      modseqTracked: false,
      expunged: [],
      expungedForgotten: 0,
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
      // The messages keep their modseqs, so the new mailbox's HIGHESTMODSEQ must not be below them.
      dest.highestModseq = Math.max(dest.highestModseq, src.highestModseq);
      dest.modseqTracked = src.modseqTracked;
      dropModseqLog(dest);
      dest.keywords = [...src.keywords];
      src.messages = [];
      if (dest.messages.length) this.rememberExpunged(src, dest.messages.map((m) => m.uid), ++src.highestModseq);
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
      // Subscriptions stay on the old names: RFC 3501 §6.3.6 forbids the server to take a name
      // off the list on its own (Dovecot leaves them too; golden 106).
    }
    this.changed();
    for (const n of moves) this.emitAccount(acc, { kind: 'renamed', from: n, to: to + n.slice(from.length) });
  }

  /** Adds a message; the mailbox's watchers hear `exists`. The APPEND is one change (see stamp). */
  append(mb: Mailbox, raw: Uint8Array, flags: Iterable<string>, internalDate: number, zone: number): Message {
    const msg = this.add(mb, raw, flags, internalDate, zone);
    this.stamp(mb, [{ m: msg, base: true, keywords: keywordsOf(msg.flags) }]);
    return msg;
  }

  /** Adds a message without its modseq (the caller stamps the change it belongs to). */
  private add(mb: Mailbox, raw: Uint8Array, flags: Iterable<string>, internalDate: number, zone: number): Message {
    if (raw.length > this.limits.maxMessageSize)
      throw new StoreError('LIMIT', `Message too large (max ${this.limits.maxMessageSize} octets)`);
    refuse(uidProblem(mb.uidNext));
    const canonical = this.flagSetIn(mb, this.canonicalFlags(mb, flags));
    const msg: Message = { uid: mb.uidNext++, raw, internalDate, zone, flags: canonical, modseq: mb.highestModseq };
    mb.messages.push(msg);
    mb.unclaimedRecent.add(msg.uid);
    this.emit(mb, { kind: 'exists', message: msg });
    this.changed();
    return msg;
  }

  /**
   * Gives one change (an APPEND, a COPY, a STORE) its modseqs the way Dovecot's index writes
   * it, as records: first one for the messages themselves (saved, or their system flags
   * changed), then one per keyword set or cleared, in the mailbox's keyword order, each at the
   * next modseq; a message ends at the last record that touched it. So an APPEND with two
   * keywords costs three modseqs (the fixture INBOX: 14 APPENDs, 2 with a keyword,
   * HIGHESTMODSEQ 17). RFC 7162 §3.1.1 only asks that every change get a higher one.
   */
  private stamp(mb: Mailbox, entries: Array<{ m: Message; base: boolean; keywords: ReadonlySet<string> }>): void {
    if (!entries.length) return;
    if (entries.some((e) => e.base)) {
      const v = ++mb.highestModseq;
      for (const e of entries) if (e.base) e.m.modseq = v;
    }
    const changed = new Set<string>();
    for (const e of entries) for (const k of e.keywords) changed.add(k);
    for (const k of mb.keywords) {
      if (!changed.has(k)) continue;
      const v = ++mb.highestModseq;
      for (const e of entries) if (e.keywords.has(k)) e.m.modseq = v;
    }
    // The change log (./modseq.ts) is kept in modseq order.
    for (const e of [...entries].sort((a, b) => a.m.modseq - b.m.modseq)) noteModseq(mb, e.m);
  }

  /**
   * A flag set of this mailbox: system flags first, then the keywords in the order the mailbox
   * first saw them (its keyword list, the order FLAGS shows), as Dovecot lists a message's
   * keywords (by its index's keyword order, not by when they were set on the message).
   */
  private flagSetIn(mb: Mailbox, flags: Iterable<string>): FlagSet {
    const list = [...new Set(flags)];
    const rank = (f: string) => (f.startsWith('\\') ? -1 : mb.keywords.indexOf(f));
    return flagSet(list.sort((a, b) => rank(a) - rank(b)));
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
   * changed. Returns the messages whose flags actually changed. One STORE is one change: the
   * messages it changed share one new modseq (as on Dovecot, RFC 7162 §3.1.1 allows it).
   * `unchangedSince` (RFC 7162 §3.1.3): messages with a higher modseq are left alone and
   * listed in `modified`.
   */
  storeFlags(
    mb: Mailbox,
    messages: Message[],
    op: 'set' | 'add' | 'remove',
    rawFlags: string[],
    origin: unknown,
    unchangedSince?: number,
    modified?: Message[],
  ): Message[] {
    const flags = this.canonicalFlags(mb, rawFlags);
    const changed: Message[] = [];
    const wanted = op === 'set' ? new Set(flags) : null;
    // Messages share flag sets (./flagsets.ts), and the same set meets the same change the same
    // way: each distinct set is worked out once per STORE (null: unchanged).
    const outcome = new Map<FlagSet, FlagSet | null>();
    const next = (f: FlagSet): FlagSet | null => {
      if (wanted) return wanted.size !== f.size || flags.some((x) => !f.has(x)) ? this.flagSetIn(mb, wanted) : null;
      if (op === 'add') return flags.some((x) => !f.has(x)) ? this.flagSetIn(mb, [...f, ...flags]) : null;
      return flags.some((x) => f.has(x)) ? flagSet([...f].filter((x) => !flags.includes(x))) : null;
    };
    // What each distinct (from, to) change of flag set touches, for stamp(): the system flags,
    // and which keywords.
    const effect = new Map<string, { base: boolean; keywords: Set<string> }>();
    const entries: Array<{ m: Message; base: boolean; keywords: ReadonlySet<string> }> = [];
    for (const m of messages) {
      if (unchangedSince !== undefined && this.modseqOf(mb, m) > unchangedSince) {
        modified?.push(m);
        continue;
      }
      let to = outcome.get(m.flags);
      if (to === undefined) outcome.set(m.flags, (to = next(m.flags)));
      if (to === null) continue;
      const pair = `${flagSetId(m.flags)}>${flagSetId(to)}`;
      let e = effect.get(pair);
      if (!e) {
        e = { base: false, keywords: new Set() };
        for (const f of symmetricDifference(m.flags, to)) {
          if (f.startsWith('\\')) e.base = true;
          else e.keywords.add(f);
        }
        effect.set(pair, e);
      }
      m.flags = to;
      entries.push({ m, ...e });
      changed.push(m);
    }
    this.stamp(mb, entries);
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
    // One EXPUNGE is one change: its UIDs vanish at one new modseq (RFC 7162 §3.2.5).
    if (gone.length) this.rememberExpunged(mb, gone, ++mb.highestModseq);
    for (const uid of gone) {
      mb.unclaimedRecent.delete(uid);
      this.emit(mb, { kind: 'expunge', uid });
    }
    if (gone.length) this.changed();
    return gone;
  }

  /** Keeps expunged UIDs for VANISHED (EARLIER), forgetting the oldest past the limit. */
  private rememberExpunged(mb: Mailbox, uids: number[], modseq: number): void {
    for (const uid of uids) mb.expunged.push({ uid, modseq });
    const excess = mb.expunged.length - MAX_REMEMBERED_EXPUNGES;
    if (excess > 0) {
      mb.expungedForgotten = mb.expunged[excess - 1].modseq;
      mb.expunged.splice(0, excess);
    }
  }

  // --- modseqs (RFC 7162) ------------------------------------------------------------------

  /**
   * A client asked for modseqs in this mailbox: from now on they are kept per message. Until
   * then nobody could have seen one, so every message starts at the current HIGHESTMODSEQ
   * (what Dovecot's index reports when it starts keeping them).
   */
  trackModseqs(mb: Mailbox): void {
    if (mb.modseqTracked) return;
    mb.modseqTracked = true;
    for (const m of mb.messages) m.modseq = mb.highestModseq;
    rebuildModseqLog(mb);
    // State worth saving: a restored store must not collapse the per-message modseqs again.
    this.changed();
  }

  /** A message's modseq as a client sees it (the mailbox's HIGHESTMODSEQ until tracked). */
  modseqOf(mb: Mailbox, m: Message): number {
    return mb.modseqTracked ? m.modseq : mb.highestModseq;
  }

  /** Messages of the mailbox changed after `since`, in modseq order, found without a full scan. */
  changedSince(mb: Mailbox, since: number): Message[] {
    this.trackModseqs(mb);
    return changedSince(mb, since, (m) => {
      const i = MailStore.indexOfUid(mb, m.uid);
      return i >= 0 && mb.messages[i] === m;
    });
  }

  /**
   * UIDs expunged after `since` (RFC 7162 §3.2.5.2), ascending; `complete` is false when some
   * expunges after `since` may have been forgotten (MAX_REMEMBERED_EXPUNGES).
   */
  vanishedSince(mb: Mailbox, since: number): { uids: number[]; complete: boolean } {
    const uids: number[] = [];
    for (let i = mb.expunged.length - 1; i >= 0 && mb.expunged[i].modseq > since; i--) uids.push(mb.expunged[i].uid);
    return { uids: uids.sort((a, b) => a - b), complete: since >= mb.expungedForgotten };
  }

  /**
   * Copies messages (RFC 3501 §6.4.7): same bytes, flags and date, new UIDs. Returns the pairs.
   * A COPY (or MOVE) is one change in the target: the copies are saved at one modseq, then
   * their keywords are set (see stamp).
   */
  copy(messages: Message[], dest: Mailbox): Array<[number, number]> {
    const pairs: Array<[number, number]> = [];
    const entries: Array<{ m: Message; base: boolean; keywords: ReadonlySet<string> }> = [];
    try {
      for (const m of messages) {
        const copy = this.add(dest, m.raw, m.flags, m.internalDate, m.zone);
        entries.push({ m: copy, base: true, keywords: keywordsOf(copy.flags) });
        pairs.push([m.uid, copy.uid]);
      }
    } finally {
      // A COPY (and MOVE) is one change in the target, even one cut short by a limit.
      this.stamp(dest, entries);
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
