import type { StoreSnapshot } from '../engine';
import type { Entry, Kind } from '../terminal/session';
import { SnapshotError, snapshotFromJson, snapshotToJson, validateSnapshot as validateStoreSnapshot } from '../../worker/store/snapshot';
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
/**
 * A store snapshot from IndexedDB or a file: checked by the engine's own rules
 * (worker/store/valid.ts through validateSnapshot), so whatever the engine accepted is
 * accepted here and nothing it would refuse gets in. Returns a fresh copy.
 */
export function validateSnapshot(v: unknown): StoreSnapshot {
  try {
    return validateStoreSnapshot(v);
  } catch (e) {
    if (e instanceof SnapshotError) throw new ImportError(e.message.replace(/^Not a valid store snapshot/, 'Not a playground file: store snapshot'));
    throw e;
  }
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
