/**
 * Access control lists as Cyrus' lib/acl.c, lib/acl_afs.c and lib/auth_unix.c define them:
 * rights letters, canonical identifiers, AFS-style evaluation (positive entries minus `-`
 * negative ones), ACL text `id<TAB>rights<TAB>…`.
 */

const LETTERS = 'lrswipcda0123456789';

export const ACL_LOOKUP = 1 << 0;
export const ACL_READ = 1 << 1;
export const ACL_WRITE = 1 << 3;
export const ACL_CREATE = 1 << 6;
export const ACL_DELETE = 1 << 7;
export const ACL_ADMIN = 1 << 8;
export const ACL_USER0 = 1 << 9;
/** `lrswipcda` */
export const ACL_ALL = (1 << 9) - 1;

/** acl_strtomask: unknown letters are ignored. */
export function strToMask(s: string): number {
  let m = 0;
  for (const c of s) {
    const i = LETTERS.indexOf(c);
    if (i >= 0) m |= 1 << i;
  }
  return m;
}

/** acl_masktostr: letters in canonical order. */
export function maskToStr(m: number): string {
  let s = '';
  for (let i = 0; i < LETTERS.length; i++) if (m & (1 << i)) s += LETTERS[i];
  return s;
}

// auth_canonifyid's character map: 0 refused, 1 allowed, 2 allowed and alphabetic.
function charClass(c: number): 0 | 1 | 2 {
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return 2;
  if (c < 0x20 || c >= 0x7f) return 0;
  return '%&*/:?'.includes(String.fromCharCode(c)) ? 0 : 1;
}

/**
 * auth_canonifyid: `anyone`/`anybody` → `anyone`, `anonymous` in any case → `anonymous`;
 * otherwise the identifier itself if it has an allowed character set and a letter; null if
 * refused. `group:<name>` names a Unix group; the playground has no group members, so such
 * an entry is kept but never matches anyone.
 */
export function canonifyId(id: string): string | null {
  const lower = id.toLowerCase();
  if (lower === 'anonymous') return 'anonymous';
  if (lower === 'anybody' || lower === 'anyone') return 'anyone';
  if (id.length >= 81) return null;
  if (id.startsWith('group:')) return id.length > 6 ? id : null;
  let alpha = false;
  for (let i = 0; i < id.length; i++) {
    const k = charClass(id.charCodeAt(i));
    if (k === 0) return null;
    if (k === 2) alpha = true;
  }
  return alpha ? id : null;
}

/** auth_memberof: whether the identifier covers this user. */
function memberOf(user: string, identifier: string): boolean {
  return identifier === 'anyone' || identifier === user;
}

/** acl_myrights over ACL text, for `user` (`anonymous` before login). */
export function myRights(user: string, acl: string): number {
  let pos = 0;
  let neg = 0;
  const parts = acl.split('\t');
  for (let i = 0; i + 2 < parts.length; i += 2) {
    let id = parts[i];
    const rights = parts[i + 1];
    let negative = false;
    if (id.startsWith('-')) {
      negative = true;
      id = id.slice(1);
    }
    if (memberOf(user, id)) {
      if (negative) neg |= strToMask(rights);
      else pos |= strToMask(rights);
    }
  }
  return pos & ~neg;
}

/**
 * acl_set in ACL_MODE_SET: gives `identifier` exactly `access` (0 removes it). New
 * identifiers go at the end. Returns the new text, or null when the identifier is refused.
 */
export function aclSet(acl: string, identifier: string, access: number): string | null {
  let id: string | null;
  if (identifier.startsWith('-')) {
    const c = canonifyId(identifier.slice(1));
    id = c === null ? null : '-' + c;
  } else id = canonifyId(identifier);
  if (id === null) return null;
  // Walk id<TAB>rights<TAB> pairs; trailing garbage is dropped.
  const entries: Array<[string, string]> = [];
  let rest = acl;
  for (;;) {
    if (rest === '') break;
    const t1 = rest.indexOf('\t');
    if (t1 < 0) break;
    const t2 = rest.indexOf('\t', t1 + 1);
    if (t2 < 0) break;
    entries.push([rest.slice(0, t1), rest.slice(t1 + 1, t2)]);
    rest = rest.slice(t2 + 1);
  }
  const at = entries.findIndex(([e]) => e === id);
  if (access === 0) {
    if (at >= 0) entries.splice(at, 1);
  } else if (at >= 0) entries[at] = [id, maskToStr(access)];
  else entries.push([id, maskToStr(access)]);
  return entries.map(([e, r]) => `${e}\t${r}\t`).join('');
}
