import { describe, expect, it } from 'vitest';
import '../../worker/imap/sort/register'; // as in Node: SORT and THREAD answer at once
import { explain, type Node } from '../../web/inspector/explain';
import { engineTranscript, findEntry } from './engine-transcript';

/** SORT, THREAD and ESORT in the inspector: every token explained with its RFC (5256, 5957, 5267). */
const flat = (nodes: Node[]): Node[] => nodes.flatMap((x) => [x, ...flat(x.children ?? [])]);

describe('SORT, THREAD and ESORT explained', () => {
  const { engine, entries } = engineTranscript('imap.north.example', { dialect: 'imap4rev1' }, [
    'a1 LOGIN alice wonderland',
    'a2 EXAMINE INBOX',
    'a3 SORT (REVERSE DATE DISPLAYFROM) UTF-8 UNSEEN',
    'a4 THREAD REFERENCES UTF-8 ALL',
    'a5 SORT RETURN (MIN COUNT) (SUBJECT) UTF-8 ALL',
    'a6 CAPABILITY',
  ]);
  const info = engine.dialectInfo().find((d) => d.name === 'imap4rev1');
  const ex = (re: RegExp) => explain(entries, findEntry(entries, re), info, 'imap4rev1');

  it('the SORT command: each sort key, REVERSE, the required charset and the search keys', () => {
    const e = ex(/^a3 SORT/);
    expect(e.rfc).toMatch(/RFC 5256/);
    const nodes = flat(e.nodes);
    expect(nodes.find((n) => n.label === 'sort criteria')?.rfc).toBe('RFC 5256 §3');
    expect(nodes.find((n) => n.raw === 'REVERSE')?.text).toMatch(/next sort key/);
    expect(nodes.find((n) => n.raw === 'DATE')?.text).toMatch(/Date: header/);
    expect(nodes.find((n) => n.raw === 'DISPLAYFROM')?.rfc).toBe('RFC 5957 §3');
    expect(nodes.find((n) => n.label === 'charset')?.text).toMatch(/required/);
    expect(nodes.find((n) => n.raw === 'UNSEEN')?.label).toBe('search key');
  });

  it('the * SORT and * THREAD responses', () => {
    expect(ex(/^\* SORT/).rfc).toBe('RFC 5256 §4');
    const t = ex(/^\* THREAD/);
    expect(t.summary).toBe('Untagged THREAD');
    const threads = flat(t.nodes).filter((n) => /^thread \d+$/.test(n.label));
    expect(threads.length).toBeGreaterThan(1);
    // Message 12 answers message 2 (In-Reply-To/References): a two-message chain.
    expect(threads.find((n) => n.raw === '( … )' && n.children?.length === 2)?.text).toMatch(/chain/);
  });

  it('THREAD\'s algorithm, and ESORT: RETURN options and an ESEARCH that answers a SORT', () => {
    expect(flat(ex(/^a4 THREAD/).nodes).find((n) => n.label === 'thread algorithm')?.rfc).toBe('RFC 5256 §4');
    const cmd = flat(ex(/^a5 SORT/).nodes);
    expect(cmd.find((n) => n.label === 'RETURN')?.rfc).toBe('RFC 5267 §3.2');
    expect(cmd.find((n) => n.label === 'return option' && n.raw === 'MIN')?.text).toMatch(/first message in sort order/);
    const es = flat(ex(/^\* ESEARCH/).nodes);
    expect(es.find((n) => n.label === 'correlator')?.rfc).toBe('RFC 5267 §3.2');
  });

  it('the capabilities SORT, SORT=DISPLAY, THREAD=… and ESORT', () => {
    const caps = flat(ex(/^\* CAPABILITY/).nodes);
    for (const c of ['SORT', 'SORT=DISPLAY', 'THREAD=REFERENCES', 'THREAD=ORDEREDSUBJECT', 'THREAD=REFS', 'ESORT']) {
      expect(caps.find((n) => n.raw === c)?.text, c).not.toBe('An extension.');
    }
  });
});
