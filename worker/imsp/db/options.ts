/**
 * Options after cyrus-imspd's option.c: a user's value wins over the global one, values are
 * stored as "T value" with T = W (read-write), R (read-only), N (non-visible), names compare
 * ignoring case, and a few "magic" options are computed when their stored value is empty.
 */
import { strcasecmp } from '../../store/imsp';
import type { Sdb } from './sdb';

export const OPT_QUOTA = 'imsp.user.quota';
export const OPT_USAGE = 'imsp.user.quota.usage';
export const OPT_ADMINS = 'imsp.admin.all';
export const OPT_NEWUSERS = 'imsp.create.new.users';

const userDb = (user: string) => `user/${user}/options`;

export interface OptionsEnv {
  sdb: Sdb;
  /** The current date as `common.date` shows it. */
  now(): Date;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** adate.c n_arpadate(), in UTC: `Mon, 23 Nov 2026 18:02:25 +0000` (day not padded). */
export function arpaDate(d: Date): string {
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** magicopt(): `common.date`, `common.from` (when empty), `imsp.user.quota.usage` (bytes → KB). */
function magic(env: OptionsEnv, name: string, val: string, user: string): string {
  if (val === '') {
    if (strcasecmp(name, 'common.date') === 0) return arpaDate(env.now());
    if (strcasecmp(name, 'common.from') === 0 && user !== '') {
      const domain = optionGet(env, '', 'common.domain', true);
      return domain ? `${user}@${domain.value}` : '';
    }
  } else if (strcasecmp(name, OPT_USAGE) === 0) {
    return String(Math.trunc((atol(val) + 1023) / 1024));
  }
  return val;
}

/** C atol: optional spaces and sign, then digits. */
export function atol(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  return m ? parseInt(m[1], 10) : 0;
}

export interface OptionHit {
  name: string;
  value: string;
  readWrite: boolean;
}

/**
 * option_matchstart/option_match: the visible options matching `pat`, user and global merged
 * in case-insensitive order. `user` is '' before login. null: the user's database is missing.
 */
export function optionMatch(env: OptionsEnv, user: string, pat: string, admin: boolean): OptionHit[] | null {
  let ukv: Array<{ key: string; value: string | null }> = [];
  if (user !== '') {
    const r = env.sdb.match(userDb(user), pat, true);
    if (!r) return null;
    ukv = r;
  }
  const gkv = env.sdb.match('options', pat, true);
  if (!gkv) return null;
  const out: OptionHit[] = [];
  let u = 0;
  let g = 0;
  for (;;) {
    let name: string;
    let val: string;
    if (g < gkv.length) {
      const cmp = u < ukv.length ? strcasecmp(gkv[g].key, ukv[u].key) : -1;
      if (cmp === 0) {
        name = ukv[u].key;
        val = ukv[u].value ?? '';
        u++;
        g++;
      } else if (cmp > 0) {
        name = ukv[u].key;
        val = ukv[u].value ?? '';
        u++;
      } else {
        name = gkv[g].key;
        val = gkv[g].value ?? '';
        g++;
      }
    } else if (u < ukv.length) {
      name = ukv[u].key;
      val = ukv[u].value ?? '';
      u++;
    } else break;
    if (val[0] === 'N' && !admin) continue;
    out.push({ name, value: magic(env, name, val.slice(2), user), readWrite: val[0] === 'W' });
  }
  return out;
}

/** option_get: the value the user sees (user's, else global), null if none or not visible. */
export function optionGet(env: OptionsEnv, user: string, opt: string, admin: boolean): { value: string; readWrite: boolean } | null {
  let value: string | null = null;
  if (user !== '') {
    const r = env.sdb.get(userDb(user), opt, true);
    if (r.rc < 0) return null;
    value = r.value;
  }
  if (value === null) {
    const r = env.sdb.get('options', opt, true);
    if (r.rc < 0) return null;
    value = r.value;
  }
  if (value !== null && value[0] === 'N' && !admin) value = null;
  if (value === null) return null;
  return { value: magic(env, opt, value.slice(2), user), readWrite: value[0] === 'W' };
}

/** option_test: a boolean option ("+" is on); `dflt` when unset or invisible. */
export function optionTest(env: OptionsEnv, user: string, opt: string, admin: boolean, dflt: boolean): boolean {
  let value: string | null = null;
  if (user !== '') {
    const r = env.sdb.get(userDb(user), opt, true);
    if (r.rc < 0) return false;
    value = r.value;
  }
  if (value === null) {
    const r = env.sdb.get('options', opt, true);
    if (r.rc < 0) return false;
    value = r.value;
  }
  if (value !== null && value[0] === 'N' && !admin) value = null;
  if (value === null) return dflt;
  // (option.c passes the raw "T value" to magicopt here, so only the type prefix matters.)
  return value[2] === '+';
}

/** option_lookup: whether `str` is an item of the list option `(a b c)` (ignoring case). */
export function optionLookup(env: OptionsEnv, user: string, opt: string, admin: boolean, str: string): boolean {
  const v = optionGet(env, user, opt, admin)?.value;
  if (!v || v[0] !== '(') return false;
  const inner = v.slice(1);
  const close = inner.indexOf(')');
  const items = (close < 0 ? inner : inner.slice(0, close)).split(/[ \t\n\v\f\r]+/).filter(Boolean);
  return items.some((i) => strcasecmp(i, str) === 0);
}

export function optionCheck(env: OptionsEnv, user: string): number {
  return env.sdb.check(userDb(user));
}

export function optionCreate(env: OptionsEnv, user: string): number {
  return env.sdb.create(userDb(user));
}

/** option_doquota: 0, -1 (database error) or -3 (over quota; never for a negative delta). */
export function optionDoquota(env: OptionsEnv, user: string, delta: number): number {
  if (!delta) return 0;
  const db = userDb(user);
  let r = env.sdb.get(db, OPT_USAGE, true);
  if (r.rc < 0) {
    if (env.sdb.create(db) < 0) return -1;
    r = env.sdb.get(db, OPT_USAGE, true);
    if (r.rc < 0) return -1;
  }
  let usage = delta;
  if (r.value) usage += atol(r.value.slice(1));
  if (usage < 0) usage = 0;
  if (delta > 0) {
    let q = env.sdb.get(db, OPT_QUOTA, true);
    if (q.rc < 0) return -1;
    if (q.value === null) {
      q = env.sdb.get('options', OPT_QUOTA, true);
      if (q.rc < 0) return -1;
    }
    const quota = q.value ? atol(q.value.slice(1)) * 1024 : 0;
    if (quota && quota < usage) return -3;
  }
  if (env.sdb.writelock(db) < 0) return -1;
  let result = env.sdb.set(db, OPT_USAGE, true, `R ${usage}`);
  if (env.sdb.unlock(db) < 0) result = -1;
  return result;
}

/** Admin prefixes: `*` = the global option, then `%` read-only, `%%` non-visible. */
function prefixes(opt: string, admin: boolean): { db: string | null; opt: string; type: number; global: boolean } {
  let type = 0;
  let global = false;
  let db: string | null = null;
  if (admin) {
    if (opt[0] === '*') {
      global = true;
      db = 'options';
      opt = opt.slice(1);
    }
    if (opt[0] === '%') {
      type++;
      opt = opt.slice(1);
      if (opt[0] === '%') {
        type++;
        opt = opt.slice(1);
      }
    }
  }
  return { db, opt, type, global };
}

/** option_set: 0, -1 (refused) or -3 (over quota). */
export function optionSet(env: OptionsEnv, user: string, rawOpt: string, admin: boolean, value: string): number {
  const { db: g, opt, type, global } = prefixes(rawOpt, admin);
  const db = g ?? userDb(user);
  if (/[*%]/.test(opt)) return -1;
  if (strcasecmp(opt, OPT_USAGE) === 0) return -1;
  if (env.sdb.writelock(db) < 0) return -1;
  const cur = env.sdb.get(db, opt, true);
  let oldval: string | null = null;
  if (cur.rc === 0) {
    oldval = cur.value;
    if (oldval === null) oldval = env.sdb.get('options', opt, true).value;
    if (!admin && oldval !== null && oldval[0] !== 'W') {
      env.sdb.unlock(db);
      return -1;
    }
  }
  let delta = 0;
  if (!global) {
    if (oldval !== null && oldval[0] === 'W') delta = 2 - oldval.length - opt.length;
    if (!type) delta += opt.length + value.length;
    const q = optionDoquota(env, user, delta);
    if (q < 0) {
      env.sdb.unlock(db);
      return q;
    }
  }
  let result = env.sdb.set(db, opt, true, `${'WRN'[type]} ${value}`);
  if (env.sdb.unlock(db) < 0) result = -1;
  if (result < 0) optionDoquota(env, user, -delta);
  return result;
}

/** option_unset: -1 refused, 0 was not set, 1 removed. */
export function optionUnset(env: OptionsEnv, user: string, rawOpt: string, admin: boolean): number {
  const { db: g, opt } = prefixes(rawOpt, admin);
  const db = g ?? userDb(user);
  if (/[*%]/.test(opt)) return -1;
  if (env.sdb.writelock(db) < 0) return -1;
  const cur = env.sdb.get(db, opt, true);
  const oldval = cur.value;
  if (cur.rc < 0 || (!admin && oldval !== null && oldval[0] !== 'W')) {
    env.sdb.unlock(db);
    return -1;
  }
  if (oldval !== null && optionDoquota(env, user, 2 - oldval.length - opt.length) < 0) {
    env.sdb.unlock(db);
    return -1;
  }
  let result = env.sdb.remove(db, opt, true) < 0 ? 0 : 1;
  if (env.sdb.unlock(db) < 0) result = -1;
  return result;
}
