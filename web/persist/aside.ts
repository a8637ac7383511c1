import { kv } from './db';

/**
 * Saved data that could not be restored is kept aside, never deleted: under its own key in
 * IndexedDB, with the reason, so the student can download it (as an export file, which can be
 * imported again once whatever refused it is fixed) and nothing they did is silently lost.
 */

export interface KeptAside {
  /** IndexedDB key the data is kept under (`aside:<time>:<source>`). */
  key: string;
  /** What it was: the playground's snapshot, or the sandbox saved while a lesson ran. */
  source: 'snapshot' | 'lessonSandbox';
  /** Why it was refused (a validator's sentence). */
  reason: string;
  at: string;
}

const INDEX = 'aside';

/** Keeps `value` aside and returns its record; the index of kept records only grows. */
export async function keepAside(source: KeptAside['source'], value: unknown, reason: string): Promise<KeptAside> {
  const at = new Date().toISOString();
  const rec: KeptAside = { key: `aside:${at}:${source}`, source, reason: reason.slice(0, 500), at };
  await kv.set(rec.key, value);
  const index = await kv.get<KeptAside[]>(INDEX).catch(() => undefined);
  await kv.set(INDEX, [...(Array.isArray(index) ? index : []), rec]);
  return rec;
}

/** Every record kept aside so far, oldest first. */
export async function keptAside(): Promise<KeptAside[]> {
  const index = await kv.get<KeptAside[]>(INDEX).catch(() => undefined);
  return Array.isArray(index) ? index : [];
}

/**
 * The kept data as an export file's text: the snapshot as it was (even if damaged), and the
 * reason it was refused, so the file explains itself.
 */
export async function asideFileText(rec: KeptAside): Promise<string> {
  const value = await kv.get<unknown>(rec.key);
  const snapshot = rec.source === 'lessonSandbox' && value && typeof value === 'object' ? (value as { snapshot?: unknown }).snapshot : value;
  const file = {
    format: 'mpp-export/1',
    exportedAt: rec.at,
    refusedBecause: rec.reason,
    snapshot: snapshot ?? null,
    tabs: [],
    history: [],
    settings: { theme: 'auto', autoTag: true, screenReader: false },
  };
  try {
    const { exportText } = await import('./exchange');
    return exportText(file as never);
  } catch (e) {
    return JSON.stringify({ refusedBecause: rec.reason, error: String(e) });
  }
}

/**
 * "Reset everything" forgets the page's state, but not what was kept aside: those records are
 * the student's only copy of mail that could not be restored.
 */
export async function clearKeepingAside(): Promise<void> {
  const index = await keptAside();
  const values = await Promise.all(index.map((r) => kv.get<unknown>(r.key).catch(() => undefined)));
  await kv.clear();
  for (let i = 0; i < index.length; i++) if (values[i] !== undefined) await kv.set(index[i].key, values[i]);
  if (index.length) await kv.set(INDEX, index);
}
