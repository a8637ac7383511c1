import { describe, expect, it } from 'vitest';
import { engineTranscript, findEntry } from './engine-transcript';
import { explain, type Node } from '../../web/inspector/explain';

/**
 * The inspector explains what ESEARCH (RFC 4731), SEARCHRES (RFC 5182), WITHIN (RFC 5032)
 * and CONTEXT=SEARCH (RFC 5267) add to SEARCH, on lines from the engine's own IMAP4rev1 host.
 */
const flat = (nodes: Node[]): Node[] => nodes.flatMap((x) => [x, ...flat(x.children ?? [])]);

describe('search extensions in the inspector (IMAP4rev1)', () => {
  const { engine, entries } = engineTranscript('imap.north.example', {}, [
    'a1 LOGIN alice wonderland',
    'a2 CAPABILITY',
    'a3 SELECT INBOX',
    'a4 SEARCH RETURN (MIN COUNT SAVE) YOUNGER 600',
    'a5 SEARCH RETURN (PARTIAL 1:3) OLDER 3600',
    'a6 SEARCH RETURN (UPDATE) UNSEEN',
    'a7 STORE 1 -FLAGS (\\Seen)',
    'a8 FETCH $ FLAGS',
    'a9 CANCELUPDATE "a6"',
  ]);
  const info = engine.dialectInfo().find((d) => d.name === 'imap4rev1');
  const ex = (re: RegExp) => explain(entries, findEntry(entries, re), info, 'imap4rev1');

  it('names the four capabilities with their RFCs', () => {
    const caps = flat(ex(/^\* CAPABILITY /).nodes);
    for (const [cap, rfc] of [['ESEARCH', 'RFC 4731'], ['SEARCHRES', 'RFC 5182'], ['WITHIN', 'RFC 5032'], ['CONTEXT=SEARCH', 'RFC 5267']]) {
      expect(caps.find((n) => n.raw === cap)?.text, cap).toContain(rfc);
    }
  });

  it('explains RETURN and each option, and OLDER/YOUNGER with their interval', () => {
    const a4 = flat(ex(/^a4 SEARCH/).nodes);
    expect(a4.find((n) => n.label === 'RETURN')?.rfc).toBe('RFC 4731 §3.1');
    expect(a4.filter((n) => n.label === 'return option').map((n) => n.rfc)).toEqual(['RFC 4731 §3.1', 'RFC 4731 §3.1', 'RFC 5182 §2']);
    expect(a4.find((n) => n.raw === 'YOUNGER')?.rfc).toBe('RFC 5032 §3');
    expect(a4.find((n) => n.label === 'interval')?.raw).toBe('600');
    const a5 = flat(ex(/^a5 SEARCH/).nodes);
    expect(a5.find((n) => n.label === 'range')?.rfc).toBe('RFC 5267 §4.4');
  });

  it('explains PARTIAL and the ADDTO of a search kept updating in the ESEARCH responses', () => {
    const partial = flat(ex(/^\* ESEARCH \(TAG "a5"\) PARTIAL/).nodes);
    expect(partial.find((n) => n.raw === 'PARTIAL')?.rfc).toBe('RFC 5267 §4.4');
    expect(partial.find((n) => n.label === 'messages')?.text).toMatch(/#1/);
    const addto = flat(ex(/^\* ESEARCH \(TAG "a6"\) ADDTO/).nodes);
    expect(addto.find((n) => n.label === 'update')?.rfc).toBe('RFC 5267 §4.3.3');
    expect(addto.find((n) => n.label.startsWith('position'))?.raw).toBe('0');
  });

  it('explains $ and CANCELUPDATE', () => {
    expect(flat(ex(/^a8 FETCH/).nodes).find((n) => n.raw === '$')?.text).toMatch(/SAVE/);
    const cancel = ex(/^a9 CANCELUPDATE/);
    expect(cancel.rfc).toBe('RFC 5267 §4.3.5');
    expect(flat(cancel.nodes).find((n) => n.label === 'search tag')?.raw).toBe('"a6"');
  });
});

describe('NOTIFY in the inspector (IMAP4rev1)', () => {
  const { engine, entries } = engineTranscript('imap.north.example', {}, [
    'a1 LOGIN alice wonderland',
    'a2 NOTIFY SET STATUS (SELECTED (MessageNew (UID) MessageExpunge)) (MAILBOXES (Work) (MessageNew MessageExpunge MailboxName))',
    'a3 NOTIFY SET (PERSONAL (MailboxMetadataChange))',
    'a4 NOTIFY SET (PERSONAL (MailboxName))',
    'a5 CREATE Fresh',
    'a6 RENAME Fresh Fresher',
    'a7 NOOP',
    'a8 CAPABILITY',
  ]);
  const info = engine.dialectInfo().find((d) => d.name === 'imap4rev1');
  const ex = (re: RegExp) => explain(entries, findEntry(entries, re), info, 'imap4rev1');

  it('explains the filters and events with RFC 5465', () => {
    const a2 = ex(/^a2 NOTIFY/);
    expect(a2.rfc).toBe('RFC 5465 §3.1');
    const nodes = flat(a2.nodes);
    expect(nodes.find((n) => n.raw === 'STATUS')?.rfc).toBe('RFC 5465 §3.1');
    expect(nodes.find((n) => n.raw === 'SELECTED')?.rfc).toBe('RFC 5465 §6.1');
    expect(nodes.find((n) => n.raw === 'MAILBOXES')?.rfc).toBe('RFC 5465 §6.6');
    expect(nodes.find((n) => n.raw === 'MessageNew')?.rfc).toBe('RFC 5465 §5.2');
    expect(nodes.find((n) => n.raw === 'MailboxName')?.rfc).toBe('RFC 5465 §5.4');
    expect(nodes.some((n) => n.label === 'FETCH items for each new message')).toBe(true);
  });

  it('explains BADEVENT, the pushed STATUS and the OLDNAME of a renamed mailbox', () => {
    expect(flat(ex(/^a3 NO \[/).nodes).find((n) => n.label === 'response code')?.rfc).toBe('RFC 5465 §3.1');
    const renamed = flat(ex(/^\* LIST \(\) "\/" Fresher/).nodes);
    expect(renamed.find((n) => n.label === 'extended data')?.rfc).toMatch(/RFC 5465 §5\.4/);
    expect(flat(ex(/^\* CAPABILITY /).nodes).find((n) => n.raw === 'NOTIFY')?.text).toContain('RFC 5465');
  });
});
