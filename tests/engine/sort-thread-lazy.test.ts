import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MailNetwork } from '../../worker/network';
import { readScenarioDir } from '../../worker/node/scenarios';
import { loadScenario } from '../../worker/scenario';
import { MailStore } from '../../worker/store/store';

/**
 * The browser's engine loads SORT and THREAD on demand (worker/imap/sort/lazy.ts). This file
 * does not import worker/node/engine (which loads them with the engine, as Node does), so the
 * first SORT here finds them missing: it must wait for them, hold the commands behind it, and
 * answer everything in order.
 */
const enc = new TextEncoder();
const dec = new TextDecoder();

describe('SORT and THREAD loaded on demand', () => {
  it('a SORT typed before the code arrived is answered when it does, and the pipelined commands after it in order', async () => {
    const store = new MailStore();
    loadScenario(store, readScenarioDir(fileURLToPath(new URL('../../content/scenarios/default/', import.meta.url))));
    const net = new MailNetwork(store, [{ name: 'imap', protocol: 'imap', dialect: 'imap4rev1', port: 143 }]);
    let out = '';
    const conn = net.connect('imap', { output: (b) => (out += dec.decode(b)), closed: () => {} });
    conn.write(enc.encode('a LOGIN alice wonderland\r\nb EXAMINE INBOX\r\n'));
    conn.write(enc.encode('c SORT (REVERSE DATE) UTF-8 UNSEEN\r\nd THREAD REFERENCES UTF-8 SUBJECT meeting\r\ne SORT (NOSUCHKEY) UTF-8 ALL\r\nf NOOP\r\n'));
    expect(out).not.toMatch(/^c OK/m); // waiting for the code
    await expect.poll(() => out, { timeout: 5000 }).toMatch(/^f OK/m);
    const tail = out.slice(out.indexOf("* SORT"));
    expect(tail).toMatch(/^\* SORT 13 11 9 8 6 3\r\nc OK Sort completed\r\n\* THREAD \(2 12\)\r\nd OK Thread completed\r\ne BAD Error in IMAP command SORT: Unknown sort key NOSUCHKEY[^\r]*\r\nf OK/);
  });
});
