/**
 * The IMSP part of the shared data model: what cyrus-imspd keeps in its data directory
 * (/var/lib/imsp), as plain records. It is the *committed* state, the "disk": in cyrus-1.8
 * mode each IMSP session works on its own cached copy of the databases it reads and writes
 * them back here when it ends (as the real server does); in draft-1995 mode sessions read and
 * write here directly. See worker/imsp/db/ for the database layer and docs/imsp-fidelity.md.
 *
 * All strings are *byte strings*: one JS character per octet (latin1), because IMSP stores
 * and returns octets (an 8-bit literal value comes back byte for byte). `imspText()` decodes
 * one for display.
 *
 * Names that clients choose (books, users, options) are keys of Maps, never of plain
 * objects, so a book called `__proto__` is just a book.
 */

/** Option type as in cyrus-imspd's files: read-Write, Read-only, Non-visible. */
export type ImspOptionType = 'W' | 'R' | 'N';

export interface ImspOption {
  name: string;
  type: ImspOptionType;
  value: string;
}

/** One identifier of an access control list (`-bob` is a negative entry). */
export interface ImspAclEntry {
  identifier: string;
  /** Canonical letters in the order `lrswipcda0123456789`. */
  rights: string;
}

export interface ImspField {
  name: string;
  value: string;
}

/** An address-book entry: its name (the key, unique ignoring case) and its fields. */
export interface ImspEntry {
  name: string;
  fields: ImspField[];
}

/** An advisory lock: an option name, or `<book>"<entry>`, and who holds it (`user@host`). */
export interface ImspLock {
  key: string;
  holder: string;
}

/** A user's private databases; `undefined` = that database file does not exist. */
export interface ImspUser {
  /** `user/<name>/options`: the user's own options (and `imsp.user.quota.usage`). */
  options?: ImspOption[];
  /** `user/<name>/abooks`: the names of the address books the user owns. */
  books?: string[];
  /** `user/<name>/alock`: advisory locks on the user's options and books. */
  locks?: ImspLock[];
}

/**
 * draft-1995 only (reconstructed, IMSP.md §10–§11): the mailbox location table and the
 * per-user LAST/SEEN marks that make LIST say \Marked or \Unmarked.
 */
export interface ImspMailboxState {
  /** `<user>/<mailbox>` → the IMAP hosts holding it (first = master). Absent: every IMAP host. */
  locations: Map<string, string[]>;
  /** `<user>/<mailbox>` → the newest UID an IMAP server reported with LAST. */
  last: Map<string, number>;
  /** `<user>/<mailbox>` → the UID the user had read up to, reported with SEEN. */
  seen: Map<string, number>;
  /** `<user>/<old mailbox>` → what became of it (LSUB tells subscribers once). */
  changed: Map<string, { kind: 'deleted' | 'renamed' | 'merged'; to?: string }>;
}

export interface ImspData {
  /** The global `options` file (site defaults, `imsp.admin.all`, …), sorted ignoring case. */
  options: ImspOption[];
  /** The global `abooks` file: address books with an explicit ACL, book → entries. */
  acls: Map<string, ImspAclEntry[]>;
  users: Map<string, ImspUser>;
  /** `user/<owner>/abook.<book>`: address books by full name, entries sorted ignoring case. */
  books: Map<string, ImspEntry[]>;
  /** IMSP-only logins (the real server's sasldb): user → password. Store accounts log in too. */
  logins: Map<string, string>;
  mailboxes: ImspMailboxState;
}

export function newImspData(): ImspData {
  return {
    options: [],
    acls: new Map(),
    users: new Map(),
    books: new Map(),
    logins: new Map(),
    mailboxes: { locations: new Map(), last: new Map(), seen: new Map(), changed: new Map() },
  };
}

/** Decodes a byte string for display: UTF-8 when it is valid UTF-8, else Latin-1. */
export function imspText(s: string): string {
  const bytes = Uint8Array.from(s, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return s;
  }
}

/** Bytes (or UTF-8 text) as a byte string. */
export function byteString(v: string | Uint8Array): string {
  const b = typeof v === 'string' ? new TextEncoder().encode(v) : v;
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return s;
}

// --- cyrus-imspd's own file format ------------------------------------------------------

