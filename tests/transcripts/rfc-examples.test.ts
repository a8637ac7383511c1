import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { examplesOf, loadRfcSessions, rfcsWithExamples } from './rfc-examples';
import { replaySession } from '../../web/rfc/replay';
import { compare } from '../../web/rfc/diff';

/**
 * The RFC examples view (web/rfc/) reads its examples from the dialect transcripts through
 * ./rfc-examples.ts. Here: its replay gives exactly the bytes the transcript tests check
 * (the .out files), every example has the RFC's printed lines and something to run, and every
 * line where our server differs from the RFC is explained by a note.
 */
const sessions = await loadRfcSessions();
const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');

describe('RFC examples index', () => {
  it('covers the RFCs the issue names, RFC 3501 with at least 40 examples', () => {
    expect(rfcsWithExamples(sessions)).toEqual(expect.arrayContaining([1176, 1203, 1730, 2177, 3501, 9051]));
    expect(examplesOf(sessions, 3501).length).toBeGreaterThanOrEqual(40);
    const ids = sessions.flatMap((s) => s.examples.map((e) => e.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const session of sessions) {
    describe(session.file, () => {
      it('the view replays the bytes the transcript test checks (.out)', async () => {
        const { bytes } = await replaySession(session);
        const out = new URL(`./${session.file.replace(/\.txt$/, '.out')}`, import.meta.url);
        expect(latin1(bytes)).toBe(readFileSync(out, 'latin1'));
      });

      it('every example prints the RFC, sends something, and has every difference explained', async () => {
        const { lines } = await replaySession(session);
        const unexplained: string[] = [];
        session.examples.forEach((ex, i) => {
          expect(ex.printed.length, `${ex.id} prints the RFC's lines`).toBeGreaterThan(0);
          expect(lines[i].some((l) => l.dir === 'C'), `${ex.id} sends a client line`).toBe(true);
          const { printed, live } = compare(ex.printed, lines[i], ex.notes);
          for (const it of [...printed, ...live]) if (!it.same && !it.why) unexplained.push(`${ex.id} ${printed.includes(it) ? 'RFC' : 'ours'} ${it.dir}: ${it.text.slice(0, 160)}`);
        });
        expect(unexplained).toEqual([]);
      });
    });
  }
});

describe('notes sit on the lines they explain', () => {
  it('RFC 3501 §6.1.1: both CAPABILITY lines get the capability note; only the STARTLS line gets the typo note', async () => {
    const session = sessions.find((s) => s.file === 'imap4rev1/00-rfc3501-examples.txt')!;
    const i = session.examples.findIndex((e) => e.id.startsWith('3501-6.1.1'));
    const { lines } = await replaySession(session, i);
    const { printed, live } = compare(session.examples[i].printed, lines[i], session.examples[i].notes);
    const why = (items: typeof printed, re: RegExp) => items.find((it) => re.test(it.text))?.why ?? '';
    const rfcCaps = why(printed, /^\* CAPABILITY IMAP4rev1 STARTTLS/);
    expect(rfcCaps).toMatch(/GSSAPI/);
    expect(why(live, /^\* CAPABILITY/)).toBe(rfcCaps);
    expect(rfcCaps).not.toMatch(/typo/);
    expect(why(printed, /STARTLS completed/)).toMatch(/typo/);
  });
});

describe('links to the view', () => {
  it('the course and timeline list exactly the RFCs the index has', async () => {
    const { RFC_EXAMPLE_RFCS } = await import('../../web/rfc/list');
    expect([...RFC_EXAMPLE_RFCS]).toEqual(rfcsWithExamples(sessions));
  });
});
