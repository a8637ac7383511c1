import type { Dialect, DialectName } from './dialect';
import { imap4rev1 } from './imap4rev1';

/** Every dialect the engine serves, by name. */
export const dialects: Partial<Record<DialectName, Dialect>> = { imap4rev1 };

export function dialect(name: DialectName): Dialect {
  const d = dialects[name];
  if (!d) throw new Error(`The ${name} dialect is not available yet`);
  return d;
}
