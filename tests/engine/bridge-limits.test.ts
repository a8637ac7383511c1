import { readFileSync } from 'node:fs';
import type { Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailNetwork } from '../../worker/network';
import { listen, type BridgeOptions } from '../../worker/node/bridge';
import { scenarioStore } from '../../worker/node/engine';
import { setQuota } from '../../worker/store/quota';
import { MAX_COMMAND_BEFORE_LOGIN } from '../../worker/limits';
import { RawClient } from '../support/imap-socket';
import { startBridge, type Bridge } from '../support/processes';
import { streamMatches } from '../support/stream-matches';

/**
 * Issue 11, items 4–9: no input exhausts the bridge. Over real sockets: a bridge child process
 * (`npm run serve`) where memory is measured, and in-process bridges with small limits.
 */

const LOGIN = 'l LOGIN alice wonderland';

/** Resident memory of a process, in MiB (Linux). */
function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Connects and logs in. */
async function loggedIn(port: number): Promise<RawClient> {
  const c = await RawClient.open(port);
  expect(await c.cmd(LOGIN)).toMatch(/^l OK/m);
  return c;
}

/** APPENDs a message with a non-synchronising literal. */
async function append(c: RawClient, tag: string, msg: string): Promise<string> {
  c.write(`${tag} APPEND INBOX {${msg.length}+}\r\n${msg}\r\n`);
  await c.until((b) => new RegExp(`(^|\r\n)${tag} (OK|NO|BAD)`).test(b), 15_000);
  return c.take();
}

// --- a real bridge process ---------------------------------------------------------------

