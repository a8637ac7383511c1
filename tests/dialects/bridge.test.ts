import { execFile } from 'node:child_process';
import { connect, type Server, type Socket } from 'node:net';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../worker/imap/dialect';
import { listen } from '../../worker/node/bridge';
import { dialectNetwork } from './fixture';
import { startBridge } from '../support/processes';

/**
 * The six dialects over the TCP bridge at once, on one store: raw protocol lines from each
 * era, and the real clients (Python's imaplib, imapflow) against IMAP4rev1 and IMAP4rev2.
 */
const run = promisify(execFile);
const ALL: DialectName[] = ['imap2', 'imap2bis', 'imap3', 'imap4', 'imap4rev1', 'imap4rev2'];
const servers: Server[] = [];
const ports = {} as Record<DialectName, number>;

beforeAll(async () => {
  const net = dialectNetwork(ALL);
  for (const d of ALL) {
    const s = await listen(net, `imap.${d}.example`, 0);
    servers.push(s);
    ports[d] = (s.address() as { port: number }).port;
  }
});

afterAll(() => {
  for (const s of servers) s.close();
});

/** A fresh store behind one listener, for a client test that changes mail. */
async function fresh(d: DialectName): Promise<number> {
  const s = await listen(dialectNetwork([d]), `imap.${d}.example`, 0);
  servers.push(s);
  return (s.address() as { port: number }).port;
}

