import { connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { POP3_MAX_LINE, POP3_MAX_LINE_BEFORE_LOGIN } from '../../worker/limits';
import { MailNetwork } from '../../worker/network';
import { listen, type BridgeOptions } from '../../worker/node/bridge';
import { scenarioStore } from '../../worker/node/engine';

/** The POP3 side of the bridge's limits (worker/limits.ts), over real sockets. */
let server: Server | null = null;
const sockets: Socket[] = [];

afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
  server?.close();
  server = null;
});

async function bridge(options: Partial<BridgeOptions> = {}): Promise<number> {
  const network = new MailNetwork(scenarioStore('default'), [{ name: 'pop', protocol: 'pop3', dialect: 'rfc1939', port: 110 }]);
  server = await listen(network, 'pop', 0, options);
  return (server.address() as { port: number }).port;
}

/** A client that collects what the server says and whether it hung up. */
async function client(port: number) {
  const sock = connect(port, '127.0.0.1');
  sockets.push(sock);
  let text = '';
  let closed = false;
  const waiters: Array<() => void> = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  sock.on('data', (b) => ((text += b.toString('latin1')), wake()));
  sock.on('close', () => ((closed = true), wake()));
  sock.on('error', () => {});
  const until = (pred: () => boolean, ms = 5000) =>
    new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`timed out; got ${JSON.stringify(text)}`)), ms);
      const check = () => (pred() ? (clearTimeout(t), resolve()) : waiters.push(check));
      check();
    });
  await until(() => text.includes('\r\n'));
  return {
    get text() {
      return text;
    },
    get closed() {
      return closed;
    },
    /** Sends a line and waits for `lines` more lines of answer. */
    async send(line: string, lines = 1) {
      const want = text.split('\r\n').length - 1 + lines;
      sock.write(line + '\r\n');
      await until(() => text.split('\r\n').length - 1 >= want || closed);
      return text;
    },
    until,
  };
}

describe('POP3 limits on the bridge', () => {
  it('a failed PASS is answered after the failure delay, and the next command waits behind it', async () => {
    const port = await bridge({ authFailureDelayMs: 400 });
    const c = await client(port);
    await c.send('USER alice');
    const t0 = Date.now();
    await c.send('PASS wrong\r\nUSER alice', 2);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(380);
    expect(c.text).toContain('-ERR [AUTH] Authentication failed.\r\n+OK\r\n');
    await c.send('PASS wonderland');
    expect(c.text).toMatch(/\+OK Logged in\.\r\n$/);
  });

  it('a connection that does not log in is ended after the login timeout', async () => {
    const port = await bridge({ loginTimeoutMs: 300 });
    const c = await client(port);
    await c.until(() => c.closed, 3000);
    expect(c.text).toMatch(/-ERR Disconnected for inactivity\.\r\n$/);
  });

  it('after login the idle timeout applies instead', async () => {
    const port = await bridge({ loginTimeoutMs: 200, idleTimeoutMs: 900 });
    const c = await client(port);
    await c.send('USER alice');
    await c.send('PASS wonderland');
    await new Promise((r) => setTimeout(r, 400));
    expect(c.closed).toBe(false);
    await c.until(() => c.closed, 3000);
    expect(c.text).toMatch(/-ERR Disconnected for inactivity\.\r\n$/);
  });

  it(`a line longer than ${POP3_MAX_LINE_BEFORE_LOGIN} octets before login ends the connection`, async () => {
    const port = await bridge();
    const c = await client(port);
    await c.send('USER ' + 'a'.repeat(POP3_MAX_LINE_BEFORE_LOGIN - 7));
    expect(c.text).toMatch(/\+OK\r\n$/);
    await c.send('USER ' + 'a'.repeat(POP3_MAX_LINE_BEFORE_LOGIN - 6));
    await c.until(() => c.closed);
    expect(c.text).toMatch(/-ERR Input buffer full, aborting\r\n$/);
  });

  it(`a line longer than ${POP3_MAX_LINE} octets after login ends the connection, without sending it whole`, async () => {
    const port = await bridge();
    const c = await client(port);
    await c.send('USER alice');
    await c.send('PASS wonderland');
    await c.send('NOOP ' + 'x'.repeat(POP3_MAX_LINE - 7));
    expect(c.text).toMatch(/\+OK\r\n$/);
    // No line end at all: the server must not wait for one past the limit.
    sockets[0].write('NOOP ' + 'x'.repeat(POP3_MAX_LINE * 4));
    await c.until(() => c.closed);
    expect(c.text).toMatch(/-ERR Input line too long\.\r\n$/);
  });

  it('past the connection cap a POP3 client is told why, in POP3 words (RFC 3206 [SYS/TEMP])', async () => {
    const port = await bridge({ maxConnections: 1 });
    await client(port);
    const second = await client(port);
    await second.until(() => second.closed);
    expect(second.text).toBe('-ERR [SYS/TEMP] Too many connections, try again later.\r\n');
  });

  it('the exclusive lock is released when a session drops without QUIT, and nothing is deleted', async () => {
    const port = await bridge();
    const a = await client(port);
    await a.send('USER alice');
    await a.send('PASS wonderland');
    await a.send('DELE 1');
    const b = await client(port);
    await b.send('USER alice');
    await b.send('PASS wonderland');
    expect(b.text).toMatch(/-ERR \[IN-USE\] Mailbox is locked by another POP3 session\.\r\n$/);
    await b.until(() => b.closed);
    sockets[0].destroy();
    await a.until(() => a.closed);
    const c = await client(port);
    await c.send('USER alice');
    await c.until(() => true);
    await c.send('PASS wonderland');
    await c.send('STAT');
    expect(c.text).toMatch(/\+OK 14 12474\r\n$/);
  });
});
