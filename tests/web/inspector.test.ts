import { describe, expect, it } from 'vitest';
import { engineTranscript, findEntry } from './engine-transcript';
import type { Entry } from '../../web/terminal/session';
import { explain, type Node } from '../../web/inspector/explain';
import { explainImsp } from '../../web/inspector/imsp';

/**
 * The inspector against real transcripts: each dialect and IMSP mode is driven through the
 * engine, and every line it sends must be explained with that dialect's references.
 */

const enc = new TextEncoder();
const dec = new TextDecoder();

const flat = (nodes: Node[]): Node[] => nodes.flatMap((x) => [x, ...flat(x.children ?? [])]);
const find = findEntry;

describe('IMAP explanations follow the connection’s dialect', () => {
  it('IMAP2: * MAILBOX, untagged COPY and informal [READ-WRITE] come from RFC 1176', () => {
    const { engine, entries } = engineTranscript('imap.south.example', { dialect: 'imap2' }, ['a1 LOGIN alice wonderland', 'a2 FIND MAILBOXES *', 'a3 SELECT INBOX', 'a4 COPY 1 Archive']);
    const info = engine.dialectInfo().find((d) => d.name === 'imap2');
    const mb = explain(entries, find(entries, /^\* MAILBOX /), info, 'imap2');
    expect(mb.summary).toBe('Untagged MAILBOX');
    expect(mb.rfc).toMatch(/RFC 1176/);
    expect(mb.dialect).toMatch(/IMAP2/);
    const sel = explain(entries, find(entries, /^a3 OK \[READ-WRITE\]/), info, 'imap2');
    expect(flat(sel.nodes).find((x) => x.label === 'response code')?.text).toMatch(/custom/);
    const copy = entries.find((x) => /^\* 1 COPY/.test(dec.decode(x.bytes)));
    if (copy) expect(explain(entries, copy, info, 'imap2').rfc).toMatch(/RFC 1176/);
    // A command IMAP2 lacks is named as such.
    const cap = explain([{ n: 1, dir: 'C', bytes: enc.encode('a9 CAPABILITY\r\n'), time: 0, cmd: 1 }], { n: 1, dir: 'C', bytes: enc.encode('a9 CAPABILITY\r\n'), time: 0, cmd: 1 }, info, 'imap2');
    expect(flat(cap.nodes).find((x) => x.label === 'command')?.text).toMatch(/no CAPABILITY/);
  });

  it('IMAP4rev2: SEARCH answers * ESEARCH, explained item by item from RFC 9051', () => {
    const { engine, entries } = engineTranscript('imap.north.example', { dialect: 'imap4rev2' }, ['a1 LOGIN alice wonderland', 'a2 SELECT INBOX', 'a3 SEARCH RETURN (MIN COUNT) ALL']);
    const info = engine.dialectInfo().find((d) => d.name === 'imap4rev2');
    const es = explain(entries, find(entries, /^\* ESEARCH/), info, 'imap4rev2');
    expect(es.rfc).toBe('RFC 9051 §7.3.4');
    const labels = flat(es.nodes).map((x) => x.label);
    expect(labels).toContain('correlator');
    expect(labels).toContain('result item');
    const list = explain(entries, find(entries, /^\* LIST /), info, 'imap4rev2');
    expect(list.rfc).toBe('RFC 9051 §7.3.1');
  });

  it('IMAP3 after SELECT.VERSION: tagged solicited data is explained as such', () => {
    const { engine, entries } = engineTranscript('imap.south.example', { dialect: 'imap3' }, ['a1 LOGIN alice wonderland', 'a2 SELECT.VERSION (3 0)', 'a3 SELECT INBOX']);
    const info = engine.dialectInfo().find((d) => d.name === 'imap3');
    const tagged = entries.find((x) => x.dir === 'S' && /^a3 \d+ EXISTS/.test(dec.decode(x.bytes)));
    if (!tagged) throw new Error(entries.map((x) => dec.decode(x.bytes)).join(''));
    const ex = explain(entries, tagged, info, 'imap3');
    expect(ex.nodes[0].label).toBe('tag (solicited data)');
    expect(ex.nodes[0].rfc).toMatch(/RFC 1203/);
  });
});

