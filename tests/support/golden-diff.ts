/**
 * Developer tool: shows how our bytes differ from the golden file for transcripts.
 *   npx tsx tests/support/golden-diff.ts 24 31     (numbers or name prefixes; none = all)
 */
import { readdirSync, readFileSync, existsSync, writeFileSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { MailNetwork } from '../../worker/network';
import { scenarioStore } from '../../worker/node/engine';
import { normalize } from './normalize';
import { runTranscript } from './transcript';
import { DELIBERATE, dropDeliberate } from '../transcripts/deliberate';

const kind = process.env.KIND ?? 'imap';
const DIR = new URL(`../transcripts/${kind}/`, import.meta.url).pathname;
const GOLDEN = new URL(`../golden/${kind}/`, import.meta.url).pathname;
const wanted = process.argv.slice(2);
const tmp = mkdtempSync(join(tmpdir(), 'golden-'));
for (const file of readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort()) {
  const base = file.replace(/\.txt$/, '');
  if (wanted.length && !wanted.some((w) => base.startsWith(w))) continue;
  const source = readFileSync(join(DIR, file), 'utf8');
  const dates = /^# compare: .*\bdates\b/m.test(source);
  const host = kind === 'imap' ? { name: 'h', protocol: 'imap' as const, dialect: 'imap4rev1' as const, port: 143 } : { name: 'h', protocol: 'imsp' as const, dialect: 'cyrus-1.8' as const, port: 406 };
  const { outputs } = await runTranscript(new MailNetwork(scenarioStore('default'), [host]), 'h', source);
  for (const [conn, ours] of outputs) {
    const g = join(GOLDEN, conn === 'main' ? `${base}.out` : `${base}.${conn}.out`);
    if (!existsSync(g)) {
      console.log(`### ${base} [${conn}]: no golden file`);
      continue;
    }
    let a = normalize(new Uint8Array(readFileSync(g)), { dates });
    let b = normalize(ours, { dates });
    if (kind === 'imap' && conn === 'main') {
      try {
        a = dropDeliberate(a, DELIBERATE[base], 'reference');
        b = dropDeliberate(b, DELIBERATE[base], 'ours');
      } catch (e) {
        console.log(`### ${base}: ${(e as Error).message}`);
      }
    }
    if (a === b) continue;
    writeFileSync(join(tmp, 'golden'), a.replace(/\r/g, ''));
    writeFileSync(join(tmp, 'ours'), b.replace(/\r/g, ''));
    let d = '';
    try {
      execFileSync('diff', ['-u', join(tmp, 'golden'), join(tmp, 'ours')]);
    } catch (e) {
      d = (e as { stdout: Buffer }).stdout.toString();
    }
    console.log(`### ${base} [${conn}]\n${d.split('\n').slice(2).join('\n')}`);
  }
}
