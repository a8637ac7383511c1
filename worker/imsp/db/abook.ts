/**
 * Address books after cyrus-imspd's abook.c. A book `alice.friends` belongs to `alice` (the
 * part before the first dot) and lives in `user/alice/abook.alice.friends`; its entries are
 * keys `<entry>"<field>` (the bare `<entry>"` marks the entry itself). The owner's list of
 * books is `user/<owner>/abooks`; books with an explicit ACL are listed in the global
 * `abooks` database with their ACL text. The order of database calls follows the C code,
 * because in cyrus-1.8 mode it decides what reaches the disk when.
 */
import { strcasecmp } from '../../store/imsp';
import {
  ACL_ADMIN,
  ACL_ALL,
  ACL_CREATE,
  ACL_DELETE,
  ACL_LOOKUP,
  ACL_READ,
  ACL_USER0,
  ACL_WRITE,
  aclSet,
  maskToStr,
  myRights,
  strToMask,
} from './acl';
import type { KV } from './disk';
import { optionDoquota, type OptionsEnv } from './options';

export const AB_SUCCESS = 0;
export const AB_FAIL = -1;
export const AB_PERM = -2;
export const AB_QUOTA = -3;
export const AB_NOEXIST = -4;
export const AB_EXIST = -5;
export const AB_PERM_LIST = -6;

const ACL_USER1 = 1 << 10;
/** Every right bit: `lrswipcda` and the ten user bits. */
const ACL_FULL = (1 << 19) - 1;

export const AUTH_NONE = 0;
export const AUTH_USER = 2;
export const AUTH_ADMIN = 4;

/** Who is asking: `anonymous` with level AUTH_NONE before login. */
export interface Identity {
  user: string;
  level: number;
  /** The identity ACL entries are matched against (auth_newstate's canonical user id). */
  aclUser: string;
}

export interface AbookEnv extends OptionsEnv {
  /** GETACL of a book without ACL names the requester (cyrus-1.8) or the owner (draft-1995). */
  defaultAclNamesRequester: boolean;
}

const ABOOKS = 'abooks';
const strncasecmp = (a: string, b: string, n: number) => strcasecmp(a.slice(0, n), b.slice(0, n));

/** abook_dbname: the database of a book, and its owner's length; null for '' or a trailing dot. */
export function abookDb(name: string): { db: string; ownerLen: number } | null {
  if (name === '' || name.endsWith('.')) return null;
  const dot = name.indexOf('.');
  const ownerLen = dot < 0 ? name.length : dot;
  return { db: `user/${name.slice(0, ownerLen)}/abook.${name}`, ownerLen };
}

const ownerOf = (name: string, ownerLen: number) => name.slice(0, ownerLen);
const personalDb = (owner: string) => `user/${owner}/abooks`;

/** abook_rights: the rights mask `id` has on book `name` (`acl` given, or read from `abooks`). */
export function abookRights(env: AbookEnv, id: Identity, name: string, acl?: string | null): number {
  const d = abookDb(name);
  if (!d) return 0;
  if (acl === undefined) {
    const r = env.sdb.get(ABOOKS, name, true);
    if (r.rc < 0) return 0;
    acl = r.value;
  }
  // (C pointer tests: an empty ACL text is still an ACL.)
  let mask = acl !== null ? myRights(id.aclUser, acl) : 0;
  if (id.level === AUTH_ADMIN) mask |= ACL_ALL;
  if (id.user.length === d.ownerLen && strncasecmp(id.user, name, d.ownerLen) === 0) {
    mask |= ACL_LOOKUP | ACL_ADMIN;
    if (acl === null) mask = ACL_ALL;
  }
  // An LDAP-backed book (right "1") is a read-only view.
  if (mask & ACL_USER1) mask &= (ACL_FULL & ~ACL_ALL) | ACL_READ | ACL_LOOKUP | ACL_ADMIN;
  return mask;
}

const usesLdap = (env: AbookEnv, id: Identity, name: string) => (abookRights(env, id, name) & ACL_USER1) !== 0;

