import type { Dialect, DialectName } from '../imap/dialect';
import { imap2 } from './imap2';
import { imap2bis } from './imap2bis';
import { imap3 } from './imap3';
import { imap4 } from './imap4';
import { imap4rev1 } from './imap4rev1';
import { imap4rev2 } from './imap4rev2';

/** Every dialect the engine serves, by name, oldest first. */
export const dialects: Partial<Record<DialectName, Dialect>> = { imap2, imap2bis, imap3, imap4, imap4rev1, imap4rev2 };

export function dialect(name: DialectName): Dialect {
  const d = dialects[name];
  if (!d) throw new Error(`The ${name} dialect is not available yet`);
  return d;
}