/**
 * Parses an options file in cyrus-imspd's format, one `NAME TYPE VALUE` per line (TYPE N
 * non-visible, R read-only, W read-write), as `--imsp-options FILE` and the scenario's
 * `imsp-options` give it. In names `\s` is a space and `\n` a newline, `\\` a backslash
 * (syncdb.c's escapes); lines without a valid type are skipped. Sorted as the server keeps them.
 */
export function parseOptionsFile(text: string): ImspOption[] {
  const out: ImspOption[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') continue;
    const sp = line.indexOf(' ');
    const name = unescapeDb(sp < 0 ? line : line.slice(0, sp));
    const rest = sp < 0 ? '' : unescapeDb(line.slice(sp + 1));
    const type = rest[0];
    if (!name || (type !== 'W' && type !== 'R' && type !== 'N')) continue;
    const value = rest.slice(2);
    const at = out.findIndex((o) => strcasecmp(o.name, name) === 0);
    if (at >= 0) out[at] = { name, type, value };
    else out.push({ name, type, value });
  }
  return out.sort((a, b) => strcasecmp(a.name, b.name));
}

/** The inverse: an options list as a file (what the real server writes). */
export function formatOptionsFile(options: ImspOption[]): string {
  return options.map((o) => `${escapeDb(o.name, true)} ${escapeDb(`${o.type} ${o.value}`, false)}\n`).join('');
}

function unescapeDb(s: string): string {
  return s.replace(/\\([ns\\]?)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 's' ? ' ' : c === '\\' ? '\\' : '\\'));
}

function escapeDb(s: string, key: boolean): string {
  let out = '';
  for (const c of s) out += c === '\n' ? '\\n' : c === '\\' ? '\\\\' : key && c === ' ' ? '\\s' : c;
  return out;
}

/** C `strcasecmp` in the C locale over byte strings: only A–Z fold. */
export function strcasecmp(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x >= 0x41 && x <= 0x5a) x += 0x20;
    if (y >= 0x41 && y <= 0x5a) y += 0x20;
    if (x !== y) return x - y;
  }
  return a.length - b.length;
}

// --- snapshot / restore -----------------------------------------------------------------