describe('FETCH item names', () => {
  it('a section item (BODY[], BODY[HEADER.FIELDS (…)], BINARY[1]) is explained as content, not as the BODY structure item', () => {
    const { engine, entries } = engineTranscript('imap.north.example', { dialect: 'imap4rev1' }, [
      'a1 LOGIN alice wonderland',
      'a2 SELECT INBOX',
      'a3 FETCH 1 (BODY BODY[] BODY.PEEK[HEADER.FIELDS (SUBJECT)] BINARY.PEEK[1] BINARY.SIZE[1])',
    ]);
    const info = engine.dialectInfo().find((d) => d.name === 'imap4rev1');
    const fetched = explain(entries, find(entries, /^\* 1 FETCH/), info, 'imap4rev1');
    const names = flat(fetched.nodes).filter((x) => x.label === 'item name');
    const text = (re: RegExp) => names.find((x) => re.test(x.raw ?? ''))?.text ?? '';
    expect(text(/^BODY$/)).toMatch(/short form of BODYSTRUCTURE/);
    for (const item of [/^BODY\[\]$/, /^BODY\[HEADER\.FIELDS/, /^BINARY\[1\]$/]) {
      expect(text(item), String(item)).not.toMatch(/BODYSTRUCTURE/);
      expect(text(item), String(item)).toMatch(/section|part/i);
    }
    expect(text(/^BINARY\.SIZE/)).toMatch(/How many octets/);
    // In the command too: BODY.PEEK[…] is a section, not the structure.
    const cmd = explain(entries, find(entries, /^a3 FETCH/), info, 'imap4rev1');
    const peek = flat(cmd.nodes).find((x) => /^BODY\.PEEK\[HEADER/.test(x.raw ?? ''));
    expect(peek?.text ?? '').not.toMatch(/BODYSTRUCTURE/);
  });
});

describe('IMSP explanations', () => {
  it('cyrus-1.8: OPTION with [READ-WRITE], the tagged completion, the mailbox refusal', async () => {
    const { engine, entries } = engineTranscript('imsp.example', { dialect: 'cyrus-1.8' }, ['a1 LOGIN alice wonderland', 'a2 SET x.t blue', 'a3 GET x.t', 'a4 LIST "" *', 'a5 FETCHADDRESS alice "Mad Hatter"', 'a6 GETACL ADDRESSBOOK alice.friends']);
    const info = (await engine.imspModes()).find((m) => m.mode === 'cyrus-1.8');
    const opt = explainImsp(entries, find(entries, /^\* OPTION x\.t/), 'cyrus-1.8', info);
    expect(opt.summary).toBe('Untagged OPTION');
    expect(opt.rfc).toMatch(/IMSP §4\.6/);
    expect(flat(opt.nodes).find((x) => x.label === 'response code')?.text).toMatch(/You may SET/);
    expect(opt.reconstructed).toBeUndefined();
    const done = explainImsp(entries, find(entries, /^a2 OK/), 'cyrus-1.8', info);
    expect(done.summary).toBe('SET a2 completed: OK');
    const refused = explainImsp(entries, find(entries, /^a4 NO/), 'cyrus-1.8', info);
    expect(flat(refused.nodes).find((x) => x.label === 'text')?.text).toMatch(/removed the mailbox layer/);
    const fa = explainImsp(entries, find(entries, /^\* FETCHADDRESS/), 'cyrus-1.8', info);
    expect(flat(fa.nodes).map((x) => x.label)).toEqual(expect.arrayContaining(['address book', 'entry', 'field', 'value']));
    const acl = explainImsp(entries, find(entries, /^\* ACL /), 'cyrus-1.8', info);
    expect(flat(acl.nodes).find((x) => x.label === 'rights')?.text).toMatch(/lookup/);
    const cmd = explainImsp(entries, find(entries, /^a2 SET/), 'cyrus-1.8', info);
    expect(cmd.syntax).toBe('SET option value');
  });

  it('draft-1995: LIST with locations is marked reconstructed and points at the location table', async () => {
    const { engine, entries } = engineTranscript('imsp.example', { dialect: 'draft-1995' }, ['a1 LOGIN alice wonderland', 'a2 CREATE Plans imap.south.example', 'a3 LIST "" *', 'a4 LOCK OPTION x.lab.color', 'a5 LOCK OPTION x.lab.color']);
    const info = (await engine.imspModes()).find((m) => m.mode === 'draft-1995');
    const list = explainImsp(entries, find(entries, /^\* LIST .*Plans/), 'draft-1995', info);
    expect(list.reconstructed).toMatch(/Reconstructed/);
    const loc = flat(list.nodes).find((x) => x.label === 'locations');
    expect(loc?.rfc).toMatch(/IMSP §11/);
    expect(loc?.text).toMatch(/imap\.south\.example holds it/);
    const greet = explainImsp(entries, find(entries, /^\* OK IMSP server ready/), 'draft-1995', info);
    expect(greet.summary).toBe('Greeting');
    const locked = explainImsp(entries, find(entries, /^a5 NO \[LOCKED\]/), 'draft-1995', info);
    expect(flat(locked.nodes).find((x) => x.label === 'response code')?.rfc).toMatch(/§4\.20/);
  });

  it('malformed or hostile lines never throw', () => {
    const info = undefined;
    for (const raw of ['', '*', '+', '* OPTION', 'a1', '* FETCHADDRESS {5}\r\nab', 'a1 Failed to create new address booka2 OK noop completed', '* LIST (((', '\x1b[31m * ACL']) {
      const e: Entry = { n: 1, dir: 'S', bytes: enc.encode(raw), time: 0 };
      expect(() => explainImsp([e], e, 'cyrus-1.8', info)).not.toThrow();
      expect(() => explain([e], e, undefined, 'imap2')).not.toThrow();
    }
  });
});
