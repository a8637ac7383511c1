import { ParseError, type Reader } from '../wire/parser';
import { systemFlag } from './flags';

/**
 * Reads a flag list for STORE or APPEND (RFC 3501 `flag-list`, or the bare flags STORE
 * also accepts) and checks each flag: system flags get their canonical case, \Recent and
 * unknown backslash names are refused (as Dovecot does), keywords are kept as written.
 */
export function readFlags(args: Reader, allowBare: boolean): string[] {
  return (allowBare ? args.flags() : args.flagList()).map(checkFlag);
}

export function checkFlag(f: string): string {
  if (!f.startsWith('\\')) return f;
  const sys = systemFlag(f);
  if (!sys) throw new ParseError(`Invalid system flag ${f.toUpperCase()}`, 0);
  return sys;
}