/** The IMSP data as JSON-friendly arrays (part of a store snapshot). */
export interface ImspSnapshot {
  options: ImspOption[];
  acls: Array<[string, ImspAclEntry[]]>;
  users: Array<[string, ImspUser]>;
  books: Array<[string, ImspEntry[]]>;
  logins: Array<[string, string]>;
  mailboxes?: {
    locations: Array<[string, string[]]>;
    last: Array<[string, number]>;
    seen: Array<[string, number]>;
    changed: Array<[string, { kind: 'deleted' | 'renamed' | 'merged'; to?: string }]>;
  };
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export function snapshotImsp(d: ImspData): ImspSnapshot {
  return clone({
    options: d.options,
    acls: [...d.acls],
    users: [...d.users],
    books: [...d.books],
    logins: [...d.logins],
    mailboxes: {
      locations: [...d.mailboxes.locations],
      last: [...d.mailboxes.last],
      seen: [...d.mailboxes.seen],
      changed: [...d.mailboxes.changed],
    },
  });
}

/** Checks untrusted snapshot data (a file, a URL) field by field; throws an Error saying what is wrong. */
export function validateImspSnapshot(snap: unknown): asserts snap is ImspSnapshot {
  const fail = (what: string): never => {
    throw new Error(`IMSP ${what}`);
  };
  const isStr = (v: unknown): v is string => typeof v === 'string';
  const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  const pairs = (v: unknown, ok: (k: unknown, x: unknown) => boolean, what: string) => {
    if (!Array.isArray(v) || !v.every((p) => Array.isArray(p) && p.length === 2 && isStr(p[0]) && ok(p[0], p[1]))) fail(what);
  };
  const isOption = (o: unknown) => !!o && isStr((o as ImspOption).name) && ['W', 'R', 'N'].includes((o as ImspOption).type) && isStr((o as ImspOption).value);
  const isOptions = (v: unknown) => Array.isArray(v) && v.every(isOption);
  const isAcl = (v: unknown) => Array.isArray(v) && v.every((e) => !!e && isStr(e.identifier) && isStr(e.rights));
  const isEntries = (v: unknown) =>
    Array.isArray(v) && v.every((e) => !!e && isStr(e.name) && Array.isArray(e.fields) && e.fields.every((f: ImspField) => !!f && isStr(f.name) && isStr(f.value)));
  const s = snap as ImspSnapshot;
  if (!s || typeof s !== 'object') fail('data missing');
  if (!isOptions(s.options)) fail('options');
  pairs(s.acls, (_k, v) => isAcl(v), 'ACLs');
  pairs(
    s.users,
    (_k, u) =>
      !!u &&
      typeof u === 'object' &&
      ((u as ImspUser).options === undefined || isOptions((u as ImspUser).options)) &&
      ((u as ImspUser).books === undefined || (Array.isArray((u as ImspUser).books) && (u as ImspUser).books!.every(isStr))) &&
      ((u as ImspUser).locks === undefined || (Array.isArray((u as ImspUser).locks) && (u as ImspUser).locks!.every((l) => !!l && isStr(l.key) && isStr(l.holder)))),
    'users',
  );
  pairs(s.books, (_k, v) => isEntries(v), 'address books');
  pairs(s.logins, (_k, v) => isStr(v), 'logins');
  if (s.mailboxes !== undefined) {
    const m = s.mailboxes;
    if (!m || typeof m !== 'object') fail('mailboxes');
    pairs(m.locations, (_k, v) => Array.isArray(v) && v.every(isStr), 'mailbox locations');
    pairs(m.last, (_k, v) => isNum(v), 'LAST marks');
    pairs(m.seen, (_k, v) => isNum(v), 'SEEN marks');
    pairs(m.changed, (_k, v) => !!v && ['deleted', 'renamed', 'merged'].includes((v as { kind: string }).kind), 'mailbox changes');
  }
}

/** Replaces `d`'s contents with the snapshot's (an absent snapshot empties it). */
export function restoreImsp(d: ImspData, snap: ImspSnapshot | undefined): void {
  const s = clone(snap ?? snapshotImsp(newImspData()));
  d.options = s.options ?? [];
  d.acls = new Map(s.acls ?? []);
  d.users = new Map(s.users ?? []);
  d.books = new Map(s.books ?? []);
  d.logins = new Map(s.logins ?? []);
  const m = s.mailboxes;
  d.mailboxes = {
    locations: new Map(m?.locations ?? []),
    last: new Map(m?.last ?? []),
    seen: new Map(m?.seen ?? []),
    changed: new Map(m?.changed ?? []),
  };
}

// --- a view for the state panel -------------------------------------------------------------

/** The committed IMSP state as display text (UTF-8 decoded where valid), for the state panel. */
export interface ImspStateView {
  options: Array<{ name: string; type: ImspOptionType; value: string }>;
  users: Array<{ user: string; options: Array<{ name: string; type: ImspOptionType; value: string }>; books: string[]; locks: ImspLock[] }>;
  books: Array<{ name: string; owner: string; acl: ImspAclEntry[] | null; entries: Array<{ name: string; fields: ImspField[] }> }>;
  mailboxLocations: Array<{ mailbox: string; hosts: string[] }>;
}

export function imspView(d: ImspData): ImspStateView {
  const opt = (o: ImspOption) => ({ name: imspText(o.name), type: o.type, value: imspText(o.value) });
  return {
    options: d.options.map(opt),
    users: [...d.users].map(([user, u]) => ({
      user: imspText(user),
      options: (u.options ?? []).map(opt),
      books: (u.books ?? []).map(imspText),
      locks: (u.locks ?? []).map((l) => ({ key: imspText(l.key), holder: imspText(l.holder) })),
    })),
    books: [...d.books].map(([name, entries]) => ({
      name: imspText(name),
      owner: imspText(name.split('.')[0]),
      acl: d.acls.get(name) ?? null,
      entries: entries.map((e) => ({ name: imspText(e.name), fields: e.fields.map((f) => ({ name: imspText(f.name), value: imspText(f.value) })) })),
    })),
    mailboxLocations: [...d.mailboxes.locations].map(([mailbox, hosts]) => ({ mailbox, hosts: [...hosts] })),
  };
}
