import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MailNetwork } from '../../worker/network';
import { scenarioStore } from '../../worker/node/engine';
import { runTranscript } from '../support/transcript';

/**
 * Each transcript in pop3/ was replayed against Dovecot 2.3's POP3 with the fixture mail
 * (`bash scripts/peers-record.sh pop3`, scripts/pop3-transcript.mjs); its bytes are in
 * ../golden/pop3/ (NAME.out for the first connection, NAME.<conn>.out for the others). Our
 * POP3 host, loaded with the same fixtures, must send the same bytes after masking ONLY the
 * greeting's free text (docs/pop3-fidelity.md, P1). UIDL ids are not masked: they are
 * Dovecot's `%08Xu%08Xv`, rebuilt from the UID and UIDVALIDITY.
 */
const DIR = new URL('./pop3/', import.meta.url).pathname;
const GOLDEN = new URL('../golden/pop3/', import.meta.url).pathname;
const transcripts = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();

const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');

/** The greeting is the first line of every connection; only its text after `+OK` may differ. */
export function normalizePop3(text: string): string {
  return text.replace(/^\+OK [^\r\n]*\r\n/, '+OK <greeting>\r\n');
}

describe('POP3 transcripts match Dovecot 2.3', () => {
  it('has a corpus of at least 15 transcripts', () => {
    expect(transcripts.length).toBeGreaterThanOrEqual(15);
  });
  for (const file of transcripts) {
    const base = file.replace(/\.txt$/, '');
    it(base, async () => {
      const source = readFileSync(join(DIR, file), 'utf8');
      const network = new MailNetwork(scenarioStore('default'), [{ name: 'pop', protocol: 'pop3', dialect: 'rfc1939', port: 110 }]);
      const { outputs } = await runTranscript(network, 'pop', source);
      for (const [conn, ours] of outputs) {
        const goldenFile = join(GOLDEN, conn === 'main' ? `${base}.out` : `${base}.${conn}.out`);
        expect(existsSync(goldenFile), `golden file ${goldenFile}`).toBe(true);
        const golden = latin1(new Uint8Array(readFileSync(goldenFile)));
        expect(normalizePop3(latin1(ours)), `${base} connection ${conn}`).toBe(normalizePop3(golden));
      }
    });
  }
});