describe('the bridge process (npm run serve)', () => {
  let bridge: Bridge;
  let port: number;
  const clients: RawClient[] = [];
  const track = (c: RawClient) => (clients.push(c), c);

  beforeAll(async () => {
    bridge = await startBridge(['--imap', '0', '--scenario', 'empty']);
    port = bridge.ports[0];
  }, 30_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await bridge?.stop();
  });

  it('item 7: FETCH ENVELOPE of a message with 130,000 To: addresses', async () => {
    const c = track(await loggedIn(port));
    const to = Array.from({ length: 130_000 }, (_, i) => `u${i}@example.org`).join(', ');
    const msg = `From: a@example.org\r\nTo: ${to}\r\nSubject: many\r\n\r\nhi\r\n`;
    expect(await append(c, 'a', msg)).toMatch(/^a OK/m);
    await c.cmd('s SELECT INBOX');
    const out = await c.cmd('f FETCH 1:* ALL', 15_000);
    expect(out).toMatch(/\r\nf OK Fetch completed/);
    expect(out.match(/"example\.org"\)/g)!.length).toBeGreaterThanOrEqual(130_000);
    expect(out).toContain('(NIL NIL "u129999" "example.org")');
    c.close();
  }, 30_000);

  it('item 4: a client that pipelines FETCHes and never reads costs bounded memory; others are served', async () => {
    const writer = track(await loggedIn(port));
    const body = 'x'.repeat(76) + '\r\n';
    const msg = `From: big@example.org\r\nSubject: 1 MiB\r\n\r\n${body.repeat(Math.ceil((1 << 20) / body.length))}`;
    expect(await append(writer, 'a', msg)).toMatch(/^a OK/m);
    const attacker = track(await loggedIn(port));
    await attacker.cmd('s SELECT INBOX');
    attacker.sock.pause(); // never reads from now on
    const before = rssMiB(bridge.child.pid!);
    const N = 200; // 200 × 1 MiB of responses asked for, in 6 KB of input
    attacker.write(Array.from({ length: N }, (_, i) => `f${i} FETCH * BODY.PEEK[]\r\n`).join(''));
    // Meanwhile another client is served promptly.
    const other = track(await loggedIn(port));
    const t0 = Date.now();
    expect(await other.cmd('n NOOP', 3000)).toMatch(/^n OK/m);
    const noopMs = Date.now() - t0;
    await sleep(800);
    const after = rssMiB(bridge.child.pid!);
    console.log(`item 4: bridge RSS ${before.toFixed(0)} MiB before, ${after.toFixed(0)} MiB with ${N} unread 1 MiB FETCHes pending; other client's NOOP in ${noopMs} ms`);
    expect(after - before).toBeLessThan(64);
    // Once the client reads, every response arrives, in order (scanned as it streams past,
    // not kept: it is 200 MiB).
    attacker.sock.removeAllListeners('data');
    attacker.buf = '';
    const tags: string[] = [];
    const done = new Promise<void>((resolve) => {
      const feed = streamMatches(/\r\n(f\d+) OK/g, 12, (m) => tags.push(m[1]));
      attacker.sock.on('data', (d: string) => {
        feed(d);
        if (tags.length === N) resolve();
      });
    });
    attacker.sock.resume();
    await done;
    expect(tags).toEqual(Array.from({ length: N }, (_, i) => `f${i}`));
    attacker.close();
  }, 40_000);

  it('item 4: one FETCH 1:* BODY.PEEK[] of 128 MiB to a client that does not read is written as it drains', async () => {
    const c = track(await loggedIn(port));
    await c.cmd('cr CREATE Big');
    const body = 'y'.repeat(76) + '\r\n';
    const msg = `From: big@example.org\r\nSubject: 1 MiB\r\n\r\n${body.repeat(Math.ceil((1 << 20) / body.length))}`;
    c.write(`a APPEND Big {${msg.length}+}\r\n${msg}\r\n`);
    await c.until((b) => /\r\na OK/.test('\r\n' + b));
    await c.cmd('s SELECT Big');
    for (let k = 0; k < 7; k++) expect(await c.cmd(`c${k} COPY 1:* Big`)).toMatch(new RegExp(`^c${k} OK`, 'm')); // 128 messages
    c.sock.pause();
    const before = rssMiB(bridge.child.pid!);
    c.write('f FETCH 1:* BODY.PEEK[]\r\nn NOOP\r\n');
    const other = track(await loggedIn(port));
    expect(await other.cmd('o NOOP', 3000)).toMatch(/^o OK/m);
    await sleep(800);
    const after = rssMiB(bridge.child.pid!);
    console.log(`item 4: bridge RSS ${before.toFixed(0)} MiB before, ${after.toFixed(0)} MiB while one unread FETCH of 128 × 1 MiB is pending`);
    expect(after - before).toBeLessThan(48);
    c.sock.removeAllListeners('data');
    let fetches = 0;
    // '\r\n' to start: the previous response ended a line.
    const feed = streamMatches(/\r\n\* \d+ FETCH /g, 40, () => fetches++, '\r\n');
    const done = new Promise<string>((resolve) => {
      c.sock.on('data', (d: string) => {
        const text = feed(d);
        const m = /f OK[^\r]*\r\nn OK[^\r]*\r\n$/.exec(text);
        if (m) resolve(m[0]);
      });
    });
    c.sock.resume();
    expect(await done).toMatch(/^f OK Fetch completed\.\r\nn OK/);
    expect(fetches).toBe(128);
    c.close();
  }, 40_000);

  it('item 5: 20 strangers announcing 50 MiB LOGIN literals are refused at once, memory stays flat', async () => {
    const before = rssMiB(bridge.child.pid!);
    const chunk = Buffer.alloc(1 << 20, 0x61);
    const cs = await Promise.all(Array.from({ length: 20 }, () => RawClient.open(port)));
    cs.forEach(track);
    for (const c of cs) {
      c.write('a LOGIN {52428800}\r\n');
      c.write(chunk);
      c.write(chunk);
    }
    for (const c of cs) {
      await c.closedWithin(5000);
      expect(c.buf).toContain('* BYE Literal size too large\r\n');
      expect(c.buf).not.toMatch(/^\+ /m);
    }
    const after = rssMiB(bridge.child.pid!);
    console.log(`item 5: bridge RSS ${before.toFixed(0)} MiB before, ${after.toFixed(0)} MiB after 20 × LOGIN {52428800} + 2 MiB`);
    expect(after - before).toBeLessThan(48);
  }, 30_000);
});

// --- in-process bridges with small limits ------------------------------------------------

const servers: Server[] = [];
afterAll(() => {
  for (const s of servers) s.close();
});

