import { describe, expect, it, vi } from 'vitest';
import type { Message } from '../../store/model';
import { SearchUpdates } from './updates';

/** RFC 5267 §4.3: what a search kept updating reports, and that it runs only when needed. */
const msg = (uid: number, seen = false) => ({ uid, flags: new Set(seen ? ['\\Seen'] : []), raw: new Uint8Array(), internalDate: 0, zone: 0 }) as unknown as Message;
const ctx = { count: 0, maxUid: 0, isRecent: () => false };
const unseen = { op: 'flag', flag: '\\Seen', set: false } as const;

describe('SearchUpdates', () => {
  it('REMOVEFROM then ADDTO, position 0, message numbers or UIDs as the search was asked', () => {
    const u = new SearchUpdates();
    u.add('a1', false, unseen, [10, 11]);
    u.add('a2', true, unseen, [10, 11]);
    u.dirty = true;
    expect(u.refresh([msg(10, true), msg(11), msg(12)], ctx)).toEqual([
      'ESEARCH (TAG "a1") REMOVEFROM (0 1)',
      'ESEARCH (TAG "a1") ADDTO (0 3)',
      'ESEARCH (TAG "a2") UID REMOVEFROM (0 10)',
      'ESEARCH (TAG "a2") UID ADDTO (0 12)',
    ]);
  });

  it('expunged results leave, numbered as before the EXPUNGE responses', () => {
    const u = new SearchUpdates();
    u.add('a1', false, unseen, [11, 12]);
    expect(u.expunging([msg(10), msg(11), msg(12)], new Set([10, 12]))).toEqual(['ESEARCH (TAG "a1") REMOVEFROM (0 3)']);
  });

  it('runs the searches again only after the mailbox changed', () => {
    const u = new SearchUpdates();
    u.add('a1', false, unseen, []);
    const view = [msg(1)];
    const spy = vi.spyOn(view, 'forEach');
    expect(u.refresh(view, ctx)).toEqual([]);
    expect(spy).not.toHaveBeenCalled();
    u.dirty = true;
    expect(u.refresh(view, ctx)).toEqual(['ESEARCH (TAG "a1") ADDTO (0 1)']);
    expect(u.refresh(view, ctx)).toEqual([]);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('CANCELUPDATE by tag; a new search with the same tag replaces the old', () => {
    const u = new SearchUpdates();
    u.add('a1', false, unseen, []);
    u.add('a1', true, unseen, []);
    expect(u.size).toBe(1);
    expect(u.cancel('a1')).toBe(true);
    expect(u.cancel('a1')).toBe(false);
  });
});
