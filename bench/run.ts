/**
 * npm run bench: speed and size, measured (not asserted). Prints a table and, where Dovecot
 * is installed, the ratio of our bridge to Dovecot on the same transcript over loopback.
 *   npm run bench               everything
 *   npm run bench -- --quick    smaller sizes (a smoke run)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { MailNetwork } from '../worker/network';
import { listen } from '../worker/node/bridge';
import { scenarioStore } from '../worker/node/engine';
import { MailStore } from '../worker/store/store';
import { syntheticMessage } from './mail';

const quick = process.argv.includes('--quick');
const enc = new TextEncoder();
const rows: Array<[string, string]> = [];
const report = (name: string, value: string) => {
  rows.push([name, value]);
  console.log(`${name.padEnd(58)} ${value}`);
};

function storeWith(n: number): MailStore {
  const store = scenarioStore('empty');
  const inbox = store.mailbox(store.account('alice')!, 'INBOX')!;
  for (let i = 0; i < n; i++) store.append(inbox, enc.encode(syntheticMessage(i)), i % 3 ? ['\\Seen'] : [], Date.UTC(2024, 0, 1) + i * 3600_000, 0);
  return store;
}

/** An in-process client that counts tagged completions. */
function inProcess(store: MailStore) {
  const net = new MailNetwork(store, [{ name: 'imap', protocol: 'imap', dialect: 'imap4rev1', port: 143 }]);
  let bytes = 0;
  let last = '';
  const conn = net.connect('imap', { output: (b) => ((bytes += b.length), (last = Buffer.from(b).toString('latin1'))), closed: () => {} });
  return {
    cmd(line: string) {
      conn.write(enc.encode(line + '\r\n'));
      return last;
    },
    get bytes() {
      return bytes;
    },
  };
}

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}

// 1. Commands per second in-process.
{
  const c = inProcess(scenarioStore('default'));
  c.cmd('a LOGIN alice wonderland');
  c.cmd('b SELECT INBOX');
  for (const [label, line, n] of [
    ['NOOP', 'x NOOP', 200_000],
    ['FETCH 1 (FLAGS UID)', 'x FETCH 1 (FLAGS UID)', 100_000],
    ['FETCH 1:14 (ENVELOPE BODYSTRUCTURE) (parsed once)', 'x FETCH 1:14 (ENVELOPE BODYSTRUCTURE)', 10_000],
    ['SEARCH FROM "bob"', 'x SEARCH FROM "bob"', 20_000],
  ] as Array<[string, string, number]>) {
    const runs = quick ? Math.ceil(n / 20) : n;
    const [, ms] = time(() => {
      for (let i = 0; i < runs; i++) c.cmd(line);
    });
    report(`in-process ${label}`, `${Math.round((runs / ms) * 1000).toLocaleString('en')} commands/s`);
  }
}

// 2. Memory per 10,000 messages (heap + the message octets held in ArrayBuffers).
{
  const n = quick ? 2000 : 10_000;
  global.gc?.();
  const before = process.memoryUsage();
  const store = storeWith(n);
  const c = inProcess(store);
  c.cmd('a LOGIN alice wonderland');
  c.cmd('b SELECT INBOX');
  c.cmd('c FETCH 1:* (ENVELOPE)'); // parse every message once
  global.gc?.();
  const after = process.memoryUsage();
  const used = after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers;
  const raw = store.mailbox(store.account('alice')!, 'INBOX')!.messages.reduce((s, m) => s + m.raw.length, 0);
  report(`memory per 10,000 messages, parsed (the raw mail itself: ${((raw / n) * 10_000 / 1024 / 1024).toFixed(1)} MiB)`, `${((used / n) * 10_000 / 1024 / 1024).toFixed(1)} MiB`);
}

// 3. SELECT and SEARCH on 100,000 messages.
{
  const n = quick ? 10_000 : 100_000;
  const store = storeWith(n);
  const c = inProcess(store);
  c.cmd('a LOGIN alice wonderland');
  const [, sel] = time(() => c.cmd('b SELECT INBOX'));
  report(`SELECT on ${n.toLocaleString('en')} messages`, `${sel.toFixed(1)} ms`);
  for (const q of ['UNSEEN', 'SUBJECT "rabbit"', 'SINCE 1-Mar-2030', 'TEXT "croquet"', 'TEXT "croquet"']) {
    const [, ms] = time(() => c.cmd(`s SEARCH ${q}`));
    report(`SEARCH ${q} on ${n.toLocaleString('en')} messages`, `${ms.toFixed(1)} ms`);
  }
}

