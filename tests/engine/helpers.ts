import { MailNetwork } from '../../worker/network';
import { scenarioStore } from '../../worker/node/engine';
import type { DialectName } from '../../worker/imap/dialect';

/** A client on an in-process connection that collects the server's bytes as text. */
export class TestClient {
  out = '';
  closed = false;
  private conn;
  constructor(network: MailNetwork, host = 'imap') {
    this.conn = network.connect(host, {
      output: (b) => (this.out += Buffer.from(b).toString('latin1')),
      closed: () => (this.closed = true),
    });
  }
  /** Sends raw text (no CRLF added) and returns what the server answered to it. */
  raw(text: string | Uint8Array): string {
    const before = this.out.length;
    this.conn.write(typeof text === 'string' ? Buffer.from(text, 'latin1') : text);
    return this.out.slice(before);
  }
  /** Sends one line with CRLF and returns the answer. */
  cmd(line: string): string {
    return this.raw(line + '\r\n');
  }
  close() {
    this.conn.close();
  }
}

export function network(dialect: DialectName = 'imap4rev1', scenario = 'default'): MailNetwork {
  return new MailNetwork(scenarioStore(scenario), [{ name: 'imap', protocol: 'imap', dialect, port: 143 }]);
}

export function loggedIn(net = network(), user = 'alice', password = 'wonderland'): TestClient {
  const c = new TestClient(net);
  c.cmd(`l LOGIN ${user} ${password}`);
  return c;
}
