/**
 * The database layer of one IMSP session, after cyrus-imspd's syncdb.c. Every IMSP command
 * goes through it, so the real server's visibility rules come out of the same mechanics:
 *
 * - Global databases (`options`, `abooks`) are read once per session and kept.
 * - Private databases have ONE cache slot per kind (options, alock, abooks, abook): asking
 *   for another user's database (or another address book) of that kind writes the cached
 *   one back if it changed, drops it and loads the new one from disk.
 * - Changes stay in the session's cache until the slot is switched or the session ends
 *   (`done`), when they are written back whole (the last writer of a file wins).
 * - Creating and deleting a database file takes effect on disk at once.
 *
 * That is cyrus-1.8 mode: another session sees a change only after the writer's LOGOUT (and
 * only if it had not read that database yet). In `writeThrough` mode (draft-1995) every read
 * starts from disk and every change is written at once, so sessions share changes immediately.
 */
import type { ImspData } from '../../store/imsp';
import { strcasecmp } from '../../store/imsp';
import { diskCreate, diskDelete, diskExists, diskRead, diskWrite, type KV } from './disk';
import { globMatch, hasWildcard } from './glob';

interface Cache {
  db: string;
  loaded: boolean;
  modified: boolean;
  locks: number;
  kv: KV[];
}

const GLOBAL_DBS = ['options', 'mailboxes', 'new', 'changed', 'abooks'];
const PRIVATE_DBS = ['options', 'mailboxes', 'subs', 'alock', 'abooks', 'abook'];
/** From this index on, private kinds match by prefix (`abook.alice.friends` → abook). */
const PREFIX_POS = PRIVATE_DBS.length - 2;

