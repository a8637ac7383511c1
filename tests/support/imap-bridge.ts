import type { Server } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { MailNetwork } from '../../worker/network';
import { listen } from '../../worker/node/bridge';
import { scenarioStore } from '../../worker/node/engine';

/**
 * The default scenario's IMAP4rev1 server behind the TCP bridge on a free loopback port, for a
 * test file that drives it with real clients: a fresh one for every test (`each`) or one for the
 * whole file (`all`). Closing stops the listening only; a socket a failed test left open must
 * not hold the suite up.
 */
export function imapBridge(lifetime: 'each' | 'all' = 'each'): { readonly port: number } {
  let server: Server | undefined;
  let port = 0;
  const start = async () => {
    const network = new MailNetwork(scenarioStore('default'), [{ name: 'imap', protocol: 'imap', dialect: 'imap4rev1', port: 143 }]);
    server = await listen(network, 'imap', 0);
    port = (server.address() as { port: number }).port;
  };
  const stop = () => {
    server?.close();
  };
  if (lifetime === 'each') {
    beforeEach(start);
    afterEach(stop);
  } else {
    beforeAll(start);
    afterAll(stop);
  }
  return {
    get port() {
      return port;
    },
  };
}
