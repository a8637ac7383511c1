import { describe, expect, it } from 'vitest';
import { MailNetwork } from '../../worker/network';
import { scenarioStore } from '../../worker/node/engine';

/**
 * What a server writes while it handles one chunk of client input reaches the peer in one piece
 * (one socket write, one message to the page), and nothing written before a close is lost.
 */
const enc = new TextEncoder();
const dec = new TextDecoder();

function open() {
  const store = scenarioStore('default');
  const net = new MailNetwork(store, [{ name: 'imap', protocol: 'imap', dialect: 'imap4rev1', port: 143 }]);
  const outputs: string[] = [];
  const events: string[] = [];
  const conn = net.connect('imap', {
    output: (b) => (outputs.push(dec.decode(b)), events.push('output')),
    closed: () => events.push('closed'),
  });
  return { store, conn, outputs, events, send: (s: string) => conn.write(enc.encode(s)) };
}

describe('output of one input chunk', () => {
  it('FETCH 1:* answers every message in one output', () => {
    const c = open();
    c.send('a LOGIN alice wonderland\r\nb SELECT INBOX\r\n');
    c.outputs.length = 0;
    c.send('c FETCH 1:* (FLAGS ENVELOPE)\r\n');
    expect(c.outputs).toHaveLength(1);
    const lines = c.outputs[0].split('\r\n').filter((l) => / FETCH /.test(l));
    expect(lines.length).toBeGreaterThan(5);
    expect(c.outputs[0]).toMatch(/c OK Fetch completed/);
  });

  it('pipelined commands in one chunk come back in one output, in order', () => {
    const c = open();
    c.send('a LOGIN alice wonderland\r\nb NOOP\r\nc CAPABILITY\r\n');
    const out = c.outputs.slice(1).join('');
    expect(c.outputs.length).toBe(2); // the greeting, then everything else
    expect(out.indexOf('a OK')).toBeLessThan(out.indexOf('b OK'));
    expect(out.indexOf('b OK')).toBeLessThan(out.indexOf('c OK'));
  });

  it('LOGOUT: BYE and the tagged OK are handed on before the connection closes', () => {
    const c = open();
    c.send('a LOGIN alice wonderland\r\nz LOGOUT\r\n');
    expect(c.events.at(-1)).toBe('closed');
    expect(c.outputs.join('')).toMatch(/\* BYE [^\r]*\r\nz OK/);
  });

  it('output that no input caused (another session’s change) is not held back', () => {
    const a = open();
    a.send('a LOGIN alice wonderland\r\nb SELECT INBOX\r\nc IDLE\r\n');
    a.outputs.length = 0;
    // Another connection on the same store appends: the IDLE push must arrive by itself.
    const store = a.store;
    const inbox = store.mailbox(store.account('alice')!, 'INBOX')!;
    store.append(inbox, enc.encode('Subject: new\r\n\r\nhi\r\n'), [], Date.now(), 0);
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        expect(a.outputs.join('')).toMatch(/\* \d+ EXISTS/);
        resolve();
      }, 400),
    );
  });

  it('a peer that answers from inside output() (the literal after +) still gets every reply', () => {
    const store = scenarioStore('default');
    const net = new MailNetwork(store, [{ name: 'imap', protocol: 'imap', dialect: 'imap4rev1', port: 143 }]);
    let out = '';
    let literal: string | null = null;
    const conn = net.connect('imap', {
      output: (b) => {
        const s = dec.decode(b);
        out += s;
        if (literal && s.startsWith('+')) {
          const l = literal;
          literal = null;
          conn.write(enc.encode(l));
        }
      },
      closed: () => {},
    });
    conn.write(enc.encode('l LOGIN alice wonderland\r\n'));
    literal = 'hello\r\n';
    conn.write(enc.encode('a APPEND INBOX {5}\r\n'));
    conn.write(enc.encode('b NOOP\r\n'));
    expect(out).toMatch(/a OK \[APPENDUID \d+ \d+\] Append completed/);
    expect(out.indexOf('a OK')).toBeLessThan(out.indexOf('b OK'));
  });
});
