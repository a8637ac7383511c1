import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MailNetwork } from '../../worker/network';
import { scenarioStore } from '../../worker/node/engine';
import { runTranscript } from '../support/transcript';

/**
 * Each transcript in imsp/ was replayed against the real cyrus-imspd 1.8
 * (scripts/peers-record-imsp.sh); its bytes are in ../golden/imsp/ (NAME.out for the main
 * connection, NAME.<conn>.out for the others). Our `cyrus-1.8` mode, loaded with the default
 * scenario (the same fixture), must send the same bytes after normalising ONLY:
 *   - the value of `common.date` (the current time);
 *   - the SASL mechanism list in `* CAPABILITY` (the real one is whatever libsasl2 plugins are
 *     installed; we offer PLAIN and LOGIN) — docs/imsp-fidelity.md, D1.
 * Where we deliberately differ from the real server (it crashes, hangs a client or corrupts
 * data), the difference is spelled out below, line for line, with the reason; everything else
 * must be byte-identical. docs/imsp-fidelity.md lists all of them.
 */
const DIR = new URL('./imsp/', import.meta.url).pathname;
const GOLDEN = new URL('../golden/imsp/', import.meta.url).pathname;

const transcripts = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort();

const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');

export function normalizeImsp(text: string): string {
  return text
    .replace(/^\* OPTION common\.date "[^"\r\n]*" \[READ-ONLY\]\r$/gm, '* OPTION common.date "<date>" [READ-ONLY]\r')
    .replace(/^\* CAPABILITY(?: AUTH=[^ \r\n]+)* LITERAL\+\r$/gm, '* CAPABILITY <sasl mechanisms> LITERAL+\r');
}

/** A deliberate difference: in connection `conn`, the golden bytes `golden` become `ours`. */
interface Expected {
  conn?: string;
  golden: string;
  ours: string;
  why: string;
}

export const EXPECTED_DIFFERENCES: Record<string, Expected[]> = {
  '19-renameaddressbook': [
    {
      golden: 's21 NO Address book search failed\r\n',
      ours: '* SEARCHADDRESS "Bob Builder"\r\n* SEARCHADDRESS "Carol Danvers"\r\n* SEARCHADDRESS "Mad Hatter"\r\ns21 OK searchaddress completed\r\n',
      why: 'D4: the real server wrote the renamed book without its values (heap corruption; FETCHADDRESS on it kills the session). We keep the entries.',
    },
  ],
  '34-acl-mailbox-kinds': [
    {
      golden: 'N9 OK noop completed\r\n',
      ours: "N8 BAD Invalid option 'FOO' to command 'setacl'\r\nN9 OK noop completed\r\n",
      why: 'D2: SETACL with an unknown kind gets no reply at all from the real server (the client hangs). We answer like MYRIGHTS does.',
    },
    {
      golden: 'N11 OK noop completed\r\n',
      ours: "N10 BAD Invalid option 'FOO' to command 'deleteacl'\r\nN11 OK noop completed\r\n",
      why: 'D2: the same for DELETEACL.',
    },
  ],
  '35-getacl-unknown-kind': [
    {
      golden: 'O2 OK getacl completed\r\n',
      ours: "O2 OK getacl completed\r\nO3 BAD Invalid option 'FOO' to command 'getacl'\r\n",
      why: 'D3: GETACL with an unknown kind crashes the real server process (uninitialised pointer): the connection drops. We answer BAD and keep the session.',
    },
  ],
};

function expectedBytes(base: string, conn: string, golden: string): string {
  let text = golden;
  for (const d of EXPECTED_DIFFERENCES[base] ?? []) {
    if ((d.conn ?? 'main') !== conn) continue;
    const at = text.indexOf(d.golden);
    if (at < 0 || text.indexOf(d.golden, at + 1) >= 0) throw new Error(`${base}: expected difference does not apply once: ${JSON.stringify(d.golden)}`);
    text = text.slice(0, at) + d.ours + text.slice(at + d.golden.length);
  }
  return text;
}

describe('IMSP transcripts match cyrus-imspd 1.8 (cyrus-1.8 mode)', () => {
  it('has a corpus of at least 25 transcripts', () => {
    expect(transcripts.length).toBeGreaterThanOrEqual(25);
  });

  it('docs/imsp-fidelity.md explains every deliberate difference the comparison allows', () => {
    const doc = readFileSync(new URL('../../docs/imsp-fidelity.md', import.meta.url), 'utf8');
    for (const [base, diffs] of Object.entries(EXPECTED_DIFFERENCES)) {
      expect(transcripts, base).toContain(`${base}.txt`);
      for (const d of diffs) {
        const code = /^(D\d+):/.exec(d.why)?.[1];
        expect(code, `${base}: "why" must start with the doc's D-number`).toBeDefined();
        const row = doc.split('\n').find((l) => l.startsWith(`| ${code} |`));
        expect(row, `${code} in docs/imsp-fidelity.md`).toBeDefined();
        expect(row, `${code} row names transcript ${base.slice(0, 2)}`).toContain(base.slice(0, 2));
      }
    }
  });
  for (const file of transcripts) {
    const base = file.replace(/\.txt$/, '');
    it(base, async () => {
      const source = readFileSync(join(DIR, file), 'utf8');
      const network = new MailNetwork(scenarioStore('default'), [{ name: 'imsp', protocol: 'imsp', dialect: 'cyrus-1.8', port: 406 }]);
      const { outputs } = await runTranscript(network, 'imsp', source);
      for (const [conn, ours] of outputs) {
        const goldenFile = join(GOLDEN, conn === 'main' ? `${base}.out` : `${base}.${conn}.out`);
        expect(existsSync(goldenFile), `golden file ${goldenFile}`).toBe(true);
        const golden = latin1(new Uint8Array(readFileSync(goldenFile)));
        expect(normalizeImsp(latin1(ours)), `${base} connection ${conn}`).toBe(normalizeImsp(expectedBytes(base, conn, golden)));
      }
    });
  }
});
