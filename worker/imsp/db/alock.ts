/**
 * Advisory locks after cyrus-imspd's alock.c. A lock is a key in the owner's `alock`
 * database (`user/<owner>/alock`) holding `user@host`, plus an entry in the connection's own
 * list of held locks; UNLOCK needs the latter, LOGOUT releases every lock on the list.
 *
 * Deliberate fix: the C list walk (`lkey = locklist->next`) loops forever when the lock to
 * release is not among the two most recent; here the list is walked properly.
 */
import { strcasecmp } from '../../store/imsp';
import type { Sdb } from './sdb';

interface Held {
  db: string;
  key: string;
}

export class LockList {
  private held: Held[] = [];

  constructor(
    private readonly sdb: Sdb,
    /** cyrus-1.8 writes the holder one character short (a buffer off by one): `alice@localhos`. */
    private readonly truncateHolder: boolean,
  ) {}

  /**
   * alock_dolock. For an option, item1 is its name and item2 null; for an address-book entry,
   * item1 is the book and item2 the entry. Returns 0 done, -1 failure, or 1 with `holder`
   * (already locked / not locked by this connection).
   */
  dolock(user: string, item1: string, item2: string | null, lock: boolean, host: string): { rc: number; holder: string } {
    let db: string;
    let key: string;
    if (item2 !== null) {
      const dot = item1.indexOf('.');
      db = `user/${dot < 0 ? item1 : item1.slice(0, dot)}/alock`;
      key = `${item1}"${item2}`;
    } else {
      db = `user/${user}/alock`;
      key = item1;
    }
    let at = -1;
    if (!lock) {
      at = this.held.findIndex((h) => strcasecmp(h.key, key) === 0);
      if (at < 0) return { rc: 1, holder: host };
    }
    let result = this.sdb.writelock(db);
    if (result < 0) {
      this.sdb.create(db);
      result = this.sdb.writelock(db);
    }
    let holder = host;
    if (!result) {
      if (lock) {
        const cur = this.sdb.get(db, key, true);
        if (cur.rc === 0 && cur.value !== null) {
          result = 1;
          holder = cur.value;
        } else {
          let value = `${user}@${host}`;
          if (this.truncateHolder) value = value.slice(0, -1);
          result = this.sdb.set(db, key, true, value);
        }
      } else result = this.sdb.remove(db, key, true);
    }
    const r1 = this.sdb.unlock(db);
    if (!result) result = r1;
    if (!result && !lock) this.held.splice(at, 1);
    if (lock && !result) this.held.unshift({ db, key });
    return { rc: result, holder };
  }

  /** alock_unlock: the connection ends; its locks go. */
  releaseAll(): void {
    for (const h of this.held.splice(0)) {
      if (this.sdb.writelock(h.db) === 0) {
        this.sdb.remove(h.db, h.key, true);
        this.sdb.unlock(h.db);
      }
    }
  }

  get count(): number {
    return this.held.length;
  }
}
