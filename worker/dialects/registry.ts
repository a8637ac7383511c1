import { DIALECT_NAMES, type Dialect, type DialectName } from '../imap/dialect';
import { imap4rev1 } from './imap4rev1';
import { imap4rev2 } from './imap4rev2';

export { DIALECT_NAMES };

/**
 * The dialects loaded so far, by name: today's two always; the four of earlier eras come with
 * ./index.ts, which Node imports with the engine and the browser's engine loads the first time
 * a connection needs one (Engine.prepare), so the first download carries only what a first
 * prompt speaks.
 */
export const dialects: Partial<Record<DialectName, Dialect>> = { imap4rev1, imap4rev2 };

/** Adds a dialect, keeping the record oldest first (the order every list of them shows). */
export function registerDialect(d: Dialect): void {
  const all: Partial<Record<DialectName, Dialect>> = { ...dialects, [d.name]: d };
  for (const n of Object.keys(dialects) as DialectName[]) delete dialects[n];
  for (const n of DIALECT_NAMES) if (all[n]) dialects[n] = all[n];
}

export function dialect(name: DialectName): Dialect {
  const d = dialects[name];
  if (!d) throw new Error(`The ${name} dialect is not loaded (Engine.prepare loads it)`);
  return d;
}

/** Loads the earlier eras' dialects (once). */
export function loadAllDialects(): Promise<unknown> {
  return DIALECT_NAMES.every((n) => dialects[n]) ? Promise.resolve() : import('./index');
}
