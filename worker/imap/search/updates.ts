import type { Message } from '../../store/model';
import { compactUidSet } from '../uidset';
import { matches, type SearchContext } from './evaluate';
import type { SearchKey } from './keys';
import { esearchResponse } from './returns';

/** One `SEARCH RETURN (UPDATE)` still running (RFC 5267 §4.3): its program and current result. */
interface UpdatingSearch {
  tag: string;
  /** UID SEARCH: updates name UIDs; SEARCH: message numbers. */
  uid: boolean;
  program: SearchKey;
  /** The UIDs of the messages in the result as the client last heard it. */
  result: Set<number>;
}

/**
 * The searches of a selected mailbox that report their changes (RFC 5267 §4, CONTEXT=SEARCH).
 * After every command the session compares each search's result with the mailbox as it is
 * now and tells the client which messages joined (`ADDTO`) or left (`REMOVEFROM`). Positions
 * are 0: a SEARCH result is in mailbox order (§4.3.3). Messages being expunged leave in their
 * own REMOVEFROM, sent before the EXPUNGE responses renumber the mailbox (as Dovecot does).
 */
export class SearchUpdates {
  private searches: UpdatingSearch[] = [];
  /**
   * Whether the mailbox changed since the searches last ran (any session's append, expunge or
   * flag change): each runs over the whole mailbox, so only then, not after every command.
   */
  dirty = false;

  get size(): number {
    return this.searches.length;
  }

  has(tag: string): boolean {
    return this.searches.some((s) => s.tag === tag);
  }

  /** Keeps a search updating (the command refuses a tag already updating, RFC 5267 §4.3). */
  add(tag: string, uid: boolean, program: SearchKey, uids: Iterable<number>): void {
    this.cancel(tag);
    this.searches.push({ tag, uid, program, result: new Set(uids) });
  }

  /** CANCELUPDATE (RFC 5267 §4.3.5): false when no search has this tag. */
  cancel(tag: string): boolean {
    const before = this.searches.length;
    this.searches = this.searches.filter((s) => s.tag !== tag);
    return this.searches.length < before;
  }

  /**
   * REMOVEFROM for results about to be announced as expunged, numbered as the client knows
   * them before the EXPUNGE responses (`view` is still the old one).
   */
  expunging(view: readonly Message[], doomed: ReadonlySet<number>): string[] {
    const out: string[] = [];
    for (const s of this.searches) {
      const gone: number[] = [];
      view.forEach((m, i) => {
        if (doomed.has(m.uid) && s.result.delete(m.uid)) gone.push(s.uid ? m.uid : i + 1);
      });
      if (gone.length) out.push(change(s, 'REMOVEFROM', gone));
    }
    return out;
  }

  /** Runs every search again on the view as it is now: REMOVEFROM, then ADDTO, per search. */
  refresh(view: readonly Message[], ctx: SearchContext): string[] {
    const out: string[] = [];
    if (!this.dirty) return out;
    this.dirty = false;
    for (const s of this.searches) {
      const now = new Set<number>();
      const added: number[] = [];
      const removed: number[] = [];
      view.forEach((m, i) => {
        const n = s.uid ? m.uid : i + 1;
        if (matches(s.program, m, i + 1, ctx)) {
          now.add(m.uid);
          if (!s.result.has(m.uid)) added.push(n);
        } else if (s.result.has(m.uid)) removed.push(n);
      });
      // Results that vanished without an EXPUNGE we announced (none should) are dropped quietly.
      s.result = now;
      if (removed.length) out.push(change(s, 'REMOVEFROM', removed));
      if (added.length) out.push(change(s, 'ADDTO', added));
    }
    return out;
  }

  clear(): void {
    this.searches = [];
  }
}

/** `ESEARCH (TAG "t") [UID] ADDTO (0 set)` (RFC 5267 §4.3.3–4: position 0 for an unsorted search). */
function change(s: UpdatingSearch, what: 'ADDTO' | 'REMOVEFROM', numbers: number[]): string {
  return esearchResponse(s.tag, s.uid, [[what, `(0 ${compactUidSet(numbers)})`]]);
}
