#!/usr/bin/env node
// The README's test command: runs every test runner, prints one closing line per runner
// (`unit: N passed, N failed`) from its JSON report, and a total line last. Exit status is
// non-zero if anything failed or a runner could not run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const only = process.argv[2]; // `npm test -- unit` or `npm test -- e2e`
const runners = [
  {
    name: 'unit',
    cmd: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${join(out, 'unit.json')}`],
    report: join(out, 'unit.json'),
  },
  {
    name: 'e2e',
    cmd: ['node', 'tests/e2e/run.mjs', `--json=${join(out, 'e2e.json')}`],
    report: join(out, 'e2e.json'),
    when: () => existsSync(join(root, 'tests/e2e/run.mjs')),
  },
];

const lines = [];
let passed = 0;
let failed = 0;
let broken = false;
for (const r of runners) {
  if (only && r.name !== only) continue;
  if (r.when && !r.when()) continue;
  const res = spawnSync(r.cmd[0], r.cmd.slice(1), { cwd: root, stdio: 'inherit' });
  let p = 0;
  let f = 0;
  if (existsSync(r.report)) {
    const j = JSON.parse(readFileSync(r.report, 'utf8'));
    p = j.numPassedTests ?? 0;
    f = (j.numFailedTests ?? 0) + (j.numRuntimeErrorTestSuites ?? 0) + (j.numFailedTestSuites && !j.numFailedTests ? j.numFailedTestSuites : 0);
  } else {
    f = 1;
    broken = true;
  }
  if (res.status !== 0 && f === 0) {
    f = 1;
    broken = true;
  }
  passed += p;
  failed += f;
  lines.push(`${r.name}: ${p} passed, ${f} failed`);
}
for (const l of lines) console.log(l);
if (lines.length > 1) console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failed || broken ? 1 : 0);
