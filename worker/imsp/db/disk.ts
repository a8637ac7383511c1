/**
 * The IMSP databases as cyrus-imspd's syncdb sees them: named files of key/value lines,
 * sorted ignoring case. This maps each database name the server uses onto the structured
 * records of worker/store/imsp.ts (the "disk"), both ways:
 *
 *   options                    global options          key = name, value = "T value"
 *   abooks                     books with an ACL       key = book, value = "id\trights\t…"
 *   user/<u>/options           u's options             (as the global file)
 *   user/<u>/abooks            books u owns            key = book, value = ""
 *   user/<u>/alock             advisory locks          key = option or book"entry, value = holder
 *   user/<u>/abook.<book>      an address book         key = entry"field (entry" = the entry
 *                                                      itself), value = field value
 */
import { strcasecmp, type ImspAclEntry, type ImspData, type ImspEntry, type ImspOption, type ImspUser } from '../../store/imsp';

export interface KV {
  key: string;
  /** null only for a key without a value (not produced by the protocol). */
  value: string | null;
}

/** Sort order of every database: C strcasecmp, ties by code point. */
export function kvCompare(a: KV, b: KV): number {
  return strcasecmp(a.key, b.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

type DbRef =
  | { kind: 'options' }
  | { kind: 'abooks' }
  | { kind: 'user-options'; user: string }
  | { kind: 'user-abooks'; user: string }
  | { kind: 'user-alock'; user: string }
  | { kind: 'abook'; user: string; book: string }
  | null;

function parse(db: string): DbRef {
  if (db === 'options') return { kind: 'options' };
  if (db === 'abooks') return { kind: 'abooks' };
  if (!db.startsWith('user/')) return null;
  const slash = db.indexOf('/', 5);
  if (slash < 0) return null;
  const user = db.slice(5, slash);
  const file = db.slice(slash + 1);
  if (file === 'options') return { kind: 'user-options', user };
  if (file === 'abooks') return { kind: 'user-abooks', user };
  if (file === 'alock') return { kind: 'user-alock', user };
  if (file.startsWith('abook.')) return { kind: 'abook', user, book: file.slice(6) };
  return null;
}

/** Whether an address-book file name `user/<u>/abook.<book>` is coherent (u owns book). */
function bookOwner(book: string): string {
  const dot = book.indexOf('.');
  return dot < 0 ? book : book.slice(0, dot);
}

function userOf(d: ImspData, user: string, create: boolean): ImspUser | undefined {
  let u = d.users.get(user);
  if (!u && create) d.users.set(user, (u = {}));
  return u;
}

export function diskExists(d: ImspData, db: string): boolean {
  const r = parse(db);
  if (!r) return false;
  switch (r.kind) {
    case 'options':
    case 'abooks':
      return true;
    case 'user-options':
      return d.users.get(r.user)?.options !== undefined;
    case 'user-abooks':
      return d.users.get(r.user)?.books !== undefined;
    case 'user-alock':
      return d.users.get(r.user)?.locks !== undefined;
    case 'abook':
      return bookOwner(r.book) === r.user && d.books.has(r.book);
  }
}

/** The database's lines, sorted; null if the file does not exist. */
export function diskRead(d: ImspData, db: string): KV[] | null {
  if (!diskExists(d, db)) return null;
  const r = parse(db)!;
  let kv: KV[];
  switch (r.kind) {
    case 'options':
      kv = optionsToKv(d.options);
      break;
    case 'abooks':
      kv = [...d.acls].map(([book, acl]) => ({ key: book, value: aclToString(acl) }));
      break;
    case 'user-options':
      kv = optionsToKv(d.users.get(r.user)!.options!);
      break;
    case 'user-abooks':
      kv = d.users.get(r.user)!.books!.map((b) => ({ key: b, value: '' }));
      break;
    case 'user-alock':
      kv = d.users.get(r.user)!.locks!.map((l) => ({ key: l.key, value: l.holder }));
      break;
    case 'abook':
      kv = entriesToKv(d.books.get(r.book)!);
      break;
  }
  return kv.sort(kvCompare);
}

/** Replaces (or creates) the database file with these lines. */
export function diskWrite(d: ImspData, db: string, kv: KV[]): void {
  const r = parse(db);
  if (!r) return;
  switch (r.kind) {
    case 'options':
      d.options = kvToOptions(kv);
      return;
    case 'abooks':
      d.acls = new Map(kv.map((e) => [e.key, parseAcl(e.value ?? '')]));
      return;
    case 'user-options':
      userOf(d, r.user, true)!.options = kvToOptions(kv);
      return;
    case 'user-abooks':
      userOf(d, r.user, true)!.books = kv.map((e) => e.key);
      return;
    case 'user-alock':
      userOf(d, r.user, true)!.locks = kv.map((e) => ({ key: e.key, holder: e.value ?? '' }));
      return;
    case 'abook':
      if (bookOwner(r.book) === r.user) d.books.set(r.book, kvToEntries(kv));
      return;
  }
}

export function diskCreate(d: ImspData, db: string): boolean {
  if (!parse(db) || diskExists(d, db)) return false;
  diskWrite(d, db, []);
  return diskExists(d, db);
}

export function diskDelete(d: ImspData, db: string): boolean {
  if (!diskExists(d, db)) return false;
  const r = parse(db)!;
  switch (r.kind) {
    case 'options':
    case 'abooks':
      return false;
    case 'user-options':
      delete d.users.get(r.user)!.options;
      break;
    case 'user-abooks':
      delete d.users.get(r.user)!.books;
      break;
    case 'user-alock':
      delete d.users.get(r.user)!.locks;
      break;
    case 'abook':
      d.books.delete(r.book);
      return true;
  }
  const u = d.users.get(r.user)!;
  if (u.options === undefined && u.books === undefined && u.locks === undefined) d.users.delete(r.user);
  return true;
}

// --- conversions --------------------------------------------------------------------------

function optionsToKv(options: ImspOption[]): KV[] {
  return options.map((o) => ({ key: o.name, value: `${o.type} ${o.value}` }));
}

function kvToOptions(kv: KV[]): ImspOption[] {
  return kv.map((e) => {
    const v = e.value ?? '';
    const t = v[0];
    return { name: e.key, type: t === 'W' || t === 'N' ? t : 'R', value: v.slice(2) };
  });
}

/** ACL text as lib/acl.c keeps it: `id<TAB>rights<TAB>` per identifier. */
export function aclToString(acl: ImspAclEntry[]): string {
  return acl.map((e) => `${e.identifier}\t${e.rights}\t`).join('');
}

export function parseAcl(s: string): ImspAclEntry[] {
  const parts = s.split('\t');
  const out: ImspAclEntry[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) out.push({ identifier: parts[i], rights: parts[i + 1] });
  return out;
}

function entriesToKv(entries: ImspEntry[]): KV[] {
  const kv: KV[] = [];
  for (const e of entries) {
    kv.push({ key: `${e.name}"`, value: '' });
    for (const f of e.fields) kv.push({ key: `${e.name}"${f.name}`, value: f.value });
  }
  return kv;
}

/** Groups `entry"field` keys by entry (ignoring case, as the server compares them). */
function kvToEntries(kv: KV[]): ImspEntry[] {
  const out: ImspEntry[] = [];
  let cur: ImspEntry | null = null;
  for (const e of [...kv].sort(kvCompare)) {
    const q = e.key.indexOf('"');
    const name = q < 0 ? e.key : e.key.slice(0, q);
    const field = q < 0 ? '' : e.key.slice(q + 1);
    if (!cur || strcasecmp(cur.name, name) !== 0) {
      cur = { name, fields: [] };
      out.push(cur);
    }
    if (field !== '') cur.fields.push({ name: field, value: e.value ?? '' });
  }
  return out;
}
