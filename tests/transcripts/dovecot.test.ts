import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MailNetwork } from '../../worker/network';
import { scenarioStore } from '../../worker/node/engine';
import { normalize } from '../support/normalize';
import { runTranscript } from '../support/transcript';
import { DELIBERATE, dropDeliberate } from './deliberate';

/**
 * Each transcript in imap/ was replayed against Dovecot 2.3 with the fixture mail
 * (npm run peers:record); its bytes are in ../golden/imap/. Our server, loaded with the same
 * fixtures, must send the same bytes after the normalisation in ../support/normalize.ts.
 */
const DIR = new URL('./imap/', import.meta.url).pathname;
const GOLDEN = new URL('../golden/imap/', import.meta.url).pathname;

// In number order (9, 10, …, 99, 100), not text order, which would put 100 between 10 and 11.
const transcripts = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || (a < b ? -1 : 1));

describe('IMAP4rev1 transcripts match Dovecot', () => {
  it('has a corpus of at least 40 transcripts', () => {
    expect(transcripts.length).toBeGreaterThanOrEqual(40);
  });
  for (const file of transcripts) {
    const base = file.replace(/\.txt$/, '');
    it(base, async () => {
      const source = readFileSync(join(DIR, file), 'utf8');
      const dates = /^# compare: .*\bdates\b/m.test(source);
      const network = new MailNetwork(scenarioStore('default'), [{ name: 'imap', protocol: 'imap', dialect: 'imap4rev1', port: 143 }]);
      const { outputs } = await runTranscript(network, 'imap', source);
      for (const [conn, ours] of outputs) {
        const goldenFile = join(GOLDEN, conn === 'main' ? `${base}.out` : `${base}.${conn}.out`);
        expect(existsSync(goldenFile), `golden file ${goldenFile}`).toBe(true);
        const golden = new Uint8Array(readFileSync(goldenFile));
        const deliberate = conn === 'main' ? DELIBERATE[base] : undefined;
        const reference = dropDeliberate(normalize(golden, { dates }), deliberate, 'reference');
        expect(dropDeliberate(normalize(ours, { dates }), deliberate, 'ours')).toBe(reference);
      }
    });
  }
});
