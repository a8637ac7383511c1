import { describe, expect, it } from 'vitest';
import { engineTranscript, findEntry } from './engine-transcript';
import { explain, type Node } from '../../web/inspector/explain';
import { parseHostSpec } from '../../web/lessons/format';

const enc = new TextEncoder();

/** The inspector and the lesson host specs know IMAP2bis (RFC 1732, RFC 2061). */


const flat = (nodes: Node[]): Node[] => nodes.flatMap((x) => [x, ...flat(x.children ?? [])]);

describe('IMAP2bis in the inspector', () => {
  it('explains FIND ALL.MAILBOXES, the separate TRYCREATE and BODY[n] with RFC 1732/2061', () => {
    const { engine, entries } = engineTranscript('imap.south.example', { dialect: 'imap2bis' }, ['a1 LOGIN alice wonderland', 'a2 FIND ALL.MAILBOXES *', 'a3 SELECT INBOX', 'a4 COPY 1 Nowhere', 'a5 FETCH 8 BODY[1.1]']);
    const info = engine.dialectInfo().find((d) => d.name === 'imap2bis');
    expect(info?.title).toMatch(/IMAP2bis/);
    const mb = explain(entries, findEntry(entries, /^\* MAILBOX INBOX/), info, 'imap2bis');
    expect(mb.rfc).toMatch(/RFC 2061/);
    expect(mb.dialect).toMatch(/IMAP2bis/);
    const tc = explain(entries, findEntry(entries, /^\* OK \[TRYCREATE\]/), info, 'imap2bis');
    expect(flat(tc.nodes).find((x) => x.label === 'response code')?.text).toMatch(/separate untagged OK/);
    const body = explain(entries, findEntry(entries, /^\* 8 FETCH \(BODY\[1\.1\]/), info, 'imap2bis');
    expect(flat(body.nodes).some((x) => /RFC 1732/.test(x.rfc ?? ''))).toBe(true);
    const cap = { n: 1, dir: 'C' as const, bytes: enc.encode('a9 CAPABILITY\r\n'), time: 0, cmd: 1 };
    expect(flat(explain([cap], cap, info, 'imap2bis').nodes).find((x) => x.label === 'command')?.text).toMatch(/IMAP2bis has no CAPABILITY/);
  });

  it('can be asked for by a lesson (the switcher row is tested in the browser: tests/e2e/suites/imap2bis.mjs)', () => {
    expect(parseHostSpec('imap2bis')).toMatchObject({ protocol: 'imap', dialect: 'imap2bis' });
  });
});
