import { describe, expect, it } from 'vitest';
import { engineTranscript, findEntry } from './engine-transcript';
import { explain, type Node } from '../../web/inspector/explain';
import { complete } from '../../web/terminal/complete';

/** RFC 7162's words in the inspector and in tab completion (CONDSTORE and QRESYNC). */

const flat = (nodes: Node[]): Node[] => nodes.flatMap((x) => [x, ...flat(x.children ?? [])]);

describe('the inspector explains CONDSTORE and QRESYNC', () => {
  const { engine, entries } = engineTranscript('imap.north.example', { dialect: 'imap4rev1' }, [
    'a1 LOGIN alice wonderland',
    'a2 ENABLE QRESYNC',
    'a3 SELECT INBOX',
    'a4 STORE 2 +FLAGS (\\Deleted)',
    'a5 EXPUNGE',
    'a55 STORE 1 +FLAGS (\\Answered)',
    'a6 STORE 1:3 (UNCHANGEDSINCE 17) +FLAGS (\\Flagged)',
    'a7 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 17 VANISHED)',
    'a8 SELECT INBOX (QRESYNC (1700000001 17))',
    'a9 SEARCH MODSEQ 18',
  ]);
  const info = engine.dialectInfo().find((d) => d.name === 'imap4rev1');
  const at = (re: RegExp) => explain(entries, findEntry(entries, re), info, 'imap4rev1');

  it('HIGHESTMODSEQ and MODIFIED response codes, with RFC 7162 sections', () => {
    const hm = flat(at(/^\* OK \[HIGHESTMODSEQ/).nodes).find((n) => n.label === 'response code');
    expect(hm?.rfc).toBe('RFC 7162 §3.1.2.1');
    expect(hm?.text).toMatch(/CHANGEDSINCE/);
    const mod = flat(at(/^a6 OK \[MODIFIED/).nodes).find((n) => n.label === 'response code');
    expect(mod?.rfc).toBe('RFC 7162 §3.1.3');
  });

  it('VANISHED and VANISHED (EARLIER)', () => {
    expect(at(/^\* VANISHED 2/).rfc).toBe('RFC 7162 §3.2.10');
    const earlier = flat(at(/^\* VANISHED \(EARLIER\)/).nodes);
    expect(earlier.find((n) => n.raw === 'EARLIER')?.rfc).toBe('RFC 7162 §3.2.10');
  });

  it('the modifiers of STORE and FETCH, SELECT’s QRESYNC parameter and the MODSEQ search key', () => {
    const store = flat(at(/^a6 STORE/).nodes);
    expect(store.find((n) => n.label === 'modifiers')?.rfc).toBe('RFC 7162 §3.1.3');
    expect(store.find((n) => n.raw === 'UNCHANGEDSINCE')?.rfc).toBe('RFC 7162 §3.1.3');
    const fetch = flat(at(/^a7 UID FETCH/).nodes);
    expect(fetch.find((n) => n.raw === 'CHANGEDSINCE')?.rfc).toBe('RFC 7162 §3.1.4.1');
    expect(fetch.find((n) => n.raw === 'VANISHED')?.rfc).toBe('RFC 7162 §3.2.6');
    expect(flat(at(/^a8 SELECT/).nodes).find((n) => n.raw === 'QRESYNC')?.rfc).toBe('RFC 7162 §3.2.5');
    expect(flat(at(/^a9 SEARCH/).nodes).find((n) => n.raw === 'MODSEQ')?.text).toMatch(/modseq is at least/);
    expect(flat(at(/^\* \d+ FETCH \(UID \d+ FLAGS .* MODSEQ/).nodes).find((n) => n.raw === 'MODSEQ')?.rfc).toBe('RFC 7162 §3.1.4');
  });
});

describe('tab completion offers RFC 7162 words only where the dialect has CONDSTORE', () => {
  const base = { commands: ['SEARCH', 'FETCH', 'STATUS', 'STORE', 'SELECT', 'EXAMINE', 'ENABLE'], uidCommands: ['FETCH'], mailboxes: ['INBOX'] };
  const cs = { ...base, condstore: true };
  it('FETCH MODSEQ and the (CHANGEDSINCE …) modifier', () => {
    expect(complete('FETCH 1:* MOD', cs)?.candidates).toEqual(['MODSEQ']);
    expect(complete('FETCH 1:* MOD', base)?.candidates).toEqual([]);
    expect(complete('FETCH 1:* (FLAGS) (CH', cs)?.candidates).toEqual(['CHANGEDSINCE']);
    expect(complete('FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)]) ', cs)?.candidates).toEqual(['(CHANGEDSINCE', 'CHANGEDSINCE', 'VANISHED']);
    expect(complete('FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)] ', cs)?.candidates).not.toContain('VANISHED');
    expect(complete('UID FETCH 1:* (FLAGS) (CHANGEDSINCE 5 V', cs)?.candidates).toEqual(['VANISHED']);
  });
  it('STORE (UNCHANGEDSINCE, SEARCH MODSEQ, STATUS HIGHESTMODSEQ, SELECT (CONDSTORE / (QRESYNC, ENABLE', () => {
    expect(complete('STORE 1 (UN', cs)?.candidates).toEqual(['UNCHANGEDSINCE']);
    expect(complete('STORE 1 ', cs)?.candidates).toContain('(UNCHANGEDSINCE');
    expect(complete('STORE 1 (UNCHANGEDSINCE 5) +FL', cs)?.candidates).toEqual(['+FLAGS', '+FLAGS.SILENT']);
    expect(complete('SEARCH MOD', cs)?.candidates).toEqual(['MODSEQ']);
    expect(complete('STATUS INBOX (MESSAGES HIGH', cs)?.candidates).toEqual(['HIGHESTMODSEQ']);
    expect(complete('SELECT INBOX (Q', cs)?.candidates).toEqual(['QRESYNC']);
    expect(complete('SELECT INBOX (Q', base)?.candidates).toEqual([]);
    expect(complete('ENABLE Q', cs)?.candidates).toEqual(['QRESYNC']);
    expect(complete('ENABLE Q', base)?.candidates).toEqual([]);
  });
});

describe('before IMAP4rev1 the inspector says RFC 7162 is not there', () => {
  it('IMAP4 (RFC 1730): FETCH MODSEQ is answered BAD, and MODSEQ is explained as absent', () => {
    const { engine, entries } = engineTranscript('imap.north.example', { dialect: 'imap4' }, ['a1 LOGIN alice wonderland', 'a2 SELECT INBOX', 'a3 FETCH 1 (MODSEQ)']);
    const info = engine.dialectInfo().find((d) => d.name === 'imap4');
    expect(info?.condstore).toBeFalsy();
    const node = flat(explain(entries, findEntry(entries, /^a3 FETCH/), info, 'imap4').nodes).find((n) => n.raw === 'MODSEQ');
    expect(node?.text).toMatch(/Not in IMAP4.*RFC 7162/);
    expect(entries.some((e) => /^a3 BAD/.test(new TextDecoder().decode(e.bytes)))).toBe(true);
  });
});
