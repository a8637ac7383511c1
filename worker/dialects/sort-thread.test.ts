import { describe, expect, it } from 'vitest';
import { dialects } from './index';

const DIALECTS = dialects as Required<typeof dialects>;

/**
 * SORT, THREAD (RFC 5256), SORT=DISPLAY (RFC 5957) and ESORT (RFC 5267) are extensions of
 * IMAP4rev1 and later: advertised after login in rev1 and rev2 only, in the order Dovecot 2.3
 * lists them, and unknown to the dialects before them.
 */
const fakeSession = (state: string) => ({ state }) as never;

describe('SORT and THREAD per dialect', () => {
  it('rev1 lists them after login where Dovecot does: after IDLE, and ESORT among the search extensions', () => {
    const caps = DIALECTS.imap4rev1.capabilities(fakeSession('authenticated'));
    const at = (c: string) => caps.indexOf(c);
    expect(caps.slice(at('IDLE') + 1, at('IDLE') + 6)).toEqual(['SORT', 'SORT=DISPLAY', 'THREAD=REFERENCES', 'THREAD=REFS', 'THREAD=ORDEREDSUBJECT']);
    expect(at('ESORT')).toBeGreaterThan(at('LIST-EXTENDED'));
    expect(at('ESORT')).toBeLessThan(at('LIST-STATUS'));
    expect(DIALECTS.imap4rev1.capabilities(fakeSession('not-authenticated'))).not.toContain('SORT');
  });

  it('rev2 lists them too, and both have SORT and THREAD, also after UID', () => {
    expect(DIALECTS.imap4rev2.capabilities(fakeSession('authenticated'))).toEqual(expect.arrayContaining(['SORT', 'SORT=DISPLAY', 'THREAD=REFERENCES', 'THREAD=ORDEREDSUBJECT', 'ESORT']));
    for (const d of [DIALECTS.imap4rev1, DIALECTS.imap4rev2]) {
      expect(d.commands.has('SORT') && d.commands.has('THREAD')).toBe(true);
      expect(d.uidCommands.has('SORT') && d.uidCommands.has('THREAD')).toBe(true);
    }
  });

  it('IMAP2, IMAP2bis, IMAP3 and IMAP4 have neither the commands nor the capabilities', () => {
    for (const d of [DIALECTS.imap2, DIALECTS.imap2bis, DIALECTS.imap3, DIALECTS.imap4]) {
      expect(d.commands.has('SORT') || d.commands.has('THREAD'), d.name).toBe(false);
      expect(d.capabilities(fakeSession('authenticated')).some((c) => /^(SORT|THREAD|ESORT)/.test(c)), d.name).toBe(false);
    }
  });
});

describe('rev1 capabilities against Dovecot 2.3', () => {
  it('after login: Dovecot’s own list, in its order, less what this server does not implement (plus IMAP4rev2)', async () => {
    const { readFileSync } = await import('node:fs');
    const golden = readFileSync(new URL('../../tests/golden/imap/100-metadata-bad-entries.out', import.meta.url), 'latin1');
    const dovecot = /\[CAPABILITY (IMAP4rev1 [^\]]*METADATA[^\]]*)\]/.exec(golden)![1].split(' ');
    const ours = DIALECTS.imap4rev1.capabilities(fakeSession('authenticated')).filter((c) => c !== 'IMAP4rev2');
    expect(ours.filter((c) => !dovecot.includes(c)), 'advertised but not in Dovecot’s list').toEqual([]);
    expect(ours).toEqual(dovecot.filter((c) => ours.includes(c)));
  });
});
