import type { Account, Mailbox, Message } from './model';
import { DEFAULT_STORE_LIMITS, MailStore, type StoreLimits } from './store';
import { MAX_REMEMBERED_EXPUNGES } from '../limits';
import { canonicalName, isInternalDate, isModseq, isUid, isZone, keywordProblem, mailboxNameProblem, MAX_UID, SPECIAL_USES, storedFlagProblem, userNameProblem, type Problem } from './valid';
import { flagSet } from './flagsets';
import { snapshotEntries, validateEntries, type MetadataSnapshot } from './metadata';
import { restoreImsp, snapshotImsp, validateImspSnapshot, type ImspSnapshot } from './imsp';

/**
 * A snapshot is plain structured-cloneable data (IndexedDB, postMessage); `toJson` /
 * `fromJson` make it a file. Listeners and session state are not part of it: a restore
 * starts with no connections.
 */
export interface StoreSnapshot {
  format: 'mpp-store/1';
  accounts: Array<{
    user: string;
    password: string;
    nextUidValidity: number;
    subscriptions: string[];
    mailboxes: Array<
      Omit<Mailbox, 'messages' | 'unclaimedRecent' | 'metadata' | 'modseqTracked' | 'expunged' | 'expungedForgotten'> & {
        unclaimedRecent: number[];
        messages: MessageSnapshot[];
        metadata?: MetadataSnapshot;
        /** RFC 7162 state; absent in snapshots made before CONDSTORE (read as untracked, nothing expunged). */
        modseqTracked?: boolean;
        expunged?: Array<{ uid: number; modseq: number }>;
        expungedForgotten?: number;
      }
    >;
    /** Server METADATA entries (RFC 5464); absent in older snapshots. */
    serverMetadata?: MetadataSnapshot;
  }>;
  /** IMSP options, address books, ACLs, locks (worker/store/imsp.ts); absent in older snapshots. */
  imsp?: ImspSnapshot;
}

export interface MessageSnapshot {
  uid: number;
  raw: Uint8Array;
  internalDate: number;
  zone: number;
  flags: string[];
  modseq: number;
}

export function snapshotStore(store: MailStore): StoreSnapshot {
  return {
    format: 'mpp-store/1',
    accounts: [...store.accounts.values()].map((a) => ({
      user: a.user,
      password: a.password,
      nextUidValidity: a.nextUidValidity,
      subscriptions: [...a.subscriptions],
      mailboxes: [...a.mailboxes.values()].map((mb) => ({
        ...mb,
        keywords: [...mb.keywords],
        unclaimedRecent: [...mb.unclaimedRecent],
        expunged: mb.expunged.map((e) => ({ ...e })),
        messages: mb.messages.map((m) => ({ ...m, flags: [...m.flags] })),
        metadata: snapshotEntries(mb.metadata),
      })),
      serverMetadata: snapshotEntries(a.serverMetadata),
    })),
    imsp: snapshotImsp(store.imsp),
  };
}

/** Why a snapshot was refused: it comes from IndexedDB, a file or a URL, so it is checked. */
export class SnapshotError extends Error {}

/** A value for an error message: a string quoted and cut short, anything else by its type. */
const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v.slice(0, 80)) : `(${v === null ? 'null' : typeof v})`);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks untrusted snapshot data field by field against the store's own rules
 * (worker/store/valid.ts: the same functions the engine asks before it creates a mailbox,
 * a keyword, a user or a UID) and returns a fresh copy holding only the known fields. What the
 * engine accepted always passes; what it would refuse never does. Throws SnapshotError.
 */
