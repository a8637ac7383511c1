import { SYSTEM_FLAGS, HIERARCHY_DELIMITER as D } from './model';

/**
 * What a valid piece of the store is: one definition, used both by the engine when a command
 * would create something (a mailbox name, a keyword, a user, a UID) and by the snapshot
 * validator when saved or imported data is read back (worker/store/snapshot.ts, and through it
 * web/persist). Because both sides ask the same functions, whatever the engine accepted is
 * always accepted again on restore, and an import can hold nothing the engine would refuse.
 *
 * Each check returns null when the value is fine, or a reason (a response code and a sentence)
 * that the engine turns into a NO and the validator into "Not a valid store snapshot: …".
 */

export interface Problem {
  /** RFC 5530 response code the engine answers with (null: a plain NO). */
  code: 'CANNOT' | 'LIMIT' | null;
  message: string;
}

/** Limits of one store; `DEFAULT_STORE_LIMITS` in store.ts holds the values the site uses. */
export interface NameLimits {
  /** Hierarchy levels in one name. */
  maxDepth: number;
  /** Octets in one mailbox name (UTF-8). */
  maxNameLength: number;
}

/** RFC 3501 §2.3.1.1 / RFC 9051: UIDs, UIDVALIDITY and UIDNEXT are 32-bit unsigned (nz-number). */
export const MAX_UID = 0xffff_ffff;
/** RFC 3501 date-time zone `("+" / "-") 4DIGIT`: at most 99 hours 59 minutes as written (scenario files allow that). */
export const MAX_ZONE_MINUTES = 99 * 60 + 59;
/** Octets in a user name, as in a mailbox name: enough for any address, short enough to show. */
export const MAX_USER_LENGTH = 255;

const utf8Length = (s: string) => new TextEncoder().encode(s).length;
const CONTROL = /[\x00-\x1f\x7f]/;

/** RFC 3501 ATOM-CHAR: printable US-ASCII except `( ) { SP % * " \ ]` (the parser's ATOM_CHAR). */
const ATOM = /^[\x21-\x7e]+$/;
const ATOM_SPECIALS = /[(){%*"\\\]]/;

/**
 * A keyword (RFC 3501 §2.3.2 flag-keyword = atom). Any atom the parser reads is one: `a[b`,
 * `x}` and a 300-character keyword included. No length or count limit is imposed beyond the
 * command line's own.
 */
export function keywordProblem(k: string): Problem | null {
  if (typeof k !== 'string' || !ATOM.test(k) || ATOM_SPECIALS.test(k)) return { code: 'CANNOT', message: 'Invalid keyword' };
  return null;
}

/** A flag as stored on a message: one of the five system flags (canonical case) or a keyword. */
export function storedFlagProblem(f: string): Problem | null {
  if (typeof f === 'string' && f.startsWith('\\')) {
    return (SYSTEM_FLAGS as readonly string[]).includes(f) ? null : { code: 'CANNOT', message: `Invalid system flag ${f}` };
  }
  return keywordProblem(f);
}

/** Canonical form of a mailbox name: `INBOX` is case-insensitive (RFC 3501 §5.1), also as a parent. */
export function canonicalName(name: string): string {
  if (name.length >= 5 && name.slice(0, 5).toUpperCase() === 'INBOX' && (name.length === 5 || name[5] === D)) {
    return 'INBOX' + name.slice(5);
  }
  return name;
}

/** A mailbox name as the store keeps it (after the trailing delimiter of CREATE is taken off). */
export function mailboxNameProblem(name: string, limits: NameLimits): Problem | null {
  if (typeof name !== 'string') return { code: 'CANNOT', message: 'Invalid mailbox name' };
  if (name === '') return { code: 'CANNOT', message: 'Invalid mailbox name: Name is empty' };
  if (utf8Length(name) > limits.maxNameLength) return { code: 'LIMIT', message: `Mailbox name too long (max ${limits.maxNameLength} octets)` };
  const parts = name.split(D);
  if (parts.length > limits.maxDepth) return { code: 'LIMIT', message: `Mailbox hierarchy too deep (max ${limits.maxDepth} levels)` };
  if (parts.some((p) => p === '')) return { code: 'CANNOT', message: 'Invalid mailbox name: empty hierarchy level' };
  if (CONTROL.test(name)) return { code: 'CANNOT', message: 'Invalid mailbox name: contains a control character' };
  return null;
}

/** A user name as the store keys it: lower case (names are case-insensitive, as on Dovecot), printable, no spaces. */
export function userNameProblem(user: string): Problem | null {
  if (typeof user !== 'string' || user === '') return { code: 'CANNOT', message: 'Invalid user name: empty' };
  if (utf8Length(user) > MAX_USER_LENGTH) return { code: 'LIMIT', message: `User name too long (max ${MAX_USER_LENGTH} octets)` };
  if (CONTROL.test(user) || /\s/.test(user)) return { code: 'CANNOT', message: 'Invalid user name: contains a space or control character' };
  if (user !== user.toLowerCase()) return { code: 'CANNOT', message: 'Invalid user name: not in lower case' };
  return null;
}

/** A UID, UIDVALIDITY or UIDNEXT value: an integer in 1 … 2^32−1. */
export const isUid = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_UID;

/**
 * Whether a mailbox can take one more message: the next UID must itself be a valid UID and
 * leave a valid UIDNEXT behind (so the last assignable UID is 2^32−2).
 */
export function uidProblem(uidNext: number): Problem | null {
  return uidNext >= MAX_UID ? { code: 'LIMIT', message: 'Mailbox has run out of UIDs' } : null;
}

/** Whether a new mailbox can get a UIDVALIDITY (it must stay a 32-bit value). */
export function uidValidityProblem(next: number): Problem | null {
  return isUid(next) ? null : { code: 'LIMIT', message: 'No UIDVALIDITY left for a new mailbox' };
}

/** INTERNALDATE: milliseconds a JS Date can hold. */
export const isInternalDate = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= 8.64e15;
/** The zone of an INTERNALDATE, minutes east of UTC. */
export const isZone = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && Math.abs(n) <= MAX_ZONE_MINUTES;
/** RFC 7162 mod-sequence (63-bit; kept within JS's exact integers). */
export const isModseq = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 1;
/** RFC 6154 roles the store gives mailboxes. */
export const SPECIAL_USES = ['\\All', '\\Archive', '\\Drafts', '\\Flagged', '\\Junk', '\\Sent', '\\Trash'] as const;
