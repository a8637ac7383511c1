import type { Account, Mailbox, Message } from './model';
import { MailStore } from './store';
import { flagSet } from './flagsets';
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
    mailboxes: Array<Omit<Mailbox, 'messages' | 'unclaimedRecent'> & { unclaimedRecent: number[]; messages: MessageSnapshot[] }>;
  }>;
  /** IMSP options, address books, ACLs, locks (worker/store/imsp.ts); absent in older snapshots. */
  imsp?: ImspSnapshot;
}

interface MessageSnapshot {
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
        messages: mb.messages.map((m) => ({ ...m, flags: [...m.flags] })),
      })),
    })),
    imsp: snapshotImsp(store.imsp),
  };
}

/** Why an imported snapshot was refused: it comes from a file or a URL, so it is checked. */
export class SnapshotError extends Error {}

const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isArr = (v: unknown, every: (x: unknown) => boolean) => Array.isArray(v) && v.every(every);

/** Checks the shape of untrusted snapshot data, field by field, before anything is built from it. */
export function validateSnapshot(snap: unknown): asserts snap is StoreSnapshot {
  const fail = (what: string): never => {
    throw new SnapshotError(`Not a valid store snapshot: ${what}`);
  };
  const s = snap as StoreSnapshot;
  if (!s || typeof s !== 'object' || s.format !== 'mpp-store/1') fail('format mpp-store/1 expected');
  if (!Array.isArray(s.accounts)) fail('accounts missing');
  for (const a of s.accounts) {
    if (!a || !isStr(a.user) || !isStr(a.password) || !isNum(a.nextUidValidity) || !isArr(a.subscriptions, isStr)) fail('bad account');
    if (!Array.isArray(a.mailboxes)) fail(`mailboxes of ${a.user}`);
    for (const mb of a.mailboxes) {
      const ok =
        mb && isStr(mb.name) && isNum(mb.uidValidity) && isNum(mb.uidNext) && typeof mb.noselect === 'boolean' &&
        (mb.specialUse === null || isStr(mb.specialUse)) && isArr(mb.keywords, isStr) && isNum(mb.highestModseq) &&
        isArr(mb.unclaimedRecent, isNum) && Array.isArray(mb.messages);
      if (!ok) fail(`mailbox ${String(mb?.name)}`);
      let last = 0;
      for (const m of mb.messages) {
        if (!m || !isNum(m.uid) || m.uid <= last || m.uid >= mb.uidNext || !(m.raw instanceof Uint8Array) || !isNum(m.internalDate) || !isNum(m.zone) || !isArr(m.flags, isStr) || !isNum(m.modseq))
          fail(`a message in ${mb.name}`);
        last = m.uid;
      }
    }
  }
  // IMSP data (worker/store/imsp.ts), optional in older snapshots.
  if (s.imsp !== undefined) {
    try {
      validateImspSnapshot(s.imsp);
    } catch (e) {
      fail((e as Error).message);
    }
  }
}

export function restoreStore(store: MailStore, snap: StoreSnapshot): void {
  validateSnapshot(snap);
  store.accounts.clear();
  for (const a of snap.accounts) {
    const acc: Account = {
      user: a.user,
      password: a.password,
      nextUidValidity: a.nextUidValidity,
      subscriptions: new Set(a.subscriptions),
      mailboxes: new Map(),
    };
    for (const mb of a.mailboxes) {
      const messages: Message[] = mb.messages.map((m) => ({ ...m, raw: new Uint8Array(m.raw), flags: flagSet(m.flags) }));
      acc.mailboxes.set(mb.name, { ...mb, keywords: [...mb.keywords], unclaimedRecent: new Set(mb.unclaimedRecent), messages });
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