/** A line-oriented client over a real socket: `send` a command, get the lines up to its tag. */
class Line {
  private buf = '';
  private waiters: Array<() => void> = [];
  constructor(private sock: Socket) {
    sock.setEncoding('latin1');
    sock.on('data', (d: string) => {
      this.buf += d;
      for (const w of this.waiters.splice(0)) w();
    });
  }
  static async open(port: number): Promise<{ c: Line; greeting: string }> {
    const sock = connect(port, '127.0.0.1');
    const c = new Line(sock);
    await c.until((b) => b.includes('\r\n'));
    const greeting = c.take();
    return { c, greeting };
  }
  private until(done: (buf: string) => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timeout; have ${JSON.stringify(this.buf)}`)), 5000);
      const check = () => {
        if (done(this.buf)) {
          clearTimeout(timer);
          resolve();
        } else this.waiters.push(check);
      };
      check();
    });
  }
  private take(): string {
    const out = this.buf;
    this.buf = '';
    return out;
  }
  async send(line: string): Promise<string> {
    const tag = line.split(' ')[0];
    this.sock.write(line + '\r\n');
    await this.until((b) => b.split('\r\n').some((l) => l.startsWith(tag + ' OK') || l.startsWith(tag + ' NO') || l.startsWith(tag + ' BAD')));
    return this.take();
  }
  close() {
    this.sock.destroy();
  }
}

describe('six dialects over the bridge, one store', () => {
  it('greets in each era and shows one change everywhere', async () => {
    const greetings: Record<string, string> = {};
    const c = {} as Record<DialectName, Line>;
    for (const d of ALL) {
      const o = await Line.open(ports[d]);
      greetings[d] = o.greeting;
      c[d] = o.c;
    }
    expect(greetings.imap2).toMatch(/^\* OK .* IMAP2 service ready\r\n$/);
    expect(greetings.imap2bis).toMatch(/^\* OK .* IMAP2bis service ready\r\n$/);
    expect(greetings.imap3).toMatch(/^\* OK .* IMAP3 server ready\r\n$/);
    expect(greetings.imap4).toMatch(/^\* OK .* IMAP4 Service Ready\r\n$/);
    expect(greetings.imap4rev1).toMatch(/^\* OK \[CAPABILITY IMAP4rev1 /);
    expect(greetings.imap4rev2).toMatch(/^\* OK \[CAPABILITY IMAP4rev2 /);
    await c.imap3.send('v SELECT.VERSION (3 0)');
    for (const d of ALL) await c[d].send('l LOGIN alice wonderland');
    // IMAP2 stores a flag and copies into a mailbox it creates.
    await c.imap2.send('s SELECT INBOX');
    expect(await c.imap2.send('t STORE 2 +FLAGS Bridged')).toContain('* 2 FETCH (FLAGS (\\Answered \\Seen \\Recent Bridged))');
    expect(await c.imap2.send('c COPY 2 Over-the-bridge')).toBe('* 2 COPY\r\nc OK Copy completed\r\n');
    // Every other era sees both.
    expect(await c.imap2bis.send('f FIND ALL.MAILBOXES Over*')).toContain('* MAILBOX Over-the-bridge');
    await c.imap2bis.send('s EXAMINE INBOX');
    expect(await c.imap2bis.send('f FETCH 2 FLAGS')).toContain('* 2 FETCH (FLAGS (\\Answered \\Seen Bridged))');
    // RFC 1732's probe for CREATE over the socket: NO means the command exists.
    expect(await c.imap2bis.send('p CREATE INBOX')).toBe('p NO Mailbox already exists\r\n');
    await c.imap3.send('s SELECT INBOX');
    expect(await c.imap3.send('f FETCH 2 FLAGS')).toContain('f 2 FETCH (FLAGS (\\Answered \\Seen Bridged))');
    expect(await c.imap4.send('f FIND ALL.MAILBOXES Over*')).toContain('* MAILBOX Over-the-bridge');
    await c.imap4rev1.send('s EXAMINE INBOX');
    expect(await c.imap4rev1.send('f FETCH 2 FLAGS')).toContain('* 2 FETCH (FLAGS (\\Answered \\Seen Bridged))');
    expect(await c.imap4rev2.send('l LIST "" Over* RETURN (STATUS (MESSAGES))')).toContain('* STATUS Over-the-bridge (MESSAGES 1)');
    await c.imap4rev2.send('s SELECT INBOX');
    expect(await c.imap4rev2.send('k SEARCH KEYWORD Bridged')).toContain('* ESEARCH (TAG "k") ALL 2');
    for (const d of ALL) c[d].close();
  });

  it('serves every dialect from the CLI (npm run serve -- --imap PORT:DIALECT)', async () => {
    const bridge = await startBridge(ALL.flatMap((d) => ['--imap', `0:${d}`]), ALL.length);
    try {
      expect(bridge.lines.map((l) => l.split(' ')[1])).toEqual(ALL);
      const { c, greeting } = await Line.open(bridge.ports[0]);
      expect(greeting).toContain('IMAP2 service ready');
      expect(await c.send('a CAPABILITY')).toBe('a BAD Unknown command: CAPABILITY\r\n');
      c.close();
    } finally {
      await bridge.stop();
    }
  });
});

describe('python3 imaplib', () => {
  it('works against IMAP4rev1 (which also offers IMAP4rev2 after login)', async () => {
    const { stdout } = await run('python3', [new URL('../clients/imaplib_client.py', import.meta.url).pathname, String(await fresh('imap4rev1'))]).catch((e) => {
      throw new Error(`imaplib script failed:\n${e.stdout}\n${e.stderr}`);
    });
    expect(stdout).toContain('ok logout');
  });

  it('works against a native IMAP4rev2 server once told the protocol name', async () => {
    const { stdout } = await run('python3', [new URL('./imaplib_rev2.py', import.meta.url).pathname, String(await fresh('imap4rev2'))]).catch((e) => {
      throw new Error(`imaplib rev2 script failed:\n${e.stdout}\n${e.stderr}`);
    });
    expect(stdout).toContain('ok stock-imaplib-refuses');
    expect(stdout).toContain('ok search');
    expect(stdout).toContain('ok logout');
  });
});

describe('imapflow', () => {
  const flow = (port: number, extra: Record<string, unknown> = {}) =>
    new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user: 'alice', pass: 'wonderland' }, logger: false, doSTARTTLS: false, ...extra });

  async function everyday(c: ImapFlow) {
    await c.connect();
    const list = await c.list();
    expect(list.map((m) => m.path)).toEqual(expect.arrayContaining(['INBOX', 'Work', 'Work/Projects', 'Sent']));
    const lock = await c.getMailboxLock('Work/Projects');
    try {
      const first = await c.fetchOne('1', { envelope: true, bodyStructure: true, flags: true, uid: true });
      if (!first) throw new Error('no message 1');
      expect(first.envelope?.subject).toBeTruthy();
      const found = await c.search({ seen: false });
      expect(Array.isArray(found)).toBe(true);
      await c.messageFlagsAdd('1', ['\\Flagged']);
      const again = await c.fetchOne('1', { flags: true });
      expect([...((again && again.flags) || [])]).toContain('\\Flagged');
    } finally {
      lock.release();
    }
    const status = await c.status('Work', { messages: true, unseen: true });
    expect(status && status.messages).toBeGreaterThan(0);
    await c.logout();
  }

  it('works against IMAP4rev1 kept in rev1 mode', async () => {
    const c = flow(await fresh('imap4rev1'), { disableIMAP4rev2: true });
    await everyday(c);
  });

  it('enables IMAP4rev2 on the rev1 server and works in rev2 mode', async () => {
    const port = await fresh('imap4rev1');
    const c = flow(port);
    await c.connect();
    expect([...(c as unknown as { enabled: Set<string> }).enabled]).toContain('IMAP4REV2');
    await c.logout();
    await everyday(flow(port));
  });

  it('works against a native IMAP4rev2 server', async () => {
    await everyday(flow(await fresh('imap4rev2')));
  });
});
