import { describe, expect, it } from 'vitest';
import { engineTranscript, findEntry } from './engine-transcript';
import { explain, type Node } from '../../web/inspector/explain';

/**
 * The inspector on BINARY (RFC 3516), MULTIAPPEND (RFC 3502), CATENATE (RFC 4469), LIST-STATUS
 * (RFC 5819) and STATUS=SIZE (RFC 8438), on lines typed through the page's engine.
 */
const flat = (nodes: Node[]): Node[] => nodes.flatMap((x) => [x, ...flat(x.children ?? [])]);

describe('inspector: BINARY, MULTIAPPEND, CATENATE, LIST-STATUS, STATUS=SIZE (IMAP4rev1)', () => {
  const { engine, entries } = engineTranscript('imap.north.example', { dialect: 'imap4rev1' }, [
    'a1 LOGIN alice wonderland',
    'a2 CAPABILITY',
    'a3 APPEND Sent CATENATE (TEXT {12+}\r\nSubject: x\r\n URL "/INBOX;UIDVALIDITY=1700000001/;UID=1/;SECTION=TEXT") ~{9+}\r\nSubject:\r\n',
    'a4 APPEND Sent CATENATE (URL "/INBOX/;UID=999")',
    'a5 LIST "" "Work*" RETURN (STATUS (MESSAGES SIZE))',
    'a6 SELECT INBOX',
    'a7 FETCH 4 (BINARY.SIZE[2] BINARY.PEEK[2]<0.8>)',
  ]);
  const info = engine.dialectInfo().find((d) => d.name === 'imap4rev1');
  const ex = (re: RegExp) => explain(entries, findEntry(entries, re), info, 'imap4rev1');

  it('names the new capabilities with their RFCs', () => {
    const caps = flat(ex(/^\* CAPABILITY/).nodes).filter((n) => n.label === 'capability');
    const text = (c: string) => caps.find((n) => n.raw === c)?.text ?? '';
    expect(text('BINARY')).toMatch(/RFC 3516/);
    expect(text('MULTIAPPEND')).toMatch(/RFC 3502/);
    expect(text('CATENATE')).toMatch(/RFC 4469/);
    expect(text('URL-PARTIAL')).toMatch(/RFC 5550/);
    expect(text('LIST-STATUS')).toMatch(/RFC 5819/);
    expect(text('STATUS=SIZE')).toMatch(/RFC 8438/);
  });

  it('takes an APPEND apart message by message: CATENATE parts, the URL in words, a literal8', () => {
    const nodes = flat(ex(/^a3 APPEND/).nodes);
    expect(nodes.find((n) => n.label === 'CATENATE (message 1)')?.rfc).toBe('RFC 4469 §5');
    expect(nodes.find((n) => n.label === 'IMAP URL')?.text).toBe('Message UID 1 in INBOX (only while its UIDVALIDITY is 1700000001): section TEXT.');
    expect(nodes.find((n) => n.label === 'message (message 2)')?.text).toMatch(/literal8 ~\{9\}.*NUL.*RFC 3516/);
    expect(nodes.find((n) => n.label === 'message (message 2)')?.text).toMatch(/MULTIAPPEND.*RFC 3502/);
  });

  it('explains [BADURL] and LIST … RETURN (STATUS (…))', () => {
    const bad = flat(ex(/^a4 NO \[BADURL/).nodes).find((n) => n.label === 'response code');
    expect(bad?.rfc).toBe('RFC 4469 §6');
    const list = flat(ex(/^a5 LIST/).nodes);
    expect(list.find((n) => n.label === 'return options')?.rfc).toBe('RFC 5258 §3.2');
    expect(list.find((n) => n.label === 'return option' && n.raw === 'STATUS')?.rfc).toBe('RFC 5819 §2');
    expect(list.find((n) => n.label === 'counter' && n.raw === 'SIZE')?.rfc).toBe('RFC 8438 §3');
  });

  it('explains BINARY.SIZE and a literal8 BINARY answer', () => {
    const f = flat(ex(/^a7 FETCH/).nodes);
    expect(f.find((n) => /^BINARY\.SIZE/.test(n.raw))?.rfc).toBe('RFC 3516 §4.1');
    const resp = flat(ex(/^\* 4 FETCH \(BINARY\.SIZE/).nodes);
    expect(resp.find((n) => n.raw.startsWith('BINARY[2]'))?.rfc).toBe('RFC 3516 §4.1');
  });
});