const newCache = (): Cache => ({ db: '', loaded: false, modified: false, locks: 0, kv: [] });
const strcmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class Sdb {
  private globals = GLOBAL_DBS.map(newCache);
  private privates = PRIVATE_DBS.map(newCache);

  /**
   * `onChange` runs when the disk is written or a cache starts to differ from it: the page then
   * saves, and a save includes what the caches hold (pendingWrites).
   */
  constructor(
    private readonly disk: () => ImspData,
    readonly writeThrough: boolean,
    private readonly onChange: () => void = () => {},
  ) {}

  // --- caches ------------------------------------------------------------------------------

  private findcache(db: string): Cache | null {
    let c: Cache | null = null;
    if (db.startsWith('user/')) {
      const slash = db.indexOf('/', 5);
      if (slash < 0) return null;
      const scan = db.slice(slash + 1);
      for (let i = 0; i < PRIVATE_DBS.length; i++) {
        if (scan === PRIVATE_DBS[i] || (i >= PREFIX_POS && scan.startsWith(PRIVATE_DBS[i]))) {
          c = this.privates[i];
          if (c.db !== db) {
            if (c.locks > 0) return null;
            if (c.modified) this.writecache(c);
            this.freecache(c);
            c.db = db;
          }
          break;
        }
      }
      if (!c) return null;
    } else {
      const i = GLOBAL_DBS.indexOf(db);
      if (i < 0) return null;
      c = this.globals[i];
      c.db = db;
    }
    // draft-1995: nothing stays cached between operations.
    if (this.writeThrough && c.locks === 0 && !c.modified) c.loaded = false;
    return c;
  }

  private freecache(c: Cache): void {
    c.kv = [];
    c.loaded = false;
    c.modified = false;
  }

  private loadcache(c: Cache): number {
    const kv = diskRead(this.disk(), c.db);
    this.freecache(c);
    if (!kv) return -1;
    c.kv = kv;
    c.loaded = true;
    return 0;
  }

  private writecache(c: Cache): void {
    diskWrite(this.disk(), c.db, c.kv.map((e) => ({ ...e })));
    c.modified = false;
    this.onChange();
  }

  private ensureLoaded(c: Cache): boolean {
    return c.loaded || this.loadcache(c) === 0;
  }

  private bsearch(c: Cache, key: string, icase: boolean): number {
    const cmp = icase ? strcasecmp : strcmp;
    let lo = 0;
    let hi = c.kv.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = cmp(key, c.kv[mid].key);
      if (r === 0) return mid;
      if (r < 0) hi = mid - 1;
      else lo = mid + 1;
    }
    return -1;
  }

  // --- the syncdb calls ----------------------------------------------------------------------

  /** sdb_check: 0 if the database exists (on disk or in this session's cache). */
  check(db: string): number {
    const c = this.findcache(db);
    if (!c) return -1;
    return c.loaded || diskExists(this.disk(), c.db) ? 0 : -1;
  }

  /** sdb_create: makes an empty database file; fails if it exists. */
  create(db: string): number {
    const c = this.findcache(db);
    if (!c || c.loaded || diskExists(this.disk(), db)) return -1;
    if (!diskCreate(this.disk(), db)) return -1;
    this.onChange();
    return 0;
  }

  /** sdb_delete: removes the file and empties the cache. */
  delete(db: string): number {
    const c = this.findcache(db);
    if (!c || c.locks) return -1;
    if (!diskDelete(this.disk(), db)) return -1;
    this.freecache(c);
    this.onChange();
    return 0;
  }

  /** sdb_copy: the destination must not exist; the source is read from disk. */
  copy(src: string, dst: string): number {
    if (this.create(dst) < 0) return -1;
    if (!this.findcache(dst)) {
      this.delete(dst);
      return -1;
    }
    const c = this.findcache(src);
    if (!c || c.locks) {
      this.delete(dst);
      return -1;
    }
    if (this.loadcache(c) < 0) return -1;
    c.db = dst;
    this.writecache(c);
    return 0;
  }

  /** sdb_get: `rc` -1 if the database cannot be read; `value` null if the key is absent. */
  get(db: string, key: string, icase: boolean): { rc: number; value: string | null } {
    const c = this.findcache(db);
    if (!c || !this.ensureLoaded(c)) return { rc: -1, value: null };
    const i = c.kv.length ? this.bsearch(c, key, icase) : -1;
    return { rc: 0, value: i >= 0 ? c.kv[i].value : null };
  }

  /** sdb_count: number of keys, or -1. */
  count(db: string): number {
    const c = this.findcache(db);
    if (!c || !this.ensureLoaded(c)) return -1;
    return c.kv.length;
  }

  /**
   * sdb_match: the keys matching `key` (glob `*` `%` `?`; exact lookup when it has none) whose
   * value matches `vpat` (glob; null or "*" = any). Copies, in database order. null = failure.
   */
  match(db: string, key: string, icase: boolean, vpat: string | null = null): KV[] | null {
    if (vpat === '*') vpat = null;
    const c = this.findcache(db);
    if (!c || !this.ensureLoaded(c)) return null;
    if (!c.kv.length) return [];
    if (!hasWildcard(key)) {
      const i = this.bsearch(c, key, icase);
      if (i < 0) return [];
      const e = c.kv[i];
      // valuematch() globs case-sensitively here.
      if (vpat !== null && (e.value === null || !globMatch(vpat, e.value, false))) return [];
      return [{ ...e }];
    }
    const all = key === '*';
    return c.kv
      .filter((e) => (all || globMatch(key, e.key, icase)) && (vpat === null || (e.value !== null && globMatch(vpat, e.value, icase))))
      .map((e) => ({ ...e }));
  }

  /** sdb_writelock: needs the file on disk; loads the cache if it is not loaded. */
  writelock(db: string): number {
    const c = this.findcache(db);
    if (!c) return -1;
    if (c.locks) {
      c.locks++;
      return 0;
    }
    if (!diskExists(this.disk(), c.db)) return -1;
    if (!this.ensureLoaded(c)) return -1;
    c.locks++;
    return 0;
  }

  /** sdb_unlock (in draft-1995 mode this is where the change reaches the disk). */
  unlock(db: string): number {
    const c = this.findcache(db);
    if (!c) return -1;
    if (c.locks === 0) return 0;
    c.locks--;
    if (this.writeThrough && c.locks === 0 && c.modified) this.writecache(c);
    return 0;
  }

  /** sdb_set: the database must be write-locked. */
  set(db: string, key: string, icase: boolean, value: string): number {
    const c = this.findcache(db);
    if (!c || !c.locks) return -1;
    const cmp = icase ? strcasecmp : strcmp;
    let lo = 0;
    let hi = c.kv.length - 1;
    let at = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = cmp(key, c.kv[mid].key);
      if (r === 0) {
        c.kv[mid].value = value;
        this.touch(c);
        return 0;
      }
      if (r < 0) hi = mid - 1;
      else lo = mid + 1;
      at = lo;
    }
    c.kv.splice(at, 0, { key, value });
    this.touch(c);
    return 0;
  }

  /** sdb_remove: -1 if the key is not there. */
  remove(db: string, key: string, icase: boolean): number {
    const c = this.findcache(db);
    if (!c || !c.locks || !c.kv.length) return -1;
    const i = this.bsearch(c, key, icase);
    if (i < 0) return -1;
    c.kv.splice(i, 1);
    this.touch(c);
    return 0;
  }

  private touch(c: Cache): void {
    const was = c.modified;
    c.modified = true;
    if (!was) this.onChange();
  }

  /**
   * What done() would write back now, without writing it: the databases this session has
   * changed in its caches. A saved playground includes them — when the page goes away every
   * client goes away, and the server writes a vanished client's caches back (imsp_clean_abort).
   */
  pendingWrites(): Array<{ db: string; kv: KV[] }> {
    return [...this.globals, ...this.privates].filter((c) => c.modified).map((c) => ({ db: c.db, kv: c.kv.map((e) => ({ ...e })) }));
  }

  /** sdb_done: the session ends; changed databases are written back. */
  done(): void {
    for (const c of [...this.globals, ...this.privates]) {
      if (c.modified) this.writecache(c);
      c.locks = 0;
      this.freecache(c);
    }
  }
}