export function validateSnapshot(snap: unknown, limits: StoreLimits = DEFAULT_STORE_LIMITS): StoreSnapshot {
  const fail = (what: string): never => {
    throw new SnapshotError(`Not a valid store snapshot: ${what}`);
  };
  const rule = (p: Problem | null, where: string) => {
    if (p) fail(`${where}: ${p.message}`);
  };
  const list = (v: unknown, what: string): unknown[] => (Array.isArray(v) ? v : fail(`${what} missing`));
  // METADATA entries (RFC 5464) by the engine's own name and value rules (./metadata.ts).
  const entries = (v: unknown, where: string): MetadataSnapshot => {
    try {
      return validateEntries(v, where);
    } catch (e) {
      return fail((e as Error).message);
    }
  };
  if (!isObj(snap) || snap.format !== 'mpp-store/1') fail('format mpp-store/1 expected');
  const s = snap as Record<string, unknown>;
  const users = new Set<string>();
  const accounts = list(s.accounts, 'accounts').map((a): StoreSnapshot['accounts'][number] => {
    if (!isObj(a) || typeof a.user !== 'string') return fail('an account without a user name');
    const user = a.user;
    rule(userNameProblem(user), `user ${show(user)}`);
    if (users.has(user)) fail(`user ${user} twice`);
    users.add(user);
    if (typeof a.password !== 'string') fail(`password of ${user}`);
    const nextUidValidity = a.nextUidValidity;
    if (!(isUid(nextUidValidity) || nextUidValidity === MAX_UID + 1)) fail(`nextUidValidity of ${user}`);
    const names = new Set<string>();
    const mailboxes = list(a.mailboxes, `mailboxes of ${user}`).map((m) => {
      if (!isObj(m) || typeof m.name !== 'string') return fail(`a mailbox of ${user} without a name`);
      const name = m.name;
      const where = `mailbox ${show(name)} of ${user}`;
      rule(mailboxNameProblem(name, limits), where);
      if (canonicalName(name) !== name) fail(`${where}: INBOX not in its canonical case`);
      if (names.has(name)) fail(`${where} twice`);
      names.add(name);
      if (!isUid(m.uidValidity)) fail(`${where}: UIDVALIDITY is not a 32-bit UID`);
      if (!isUid(m.uidNext)) fail(`${where}: UIDNEXT is not a 32-bit UID`);
      const uidNext = m.uidNext as number;
      if (typeof m.noselect !== 'boolean') fail(`${where}: noselect`);
      if (!(m.specialUse === null || (SPECIAL_USES as readonly unknown[]).includes(m.specialUse))) fail(`${where}: special use`);
      if (!isModseq(m.highestModseq)) fail(`${where}: HIGHESTMODSEQ`);
      const keywords = list(m.keywords, `${where}: keywords`).map((k) => {
        rule(keywordProblem(k as string), `${where}: keyword ${show(k)}`);
        return k as string;
      });
      const unclaimedRecent = list(m.unclaimedRecent, `${where}: recent`).map((u) => (isUid(u) ? u : fail(`${where}: a recent UID`)));
      let last = 0;
      const messages = list(m.messages, `${where}: messages`).map((x): MessageSnapshot => {
        if (!isObj(x) || !isUid(x.uid) || x.uid <= last || x.uid >= uidNext) return fail(`${where}: a message UID out of order or ≥ UIDNEXT`);
        last = x.uid;
        const at = `${where}, UID ${x.uid}`;
        if (!(x.raw instanceof Uint8Array)) fail(`${at}: message octets`);
        if (!isInternalDate(x.internalDate)) fail(`${at}: INTERNALDATE`);
        if (!isZone(x.zone)) fail(`${at}: zone`);
        if (!isModseq(x.modseq) || x.modseq > (m.highestModseq as number)) fail(`${at}: modseq (a positive number not above HIGHESTMODSEQ)`);
        const flags = list(x.flags, `${at}: flags`).map((f) => {
          rule(storedFlagProblem(f as string), `${at}: flag ${show(f)}`);
          return f as string;
        });
        return { uid: x.uid, raw: new Uint8Array(x.raw as Uint8Array), internalDate: x.internalDate as number, zone: x.zone as number, flags, modseq: x.modseq as number };
      });
      const metadata = entries(m.metadata, where);
      // RFC 7162 state (optional: older snapshots have none). Expunge records are bounded and
      // in modseq order, like the store keeps them.
      if (m.modseqTracked !== undefined && typeof m.modseqTracked !== 'boolean') fail(`${where}: modseqTracked`);
      const expungedForgotten = m.expungedForgotten ?? 0;
      if (!(expungedForgotten === 0 || isModseq(expungedForgotten)) || (expungedForgotten as number) > (m.highestModseq as number)) fail(`${where}: expungedForgotten`);
      let lastModseq = expungedForgotten as number;
      const expunged = list(m.expunged ?? [], `${where}: expunged`).map((e) => {
        if (!isObj(e) || !isUid(e.uid) || e.uid >= uidNext || !isModseq(e.modseq) || e.modseq < lastModseq || e.modseq > (m.highestModseq as number))
          return fail(`${where}: an expunged UID or its modseq`);
        lastModseq = e.modseq;
        return { uid: e.uid, modseq: e.modseq };
      });
      if (expunged.length > MAX_REMEMBERED_EXPUNGES) fail(`${where}: more than ${MAX_REMEMBERED_EXPUNGES} expunged UIDs`);
      // Fields in the order MailStore builds a mailbox, so a restored store serialises identically.
      return {
        name,
        uidValidity: m.uidValidity as number,
        uidNext,
        messages,
        noselect: m.noselect as boolean,
        specialUse: m.specialUse as string | null,
        keywords,
        highestModseq: m.highestModseq as number,
        unclaimedRecent,
        metadata,
        modseqTracked: (m.modseqTracked as boolean | undefined) ?? false,
        expunged,
        expungedForgotten: expungedForgotten as number,
      };
    });
    if (!names.has('INBOX')) fail(`${user} has no INBOX`);
    // The store hands out UIDVALIDITY values upwards and never reuses one (RFC 3501 §2.3.1.1).
    if (mailboxes.some((mb) => mb.uidValidity >= (nextUidValidity as number))) fail(`nextUidValidity of ${user} is not above every mailbox's UIDVALIDITY`);
    if (mailboxes.length > limits.maxMailboxes) fail(`${user} has more than ${limits.maxMailboxes} mailboxes`);
    const subscriptions = list(a.subscriptions, `subscriptions of ${user}`).map((n) => {
      if (typeof n !== 'string') return fail(`a subscription of ${user}`);
      rule(mailboxNameProblem(n, limits), `subscription ${show(n)} of ${user}`);
      return n;
    });
    const serverMetadata = entries(a.serverMetadata, `server entries of ${user}`);
    const count = serverMetadata.length + mailboxes.reduce((n, mb) => n + mb.metadata.length, 0);
    if (count > limits.maxMetadataEntries) fail(`${user} has more than ${limits.maxMetadataEntries} METADATA entries`);
    if ([...serverMetadata, ...mailboxes.flatMap((mb) => mb.metadata)].some(([, v]) => v.length > limits.maxMetadataValueSize))
      fail(`${user} has a METADATA value over ${limits.maxMetadataValueSize} octets`);
    return { user, password: a.password as string, nextUidValidity: nextUidValidity as number, subscriptions, mailboxes, serverMetadata };
  });
  const out: StoreSnapshot = { format: 'mpp-store/1', accounts };
  // IMSP data (worker/store/imsp.ts), optional in older snapshots; restoreImsp copies it.
  if (s.imsp !== undefined) {
    try {
      validateImspSnapshot(s.imsp);
    } catch (e) {
      fail((e as Error).message);
    }
    out.imsp = s.imsp as ImspSnapshot;
  }
  return out;
}

