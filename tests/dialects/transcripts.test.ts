import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DialectName } from '../../worker/imap/dialect';
import { runTranscript } from '../support/transcript';
import { dialectNetwork } from './fixture';

/**
 * The historical dialects replayed: each tests/transcripts/<dialect>/NN-name.txt (the RFC's
 * own examples, then one transcript per command) against our server, byte for byte against
 * NN-name.out (and NN-name.<connection>.out). There is no reference server for these eras:
 * the expected files were written from our server's answers and checked against the RFC line
 * by line (docs/dialects.md says where the RFC itself is inconsistent). A transcript may name
 * another dialect for its host with `# dialect: NAME` (e.g. a rev1 session enabling rev2).
 * `UPDATE_TRANSCRIPTS=1 npx vitest run tests/dialects` rewrites the expected files.
 */
const ROOT = new URL('../transcripts/', import.meta.url).pathname;
const DIALECTS: DialectName[] = ['imap2', 'imap2bis', 'imap3', 'imap4', 'imap4rev1', 'imap4rev2'];
const update = !!process.env.UPDATE_TRANSCRIPTS;

const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');

for (const dir of DIALECTS) {
  const folder = join(ROOT, dir);
  const files = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.txt')).sort() : [];
  describe(`${dir} transcripts`, () => {
    it('has a transcript for the RFC examples and one per command', () => {
      expect(files.some((f) => f.startsWith('00-'))).toBe(true);
      // IMAP4rev1's per-command transcripts are tests/transcripts/imap/ (compared with Dovecot).
      if (dir !== 'imap4rev1') expect(files.length).toBeGreaterThanOrEqual(10);
    });
    for (const file of files) {
      const base = file.replace(/\.txt$/, '');
      it(base, async () => {
        const source = readFileSync(join(folder, file), 'utf8');
        const dialect = (/^# dialect: (\S+)/m.exec(source)?.[1] ?? dir) as DialectName;
        const host = `imap.${dialect}.example`;
        const { outputs } = await runTranscript(dialectNetwork([dialect]), host, source);
        for (const [conn, bytes] of outputs) {
          const expected = join(folder, conn === 'main' ? `${base}.out` : `${base}.${conn}.out`);
          if (update) writeFileSync(expected, bytes);
          expect(existsSync(expected), `expected output ${expected}`).toBe(true);
          expect(latin1(bytes)).toBe(readFileSync(expected, 'latin1'));
        }
      });
    }
  });
}
