import { execFile } from 'node:child_process';
import type { Server } from 'node:net';
import { promisify } from 'node:util';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MailNetwork } from '../../worker/network';
import { listen } from '../../worker/node/bridge';
import { scenarioStore } from '../../worker/node/engine';

/**
 * imaplib's APPEND: literal octets and the closing CRLF go out as two writes with Nagle on.
 * A server that ACKs the literal only when its delayed-ACK timer fires (~40 ms on Linux) makes
 * every APPEND wait that long; the bridge must ACK at once, as Dovecot does (TCP_QUICKACK).
 */
const run = promisify(execFile);
let server: Server;
let port: number;

beforeEach(async () => {
  const network = new MailNetwork(scenarioStore('default'), [{ name: 'imap', protocol: 'imap', dialect: 'imap4rev1', port: 143 }]);
  server = await listen(network, 'imap', 0);
  port = (server.address() as { port: number }).port;
});
afterEach(() => {
  server.close();
});

it('answers imaplib APPENDs without a delayed-ACK stall', { skip: process.platform !== 'linux' }, async () => {
  const { stdout } = await run('python3', [new URL('./imaplib_append.py', import.meta.url).pathname, String(port), '40']);
  const times = stdout.trim().split(' ').map(Number);
  expect(times).toHaveLength(40);
  // The stall's signature is ~40 ms on every command; a loaded machine may slow a few commands,
  // but not most of them.
  const stalled = times.filter((t) => t >= 35).length;
  expect(stalled, `per-APPEND ms: ${stdout.trim()}`).toBeLessThanOrEqual(4);
});