async function bridgeWith(options: Partial<BridgeOptions>, host: 'imap' | 'imsp' = 'imap', net?: MailNetwork): Promise<{ port: number; net: MailNetwork }> {
  const network = net ?? new MailNetwork(scenarioStore('default'), [{ name: host, protocol: host, dialect: host === 'imap' ? 'imap4rev1' : 'cyrus-1.8', port: 0 }]);
  const s = await listen(network, host, 0, { authFailureDelayMs: 0, ...options });
  servers.push(s);
  return { port: (s.address() as { port: number }).port, net: network };
}

describe('IMSP flow control (item 4)', () => {
  it('stops running pipelined commands while the client is behind in reading, resumes on drained()', () => {
    const net = new MailNetwork(scenarioStore('default'), [{ name: 'imsp', protocol: 'imsp', dialect: 'cyrus-1.8', port: 0 }]);
    let unread = 0;
    let paused = false;
    const conn = net.connect('imsp', {
      output: (b) => (unread += b.length),
      closed: () => {},
      congested: () => unread >= 16 * 1024,
      pauseInput: () => (paused = true),
      resumeInput: () => (paused = false),
    });
    conn.write(Buffer.from('a LOGIN alice wonderland\r\n'));
    // `GET *` answers ~650 octets to 8: 200 of them ask for ~130 KB.
    conn.write(Buffer.from(Array.from({ length: 200 }, (_, i) => `g${i} GET *\r\n`).join('')));
    expect(paused).toBe(true);
    expect(unread).toBeLessThan(16 * 1024 + 1024);
    let rounds = 0;
    while (paused && rounds < 100) {
      unread = 0; // the client read everything
      conn.drained();
      rounds++;
    }
    expect(paused).toBe(false);
    expect(rounds).toBeGreaterThan(5);
  });
});

describe('literals (items 5 and 8, as Dovecot 2.3)', () => {
  it('before login: a LOGIN literal that fits 8 KiB gets +, a bigger one BYE', async () => {
    const { port } = await bridgeWith({});
    const ok = await RawClient.open(port);
    ok.write('a LOGIN {5}\r\n');
    await ok.until((b) => b.includes('+ OK\r\n'));
    ok.write('alice wonderland\r\n');
    await ok.until((b) => /a OK/.test(b));
    ok.close();
    const big = await RawClient.open(port);
    big.write(`a LOGIN {${MAX_COMMAND_BEFORE_LOGIN}}\r\n`);
    await big.closedWithin();
    expect(big.buf).toMatch(/\r\n\* BYE Literal size too large\r\n$/);
  });

  it('after login: {999999999+} and a 20-digit {n+} end the connection with BYE instead of swallowing octets', async () => {
    const { port } = await bridgeWith({});
    for (const size of ['999999999', '99999999999999999999']) {
      const c = await loggedIn(port);
      c.write(`a CREATE {${size}+}\r\nsome octets\r\nb NOOP\r\n`);
      await c.closedWithin();
      expect(c.buf).toBe('* BYE Literal size too large\r\n');
    }
  });

  it('after login: a synchronising one over the limit is refused with BAD and the connection goes on', async () => {
    const { port } = await bridgeWith({});
    const c = await loggedIn(port);
    expect(await c.cmd('a CREATE {999999999}')).toMatch(/^a BAD Literal too large/);
    expect(await c.cmd('b NOOP')).toMatch(/^b OK/);
    // One whose size cannot even be counted ends the connection, as on Dovecot.
    c.write('c CREATE {99999999999999999999}\r\n');
    await c.closedWithin();
    expect(c.buf).toBe('* BYE Literal size too large\r\n');
  });
});