export function restoreStore(store: MailStore, untrusted: StoreSnapshot): void {
  const snap = validateSnapshot(untrusted, store.limits);
  store.accounts.clear();
  for (const a of snap.accounts) {
    const acc: Account = {
      user: a.user,
      password: a.password,
      nextUidValidity: a.nextUidValidity,
      subscriptions: new Set(a.subscriptions),
      mailboxes: new Map(),
      serverMetadata: new Map(a.serverMetadata),
    };
    for (const mb of a.mailboxes) {
      const messages: Message[] = mb.messages.map((m) => ({ ...m, flags: flagSet(m.flags) }));
      acc.mailboxes.set(mb.name, {
        ...mb,
        unclaimedRecent: new Set(mb.unclaimedRecent),
        messages,
        metadata: new Map(mb.metadata),
        modseqTracked: mb.modseqTracked ?? false,
        expunged: (mb.expunged ?? []).map((e) => ({ ...e })),
        expungedForgotten: mb.expungedForgotten ?? 0,
      });
    }
    store.accounts.set(acc.user, acc);
  }
  restoreImsp(store.imsp, snap.imsp);
  store.version++;
}

const toBase64 = (b: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
};
const fromBase64 = (s: string): Uint8Array => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** A snapshot as JSON text (message octets in base64), for export files. */
export function snapshotToJson(snap: StoreSnapshot): string {
  return JSON.stringify(snap, (_k, v) => (v instanceof Uint8Array ? { $b64: toBase64(v) } : v));
}

export function snapshotFromJson(json: string): StoreSnapshot {
  return JSON.parse(json, (_k, v) => (v && typeof v === 'object' && typeof v.$b64 === 'string' ? fromBase64(v.$b64) : v));
}
