import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MailNetwork } from '../../worker/network';
import { listen } from '../../worker/node/bridge';
import { scenarioStore } from '../../worker/node/engine';
import { startBridge } from '../support/processes';

/**
 * Real POP3 clients against the TCP bridge: Python's poplib through `npm run serve -- --pop3`
 * (checking over the same bridge's IMAP port that what POP3 deleted is gone), and fetchmail.
 */
const run = promisify(execFile);

describe('python3 poplib', () => {
  it('stat, list, uidl, top, retr, dele, quit; IMAP then sees the message gone', async () => {
    const bridge = await startBridge(['--pop3', '0', '--imap', '0'], 2);
    try {
      const pop3Line = bridge.lines.findIndex((l) => /^listening pop3 127\.0\.0\.1:\d+$/.test(l));
      expect(pop3Line, bridge.lines.join('\n')).toBeGreaterThanOrEqual(0);
      const pop3 = bridge.ports[pop3Line];
      const imap = bridge.ports[1 - pop3Line];
      const { stdout } = await run('python3', [new URL('./poplib_client.py', import.meta.url).pathname, String(pop3), String(imap)], { timeout: 30_000 }).catch((e) => {
        throw new Error(`poplib script failed:\n${e.stdout}\n${e.stderr}`);
      });
      expect(stdout).not.toContain('FAIL');
      expect(stdout).toContain('ok imap message gone');
      expect(stdout).toContain('ok done');
    } finally {
      await bridge.stop();
    }
  }, 60_000);
});

const fetchmail = spawnSync('fetchmail', ['--version'], { encoding: 'utf8' });
const haveFetchmail = !fetchmail.error;
if (!haveFetchmail) console.warn('fetchmail is not installed (apt-get install -y fetchmail): its test is skipped');

describe.skipIf(!haveFetchmail)('fetchmail', () => {
  it('downloads every message of the maildrop to its MDA and deletes them', async () => {
    const store = scenarioStore('default');
    const network = new MailNetwork(store, [{ name: 'pop', protocol: 'pop3', dialect: 'rfc1939', port: 110 }]);
    const server: Server = await listen(network, 'pop', 0);
    try {
      const port = (server.address() as { port: number }).port;
      const dir = mkdtempSync(join(tmpdir(), 'mpp-fetchmail-'));
      const mbox = join(dir, 'mbox');
      const rc = join(dir, '.fetchmailrc');
      // The MDA appends each message, after a "From " separator line, to one file.
      writeFileSync(
        rc,
        `set no syslog\npoll 127.0.0.1 protocol POP3 port ${port} timeout 10:\n` +
          `  user alice password wonderland is alice here fetchall sslproto '' ` +
          `mda "sh -c 'echo From fetchmail >> ${mbox}; cat >> ${mbox}'"\n`,
      );
      chmodSync(rc, 0o600);
      const res = await run('fetchmail', ['-f', rc, '--nodetach', '--pidfile', join(dir, 'pid'), '-v'], {
        timeout: 60_000,
        env: { ...process.env, HOME: dir },
      }).catch((e) => e);
      const log = `${res.stdout}\n${res.stderr}`;
      const got = existsSync(mbox) ? readFileSync(mbox, 'latin1') : '';
      expect(got.match(/^From fetchmail$/gm)?.length, log).toBe(14);
      expect(got).toContain('Subject: Hello Alice');
      // Without `keep` fetchmail deletes what it retrieved: the INBOX is empty for IMAP too.
      expect(store.mailbox(store.account('alice')!, 'INBOX')!.messages.length, log).toBe(0);
    } finally {
      server.close();
      network.closeAll();
    }
  }, 90_000);
});
