import type { Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { MailNetwork } from '../../worker/network';
import { listen } from '../../worker/node/bridge';
import { scenarioStore } from '../../worker/node/engine';
import { RawClient } from '../support/imap-socket';

/**
 * SORT and THREAD over a real socket (the bridge): the answers, and the work budget per
 * command — a SORT or THREAD of a mailbox too large for it ends with NO [LIMIT] and the
 * session, and the other clients, carry on.
 */
const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

async function bridge(messages: number, commandBudgetMs?: number): Promise<number> {
  const net = new MailNetwork(scenarioStore('empty'), [{ name: 'imap', protocol: 'imap', dialect: 'imap4rev1', port: 0 }]);
  const inbox = net.store.mailbox(net.store.account('alice')!, 'INBOX')!;
  const enc = new TextEncoder();
  for (let i = 0; i < messages; i++) {
    const reply = i % 2 ? `In-Reply-To: <m${i - 1}@x>\r\n` : '';
    net.store.append(inbox, enc.encode(`Message-ID: <m${i}@x>\r\n${reply}Subject: ${i % 2 ? 'Re: ' : ''}topic ${i >> 1}\r\nFrom: s${i % 7}@x\r\n\r\nbody\r\n`), [], Date.UTC(2024, 0, 1) + i * 60_000, 0);
  }
  const s = await listen(net, 'imap', 0, { authFailureDelayMs: 0, ...(commandBudgetMs ? { commandBudgetMs } : {}) });
  servers.push(s);
  return (s.address() as { port: number }).port;
}

async function session(port: number): Promise<RawClient> {
  const c = await RawClient.open(port);
  expect(await c.cmd('l LOGIN alice wonderland')).toMatch(/^l OK/m);
  expect(await c.cmd('s SELECT INBOX')).toMatch(/^s OK/m);
  return c;
}

describe('SORT and THREAD over the bridge', () => {
  it('answers SORT, UID SORT, ESORT and THREAD', async () => {
    const c = await session(await bridge(6));
    expect(await c.cmd('a SORT (REVERSE ARRIVAL) UTF-8 ALL')).toMatch(/^\* SORT 6 5 4 3 2 1\r\na OK Sort completed/m);
    expect(await c.cmd('b UID SORT (FROM) UTF-8 2:4')).toMatch(/^\* SORT 2 3 4\r\n/m);
    expect(await c.cmd('c SORT RETURN (MIN MAX COUNT) (SUBJECT) UTF-8 ALL')).toMatch(/^\* ESEARCH \(TAG "c"\) MIN 1 MAX 6 COUNT 6\r\n/m);
    expect(await c.cmd('d THREAD REFERENCES UTF-8 ALL')).toMatch(/^\* THREAD \(1 2\)\(3 4\)\(5 6\)\r\nd OK Thread completed/m);
    c.close();
  });

  it('ends a SORT or THREAD that works past the budget with NO [LIMIT]; the session and other clients go on', async () => {
    const port = await bridge(20_000, 1);
    const c = await session(port);
    expect(await c.cmd('a SORT (SUBJECT FROM) UTF-8 ALL', 20_000)).toMatch(/^a NO \[LIMIT\]/m);
    expect(await c.cmd('b THREAD REFERENCES UTF-8 ALL', 20_000)).toMatch(/^b NO \[LIMIT\]/m);
    expect(await c.cmd('n NOOP')).toMatch(/^n OK/m);
    const other = await session(port);
    expect(await other.cmd('m NOOP')).toMatch(/^m OK/m);
    c.close();
    other.close();
  });
});
