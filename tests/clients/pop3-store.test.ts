import { describe, expect, it } from 'vitest';
import { MailNetwork } from '../../worker/network';
import { scenarioStore } from '../../worker/node/engine';

/**
 * POP3 and IMAP on the one store (in the engine, as the site runs it): what one changes the
 * other sees. The flag and expunge behaviour checked here was measured on Dovecot 2.3.
 */
function network() {
  return new MailNetwork(scenarioStore('default'), [
    { name: 'imap', protocol: 'imap', dialect: 'imap4rev1', port: 143 },
    { name: 'pop', protocol: 'pop3', dialect: 'rfc1939', port: 110 },
  ]);
}

/** A connection whose `say` returns what the server answered to that input. */
function open(net: MailNetwork, host: string) {
  let out = '';
  let closed = false;
  const conn = net.connect(host, {
    output: (b) => (out += Buffer.from(b).toString('latin1')),
    closed: () => (closed = true),
  });
  return {
    say(line: string): string {
      out = '';
      conn.write(new TextEncoder().encode(line + '\r\n'));
      return out;
    },
    get closed() {
      return closed;
    },
    close: () => conn.close(),
  };
}

function popLogin(net: MailNetwork) {
  const p = open(net, 'pop');
  p.say('USER alice');
  expect(p.say('PASS wonderland')).toBe('+OK Logged in.\r\n');
  return p;
}

describe('POP3 and IMAP share the INBOX', () => {
  it('DELE then QUIT expunges: a selected IMAP session is told at once', () => {
    const net = network();
    const imap = open(net, 'imap');
    imap.say('a LOGIN alice wonderland');
    expect(imap.say('b SELECT INBOX')).toContain('* 14 EXISTS');
    const pop = popLogin(net);
    pop.say('DELE 2');
    expect(imap.say('c NOOP')).not.toContain('EXPUNGE');
    expect(pop.say('QUIT')).toBe('+OK Logging out, messages deleted.\r\n');
    expect(pop.closed).toBe(true);
    expect(imap.say('d NOOP')).toContain('* 2 EXPUNGE\r\n');
    expect(imap.say('e UID SEARCH UID 2')).toContain('* SEARCH\r\n');
  });

  it('RETR sets \\Seen at QUIT, TOP does not, and RSET forgets a RETR', () => {
    const net = network();
    let pop = popLogin(net);
    pop.say('RETR 3');
    pop.say('TOP 9 0');
    pop.say('RETR 6');
    pop.say('RSET');
    pop.say('RETR 11');
    pop.say('QUIT');
    const imap = open(net, 'imap');
    imap.say('a LOGIN alice wonderland');
    imap.say('b EXAMINE INBOX');
    const flags = imap.say('c FETCH 3,6,9,11 (FLAGS)');
    expect(flags).not.toMatch(/\* 3 FETCH \(FLAGS \([^)]*\\Seen/);
    expect(flags).toMatch(/\* 11 FETCH \(FLAGS \([^)]*\\Seen/);
    expect(flags).not.toMatch(/\* 6 FETCH \(FLAGS \([^)]*\\Seen/);
    expect(flags).not.toMatch(/\* 9 FETCH \(FLAGS \([^)]*\\Seen/);
    // A session that ends without QUIT changes nothing.
    pop = popLogin(net);
    pop.say('RETR 6');
    pop.say('DELE 7');
    pop.close();
    expect(imap.say('d FETCH 6 (FLAGS)')).not.toContain('\\Seen');
    expect(imap.say('e STATUS INBOX (MESSAGES)')).toContain('MESSAGES 14');
  });

  it('a message IMAP expunges during a POP3 session keeps its number but cannot be read', () => {
    const net = network();
    const pop = popLogin(net);
    const imap = open(net, 'imap');
    imap.say('a LOGIN alice wonderland');
    imap.say('b SELECT INBOX');
    imap.say('c STORE 1 +FLAGS (\\Deleted)');
    expect(imap.say('d EXPUNGE')).toContain('* 1 EXPUNGE'); // and the fixture's \Deleted message 10
    expect(pop.say('RETR 1')).toBe('-ERR Message 1 expunged.\r\n');
    expect(pop.say('TOP 1 0')).toBe('-ERR Message 1 expunged.\r\n');
    // Dovecot's STAT still counts them (measured: the maildrop as at login).
    expect(pop.say('STAT')).toBe('+OK 14 12474\r\n');
    expect(pop.say('LIST 1')).toBe('+OK 1 388\r\n');
    expect(pop.say('UIDL 1')).toBe('+OK 1 000000016553f101\r\n');
    expect(pop.say('LIST 2')).toBe('+OK 2 412\r\n');
    pop.say('DELE 1');
    expect(pop.say('QUIT')).toBe('+OK Logging out, messages deleted.\r\n');
  });
});

describe('POP3 flow control', () => {
  it('pipelined RETRs wait while the client is behind in reading, and run when it drains', () => {
    const net = network();
    let out = '';
    let behind = false;
    let paused = 0;
    const conn = net.connect('pop', {
      output: (b) => (out += Buffer.from(b).toString('latin1')),
      closed: () => {},
      congested: () => behind,
      pauseInput: () => paused++,
      resumeInput: () => {},
    });
    conn.write(new TextEncoder().encode('USER alice\r\nPASS wonderland\r\n'));
    behind = true;
    conn.write(new TextEncoder().encode('RETR 9\r\nRETR 9\r\nRETR 9\r\nSTAT\r\n'));
    expect(out.match(/^\+OK 5250 octets/gm) ?? []).toHaveLength(0);
    expect(paused).toBe(1);
    behind = false;
    conn.drained();
    expect(out.match(/^\+OK 5250 octets/gm) ?? []).toHaveLength(3);
    expect(out).toMatch(/\+OK 14 12474\r\n$/);
  });
});
