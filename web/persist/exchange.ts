import type { StoreSnapshot } from '../engine';
import type { Entry, Kind } from '../terminal/session';
import { snapshotFromJson, snapshotToJson } from '../../worker/store/snapshot';
import { validateCourse, type CourseState } from '../lessons/progress';

/**
 * Export and import of the whole playground as one JSON file, and the checks that make an
 * imported file harmless: every field is type-checked and copied into fresh objects, so
 * nothing unexpected (extra keys, prototypes, wrong types) reaches the engine or the page.
 * Text from a file is only ever shown through the terminal's escaping or as text nodes.
 */

export interface SavedTab {
  key: string;
  host: string;
  tagCounter: number;
  entries: Entry[];
}

export interface Settings {
  theme: 'auto' | 'light' | 'dark';
  autoTag: boolean;
  screenReader: boolean;
}

export interface ExportFile {
  format: 'mpp-export/1';
  exportedAt: string;
  snapshot: StoreSnapshot | null;
  tabs: SavedTab[];
  history: string[];
  settings: Settings;
  /** Lesson progress (absent in files from before the course existed). */
  lessons?: CourseState;
}

export class ImportError extends Error {}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (what: string): never => {
  throw new ImportError(`Not a playground file: ${what}`);
};
const str = (v: unknown, what: string, max = 10_000): string => (typeof v === 'string' && v.length <= max ? v : fail(what));
const int = (v: unknown, what: string): number => (typeof v === 'number' && Number.isSafeInteger(v) ? v : fail(what));
const num = (v: unknown, what: string): number => (typeof v === 'number' && Number.isFinite(v) ? v : fail(what));
const bool = (v: unknown, what: string): boolean => (typeof v === 'boolean' ? v : fail(what));
const arr = (v: unknown, what: string, max = 100_000): unknown[] => (Array.isArray(v) && v.length <= max ? v : fail(what));
const bytes = (v: unknown, what: string): Uint8Array => (v instanceof Uint8Array ? new Uint8Array(v) : fail(what));
const FLAG = /^\\?[^\s()[\]{}"\\%*\x00-\x1f\x7f]+$|^\\\*$/;

export function validateSnapshot(v: unknown): StoreSnapshot {
  if (!isObj(v) || v.format !== 'mpp-store/1') fail('snapshot format');
  const s = v as Record<string, unknown>;
  return {
    format: 'mpp-store/1',
    accounts: arr(s.accounts, 'accounts', 1000).map((a) => {
      if (!isObj(a)) fail('account');
      const acc = a as Record<string, unknown>;
      return {
        user: str(acc.user, 'user name', 200),
        password: str(acc.password, 'password', 200),
        nextUidValidity: int(acc.nextUidValidity, 'nextUidValidity'),
        subscriptions: arr(acc.subscriptions, 'subscriptions').map((x) => str(x, 'subscription', 1000)),
        mailboxes: arr(acc.mailboxes, 'mailboxes', 10_000).map((m) => {
          if (!isObj(m)) fail('mailbox');
          const mb = m as Record<string, unknown>;
          return {
            name: str(mb.name, 'mailbox name', 1000),
            uidValidity: int(mb.uidValidity, 'uidValidity'),
            uidNext: int(mb.uidNext, 'uidNext'),
            noselect: bool(mb.noselect, 'noselect'),
            specialUse: mb.specialUse === null ? null : str(mb.specialUse, 'specialUse', 100),
            keywords: arr(mb.keywords, 'keywords').map((k) => {
              const f = str(k, 'keyword', 200);
              return FLAG.test(f) ? f : fail('keyword');
            }),
            highestModseq: int(mb.highestModseq, 'highestModseq'),
            unclaimedRecent: arr(mb.unclaimedRecent, 'unclaimedRecent').map((u) => int(u, 'recent uid')),
            messages: arr(mb.messages, 'messages').map((x) => {
              if (!isObj(x)) fail('message');
              const msg = x as Record<string, unknown>;
              return {
                uid: int(msg.uid, 'uid'),
                raw: bytes(msg.raw, 'message octets'),
                internalDate: num(msg.internalDate, 'internalDate'),
                zone: int(msg.zone, 'zone'),
                flags: arr(msg.flags, 'flags', 1000).map((f) => {
                  const t = str(f, 'flag', 200);
                  return FLAG.test(t) ? t : fail('flag');
                }),
                modseq: int(msg.modseq, 'modseq'),
              };
            }),
          };
        }),
      };
    }),
    // IMSP options, address books, ACLs, locks and the location table: kept, and checked field
    // by field by the engine's restoreStore (validateImspSnapshot) before it is used.
    ...(s.imsp !== undefined ? { imsp: s.imsp as StoreSnapshot['imsp'] } : {}),
  };
}

const KINDS: Kind[] = ['untagged', 'ok', 'no', 'bad', 'bye', 'cont', 'tagged', 'info', 'warn'];

export function validateEntries(v: unknown): Entry[] {
  return arr(v, 'transcript', 10_000).map((x) => {
    if (!isObj(x)) fail('transcript entry');
    const e = x as Record<string, unknown>;
    const dir = e.dir === 'C' || e.dir === 'S' || e.dir === 'N' ? e.dir : fail('direction');
    const entry: Entry = { n: int(e.n, 'entry number'), dir, bytes: bytes(e.bytes, 'entry bytes'), time: num(e.time, 'time') };
    if (e.kind !== undefined) entry.kind = KINDS.includes(e.kind as Kind) ? (e.kind as Kind) : fail('entry kind');
    if (e.autoTag !== undefined) entry.autoTag = int(e.autoTag, 'autoTag');
    if (e.literal !== undefined) entry.literal = bool(e.literal, 'literal');
    if (e.cmd !== undefined) entry.cmd = int(e.cmd, 'command id');
    return entry;
  });
}

export function validateTabs(v: unknown): SavedTab[] {
  return arr(v, 'tabs', 50).map((t) => {
    if (!isObj(t)) fail('tab');
    const tab = t as Record<string, unknown>;
    return {
      key: str(tab.key, 'tab key', 100).replace(/[^A-Za-z0-9_-]/g, '') || 'imported',
      host: str(tab.host, 'host', 255),
      tagCounter: int(tab.tagCounter, 'tag counter'),
      entries: validateEntries(tab.entries),
    };
  });
}

export function validateSettings(v: unknown): Settings {
  const s = isObj(v) ? v : {};
  return {
    theme: s.theme === 'light' || s.theme === 'dark' ? s.theme : 'auto',
    autoTag: typeof s.autoTag === 'boolean' ? s.autoTag : true,
    screenReader: typeof s.screenReader === 'boolean' ? s.screenReader : false,
  };
}

export function validateHistory(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length < 10_000).slice(-300) : [];
}

/** The file's text: message octets and transcript bytes as base64. */
export function exportText(file: ExportFile): string {
  return snapshotToJson(file as unknown as StoreSnapshot);
}

export function importText(text: string): ExportFile {
  let raw: unknown;
  try {
    raw = snapshotFromJson(text);
  } catch {
    throw new ImportError('Not a playground file: the JSON does not parse');
  }
  if (!isObj(raw)) fail('top level');
  const f = raw as Record<string, unknown>;
  if (f.format !== 'mpp-export/1') fail('format (expected mpp-export/1)');
  return {
    format: 'mpp-export/1',
    exportedAt: typeof f.exportedAt === 'string' ? f.exportedAt.slice(0, 40) : '',
    snapshot: f.snapshot === null ? null : validateSnapshot(f.snapshot),
    tabs: validateTabs(f.tabs),
    history: validateHistory(f.history),
    settings: validateSettings(f.settings),
    ...(f.lessons === undefined ? {} : { lessons: { ...validateCourse(f.lessons), roles: {} } }),
  };
}
