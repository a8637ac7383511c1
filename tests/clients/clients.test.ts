import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { imapBridge } from '../support/imap-bridge';
import { startBridge } from '../support/processes';

/**
 * Real mail clients against the TCP bridge: if Python's imaplib, curl and imapflow can do
 * their everyday work, the engine speaks IMAP well enough for the clients people use.
 */
const run = promisify(execFile);

const bridge = imapBridge('each');

describe('python3 imaplib', () => {
  it('logs in, lists, selects, fetches, searches, stores, copies, moves, appends, expunges and logs out', async () => {
    const { stdout } = await run('python3', [new URL('./imaplib_client.py', import.meta.url).pathname, String(bridge.port)]).catch((e) => {
      throw new Error(`imaplib script failed:\n${e.stdout}\n${e.stderr}`);
    });
    expect(stdout).not.toContain('FAIL');
    expect(stdout).toContain('ok logout');
  });
});

/**
 * imaplib's APPEND: literal octets and the closing CRLF go out as two writes with Nagle on.
 * A server that ACKs the literal only when its delayed-ACK timer fires (~40 ms on Linux) makes
 * every APPEND wait that long; the bridge must ACK at once, as Dovecot does (TCP_QUICKACK).
 */
describe('python3 imaplib APPEND timing', () => {
  it('answers imaplib APPENDs without a delayed-ACK stall', { skip: process.platform !== 'linux' }, async () => {
    const { stdout } = await run('python3', [new URL('./imaplib_append.py', import.meta.url).pathname, String(bridge.port), '40']);
    const times = stdout.trim().split(' ').map(Number);
    expect(times).toHaveLength(40);
    // The stall's signature is ~40 ms on every command; a loaded machine may slow a few commands,
    // but not most of them.
    const stalled = times.filter((t) => t >= 35).length;
    expect(stalled, `per-APPEND ms: ${stdout.trim()}`).toBeLessThanOrEqual(4);
  });
});

describe('curl imap://', () => {
  const curl = (...args: string[]) => run('curl', ['-s', '--max-time', '10', '-u', 'alice:wonderland', ...args]);

  it('lists mailboxes', async () => {
    const { stdout } = await curl(`imap://127.0.0.1:${bridge.port}/`);
    expect(stdout).toContain('INBOX');
    expect(stdout).toContain('Work');
  });

  it('fetches a whole message by UID', async () => {
    const { stdout } = await curl(`imap://127.0.0.1:${bridge.port}/INBOX;UID=1`);
    expect(stdout).toMatch(/^From: /m);
    expect(stdout).toContain('Subject:');
  });

  it('fetches one MIME part of a message', async () => {
    const { stdout } = await curl(`imap://127.0.0.1:${bridge.port}/INBOX;UID=3;SECTION=1`);
    expect(stdout.length).toBeGreaterThan(0);
  });

  it('searches with a custom request', async () => {
    const { stdout } = await curl(`imap://127.0.0.1:${bridge.port}/INBOX?SUBJECT%20meeting`);
    expect(stdout).toMatch(/^\* SEARCH( \d+)+\r?$/m);
  });

  it('runs a raw command', async () => {
    const { stdout } = await curl(`imap://127.0.0.1:${bridge.port}/`, '-X', 'STATUS Work (MESSAGES UIDNEXT)');
    expect(stdout).toContain('* STATUS Work (MESSAGES 3 UIDNEXT 4)');
  });

  it('appends a message by upload', async () => {
    // curl's IMAP upload needs the size up front (it becomes the APPEND literal), so a file.
    const file = join(mkdtempSync(join(tmpdir(), 'mpp-')), 'upload.eml');
    writeFileSync(file, 'From: curl <curl@example.org>\r\nSubject: uploaded\r\n\r\nby curl\r\n');
    await curl('-T', file, `imap://127.0.0.1:${bridge.port}/Work`);
    const { stdout } = await curl(`imap://127.0.0.1:${bridge.port}/`, '-X', 'STATUS Work (MESSAGES)');
    expect(stdout).toContain('MESSAGES 4');
  });

  it('is refused with a wrong password', async () => {
    const res = await run('curl', ['-s', '--max-time', '10', '-u', 'alice:nope', `imap://127.0.0.1:${bridge.port}/`]).catch((e) => e);
    expect(res.code).toBe(67); // CURLE_LOGIN_DENIED
  });
});

