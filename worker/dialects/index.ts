import type { Dialect, DialectName } from './dialect';
import { imap2 } from './imap2';
import { imap4 } from './imap4';
import { imap4rev1 } from './imap4rev1';

/** Every dialect the engine serves, by name, oldest first. */
export const dialects: Partial<Record<DialectName, Dialect>> = { imap2, imap4, imap4rev1 };

export function dialect(name: DialectName): Dialect {
  const d = dialects[name];
  if (!d) throw new Error(`The ${name} dialect is not available yet`);
  return d;
}
