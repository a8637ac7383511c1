import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startBridge } from '../support/processes';
import { streamMatches } from '../support/stream-matches';

/**
 * POP3 advertises PIPELINING: a client may send 200 × RETR of a 1 MiB message in 2 KB and never
 * read. The bridge (the real `npm run serve` process) must not buffer those 200 MiB: it stops
 * answering that client while its output is unread, and answers everything once it reads.
 */
const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function open(port: number): Promise<{ sock: Socket; text: () => string; until: (re: RegExp, ms?: number) => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    let buf = '';
    sock.setEncoding('latin1');
    sock.on('data', (d: string) => (buf += d));
    sock.once('error', reject);
    const until = async (re: RegExp, ms = 10_000) => {
      const end = Date.now() + ms;
      while (!re.test(buf)) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${re}: ${buf.slice(-300)}`);
        await sleep(10);
      }
    };
    sock.once('connect', () => resolve({ sock, text: () => buf, until }));
  });
}

describe('POP3 on the bridge: memory', () => {
  it('200 pipelined RETRs of a 1 MiB message, never read, cost bounded memory; IMAP is served meanwhile', async () => {
    const bridge = await startBridge(['--pop3', '0', '--imap', '0'], 2);
    const sockets: Socket[] = [];
    try {
      const pop3 = bridge.ports[bridge.lines.findIndex((l) => l.startsWith('listening pop3'))];
      const imapPort = bridge.ports[bridge.lines.findIndex((l) => !l.startsWith('listening pop3'))];
      const imap = await open(imapPort);
      sockets.push(imap.sock);
      const line = 'x'.repeat(76) + '\r\n';
      const msg = `From: big@example.org\r\nSubject: 1 MiB\r\n\r\n${line.repeat(Math.ceil((1 << 20) / line.length))}`;
      imap.sock.write(`a LOGIN alice wonderland\r\nb APPEND INBOX {${msg.length}+}\r\n${msg}\r\n`);
      await imap.until(/^b OK/m);

      const p = await open(pop3);
      sockets.push(p.sock);
      p.sock.write('USER alice\r\nPASS wonderland\r\n');
      await p.until(/Logged in\.\r\n/);
      p.sock.pause(); // never reads from now on
      const before = rssMiB(bridge.child.pid!);
      const N = 200;
      p.sock.write('RETR 15\r\n'.repeat(N));
      const t0 = Date.now();
      imap.sock.write('n NOOP\r\n');
      await imap.until(/^n OK/m, 3000);
      const noopMs = Date.now() - t0;
      await sleep(800);
      const after = rssMiB(bridge.child.pid!);
      console.log(`pop3: bridge RSS ${before.toFixed(0)} MiB before, ${after.toFixed(0)} MiB with ${N} unread 1 MiB RETRs pending; IMAP NOOP meanwhile in ${noopMs} ms`);
      expect(after - before).toBeLessThan(64);

      // Once the client reads, every answer arrives (counted as they stream past, not kept).
      p.sock.removeAllListeners('data');
      let count = 0;
      // '\r\n' to start: the line before the first answer ended the login.
      const feed = streamMatches(/\r\n\+OK \d+ octets\r\n/g, 40, () => count++, '\r\n');
      const all = new Promise<void>((resolve) => {
        p.sock.on('data', (d: string) => {
          feed(d);
          if (count >= N) resolve();
        });
      });
      p.sock.resume();
      await Promise.race([all, sleep(60_000)]);
      expect(count).toBe(N);
    } finally {
      for (const s of sockets) s.destroy();
      await bridge.stop();
    }
  }, 120_000);
});
