import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, inflateLimited, isDestructive, SHARE_LIMITS, ShareError } from '../../web/persist/share';

describe('shared links (issue 11 items 2 and 10)', () => {
  it('round-trips a session', async () => {
    const s = { v: 1 as const, host: 'h', commands: [['a1 LOGIN alice wonderland'], ['a2 APPEND INBOX {2}', { b: 'aGk=' }]] };
    expect(await decodeShare(await encodeShare(s))).toEqual(s);
  });

  it('stops inflating at the limit: a 64 MiB bomb is refused as too large, quickly', async () => {
    const bomb = deflateRawSync(Buffer.alloc(64 * 1024 * 1024));
    const t0 = Date.now();
    await expect(inflateLimited(new Uint8Array(bomb), SHARE_LIMITS.maxJsonOctets)).rejects.toMatchObject({ why: 'too-large' });
    expect(Date.now() - t0).toBeLessThan(1500);
    await expect(decodeShare(bomb.toString('base64url'))).rejects.toBeInstanceOf(ShareError);
  });

  it('carries a lesson, step and role, checked (issue 9 item 19)', async () => {
    const s = { v: 1 as const, host: 'h', commands: [['a1 CAPABILITY']], lesson: { id: 'mail-access', step: 2, role: 'a' } };
    expect(await decodeShare(await encodeShare(s))).toEqual(s);
    for (const lesson of [{ id: '<b>', step: 1, role: 'a' }, { id: 'x', step: -1, role: 'a' }, { id: 'x', step: 1.5, role: 'a' }, { id: 'x', step: 1, role: 'a b' }, 'x']) {
      const bad = deflateRawSync(Buffer.from(JSON.stringify({ v: 1, host: 'h', commands: [['a']], lesson }))).toString('base64url');
      await expect(decodeShare(bad)).rejects.toMatchObject({ why: 'damaged' });
    }
  });

  it('calls garbage damaged', async () => {
    await expect(decodeShare('AAAA')).rejects.toMatchObject({ why: 'damaged' });
    await expect(decodeShare(deflateRawSync(Buffer.from('{"v":2}')).toString('base64url'))).rejects.toMatchObject({ why: 'damaged' });
  });

  it('marks the commands that delete or change mail', () => {
    const d = (line: string) => isDestructive([line]);
    for (const l of ['a DELETE Work', 'a1 STORE 1:* +FLAGS.SILENT (\\Deleted)', 'a EXPUNGE', 'x UID EXPUNGE 1', 'a CLOSE', 'a UID MOVE 1 X', 'a RENAME A B', 'a UNSUBSCRIBE X', 'b SET.FLAGS (x)', 'c SET x y', 'c UNSET x', 'c DELETEADDRESS b e', 'c SETACL b u r', 'c STOREADDRESS b e f v'])
      expect(d(l), l).toBe(true);
    for (const l of ['a LOGIN alice x', 'a SELECT INBOX', 'a FETCH 1 BODY[]', 'a SEARCH DELETED', 'a UID FETCH 1 FLAGS', 'a CREATE X', 'a APPEND X {3}', 'a GETACL b', 'a UNSELECT', 'a LIST "" *'])
      expect(d(l), l).toBe(false);
  });
});