/** imapflow answers `false` when a command fails; a test wants the value or a clear failure. */
function must<T>(v: T | false): T {
  if (v === false) throw new Error('imapflow reported a failed command');
  return v;
}

describe('imapflow', () => {
  const client = () => new ImapFlow({ host: '127.0.0.1', port: bridge.port, secure: false, auth: { user: 'alice', pass: 'wonderland' }, logger: false, doSTARTTLS: false });

  it('does the everyday work of a mail client', async () => {
    const c = client();
    await c.connect();
    const list = await c.list();
    expect(list.map((m) => m.path)).toEqual(expect.arrayContaining(['INBOX', 'Work', 'Work/Projects', 'Sent', 'Trash']));
    expect(list.find((m) => m.path === 'Sent')?.specialUse).toBe('\\Sent');
    const lock = await c.getMailboxLock('INBOX');
    try {
      expect((c.mailbox as { exists: number }).exists).toBe(14);
      const first = must(await c.fetchOne('1', { envelope: true, bodyStructure: true, flags: true, uid: true }));
      expect(first.envelope!.subject).toBeTruthy();
      expect(first.uid).toBe(1);
      const att = must(await c.fetchOne('4', { bodyStructure: true }));
      expect(att.bodyStructure!.childNodes?.length).toBeGreaterThan(1);
      const { content } = await c.download('4', '1');
      const chunks: Buffer[] = [];
      for await (const ch of content!) chunks.push(ch as Buffer);
      expect(Buffer.concat(chunks).length).toBeGreaterThan(0);
      const found = must(await c.search({ subject: 'meeting' }));
      expect(found!.length).toBeGreaterThan(0);
      await c.messageFlagsAdd('2', ['\\Flagged']);
      const again = must(await c.fetchOne('2', { flags: true }));
      expect([...again.flags!]).toContain('\\Flagged');
      const copied = must(await c.messageCopy('1:2', 'Archive'));
      expect(copied.uidMap?.size).toBe(2);
      const moved = must(await c.messageMove('3', 'Trash'));
      expect(moved.uidMap?.size).toBe(1);
      // EXPUNGE also removes fixture message 10, which was \Deleted already.
      await c.messageDelete('1');
      expect((c.mailbox as { exists: number }).exists).toBe(11);
    } finally {
      lock.release();
    }
    const appended = must(await c.append('Work', 'From: flow@example.org\r\nSubject: via imapflow\r\n\r\nhi\r\n', ['\\Seen']));
    expect(appended.uid).toBe(4);
    const status = must(await c.status('Work', { messages: true, unseen: true }));
    expect(status.messages).toBe(4);
    await c.logout();
  });

  it('receives an IDLE update caused by another connection', async () => {
    const watcher = client();
    const writer = client();
    await watcher.connect();
    await writer.connect();
    await watcher.mailboxOpen('INBOX');
    const exists = new Promise<number>((resolve) => watcher.on('exists', (d: { count: number }) => resolve(d.count)));
    void watcher.idle(); // enter IDLE now rather than after imapflow's own quiet period
    await new Promise((r) => setTimeout(r, 100));
    await writer.append('INBOX', 'From: idle@example.org\r\nSubject: wake up\r\n\r\n!\r\n');
    expect(await exists).toBe(15);
    await writer.logout();
    await watcher.logout();
  });
});

describe('npm run serve (the CLI contract)', () => {
  it('prints the listening line and answers LOGIN', async () => {
    const bridge = await startBridge(['--imap', '0']);
    try {
      const m = /^listening imap4rev1 127\.0\.0\.1:(\d+)$/.exec(bridge.lines[0]);
      expect(m, bridge.lines[0]).not.toBeNull();
      const { stdout } = await run('curl', ['-s', '--max-time', '10', '-u', 'alice:wonderland', `imap://127.0.0.1:${m![1]}/`, '-X', 'NOOP']);
      expect(stdout).toBe('');
    } finally {
      await bridge.stop();
    }
    expect(bridge.child.signalCode === null || bridge.child.signalCode === 'SIGTERM').toBe(true);
  });
});
