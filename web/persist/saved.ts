import type { Entry, Kind } from '../terminal/session';

/**
 * The page's own saved records (tabs, settings, history) and their checks: every field is
 * type-checked and copied into fresh objects, so nothing unexpected (extra keys, prototypes,
 * wrong types) reaches the page. Kept apart from exchange.ts (files and store snapshots), which
 * loads only when a file is imported or exported.
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

export class ImportError extends Error {}

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const fail = (what: string): never => {
  throw new ImportError(`Not a playground file: ${what}`);
};
const str = (v: unknown, what: string, max = 10_000): string => (typeof v === 'string' && v.length <= max ? v : fail(what));
const int = (v: unknown, what: string): number => (typeof v === 'number' && Number.isSafeInteger(v) ? v : fail(what));
const num = (v: unknown, what: string): number => (typeof v === 'number' && Number.isFinite(v) ? v : fail(what));
const bool = (v: unknown, what: string): boolean => (typeof v === 'boolean' ? v : fail(what));
const arr = (v: unknown, what: string, max = 100_000): unknown[] => (Array.isArray(v) && v.length <= max ? v : fail(what));
const bytes = (v: unknown, what: string): Uint8Array => (v instanceof Uint8Array ? new Uint8Array(v) : fail(what));
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

/** Tabs kept across a reload or in a file (the page never needs more). */
export const MAX_TABS = 50;

export function validateTabs(v: unknown): SavedTab[] {
  // More tabs than are kept (the page itself never caps them): the first ones, not a refusal.
  return arr(v, 'tabs', Number.MAX_SAFE_INTEGER).slice(0, MAX_TABS).map((t) => {
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


/**
 * The page's own saved tabs after a reload: each tab is checked on its own, so one damaged
 * tab (or more tabs than are kept) costs that tab, never every transcript.
 */
export function salvageTabs(v: unknown): SavedTab[] {
  if (!Array.isArray(v)) return [];
  return v.slice(0, MAX_TABS).flatMap((t) => {
    try {
      return validateTabs([t]);
    } catch {
      return [];
    }
  });
}
