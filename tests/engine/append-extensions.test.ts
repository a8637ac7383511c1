import { describe, expect, it } from 'vitest';
import { MAX_APPEND_PARTS, MAX_APPEND_SIZE, MAX_LITERAL_SIZE } from '../../worker/limits';
import { loggedIn, network } from './helpers';

/** `a APPEND Sent {n}` with the message, for TestClient.raw (LITERAL+ so no round trip). */
const lit = (text: string) => `{${Buffer.byteLength(text, 'latin1')}+}\r\n${text}`;
const messages = (c: ReturnType<typeof loggedIn>, box = 'Sent') => Number(/MESSAGES (\d+)/.exec(c.cmd(`s STATUS ${box} (MESSAGES)`))![1]);

describe('MULTIAPPEND (RFC 3502)', () => {
  it('§3: one APPEND carries several messages, each with its own flags and date; APPENDUID names them all (RFC 4315)', () => {
    const c = loggedIn();
    const out = c.raw(`a APPEND Sent (\\Seen) "10-Mar-2024 10:00:00 +0000" ${lit('Subject: one\r\n\r\n1\r\n')} (\\Flagged) ${lit('Subject: two\r\n\r\n2\r\n')}\r\n`);
    expect(out).toMatch(/^a OK \[APPENDUID \d+ 1:2\]/m);
    c.cmd('e EXAMINE Sent');
    expect(c.cmd('f FETCH 1:2 (FLAGS INTERNALDATE)')).toContain('* 2 FETCH (FLAGS (\\Flagged \\Recent) INTERNALDATE');
  });

  it('§3: "If the server fails to append any message, it MUST NOT append any": a bad date, flag or a junk argument in a later message', () => {
    const c = loggedIn();
    for (const tail of ['"99-Foo-2024 10:00:00 +0000" ' + lit('x\r\n'), '(\\Bogus) ' + lit('x\r\n'), 'junk']) {
      expect(c.raw(`a APPEND Sent ${lit('Subject: kept?\r\n\r\nno\r\n')} ${tail}\r\n`)).toMatch(/^a BAD /m);
    }
    expect(c.raw(`b APPEND Sent ${lit('Subject: kept?\r\n\r\nno\r\n')} {0}\r\n\r\n`)).toMatch(/^b NO /m);
    expect(messages(c)).toBe(0);
  });

  it('the check before each literal does not re-read what was uploaded: 500 synchronising literals of 32 KiB stay fast', () => {
    const c = loggedIn();
    const body = `Subject: x\r\n\r\n${'y'.repeat(32 * 1024)}\r\n`;
    const t0 = performance.now();
    let out = c.raw('a APPEND Sent');
    for (let i = 0; i < 500; i++) out += c.raw(` {${body.length}}\r\n`) + c.raw(body);
    out += c.raw('\r\n');
    // Linear work is well under a second; re-reading the command per literal would be ~4 GB.
    expect(performance.now() - t0).toBeLessThan(8000);
    expect(out.match(/^\+ OK/gm)?.length).toBe(500);
    expect(out).toMatch(/^a OK \[APPENDUID \d+ 1:500\]/m);
  });

  it('is not offered before IMAP4rev1: IMAP4 takes one message', () => {
    const c = loggedIn(network('imap4'));
    expect(c.cmd('c CAPABILITY')).not.toContain('MULTIAPPEND');
    expect(c.raw(`a APPEND Sent ${lit('Subject: a\r\n\r\n1\r\n')} ${lit('Subject: b\r\n\r\n2\r\n')}\r\n`)).toMatch(/^a BAD /m);
  });
});