/** abook_parentacl: rights on the nearest existing ancestor, and the last ACL looked at. */
function parentAcl(env: AbookEnv, id: Identity, name: string): { mask: number; acl: string | null } {
  let cname = name;
  let dot = cname.length - 1;
  let acl: string | null = null;
  let exists = -1;
  let mask = 0;
  while (dot >= 0 && exists < 0) {
    while (dot >= 0 && cname[dot] !== '.') dot--;
    if (dot >= 0) cname = cname.slice(0, dot);
    acl = env.sdb.get(ABOOKS, cname, true).value;
    const d = abookDb(cname);
    exists = d ? env.sdb.check(d.db) : -1;
    if (exists === 0) mask = abookRights(env, id, cname, acl);
    if (dot >= 0) dot--;
  }
  return { mask, acl };
}

/** abook_fetch: the entry's fields, or null if it has none at all (not found). */
export function abookFetch(env: AbookEnv, id: Identity, name: string, alias: string): Array<{ field: string; data: string }> | null {
  const d = abookDb(name);
  if (!d) return null;
  if (usesLdap(env, id, name)) return null; // no LDAP server in the playground
  const pat = `${alias}"*`;
  const kv = env.sdb.match(d.db, pat, true);
  if (!kv || !kv.length) return null;
  const len = alias.length + 1;
  const out: Array<{ field: string; data: string }> = [];
  for (const e of kv) {
    if (strncasecmp(pat, e.key, len) === 0 && e.key.length > len) out.push({ field: e.key.slice(len), data: e.value ?? '' });
  }
  return out;
}

export const abookCanFetch = (env: AbookEnv, id: Identity, name: string) => (abookRights(env, id, name) & ACL_READ) !== 0;
export const abookCanLock = (env: AbookEnv, id: Identity, name: string) => (abookRights(env, id, name) & ACL_WRITE) !== 0;

export interface Criterion {
  field: string;
  data: string;
}

/** abook_searchstart + abook_search: the matching entry names, or an AB_ code. */
export function abookSearch(env: AbookEnv, id: Identity, name: string, flist: Criterion[]): string[] | number {
  const rights = abookRights(env, id, name);
  if (!(rights & ACL_READ)) return AB_PERM;
  if (
    abookRights(env, id, name) & ACL_USER0 &&
    (flist.length === 0 || (flist.length === 1 && strcasecmp(flist[0].field, 'name') === 0 && flist[0].data === '*'))
  )
    return AB_PERM_LIST;
  if (usesLdap(env, id, name)) return AB_FAIL; // no LDAP server in the playground
  const d = abookDb(name);
  if (!d) return AB_FAIL;
  let kv: KV[] | null = null;
  if (!flist.length) {
    kv = env.sdb.match(d.db, '*', true);
    if (!kv) return AB_FAIL;
  } else {
    const byName = flist.find((f) => strcasecmp(f.field, 'name') === 0);
    if (byName) {
      kv = env.sdb.match(d.db, `${byName.data}"*`, true);
      if (!kv) return AB_FAIL;
      if (!kv.length) return [];
    }
    for (const f of flist) {
      if (strcasecmp(f.field, 'name') === 0) continue;
      const pat = `*"${f.field}`;
      let nkv: KV[] | null = null;
      if (!kv || !kv.length) {
        // (sdb_match leaves no array when nothing matched: the next criterion starts over.)
        kv = env.sdb.match(d.db, pat, true, f.data);
        if (!kv) return AB_FAIL;
      } else {
        nkv = env.sdb.match(d.db, pat, true, f.data);
        if (!nkv) return AB_FAIL;
      }
      if (!kv.length) break;
      // An empty second match filters nothing (the C code tests the array, not the count).
      if (nkv && nkv.length) {
        let j = 0;
        let kcount = 0;
        for (const e of kv) {
          if (j === nkv.length) e.key = '';
          else if (e.key !== '') {
            const len = e.key.indexOf('"') + 1;
            let cmp = strncasecmp(e.key, nkv[j].key, len);
            while (cmp > 0 && ++j < nkv.length) cmp = strncasecmp(e.key, nkv[j].key, len);
            if (cmp) e.key = '';
            else kcount++;
          }
        }
        if (!kcount) break;
      }
    }
  }
  const out: string[] = [];
  let last: string | null = null;
  for (const e of kv ?? []) {
    if (e.key === '') continue;
    const q = e.key.indexOf('"');
    const entry = q < 0 ? e.key : e.key.slice(0, q);
    if (last === null || strcasecmp(entry, last) !== 0) out.push((last = entry));
  }
  return out;
}