describe('a line over 64 KiB inside IDLE or AUTHENTICATE (item 9)', () => {
  const long = 'x'.repeat(70_000);

  it('ends IDLE with its own tag (BAD Expected DONE) and nothing tagged with the line', async () => {
    const { port } = await bridgeWith({});
    const c = await loggedIn(port);
    await c.cmd('s SELECT INBOX');
    c.write('i IDLE\r\n');
    await c.until((b) => b.includes('+ idling\r\n'));
    c.take();
    c.write(long + '\r\n');
    expect(await c.cmd('n NOOP')).toMatch(/^i BAD Expected DONE\.\r\nn OK/);
    c.close();
  });

  it('outside them, a long line that never ended its tag is answered untagged', async () => {
    const { port } = await bridgeWith({});
    const c = await loggedIn(port);
    c.write(long + '\r\n');
    expect(await c.cmd('n NOOP')).toMatch(/^\* BAD Command line too long[^\r]*\r\nn OK/);
    c.write(`t NOOP ${long}\r\n`);
    expect(await c.cmd('n2 NOOP')).toMatch(/^t BAD Command line too long[^\r]*\r\nn2 OK/);
    c.close();
  });

  it('ends AUTHENTICATE with an untagged BYE, as Dovecot does', async () => {
    const { port } = await bridgeWith({});
    const c = await RawClient.open(port);
    c.write('a AUTHENTICATE PLAIN\r\n');
    await c.until((b) => b.includes('+ \r\n'));
    c.take();
    c.write(long + '\r\n');
    await c.closedWithin();
    expect(c.buf).toBe('* BYE Authentication response too large\r\n');
  });
});

describe('connections and time (item 5)', () => {
  it('caps the connections of a bridge and says why', async () => {
    const { port } = await bridgeWith({ maxConnections: 3 });
    const cs = await Promise.all([1, 2, 3].map(() => RawClient.open(port)));
    const fourth = await RawClient.open(port);
    await fourth.closedWithin();
    expect(fourth.buf).toBe('* BYE [UNAVAILABLE] Too many connections, try again later.\r\n');
    cs[0].close();
    await sleep(100);
    const again = await RawClient.open(port);
    expect(again.buf).toMatch(/^\* OK/);
    for (const c of [...cs, again]) c.close();
  });

  it('logs out a connection that does not log in in time, not one that did', async () => {
    const { port } = await bridgeWith({ loginTimeoutMs: 300, idleTimeoutMs: 5000 });
    const idle = await RawClient.open(port);
    const user = await loggedIn(port);
    await idle.closedWithin(3000);
    expect(idle.buf).toMatch(/\r\n\* BYE Disconnected for inactivity\.\r\n$/);
    expect(await user.cmd('n NOOP')).toMatch(/^n OK/);
    user.close();
  });

  it('logs out a logged-in connection after the idle timeout', async () => {
    const { port } = await bridgeWith({ loginTimeoutMs: 5000, idleTimeoutMs: 300 });
    const c = await loggedIn(port);
    await c.closedWithin(3000);
    expect(c.buf).toBe('* BYE Disconnected for inactivity.\r\n');
  });

  it('IMSP: the same timer, and no literal over 8 KiB before login', async () => {
    const { port } = await bridgeWith({ loginTimeoutMs: 300 }, 'imsp');
    const c = await RawClient.open(port);
    c.write('a LOGIN {100000}\r\n');
    await sleep(100);
    expect(c.buf).not.toContain('+ go');
    await c.closedWithin(3000);
    expect(c.buf).toMatch(/\* BYE Disconnected for inactivity\.\r\n$/);
  });

  it('IMSP: a failed login is answered after the delay too', async () => {
    const { port } = await bridgeWith({ authFailureDelayMs: 400 }, 'imsp');
    const c = await RawClient.open(port);
    const t0 = Date.now();
    c.write('a LOGIN alice wrong\r\nb NOOP\r\n');
    await c.until((b) => b.includes('b OK'));
    expect(c.buf).toMatch(/\r\na NO Login incorrect\r\nb OK/);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(350);
    c.close();
  });

  it('answers a failed login only after the delay, and holds the commands behind it', async () => {
    const { port } = await bridgeWith({ authFailureDelayMs: 400 });
    const c = await RawClient.open(port);
    const t0 = Date.now();
    c.write('a LOGIN alice wrong\r\nb NOOP\r\n');
    await c.until((b) => b.includes('b OK'));
    const took = Date.now() - t0;
    expect(c.buf).toMatch(/\r\na NO \[AUTHENTICATIONFAILED\][^\r]*\r\nb OK/);
    expect(took).toBeGreaterThanOrEqual(350);
    const t1 = Date.now();
    expect(await c.cmd(LOGIN)).toMatch(/^l OK/m);
    expect(Date.now() - t1).toBeLessThan(300);
    c.close();
  });
});

