import type { StoreSnapshot } from '../engine';
import { fail, ImportError, isObj, validateHistory, validateSettings, validateTabs, type SavedTab, type Settings } from './saved';
import { SnapshotError, snapshotFromJson, snapshotToJson, validateSnapshot as validateStoreSnapshot } from '../../worker/store/snapshot';
import { validateCourse, type CourseState } from '../lessons/progress';

/**
 * Export and import of the whole playground as one JSON file, and the checks that make an
 * imported file harmless: every field is type-checked and copied into fresh objects, so
 * nothing unexpected (extra keys, prototypes, wrong types) reaches the engine or the page.
 * Text from a file is only ever shown through the terminal's escaping or as text nodes.
 */

export { ImportError, validateHistory, validateSettings, validateTabs, type SavedTab, type Settings };

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