/** abook_create */
export function abookCreate(env: AbookEnv, id: Identity, name: string): number {
  const d = abookDb(name);
  if (!d) return AB_FAIL;
  if (env.sdb.check(d.db) === 0) return AB_EXIST;
  let acl: string | null = null;
  if (id.level !== AUTH_ADMIN && strcasecmp(id.user, name) !== 0) {
    const p = parentAcl(env, id, name);
    acl = p.acl;
    if (!(p.mask & ACL_CREATE)) return AB_PERM;
  }
  if (env.sdb.create(d.db) < 0) return AB_FAIL;
  let result = 0;
  if (acl !== null && (result = env.sdb.writelock(ABOOKS)) >= 0) {
    result = env.sdb.set(ABOOKS, name, true, acl);
    if (env.sdb.unlock(ABOOKS) < 0) result = AB_FAIL;
  }
  const acldb = personalDb(ownerOf(name, d.ownerLen));
  if (env.sdb.check(acldb) < 0 && env.sdb.create(acldb) < 0) {
    result = AB_FAIL;
  } else if (!result) {
    if (!(result = env.sdb.writelock(acldb))) {
      result = env.sdb.set(acldb, name, true, '');
      if (env.sdb.unlock(acldb) < 0) result = AB_FAIL;
    }
    if (result < 0 && env.sdb.writelock(acldb) >= 0) {
      env.sdb.remove(acldb, name, true);
      env.sdb.unlock(acldb);
    }
  }
  if (result < 0) env.sdb.delete(d.db);
  return result;
}

/** Quota bytes of a book: its values and field names. */
function bookBytes(kv: KV[] | null): number {
  let delta = 0;
  for (const e of kv ?? []) {
    if (e.value !== null) delta += e.value.length;
    const q = e.key.indexOf('"');
    if (q >= 0) delta += e.key.length - q - 1;
  }
  return delta;
}

/** abook_delete: a primary book only by an admin. */
export function abookDelete(env: AbookEnv, id: Identity, name: string): number {
  const d = abookDb(name);
  if (!d) return AB_FAIL;
  if (d.ownerLen === name.length && id.level !== AUTH_ADMIN) return AB_FAIL;
  if (env.sdb.check(d.db) < 0) return AB_NOEXIST;
  if (!(abookRights(env, id, name) & ACL_DELETE)) return AB_PERM;
  const delta = bookBytes(env.sdb.match(d.db, '*', true));
  const owner = ownerOf(name, d.ownerLen);
  const result = env.sdb.delete(d.db);
  if (result === 0) {
    if (delta) optionDoquota(env, owner, -delta);
    const acldb = personalDb(owner);
    if (env.sdb.writelock(acldb) >= 0) {
      env.sdb.remove(acldb, name, true);
      env.sdb.unlock(acldb);
      if (env.sdb.count(acldb) === 0) env.sdb.delete(acldb);
    }
    const r = env.sdb.get(ABOOKS, name, true);
    if (r.rc >= 0 && r.value !== null && env.sdb.writelock(ABOOKS) >= 0) {
      env.sdb.remove(ABOOKS, name, true);
      env.sdb.unlock(ABOOKS);
    }
  }
  return result;
}