describe('work per command and quotas (item 6)', () => {
  it('ends a SEARCH that works past the budget with NO [LIMIT]; other clients are then served', async () => {
    const net = new MailNetwork(scenarioStore('empty'), [{ name: 'imap', protocol: 'imap', dialect: 'imap4rev1', port: 0 }]);
    const acc = net.store.account('alice')!;
    const inbox = net.store.mailbox(acc, 'INBOX')!;
    const text = new TextEncoder().encode(`Subject: filler\r\n\r\n${'lorem ipsum dolor sit amet '.repeat(400)}\r\n`);
    for (let i = 0; i < 2000; i++) net.store.append(inbox, text, [], Date.now(), 0);
    const { port } = await bridgeWith({ commandBudgetMs: 200 }, 'imap', net);
    const c = await loggedIn(port);
    await c.cmd('s SELECT INBOX');
    const keys = Array.from({ length: 1000 }, (_, i) => `NOT TEXT "absent${i}"`).join(' ');
    const t0 = Date.now();
    const out = await c.cmd(`q SEARCH ${keys}`, 10_000);
    const took = Date.now() - t0;
    expect(out).toMatch(/^q NO \[LIMIT\] Command stopped after 200 ms/m);
    expect(took).toBeLessThan(3000);
    const other = await loggedIn(port);
    expect(await other.cmd('n NOOP')).toMatch(/^n OK/);
    c.close();
    other.close();
  });

  it('refuses COPY and APPEND over the quota with NO [OVERQUOTA], storing nothing', async () => {
    const net = new MailNetwork(scenarioStore('default'), [{ name: 'imap', protocol: 'imap', dialect: 'imap4rev1', port: 0 }]);
    setQuota(net.store, { messagesPerMailbox: 50 });
    const { port } = await bridgeWith({}, 'imap', net);
    const c = await loggedIn(port);
    await c.cmd('s SELECT INBOX'); // 14 messages
    expect(await c.cmd('c1 COPY 1:* INBOX')).toMatch(/^c1 OK/m); // 28
    expect(await c.cmd('c2 COPY 1:* INBOX')).toMatch(/^c2 NO \[OVERQUOTA\]/m); // 56 > 50
    expect(await c.cmd('n NOOP')).not.toMatch(/EXISTS/);
    setQuota(net.store, { messagesPerMailbox: 28 });
    // Refused before the upload: no "+", the client never sends the message.
    expect(await c.cmd('a2 APPEND INBOX {20}')).toMatch(/^a2 NO \[OVERQUOTA\]/m);
    setQuota(net.store, { messagesPerMailbox: 1000, messagesPerAccount: 30 });
    // Another mailbox does not escape the account's count (28 in INBOX + a few elsewhere).
    expect(await c.cmd('m1 COPY 1:3 Work')).toMatch(/^m1 NO \[OVERQUOTA\] Quota exceeded \(account for messages\)/m);
    setQuota(net.store, { messagesPerAccount: 1000, bytesPerAccount: 1000 });
    expect(await c.cmd('a3 APPEND INBOX {2000}')).toMatch(/^a3 NO \[OVERQUOTA\] Quota exceeded \(account for storage\)/m);
    expect(await c.cmd('st STATUS INBOX (MESSAGES)')).toMatch(/MESSAGES 28\)/);
    c.close();
  });
});

describe('the limits from the command line', () => {
  it('--max-connections counts every port of the bridge; --login-timeout is in seconds', async () => {
    const bridge = await startBridge(['--imap', '0', '--imap', '0:imap2', '--max-connections', '1', '--login-timeout', '1'], 2);
    try {
      const first = await RawClient.open(bridge.ports[0]);
      const second = await RawClient.open(bridge.ports[1]);
      await second.closedWithin();
      expect(second.buf).toBe('* BYE [UNAVAILABLE] Too many connections, try again later.\r\n');
      const t0 = Date.now();
      await first.closedWithin(5000);
      expect(first.buf).toMatch(/\r\n\* BYE Disconnected for inactivity\.\r\n$/);
      expect(Date.now() - t0).toBeGreaterThan(500);
    } finally {
      await bridge.stop();
    }
  }, 30_000);

  it('refuses a limit that is not a whole number', async () => {
    await expect(startBridge(['--imap', '0', '--idle-timeout', 'soon'])).rejects.toThrow(/--idle-timeout wants a whole number/);
  }, 30_000);
});
