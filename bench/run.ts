/**
 * npm run bench: speed and size, measured (not asserted), in one run.
 *   npm run bench                everything; rewrites README.md's speed section from what it measured
 *   npm run bench -- --quick     smaller sizes (a smoke run; the README is left alone)
 *   npm run bench -- --no-readme measure and print only
 *
 * 1. Real client traffic: Python's imaplib against our bridge and a private Dovecot 2.3,
 *    alternating, row by row (bench/clients.ts), with each row's ratio and the geometric mean.
 * 2. In-process: commands per second, memory per 10,000 parsed messages, 100,000 messages.
 * 3. In the browser (bench/browser.mjs, after a build): worker round trip, navigation to an
 *    answered first command beside a bare xterm page, the cost of a keystroke.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeSection } from '../scripts/readme-section.mjs';
import { MailNetwork } from '../worker/network';
import { quickAckAvailable } from '../worker/node/quickack';
import { scenarioStore } from '../worker/node/engine';
import { MailStore } from '../worker/store/store';
import { realClientRows, type ClientRow } from './clients';
import { syntheticMessage } from './mail';

const quick = process.argv.includes('--quick');
const writeReadme = !quick && !process.argv.includes('--no-readme');
const enc = new TextEncoder();
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
const section: string[] = [];

function storeWith(n: number): MailStore {
  const store = scenarioStore('empty');
  const inbox = store.mailbox(store.account('alice')!, 'INBOX')!;
  for (let i = 0; i < n; i++) store.append(inbox, enc.encode(syntheticMessage(i)), i % 3 ? ['\\Seen'] : [], Date.UTC(2024, 0, 1) + i * 3600_000, 0);
  return store;
}

/** An in-process client: each line runs to completion before `cmd` returns. */
function inProcess(store: MailStore) {
  const net = new MailNetwork(store, [{ name: 'imap', protocol: 'imap', dialect: 'imap4rev1', port: 143 }]);
  const conn = net.connect('imap', { output: () => {}, closed: () => {} });
  return { cmd: (line: string) => conn.write(enc.encode(line + '\r\n')) };
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

const gc = () => {
  for (let i = 0; i < 4; i++) global.gc?.();
};

// 1. Real clients over loopback: ours against Dovecot.
{
  const n = quick ? 1000 : 10_000;
  console.log(`imaplib against our bridge${quick ? '' : ' and Dovecot 2.3'}, ${n.toLocaleString('en')} messages (quick ACK: ${quickAckAvailable ? 'on' : 'unavailable'})`);
  const rows: ClientRow[] = [];
  const { skipped } = await realClientRows(n, (r) => {
    rows.push(r);
    const ratio = r.dovecot ? (r.ours / r.dovecot).toFixed(2) : '';
    const cpu = r.oursCpu !== undefined ? `  (server CPU: ours ${fmt(r.oursCpu)}${r.dovecotCpu !== undefined ? `, Dovecot ${fmt(r.dovecotCpu)}` : ''})` : '';
    console.log(`  ${r.row.padEnd(56)} ours ${fmt(r.ours).padStart(8)}  Dovecot ${r.dovecot ? fmt(r.dovecot).padStart(8) : '       -'}  ${ratio}${cpu}`);
  });
  const compared = rows.filter((r) => r.dovecot && r.kind === 'client');
  const delivery = rows.filter((r) => r.kind === 'delivery');
  const geomean = compared.length ? Math.exp(compared.reduce((s, r) => s + Math.log(r.ours / r.dovecot!), 0) / compared.length) : NaN;
  if (skipped) console.log(`  Dovecot skipped: ${skipped}`);
  else console.log(`  geometric mean of the ratios (ours / Dovecot, lower is faster): ${geomean.toFixed(2)}; slowest row ${Math.max(...compared.map((r) => r.ours / r.dovecot!)).toFixed(2)}`);
  section.push(
    `Python's imaplib over loopback against our bridge and Dovecot 2.3, alternating row by row in one run, ${n.toLocaleString('en')} synthetic messages (median of 3–5 runs per row; 21 for the FETCH 1:* rows, where the two servers differ by under a millisecond, and for a row under 10 ms on both servers; the SORT and THREAD first runs are one run; APPEND is the total). Server CPU is what the server's processes spent on the row: the FETCH 1:* rows are mostly imaplib's own parsing, so a server's cost shows there more than in the time:`,
    '',
    '| row | ours | Dovecot 2.3 | ratio | server CPU: ours / Dovecot |',
    '| --- | --- | --- | --- | --- |',
    ...rows.filter((r) => r.kind === 'client').map(
      (r) =>
        `| ${r.row.replace(/\|/g, '\\|')} | ${fmt(r.ours)} | ${r.dovecot ? fmt(r.dovecot) : '–'} | ${r.dovecot ? (r.ours / r.dovecot).toFixed(2) : '–'} | ${r.oursCpu !== undefined ? `${fmt(r.oursCpu)} / ${r.dovecotCpu !== undefined ? fmt(r.dovecotCpu) : '–'}` : '–'} |`,
    ),
    skipped ? `| Dovecot | skipped: ${skipped} | | | |` : `| **geometric mean** | | | **${geomean.toFixed(2)}** | |`,
    '',
  );
  if (delivery.length)
    section.push(
      `The same FETCH 1:* answers read by a client that only reads them (Python over the same connection, no parsing), from the command sent to the tagged OK received: how fast each server delivers, which the imaplib rows above hide while imaplib's parsing is the slower side (median of 21; not in the geometric mean):`,
      '',
      '| answer | ours | Dovecot 2.3 | ratio |',
      '| --- | --- | --- | --- |',
      ...delivery.map((r) => `| ${r.row.replace(/, read without parsing$/, '').replace(/\|/g, '\\|')} | ${fmt(r.ours)} | ${r.dovecot ? fmt(r.dovecot) : '–'} | ${r.dovecot ? (r.ours / r.dovecot).toFixed(2) : '–'} |`),
      '',
    );
}

// 2. In-process.
const inproc: Array<[string, string]> = [];
const report = (name: string, value: string) => {
  inproc.push([name, value]);
  console.log(`  ${name.padEnd(64)} ${value}`);
};
console.log('in-process');
{
  const c = inProcess(scenarioStore('default'));
  c.cmd('a LOGIN alice wonderland');
  c.cmd('b SELECT INBOX');
  for (const [label, line, n] of [
    ['NOOP', 'x NOOP', 200_000],
    ['`FETCH 1 (FLAGS UID)`', 'x FETCH 1 (FLAGS UID)', 100_000],
    ['`SEARCH FROM "bob"`', 'x SEARCH FROM "bob"', 20_000],
  ] as Array<[string, string, number]>) {
    const runs = quick ? Math.ceil(n / 20) : n;
    const ms = time(() => {
      for (let i = 0; i < runs; i++) c.cmd(line);
    });
    report(`commands per second: ${label}`, `${Math.round((runs / ms) * 1000).toLocaleString('en')}`);
  }
}
{
  const n = quick ? 2000 : 10_000;
  gc();
  const before = process.memoryUsage();
  const store = storeWith(n);
  const c = inProcess(store);
  c.cmd('a LOGIN alice wonderland');
  c.cmd('b SELECT INBOX');
  c.cmd('c FETCH 1:* (ENVELOPE)'); // parse every message once
  gc();
  const after = process.memoryUsage();
  const used = after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers;
  const raw = store.mailbox(store.account('alice')!, 'INBOX')!.messages.reduce((s, m) => s + m.raw.length, 0);
  const per = (x: number) => ((x / n) * 10_000) / 1024 / 1024;
  report(
    'memory per 10,000 messages after `FETCH 1:* (ENVELOPE)`',
    `${per(used).toFixed(1)} MiB for ${per(raw).toFixed(1)} MiB of mail (${(used / raw).toFixed(2)}×)${global.gc ? '' : ' (run with --expose-gc for a steady figure)'}`,
  );
}
{
  const n = quick ? 10_000 : 100_000;
  const store = storeWith(n);
  const c = inProcess(store);
  c.cmd('a LOGIN alice wonderland');
  const label = n.toLocaleString('en');
  report(`SELECT on ${label} messages`, fmt(time(() => c.cmd('b SELECT INBOX'))));
  for (const [q, note] of [
    ['UNSEEN', ''],
    ['SINCE 1-Mar-2030', ''],
    ['SUBJECT "rabbit"', ' (first)'],
    ['TEXT "croquet"', ' (first)'],
    ['TEXT "croquet"', ' (again)'],
    ['BODY "zebra"', ' (first)'],
  ]) {
    report(`\`SEARCH ${q}\` on ${label} messages${note}`, fmt(time(() => c.cmd(`s SEARCH ${q}`))));
  }
}
section.push('In-process (the engine without a socket):', '', '| measure | result |', '| --- | --- |', ...inproc.map(([k, v]) => `| ${k} | ${v} |`), '');

// 3. In the browser.
{
  console.log('in the browser (headless Chromium, built site)');
  const r = spawnSync('node', [new URL('./browser.mjs', import.meta.url).pathname, '--json', ...(quick ? ['--quick'] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status === 0 && line.startsWith('{')) {
    const b = JSON.parse(line) as { loads: number; ours: number; bare: number; roundTrip: number; keystroke: number };
    const rows: Array<[string, string]> = [
      [`navigation to an answered first command (median of ${b.loads} cold loads)`, `${fmt(b.ours)} (a bare page that only starts xterm: ${fmt(b.bare)})`],
      ['worker round trip (page → engine → page, median)', `${b.roundTrip.toFixed(2)} ms`],
      ['a keystroke at the prompt (input to echo drawn, median)', `${b.keystroke.toFixed(2)} ms`],
    ];
    for (const [k, v] of rows) console.log(`  ${k.padEnd(64)} ${v}`);
    section.push('In the browser (headless Chromium on the built site):', '', '| measure | result |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v} |`), '');
  } else {
    console.log(`  skipped: ${line || 'bench/browser.mjs failed (is Chromium installed and the site built?)'}`);
  }
}

// Start-up weight of the site (issue 9): scripts/size.mjs measures dist/ and writes its own table.
if (existsSync('dist/index.html')) spawnSync('node', ['scripts/size.mjs', ...(writeReadme ? ['--readme'] : [])], { stdio: 'inherit' });
else console.log('site size (scripts/size.mjs): skipped, run `npm run build` first');

if (writeReadme) {
  const stamp = `Measured ${new Date().toISOString().slice(0, 10)} on ${(await import('node:os')).cpus().length} cores.`;
  const written = writeSection(fileURLToPath(new URL('../README.md', import.meta.url)), '<!-- bench:start (written by npm run bench) -->', '<!-- bench:end -->', `${stamp}\n\n${section.join('\n')}`);
  console.log(written ? 'README.md speed section rewritten' : 'README.md has no bench markers; not rewritten');
}