/** abook_rename: entries and ACL move; renaming a primary book leaves an empty one behind. */
export function abookRename(env: AbookEnv, id: Identity, name: string, newname: string): number {
  if (strcasecmp(name, newname) === 0) return AB_FAIL;
  const s = abookDb(name);
  const t = abookDb(newname);
  if (!s || !t) return AB_FAIL;
  if (env.sdb.check(s.db) < 0) return AB_NOEXIST;
  if (env.sdb.check(t.db) === 0) return AB_EXIST;
  const defaultBook = s.ownerLen === name.length;
  const newOwner = s.ownerLen !== t.ownerLen || strncasecmp(name, newname, s.ownerLen) !== 0;
  if (!(abookRights(env, id, name) & ACL_DELETE) || !(abookRights(env, id, newname) & ACL_CREATE)) return AB_PERM;
  let delta = 0;
  const dstOwner = ownerOf(newname, t.ownerLen);
  if (newOwner) {
    delta = bookBytes(env.sdb.match(s.db, '*', true));
    const q = optionDoquota(env, dstOwner, delta);
    if (q < 0) return q;
  }
  if (env.sdb.copy(s.db, t.db) < 0) {
    if (delta) optionDoquota(env, dstOwner, -delta);
    return AB_FAIL;
  }
  if (env.sdb.delete(s.db) === 0 && delta) optionDoquota(env, ownerOf(name, s.ownerLen), -delta);
  if (defaultBook) env.sdb.create(s.db);
  if (!defaultBook) {
    const src = personalDb(ownerOf(name, s.ownerLen));
    if (env.sdb.writelock(src) >= 0) {
      env.sdb.remove(src, name, true);
      env.sdb.unlock(src);
    }
  }
  const dst = personalDb(dstOwner);
  if (env.sdb.check(dst) >= 0 || env.sdb.create(dst) >= 0) {
    if (env.sdb.writelock(dst) >= 0) {
      env.sdb.set(dst, newname, true, '');
      env.sdb.unlock(dst);
    }
  }
  if (env.sdb.writelock(ABOOKS) >= 0) {
    const r = env.sdb.get(ABOOKS, name, true);
    if (r.rc >= 0) {
      let value = r.value;
      if (value === null && newOwner) value = aclSet('\t', ownerOf(name, s.ownerLen), ACL_ALL) ?? '\t';
      if (value !== null) {
        env.sdb.set(ABOOKS, newname, true, value);
        if (!defaultBook && env.sdb.writelock(ABOOKS) >= 0) {
          env.sdb.remove(ABOOKS, name, true);
          env.sdb.unlock(ABOOKS);
        }
      }
    }
    env.sdb.unlock(ABOOKS);
  }
  return AB_SUCCESS;
}