describe('CATENATE (RFC 4469)', () => {
  it('§3: builds the message from TEXT parts and URLs of message parts on this server', () => {
    const c = loggedIn();
    expect(c.raw(`a APPEND Sent CATENATE (TEXT ${lit('Subject: built\r\n\r\n')} URL "/INBOX/;UID=1/;SECTION=TEXT")\r\n`)).toMatch(/^a OK \[APPENDUID \d+ 1\]/m);
    c.cmd('e EXAMINE Sent');
    expect(c.cmd('f FETCH 1 BODY[]')).toContain('Subject: built\r\n\r\nHi Alice,');
  });

  it('§5: a URL that cannot be resolved fails the whole APPEND with NO [BADURL url], before more literals are uploaded', () => {
    const c = loggedIn();
    // Synchronising literal after the bad URL: refused instead of "+".
    const out = c.raw('a APPEND Sent CATENATE (URL "/INBOX/;UID=999" TEXT {5}\r\n');
    expect(out).toBe('a NO [BADURL /INBOX/;UID=999] Message not found\r\n');
    expect(c.cmd('b APPEND Sent CATENATE (URL "/Nowhere/;UID=1")')).toMatch(/^b NO \[BADURL \/Nowhere\/;UID=1\] /);
    expect(c.cmd('c APPEND Sent CATENATE (URL "/INBOX;UIDVALIDITY=1/;UID=1")')).toMatch(/^c NO \[BADURL .*\] Invalid UIDVALIDITY/);
    // MULTIAPPEND and CATENATE: the first message is not kept either.
    expect(c.cmd('d APPEND Sent CATENATE (URL "/INBOX/;UID=1") CATENATE (URL "/INBOX/;UID=998")')).toMatch(/^d NO \[BADURL /);
    expect(messages(c)).toBe(0);
  });

  it('a missing target mailbox is [TRYCREATE] before any URL is looked at', () => {
    const c = loggedIn();
    expect(c.cmd('a APPEND Nowhere CATENATE (URL "/INBOX/;UID=999")')).toMatch(/^a NO \[TRYCREATE\]/);
  });

  it('§5 [TOOBIG]: a message over MAX_LITERAL_SIZE, or an APPEND over MAX_APPEND_SIZE, built from URLs', () => {
    const net = network();
    const c = loggedIn(net);
    const mib = 'x'.repeat(1024 * 1024 - 2) + '\r\n';
    const big = `Subject: big\r\n\r\n${mib.repeat(8)}`;
    expect(c.raw(`a APPEND Trash ${lit(big)}\r\n`)).toMatch(/^a OK/m);
    const urls = (n: number) => Array.from({ length: n }, () => 'URL "/Trash/;UID=1"').join(' ');
    const perMessage = Math.ceil(MAX_LITERAL_SIZE / big.length) + 1;
    expect(c.cmd(`b APPEND Sent CATENATE (${urls(perMessage)})`)).toMatch(/^b NO \[TOOBIG\]/);
    const half = Math.floor(MAX_LITERAL_SIZE / big.length);
    const messagesNeeded = Math.ceil(MAX_APPEND_SIZE / (half * big.length)) + 1;
    expect(c.cmd(`c APPEND Sent ${Array.from({ length: messagesNeeded }, () => `CATENATE (${urls(half)})`).join(' ')}`)).toMatch(/^c NO \[TOOBIG\]/);
    expect(messages(c)).toBe(0);
  });

  it(`at most ${MAX_APPEND_PARTS} messages and parts in one APPEND: NO [LIMIT]`, () => {
    const c = loggedIn();
    const parts = Array.from({ length: MAX_APPEND_PARTS }, () => 'URL "/INBOX/;UID=1"').join(' ');
    expect(c.cmd(`a APPEND Sent CATENATE (${parts})`)).toMatch(/^a NO \[LIMIT\]/);
  });

  it('an empty CATENATE list, or a part that is neither TEXT nor URL, is BAD', () => {
    const c = loggedIn();
    expect(c.cmd('a APPEND Sent CATENATE ()')).toMatch(/^a BAD /);
    expect(c.cmd('b APPEND Sent CATENATE (FOO "x")')).toMatch(/^b BAD .*TEXT or URL/);
  });
});

describe('literal8 (RFC 3516 §4.4) and BINARY in IMAP4rev1', () => {
  it('APPEND takes ~{n} with NUL octets; BINARY gives them back as literal8, BODY[] as base64', () => {
    const c = loggedIn();
    const msg = 'Subject: b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\na\x00b\r\n';
    expect(c.raw(`a APPEND Sent ~{${msg.length}+}\r\n${msg}\r\n`)).toMatch(/^a OK/m);
    c.cmd('e EXAMINE Sent');
    expect(c.cmd('f FETCH 1 BINARY.PEEK[1]')).toContain('BINARY[1] ~{5}\r\na\x00b\r\n)');
    expect(c.cmd('g FETCH 1 BODY.PEEK[1]')).toContain('BODY[1] {8}\r\nYQBiDQo=)');
  });

  it('RFC 4469 §6: a CATENATE TEXT part may be a literal8; its binary part is stored like a literal8 message', () => {
    const c = loggedIn();
    const head = 'Subject: b\r\nContent-Transfer-Encoding: binary\r\nMIME-Version: 1.0\r\n\r\n';
    expect(c.raw(`a APPEND Sent CATENATE (TEXT ${lit(head)} TEXT ~{4+}\r\na\x00b\n)\r\n`)).toMatch(/^a OK/m);
    c.cmd('e EXAMINE Sent');
    expect(c.cmd('f FETCH 1 (BINARY.PEEK[1] BODY.PEEK[TEXT])')).toContain('BINARY[1] ~{4}\r\na\x00b\n BODY[TEXT] {8}\r\nYQBiCg==)');
  });

  it('a NUL in an ordinary literal is BAD (RFC 3501 §9: CHAR8 excludes NUL)', () => {
    const c = loggedIn();
    expect(c.raw('a APPEND Sent {6+}\r\nx\x00y\r\n\r\n')).toMatch(/^a BAD .*NUL/m);
  });

  it('~{n} anywhere else is refused before the client uploads it', () => {
    const c = loggedIn();
    expect(c.raw('a SELECT ~{5}\r\n')).toBe('a BAD Error in IMAP command SELECT: literal8 not allowed here\r\n');
    expect(c.raw('INBOX\r\n')).toMatch(/^INBOX BAD/);
  });

  it('is not in IMAP4 (RFC 1730): no BINARY capability, no ~{n}', () => {
    const c = loggedIn(network('imap4'));
    expect(c.cmd('c CAPABILITY')).not.toContain('BINARY');
    expect(c.raw('a APPEND Sent ~{5}\r\n')).toMatch(/^a BAD .*literal8/);
  });

  it('§4.2: a part in an unknown Content-Transfer-Encoding is NO [UNKNOWN-CTE]', () => {
    const c = loggedIn();
    c.raw(`a APPEND Sent ${lit('MIME-Version: 1.0\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nbegin\r\n')}\r\n`);
    c.cmd('e EXAMINE Sent');
    expect(c.cmd('f FETCH 1 BINARY.PEEK[1]')).toMatch(/^\* 1 FETCH \(UID 1\)\r\nf NO \[UNKNOWN-CTE\]/);
  });
});

describe('LIST-STATUS (RFC 5819) and STATUS=SIZE (RFC 8438) in IMAP4rev1', () => {
  it('RFC 5819 §2: a STATUS line follows each selectable mailbox LIST returns, none for \\Noselect', () => {
    const c = loggedIn();
    c.cmd('a CREATE Folder/Sub');
    const out = c.cmd('b LIST "" "Folder*" RETURN (STATUS (MESSAGES))').split('\r\n');
    expect(out.slice(0, 3)).toEqual(['* LIST (\\Noselect) "/" Folder', '* LIST () "/" Folder/Sub', '* STATUS Folder/Sub (MESSAGES 0)']);
  });

  it('RFC 8438 §3: SIZE is the total octets of the mailbox\'s messages', () => {
    const c = loggedIn();
    c.raw(`a APPEND Sent ${lit('Subject: 20 octets\r\n\r\n')}\r\n`);
    expect(c.cmd('b STATUS Sent (SIZE)')).toMatch(/^\* STATUS Sent \(SIZE 22\)/);
    expect(c.cmd('c CAPABILITY')).toContain('STATUS=SIZE');
    expect(loggedIn(network('imap4')).cmd('d STATUS Sent (SIZE)')).toMatch(/^d BAD /);
  });
});
