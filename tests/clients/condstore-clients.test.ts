import { ImapFlow } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { imapBridge } from '../support/imap-bridge';

/**
 * CONDSTORE and QRESYNC (RFC 7162) over a real socket, with a client that uses them: imapflow
 * enables QRESYNC when asked, reads HIGHESTMODSEQ from SELECT, fetches with CHANGEDSINCE,
 * reopens a mailbox with SELECT (QRESYNC …) and turns VANISHED into expunge events.
 */
const bridge = imapBridge('each');

const client = (qresync: boolean) =>
  new ImapFlow({ host: '127.0.0.1', port: bridge.port, secure: false, auth: { user: 'alice', pass: 'wonderland' }, logger: false, doSTARTTLS: false, qresync });

describe('imapflow with QRESYNC against the bridge', () => {
  it('resynchronises: HIGHESTMODSEQ, FETCH (CHANGEDSINCE), VANISHED pushed, and SELECT (QRESYNC …) after a reconnect', async () => {
    const phone = client(true);
    const laptop = client(false);
    await phone.connect();
    await laptop.connect();
    try {
      const box = await phone.mailboxOpen('INBOX');
      expect(box.highestModseq).toBe(17n);
      expect(phone.enabled.has('QRESYNC')).toBe(true);

      await laptop.mailboxOpen('INBOX');
      await laptop.messageFlagsAdd('2', ['\\Flagged'], { uid: true });
      const changed: number[] = [];
      for await (const m of phone.fetch('1:*', { uid: true, flags: true }, { changedSince: 17n, uid: true })) changed.push(m.uid);
      // Only UID 2 changed (the laptop's change may also arrive as an unsolicited FETCH of UID 2).
      expect([...new Set(changed)]).toEqual([2]);

      const gone: Array<{ uid?: number; vanished: boolean }> = [];
      phone.on('expunge', (e) => gone.push(e));
      await laptop.messageDelete('6', { uid: true });
      await phone.noop();
      expect(gone).toContainEqual(expect.objectContaining({ uid: 6, vanished: true }));

      const mark = (phone.mailbox as { highestModseq: bigint }).highestModseq;
      await phone.mailboxClose();
      await laptop.messageFlagsAdd('1', ['\\Answered'], { uid: true });
      await laptop.messageDelete('7', { uid: true });
      const earlier: Array<{ uid?: number; earlier?: boolean }> = [];
      phone.on('expunge', (e) => earlier.push(e));
      const again = await phone.mailboxOpen('INBOX', { uidValidity: 1700000001n, changedSince: mark } as never);
      expect(again.highestModseq).toBeGreaterThan(mark);
      expect(earlier).toContainEqual(expect.objectContaining({ uid: 7, earlier: true }));
    } finally {
      await phone.logout();
      await laptop.logout();
    }
  });
});
