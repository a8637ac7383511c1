import { connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../worker/node/bridge';
import { network } from './helpers';

/**
 * ESEARCH, CONTEXT=SEARCH and NOTIFY over real sockets (the TCP bridge): what one connection
 * does reaches another as ADDTO at its next command, and as a pushed STATUS with no command.
 */
let server: Server;
let port: number;

beforeAll(async () => {
  server = await listen(network(), 'imap', 0);
  port = (server.address() as { port: number }).port;
});
afterAll(() => server.close());

class Client {
  buf = '';
  private constructor(private sock: Socket) {
    sock.setEncoding('latin1');
    sock.on('data', (d: string) => (this.buf += d));
  }
  static async open(): Promise<Client> {
    const c = new Client(connect(port, '127.0.0.1'));
    await c.until(/\* OK/);
    return c;
  }
  /** Waits until the buffer matches, then returns and clears it. */
  async until(re: RegExp, ms = 3000): Promise<string> {
    const end = Date.now() + ms;
    while (!re.test(this.buf)) {
      if (Date.now() > end) throw new Error(`timeout waiting for ${re}; have ${JSON.stringify(this.buf)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const out = this.buf;
    this.buf = '';
    return out;
  }
  cmd(tag: string, line: string): Promise<string> {
    this.sock.write(`${tag} ${line}\r\n`);
    return this.until(new RegExp(`^${tag} (OK|NO|BAD)`, 'm'));
  }
  close() {
    this.sock.destroy();
  }
}

describe('search extensions over the bridge', () => {
  it('ESEARCH answers, an updating search hears another connection, NOTIFY pushes STATUS', async () => {
    const a = await Client.open();
    const b = await Client.open();
    await a.cmd('a1', 'LOGIN alice wonderland');
    await b.cmd('b1', 'LOGIN alice wonderland');
    await a.cmd('a2', 'SELECT INBOX');
    await b.cmd('b2', 'SELECT INBOX');
    expect(await a.cmd('a3', 'SEARCH RETURN (MIN MAX COUNT) UNSEEN')).toMatch(/^\* ESEARCH \(TAG "a3"\) MIN 3 MAX 13 COUNT 6\r\n/m);
    await a.cmd('a4', 'UID SEARCH RETURN (UPDATE) FLAGGED');
    await a.cmd('a5', 'NOTIFY SET (SELECTED (MessageNew MessageExpunge FlagChange)) (PERSONAL (MessageNew MessageExpunge))');
    await b.cmd('b3', 'STORE 1 +FLAGS (\\Flagged)');
    // Pushed: the selected mailbox's FETCH and the search's ADDTO, with no command from a.
    expect(await a.until(/ADDTO/)).toMatch(/^\* 1 FETCH \(FLAGS \(\\Flagged \\Seen \\Recent\)\)\r\n\* ESEARCH \(TAG "a4"\) UID ADDTO \(0 1\)\r\n$/);
    await b.cmd('b4', 'COPY 1 Work');
    expect(await a.until(/STATUS/)).toBe('* STATUS Work (MESSAGES 4 UIDNEXT 5 UNSEEN 2)\r\n');
    a.close();
    b.close();
  });
});