// 4. The same transcript over loopback: our bridge against Dovecot.
async function overTcp(port: number, user: string, pass: string, mailbox: string, lines: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    let buf = '';
    let step = -1;
    let start = 0;
    const all = [`l LOGIN ${user} ${pass}`, `s SELECT ${mailbox}`, ...lines, 'z LOGOUT'];
    const next = () => {
      step++;
      if (step === 2) start = performance.now();
      if (step < all.length) sock.write(all[step] + '\r\n');
    };
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      for (;;) {
        const tag = step < 0 ? null : all[step].split(' ')[0];
        const re = step < 0 ? /^\* OK.*\r\n/m : new RegExp(`^${tag} (OK|NO|BAD)[^\r\n]*\r\n`, 'm');
        const m = re.exec(buf);
        if (!m) return;
        buf = buf.slice(m.index + m[0].length);
        if (step === all.length - 2) {
          const t = performance.now() - start;
          sock.end();
          resolve(t);
          return;
        }
        next();
      }
    });
    sock.on('error', reject);
  });
}

async function compareWithDovecot() {
  const n = quick ? 1000 : 10_000;
  const transcript = ['f FETCH 1:* (FLAGS ENVELOPE)', 'g SEARCH TEXT "croquet"', 'h UID SEARCH SUBJECT "rabbit"', 'i FETCH 1:500 (BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)])'];
  const store = storeWith(n);
  const net = new MailNetwork(store, [{ name: 'imap', protocol: 'imap', dialect: 'imap4rev1', port: 143 }]);
  const server = await listen(net, 'imap', 0);
  const port = (server.address() as { port: number }).port;
  await overTcp(port, 'alice', 'wonderland', 'INBOX', transcript); // warm-up (parses each message once)
  const ours = await overTcp(port, 'alice', 'wonderland', 'INBOX', transcript);
  server.close();
  report(`bridge: FETCH+SEARCH transcript on ${n.toLocaleString('en')} messages`, `${ours.toFixed(0)} ms`);

  const peers = new URL('../../shared/peers/', import.meta.url).pathname;
  if (!existsSync('/usr/sbin/dovecot') || !existsSync(peers + 'start-dovecot.sh')) {
    report('Dovecot comparison', 'skipped (dovecot-imapd not installed; see README)');
    return;
  }
  const started = spawnSync('bash', [peers + 'start-dovecot.sh'], { encoding: 'utf8' });
  if (started.status !== 0) {
    report('Dovecot comparison', `skipped (start-dovecot.sh failed: ${started.stderr.trim().split('\n').pop()})`);
    return;
  }
  const dport = Number(process.env.DOVECOT_PORT ?? 10143);
  // Load the same messages into a mailbox of bob's (kept apart from the fixture mail) over IMAP.
  const loader = `
import imaplib, sys
sys.path.insert(0, '.')
M = imaplib.IMAP4('127.0.0.1', ${dport}); M.login('bob', 'builder')
M.delete('Bench'); M.create('Bench')
msgs = open(sys.argv[1], 'rb').read().split(b'\\0')
for i, m in enumerate(msgs):
    M.append('Bench', None if i % 3 == 0 else '(\\\\Seen)', None, m)
M.logout()`;
  const tmp = `/tmp/mpp-bench-${process.pid}.bin`;
  const { writeFileSync, unlinkSync } = await import('node:fs');
  writeFileSync(tmp, Buffer.from(Array.from({ length: n }, (_, i) => syntheticMessage(i)).join('\0'), 'latin1'));
  try {
    execFileSync('python3', ['-c', loader, tmp], { stdio: 'inherit' });
  } finally {
    unlinkSync(tmp);
  }
  await overTcp(dport, 'bob', 'builder', 'Bench', transcript); // warm-up (index and cache)
  const dovecot = await overTcp(dport, 'bob', 'builder', 'Bench', transcript);
  report(`Dovecot 2.3: same transcript on ${n.toLocaleString('en')} messages`, `${dovecot.toFixed(0)} ms`);
  report('ratio ours / Dovecot (lower is faster)', (ours / dovecot).toFixed(2));
  execFileSync('python3', ['-c', `import imaplib; M = imaplib.IMAP4('127.0.0.1', ${dport}); M.login('bob','builder'); M.delete('Bench'); M.logout()`]);
}

await compareWithDovecot();

// Start-up weight of the site (issue 9): scripts/size.mjs measures dist/ when a build is there.
if (existsSync('dist/index.html')) spawnSync('node', ['scripts/size.mjs'], { stdio: 'inherit' });
else report('site size (scripts/size.mjs)', 'skipped: run `npm run build` first');
