#!/usr/bin/env node
// Runs Dovecot's conformance suite, imaptest, group by group against our server (`npm run serve`,
// a fresh process for every group, so each group starts from the sample mail), and optionally
// against the lab Dovecot in the same run. Writes the result into README.md between the
// imaptest markers, so the figure there is always the last measured one.
//
//   npm run imaptest                       # every group, ours only
//   npm run imaptest -- --dovecot          # ours and the lab Dovecot (../shared/peers), one run
//   npm run imaptest -- --only sort-size,thread
//   npm run imaptest -- --no-readme
//
// imaptest itself is built outside the project (../shared/peers/imaptest/build.sh); point
// IMAPTEST at the binary and IMAPTEST_TESTS at its src/tests folder if they are not in
// /tmp/imaptest-build. A group whose capability a server does not advertise runs no command
// and proves nothing: it is counted as "not exercised", never as passed.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSection } from './readme-section.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const peers = process.env.PEERS_DIR ?? join(root, '..', 'shared', 'peers');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

function findImaptest() {
  const candidates = [
    [process.env.IMAPTEST, process.env.IMAPTEST_TESTS],
    ['/tmp/imaptest-build/imaptest', '/tmp/imaptest-build/src/tests'],
    ['/tmp/imaptest-bis/imaptest', '/tmp/imaptest-bis/src/tests'],
  ];
  for (const [bin, tests] of candidates) if (bin && tests && existsSync(bin) && existsSync(tests)) return { bin, tests };
  console.error('imaptest: no binary found; build it with ../shared/peers/imaptest/build.sh (or set IMAPTEST and IMAPTEST_TESTS)');
  process.exit(2);
}

/** Starts `npm run serve -- --imap 0` and resolves with its port and a stop function. */
function startOurs() {
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['worker/node/cli.ts', '--imap', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the bridge did not start: ${out}`)), 30_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening imap[a-z0-9]* 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          port: Number(m[1]),
          stop: () => new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
        });
      }
    });
    child.stderr.on('data', (d) => (out += d));
    child.once('exit', (code) => reject(new Error(`the bridge exited (${code}): ${out}`)));
  });
}

/** Runs one group in its own folder, as ../shared/peers/imaptest/run.sh does; returns its verdict. */
function runGroup({ bin, tests }, group, port, work) {
  const dir = join(work, group);
  mkdirSync(dir, { recursive: true });
  for (const f of [group, 'default.mbox', `${group}.mbox`]) if (existsSync(join(tests, f))) cpSync(join(tests, f), join(dir, f));
  const r = spawnSync('timeout', ['60', bin, 'host=127.0.0.1', `port=${port}`, 'user=alice', 'pass=wonderland',
    `mbox=${join(tests, 'default.mbox')}`, `test=${dir}`, 'no_tracking', 'rawlog'], { cwd: dir, encoding: 'utf8' });
  const log = `${r.stdout}${r.stderr}`;
  writeFileSync(join(work, `${group}.log`), log);
  const groups = /^(\d+) test groups: (\d+) failed/m.exec(log);
  const base = /^base protocol: (\d+)\/(\d+) /m.exec(log);
  const ext = /^extensions: (\d+)\/(\d+) /m.exec(log);
  if (!groups) return { verdict: 'failed', why: 'no result (crash or timeout)' };
  const commands = Number(base?.[2] ?? 0) + Number(ext?.[2] ?? 0);
  const failedCommands = Number(base?.[1] ?? 0) + Number(ext?.[1] ?? 0);
  if (Number(groups[2]) > 0) return { verdict: 'failed', why: `${failedCommands} of ${commands} commands failed` };
  if (commands === 0) return { verdict: 'not exercised' };
  return { verdict: 'passed', commands };
}

async function runServer(name, imaptest, groups, startServer) {
  const work = mkdtempSync(join(tmpdir(), `imaptest-${name}-`));
  const results = new Map();
  for (const group of groups) {
    const server = await startServer();
    try {
      results.set(group, runGroup(imaptest, group, server.port, work));
    } finally {
      await server.stop();
    }
    const r = results.get(group);
    console.log(`${name} ${group}: ${r.verdict}${r.why ? ` (${r.why}; see ${join(work, `${group}.log`)})` : ''}`);
  }
  const count = (v) => [...results.values()].filter((r) => r.verdict === v).length;
  const summary = { name, results, passed: count('passed'), failed: count('failed'), notExercised: count('not exercised'), work };
  console.log(`${name}: ${summary.passed} of ${summary.passed + summary.failed} exercised groups passed, ${summary.notExercised} not exercised (logs: ${work})`);
  return summary;
}

/** The lab Dovecot, reset to its pristine store before every group. */
function dovecot() {
  const start = spawnSync('bash', [join(peers, 'start-dovecot.sh')], { encoding: 'utf8' });
  const port = Number(start.stdout.trim().split('\n').pop());
  if (start.status !== 0 || !port) {
    console.error(`imaptest: the lab Dovecot did not start: ${start.stderr}`);
    process.exit(2);
  }
  return async () => {
    spawnSync('bash', [join(peers, 'reset-dovecot.sh')]);
    return { port, stop: async () => {} };
  };
}

const imaptest = findImaptest();
const all = readdirSync(imaptest.tests).filter((f) => !f.endsWith('.mbox') && f !== 'broken' && f !== 'default.mbox').sort();
const groups = option('--only') ? option('--only').split(',') : all;
const runs = [await runServer('ours', imaptest, groups, startOurs)];
if (flag('--dovecot')) runs.push(await runServer('dovecot', imaptest, groups, dovecot()));

const ours = runs[0];
const failed = [...ours.results].filter(([, r]) => r.verdict === 'failed').map(([g]) => g);
console.log(`imaptest: ${ours.passed} passed, ${ours.failed} failed`);

if (!flag('--no-readme') && !option('--only')) {
  {
    const list = (run, v) => [...run.results].filter(([, r]) => r.verdict === v).map(([g]) => g).join(', ') || 'none';
    const lines = [`Measured ${new Date().toISOString().slice(0, 10)}: ${all.length} groups, each against a fresh server.`, '',
      '| server | exercised and passed | failed | not exercised |', '| --- | --- | --- | --- |',
      ...runs.map((r) => `| ${r.name === 'ours' ? 'ours (`npm run serve`)' : 'Dovecot 2.3 (lab)'} | ${r.passed} | ${r.failed} | ${r.notExercised} |`), '',
      `Not exercised by ours (capability not advertised): ${list(ours, 'not exercised')}.`,
      ...(failed.length ? ['', `Failing: ${failed.join(', ')}.`] : []), ''];
    const written = writeSection(join(root, 'README.md'), '<!-- imaptest:start (written by npm run imaptest) -->', '<!-- imaptest:end -->', lines.join('\n'));
    console.log(written ? 'README.md imaptest section rewritten' : 'README.md has no imaptest markers; not rewritten');
  }
}
process.exit(failed.length ? 1 : 0);
