import { describe, expect, it } from 'vitest';
import { engineTranscript, findEntry } from './engine-transcript';
import type { Entry } from '../../web/terminal/session';
import { explainPop3 } from '../../web/inspector/pop3';

const enc = new TextEncoder();

/** The inspector takes a POP3 session on pop.example apart line by line. */

const transcript = (lines: string[]) => engineTranscript('pop.example', { literals: false }, lines).entries;

const find = (entries: Entry[], re: RegExp) => {
  return explainPop3(entries, findEntry(entries, re));
};

describe('POP3 in the inspector', () => {
  const entries = transcript(['CAPA', 'AUTH PLAIN', 'AGFsaWNlAHdvbmRlcmxhbmQ=', 'LIST', 'UIDL 2', 'TOP 1 0', 'DELE 1', 'QUIT']);

  it('explains commands with their RFC and arguments', () => {
    const top = find(entries, /^TOP 1 0/);
    expect(top.rfc).toBe('RFC 1939 §7');
    expect(top.nodes.map((n) => n.label)).toEqual(['command', 'msg', 'n']);
    expect(find(entries, /^DELE 1/).summary).toMatch(/UPDATE/);
  });

  it('decodes the SASL response and warns that base64 is not encryption', () => {
    const r = find(entries, /^AGFsaWNl/);
    expect(r.rfc).toBe('RFC 5034 §4');
    expect(r.nodes[0].text).toContain('alice');
    expect(r.warning).toMatch(/not encryption/);
  });

  it('status lines say which command they answer; list lines and capabilities are named', () => {
    expect(find(entries, /^\+OK 14 messages:/).summary).toBe('Success of LIST; lines follow, up to a line with a single ".".');
    expect(find(entries, /^PIPELINING/).summary).toMatch(/RFC 2449|several commands/);
    expect(find(entries, /^9 5250/).nodes.map((n) => n.label)).toEqual(['msg', 'size']);
    expect(find(entries, /^\+OK 2 000000026553f101/).summary).toBe('Success of UIDL.');
    expect(find(entries, /^\+OK Mail Protocol Playground/).summary).toMatch(/greeting/);
  });

  it('a response code is explained', () => {
    const locked = transcript(['USER alice', 'PASS wonderland']);
    // A second session on the same engine would be locked out; here the code table is asked directly.
    const e: Entry = { n: 99, dir: 'S', bytes: enc.encode('-ERR [IN-USE] Mailbox is locked by another POP3 session.\r\n'), time: 0 };
    const r = explainPop3([...locked, e], e);
    expect(r.nodes.find((n) => n.label === 'response code')?.rfc).toBe('RFC 2449 §8.1.1');
  });
});