/** abook_store: creates a missing primary book (even when the store is then refused). */
export function abookStore(env: AbookEnv, id: Identity, name: string, alias: string, flist: Criterion[]): number {
  const d = abookDb(name);
  if (!d) return AB_FAIL;
  const owner = ownerOf(name, d.ownerLen);
  if (/[*%"]/.test(alias)) return AB_FAIL;
  if (flist.some((f) => /[*?%]/.test(f.field))) return AB_FAIL;
  if (env.sdb.check(d.db) < 0) {
    if (d.ownerLen === name.length) {
      if (env.sdb.create(d.db) < 0) return AB_FAIL;
    } else return AB_NOEXIST;
    const acldb = personalDb(owner);
    let result: number;
    if (env.sdb.check(acldb) < 0 && env.sdb.create(acldb) < 0) result = AB_FAIL;
    else if (!(result = env.sdb.writelock(acldb))) {
      result = env.sdb.set(acldb, name, true, '');
      if (env.sdb.unlock(acldb) < 0) result = AB_FAIL;
    }
    if (result < 0) {
      env.sdb.delete(d.db);
      return AB_FAIL;
    }
  }
  if (!(abookRights(env, id, name) & ACL_WRITE)) return AB_PERM;
  if (env.sdb.writelock(d.db) < 0) return AB_FAIL;
  let delta = 0;
  for (const f of flist) if (f.data !== '') delta += f.field.length + f.data.length;
  for (const f of flist) {
    const r = env.sdb.get(d.db, `${alias}"${f.field}`, true);
    if (r.rc === 0 && r.value !== null) delta -= r.value.length + f.field.length;
  }
  const q = optionDoquota(env, owner, delta);
  if (q < 0) {
    env.sdb.unlock(d.db);
    return q;
  }
  const marker = env.sdb.get(d.db, `${alias}"`, true);
  if (marker.rc < 0 || marker.value === null) env.sdb.set(d.db, `${alias}"`, true, '');
  for (const f of flist) {
    const key = `${alias}"${f.field}`;
    if (f.data !== '') env.sdb.set(d.db, key, true, f.data);
    else env.sdb.remove(d.db, key, true);
  }
  const result = env.sdb.unlock(d.db);
  if (result < 0) optionDoquota(env, owner, -delta);
  return result;
}

/** abook_deleteent: the quota given back is the *requester's* (as in the C code). */
export function abookDeleteEntry(env: AbookEnv, id: Identity, name: string, alias: string): number {
  if (!(abookRights(env, id, name) & ACL_DELETE)) return AB_PERM;
  const d = abookDb(name);
  if (!d) return AB_FAIL;
  if (/[*%]/.test(alias)) return AB_FAIL;
  if (env.sdb.writelock(d.db) < 0) return AB_FAIL;
  const kv = env.sdb.match(d.db, `${alias}"*`, true);
  if (!kv || !kv.length) {
    env.sdb.unlock(d.db);
    return kv ? AB_NOEXIST : AB_FAIL;
  }
  let delta = (alias.length + 1) * kv.length;
  for (const e of kv) delta -= e.key.length + (e.value ?? '').length;
  const q = optionDoquota(env, id.user, delta);
  if (q < 0) {
    env.sdb.unlock(d.db);
    return q;
  }
  for (const e of kv) env.sdb.remove(d.db, e.key, true);
  if (env.sdb.unlock(d.db) < 0) {
    optionDoquota(env, id.user, -delta);
    return AB_FAIL;
  }
  return AB_SUCCESS;
}

/** abook_setacl: `rights` null deletes the identifier. */
export function abookSetAcl(env: AbookEnv, id: Identity, name: string, ident: string, rights: string | null): number {
  if (!(abookRights(env, id, name) & ACL_ADMIN)) return AB_PERM;
  const d = abookDb(name);
  if (!d) return AB_FAIL;
  if (env.sdb.check(d.db) < 0) return AB_NOEXIST;
  if (env.sdb.writelock(ABOOKS) < 0) return AB_FAIL;
  let result = AB_FAIL;
  const r = env.sdb.get(ABOOKS, name, true);
  if (r.rc >= 0) {
    const acl = r.value ?? aclSet('\t', ownerOf(name, d.ownerLen), ACL_ALL) ?? '\t';
    const next = aclSet(acl, ident, rights !== null ? strToMask(rights) : 0);
    if (next !== null && env.sdb.set(ABOOKS, name, true, next) === 0) result = AB_SUCCESS;
  }
  if (env.sdb.unlock(ABOOKS) < 0) result = AB_FAIL;
  return result;
}

export function abookMyRights(env: AbookEnv, id: Identity, name: string): string {
  return maskToStr(abookRights(env, id, name));
}

/** abook_getacl plus the GETACL default: identifier/rights pairs, or null (no such book). */
export function abookGetAcl(env: AbookEnv, id: Identity, name: string): Array<{ identifier: string; rights: string }> | null {
  const d = abookDb(name);
  if (!d) return null;
  if (env.sdb.check(d.db) < 0) return null;
  if (!(abookRights(env, id, name) & ACL_LOOKUP)) return null;
  const r = env.sdb.get(ABOOKS, name, true);
  if (r.rc < 0) return null;
  let acl = r.value ?? '';
  if (acl === '') {
    const who = env.defaultAclNamesRequester ? id.user : ownerOf(name, d.ownerLen);
    acl = `${who}\t${maskToStr(ACL_ALL)}\t`;
  }
  // imsp_getacl's walk: id<TAB>rights, pairs without rights are skipped.
  const out: Array<{ identifier: string; rights: string }> = [];
  let rest = acl;
  do {
    const t1 = rest.indexOf('\t');
    const ident = t1 < 0 ? rest : rest.slice(0, t1);
    const after = t1 < 0 ? '' : rest.slice(t1 + 1);
    const t2 = after.indexOf('\t');
    const rights = t2 < 0 ? after : after.slice(0, t2);
    if (rights !== '') out.push({ identifier: ident, rights });
    rest = t2 < 0 ? '' : after.slice(t2 + 1);
  } while (rest !== '');
  return out;
}

/** abook_findstart/abook_find: own books first, then books shared through the ACL list. */
export function abookFind(env: AbookEnv, id: Identity, pat: string): string[] | null {
  const global = env.sdb.match(ABOOKS, pat, false);
  if (!global) return null;
  const personal = env.sdb.match(personalDb(id.user), pat, false) ?? [];
  const out: string[] = [];
  for (const e of personal) if (abookRights(env, id, e.key) & ACL_LOOKUP) out.push(e.key);
  const u = id.user;
  for (const e of global) {
    const own = e.key.startsWith(u) && (e.key.length === u.length || e.key[u.length] === '.');
    if (own) continue;
    if (abookRights(env, id, e.key) & ACL_LOOKUP) out.push(e.key);
  }
  return out;
}
