import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../tests/support/processes';

/**
 * The TCP bridge end to end: `npm run serve -- --imsp 0 --imsp 0:draft-1995`, driven with a
 * plain node socket, the way a real IMSP client (or `nc`) would talk to it.
 */

let bridge: Bridge;
const ports: Record<string, number> = {};

beforeAll(async () => {
  bridge = await startBridge(['--imsp', '0', '--imsp', '0:draft-1995'], 2);
  [ports.cyrus, ports.draft] = bridge.ports;
}, 40_000);

afterAll(async () => {
  await bridge?.stop();
});

/** A line-oriented IMSP client over a real socket. */
class Client {
  private buf = '';
  private waiters: Array<() => void> = [];
  closed = false;
  private constructor(private sock: Socket) {
    sock.setEncoding('latin1');
    sock.on('data', (d: string) => {
      this.buf += d;
      this.waiters.splice(0).forEach((w) => w());
    });
    sock.on('close', () => {
      this.closed = true;
      this.waiters.splice(0).forEach((w) => w());
    });
  }

  static async open(port: number): Promise<{ client: Client; greeting: string }> {
    const sock = connect(port, '127.0.0.1');
    await new Promise((r, j) => sock.once('connect', r).once('error', j));
    const client = new Client(sock);
    return { client, greeting: await client.until(/\r\n/) };
  }

  /** Reads until `re` matches the buffered text; returns and consumes it. */
  until(re: RegExp, ms = 10_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timeout waiting for ${re}; got ${JSON.stringify(this.buf)}`)), ms);
      const check = () => {
        const m = re.exec(this.buf);
        if (m) {
          const text = this.buf.slice(0, m.index + m[0].length);
          this.buf = this.buf.slice(text.length);
          clearTimeout(timer);
          resolve(text);
        } else if (this.closed) {
          clearTimeout(timer);
          reject(new Error(`closed; got ${JSON.stringify(this.buf)}`));
        } else this.waiters.push(check);
      };
      check();
    });
  }

  /** Sends a command and returns everything up to and including its tagged reply. */
  cmd(line: string): Promise<string> {
    const tag = line.split(' ')[0];
    this.sock.write(line + '\r\n');
    return this.until(new RegExp(`(^|\\r\\n)${tag} (OK|NO|BAD)[^\\r\\n]*\\r\\n`));
  }

  async waitClosed(): Promise<void> {
    if (!this.closed) await new Promise<void>((r) => this.sock.once('close', () => r()));
  }
}

describe('IMSP over the TCP bridge', () => {
  it('cyrus-1.8: set an option, see it from a second connection after LOGOUT, store and search an entry', async () => {
    const { client: a, greeting } = await Client.open(ports.cyrus);
    expect(greeting).toBe('* OK Cyrus IMSP version 1.8 ready\r\n');
    expect(await a.cmd('a1 LOGIN alice wonderland')).toBe("a1 OK User `alice' Logged in\r\n");
    expect(await a.cmd('a2 SET x.bridge "from the bridge"')).toBe('a2 OK set completed\r\n');
    expect(await a.cmd('a3 GET x.bridge')).toBe('* OPTION x.bridge "from the bridge" [READ-WRITE]\r\na3 OK get completed\r\n');
    expect(await a.cmd('a4 LOGOUT')).toBe('* BYE Logging user out\r\na4 OK Logging user out\r\n');
    await a.waitClosed();

    const { client: b } = await Client.open(ports.cyrus);
    await b.cmd('b1 LOGIN alice wonderland');
    expect(await b.cmd('b2 GET x.bridge')).toBe('* OPTION x.bridge "from the bridge" [READ-WRITE]\r\nb2 OK get completed\r\n');
    expect(await b.cmd('b3 STOREADDRESS alice "Bridge Person" email bridge@example.org')).toBe(
      '* FETCHADDRESS alice "Bridge Person" email bridge@example.org\r\nb3 OK storeaddress completed\r\n',
    );
    expect(await b.cmd('b4 SEARCHADDRESS alice email "bridge@*"')).toBe('* SEARCHADDRESS "Bridge Person"\r\nb4 OK searchaddress completed\r\n');
    // A literal goes through the bridge too.
    b['sock'].write('b5 FETCHADDRESS alice {13}\r\n');
    expect(await b.until(/\+ go\r\n/)).toBe('+ go\r\n');
    b['sock'].write('Bridge Person\r\n');
    expect(await b.until(/b5 OK [^\r\n]*\r\n/)).toBe('* FETCHADDRESS alice "Bridge Person" email bridge@example.org\r\nb5 OK fetchaddress completed\r\n');
    expect(await b.cmd('b6 LOGOUT')).toBe('* BYE Logging user out\r\nb6 OK Logging user out\r\n');
    await b.waitClosed();
  });

  it('draft-1995: a second open connection sees the option at once', async () => {
    const { client: a, greeting } = await Client.open(ports.draft);
    expect(greeting).toMatch(/draft-1995/);
    const { client: b } = await Client.open(ports.draft);
    await a.cmd('a1 LOGIN bob builder');
    await b.cmd('b1 LOGIN bob builder');
    expect(await a.cmd('a2 SET x.shared now')).toBe('a2 OK set completed\r\n');
    expect(await b.cmd('b2 GET x.shared')).toBe('* OPTION x.shared now [READ-WRITE]\r\nb2 OK get completed\r\n');
    expect(await b.cmd('b3 LIST "" *')).toMatch(/^\* LIST \(\\Marked\) "\/" INBOX \(\)\r\nb3 OK list completed\r\n$/);
    await a.cmd('a3 LOGOUT');
    await b.cmd('b4 LOGOUT');
  });
});
