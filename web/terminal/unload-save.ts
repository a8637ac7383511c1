import type { Entry } from './session';

/**
 * What a reload must not lose. The tabs are saved to IndexedDB a moment after each change, but
 * a transaction begun in `pagehide` is aborted when the page goes (IndexedDB closes the page's
 * connections on unload), so the last command before a reload was lost. At `pagehide` the page
 * therefore also writes, synchronously, to sessionStorage (which survives a reload of this
 * browser tab) the tab list and every entry newer than the last completed IndexedDB save.
 * The next start merges that delta and removes it.
 */

const KEY = 'mpp-unsaved-tabs';
/** Past this size the delta is not written (sessionStorage holds ~5 MB of UTF-16). */
const MAX_CHARS = 2_000_000;

export interface TabDelta {
  key: string;
  host: string;
  tagCounter: number;
  /** Was its connection open? A closed one comes back closed. */
  open: boolean;
  /** Entries after the last IndexedDB save, bytes as latin1 text. */
  entries: Array<Omit<Entry, 'bytes'> & { bytes: string }>;
}

export interface UnloadState {
  tabs: TabDelta[];
  active: string | null;
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, Math.min(b.length, i + 8192)));
  return s;
}

export function writeUnloadState(state: UnloadState): void {
  try {
    const text = JSON.stringify(state);
    if (text.length > MAX_CHARS) return;
    sessionStorage.setItem(KEY, text);
  } catch {
    /* storage off or full: the IndexedDB save stands */
  }
}

export function deltaEntries(entries: Entry[], after: number): TabDelta['entries'] {
  return forSaving(entries.filter((e) => e.n > after)).map((e) => ({ ...e, bytes: latin1(e.bytes) }));
}

/**
 * Saved entries keep at most this many octets each. A 5 MB FETCH stays whole in the page (the
 * Inspector shows it) but is saved cut: it is drawn folded anyway, and every save would
 * otherwise copy it again.
 */
export const SAVED_ENTRY_MAX = 64 * 1024;

export function forSaving(entries: Entry[]): Entry[] {
  return entries.map((e) => (e.bytes.length > SAVED_ENTRY_MAX ? { ...e, bytes: e.bytes.slice(0, SAVED_ENTRY_MAX) } : e));
}

/** Reads and removes the delta; the entries come back as they were (to be validated by the caller). */
export function takeUnloadState(): { tabs: Array<Omit<TabDelta, 'entries'> & { entries: unknown[] }>; active: string | null } | null {
  let text: string | null = null;
  try {
    text = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
  } catch {
    return null;
  }
  if (!text) return null;
  try {
    const raw = JSON.parse(text) as UnloadState;
    if (!raw || !Array.isArray(raw.tabs)) return null;
    return {
      active: typeof raw.active === 'string' ? raw.active : null,
      tabs: raw.tabs.slice(0, 50).map((t) => ({
        key: String(t.key),
        host: String(t.host),
        tagCounter: Number(t.tagCounter),
        open: t.open !== false,
        entries: Array.isArray(t.entries)
          ? t.entries.map((e) => ({ ...e, bytes: typeof e.bytes === 'string' ? Uint8Array.from(e.bytes, (c) => c.charCodeAt(0) & 0xff) : e.bytes }))
          : [],
      })),
    };
  } catch {
    return null;
  }
}
