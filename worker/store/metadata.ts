/**
 * METADATA (RFC 5464): annotations on the server and on each mailbox, kept in the store.
 *
 * An entry name is a slash-separated path under `/private` (this user's value) or `/shared`
 * (a value every user who can see the mailbox shares; here each mailbox has one owner, so
 * both are the owner's, as on Dovecot with one user per mailbox). Names are case-insensitive
 * (RFC 5464 §3.2) and kept in lower case, as Dovecot keeps them. Values are octets.
 *
 * The rules for a valid name are here once, used by the command parser (a bad name is a BAD)
 * and by the snapshot validator (a saved store cannot hold a name the engine would refuse).
 */
import { MAX_METADATA_ENTRIES, MAX_METADATA_VALUE_SIZE } from '../limits';

/** Entries of one mailbox, or of the server: lower-case entry name → value octets. */
export type MetadataEntries = Map<string, Uint8Array>;

export const PRIVATE_PREFIX = '/private';
export const SHARED_PREFIX = '/shared';

/**
 * Why an entry name is not one (RFC 5464 §3.2 and the `entry` grammar of §5), checked in the
 * order Dovecot 2.3 checks it so the first problem named is the same; null when it is fine.
 */
export function entryNameProblem(name: string): string | null {
  if (name[0] !== '/') return "Entry name must begin with '/'";
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 0x2f) {
      if (i > 0 && name[i - 1] === '/') return "Entry name can't contain consecutive '/'";
      if (i === name.length - 1) return "Entry name can't end with '/'";
    } else if (c === 0x2a) return "Entry name can't contain '*'";
    else if (c === 0x25) return "Entry name can't contain '%'";
    else if (c < 0x20 || c === 0x7f) return "Entry name can't contain control chars";
  }
  const slash = name.indexOf('/', 1);
  const top = (slash < 0 ? name : name.slice(0, slash)).toLowerCase();
  if (top !== PRIVATE_PREFIX && top !== SHARED_PREFIX) return 'Entry name must begin with /private or /shared';
  return null;
}

/**
 * Server entries under /shared (RFC 5464 §3.2.1: `/shared/comment`, `/shared/admin`) describe
 * the server to every user, so they are the administrator's to set: Dovecot takes them from
 * its configuration and answers a client's SETMETADATA with NO [CANNOT]. Here no administrator
 * has set any, so they read as NIL. A user's /private server entries are the user's own.
 */
export const serverEntryReadOnly = (name: string): boolean => name === SHARED_PREFIX || name.startsWith(SHARED_PREFIX + '/');

/**
 * RFC 6154 §4: a mailbox's special-use attributes are also its entry `/private/specialuse`
 * (NIL when it has none), read-only here as on Dovecot (a SETMETADATA of it is NO [CANNOT]).
 * It is not stored: it is the mailbox's role, seen through METADATA.
 */
export const SPECIAL_USE_ENTRY = '/private/specialuse';

/** The entries of a mailbox as GETMETADATA sees them: its own, and its special use (RFC 6154 §4). */
export function mailboxEntries(mb: { metadata: MetadataEntries; specialUse: string | null }): MetadataEntries {
  if (!mb.specialUse) return mb.metadata;
  return new Map([...mb.metadata, [SPECIAL_USE_ENTRY, new TextEncoder().encode(mb.specialUse)]]);
}

/** The entries a GETMETADATA returns for one requested name (RFC 5464 §4.2.2 DEPTH). */
export function entriesUnder(entries: MetadataEntries, name: string, depth: 0 | 1 | 'infinity'): string[] {
  if (depth === 0) return entries.has(name) ? [name] : [];
  const prefix = name + '/';
  const out: string[] = [];
  if (entries.has(name)) out.push(name);
  // Sorted by name: Dovecot iterates its dictionary in hash order, which no client may rely on.
  const children = [...entries.keys()].filter((k) => k.startsWith(prefix) && (depth === 'infinity' || !k.slice(prefix.length).includes('/'))).sort();
  return out.concat(children);
}

/** How many entries an account holds: the server's and every mailbox's (the TOOMANY limit counts them together). */
export function countEntries(server: MetadataEntries, mailboxes: Iterable<{ metadata: MetadataEntries }>): number {
  let n = server.size;
  for (const mb of mailboxes) n += mb.metadata.size;
  return n;
}

/** Why a stored value is not one (the snapshot validator asks this too). */
export function valueProblem(v: unknown): string | null {
  if (!(v instanceof Uint8Array)) return 'a value that is not octets';
  if (v.length > MAX_METADATA_VALUE_SIZE) return `a value over ${MAX_METADATA_VALUE_SIZE} octets`;
  return null;
}

/** Entries as a snapshot keeps them: [name, value] pairs, sorted by name. */
export type MetadataSnapshot = Array<[string, Uint8Array]>;

export const snapshotEntries = (m: MetadataEntries): MetadataSnapshot =>
  [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([k, v]) => [k, v]);

/**
 * Checks saved entries (from IndexedDB, a file or a URL) against the engine's own rules and
 * returns a fresh copy; throws an Error naming the first problem. Absent means none (older
 * snapshots have no metadata).
 */
export function validateEntries(v: unknown, where: string): MetadataSnapshot {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new Error(`${where}: metadata is not a list`);
  const seen = new Set<string>();
  return v.map((pair): [string, Uint8Array] => {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') throw new Error(`${where}: a metadata entry that is not [name, value]`);
    const [name, value] = pair as [string, unknown];
    const p = entryNameProblem(name);
    if (p) throw new Error(`${where}: metadata entry ${JSON.stringify(name.slice(0, 80))}: ${p}`);
    if (name !== name.toLowerCase()) throw new Error(`${where}: metadata entry ${JSON.stringify(name.slice(0, 80))} not in lower case`);
    if (name === SPECIAL_USE_ENTRY) throw new Error(`${where}: ${SPECIAL_USE_ENTRY} is the mailbox's special use, not a stored entry`);
    if (seen.has(name)) throw new Error(`${where}: metadata entry ${name} twice`);
    seen.add(name);
    const vp = valueProblem(value);
    if (vp) throw new Error(`${where}: metadata entry ${name}: ${vp}`);
    return [name, new Uint8Array(value as Uint8Array)];
  });
}

export { MAX_METADATA_ENTRIES, MAX_METADATA_VALUE_SIZE };
