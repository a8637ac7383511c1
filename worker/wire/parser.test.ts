import { describe, expect, test } from 'vitest';
import {
  IMAP_SYNTAX,
  IMSP_SYNTAX,
  ParseError,
  Reader,
  STAR,
  SequenceSet,
  isInbox,
  parseSequenceSet,
  type ReaderOptions,
} from './parser';
import { Atom } from './values';

/** Octets from a Latin-1 string, so tests can hold 8-bit bytes and NULs. */
const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function reader(input: string | Uint8Array, options?: ReaderOptions): Reader {
  return new Reader(typeof input === 'string' ? bytes(input) : input, options);
}

/** Reads `input` fully with `read`, returning the value; the whole input must be consumed. */
function parse<T>(input: string | Uint8Array, read: (r: Reader) => T, options?: ReaderOptions): T {
  const r = reader(input, options);
  const v = read(r);
  r.end();
  return v;
}

/** `read` must throw a ParseError with this message at this byte position. */
function fails(input: string | Uint8Array, read: (r: Reader) => unknown, message: string, pos?: number, options?: ReaderOptions): void {
  const r = reader(input, options);
  let error: unknown;
  try {
    read(r);
    r.end();
  } catch (e) {
    error = e;
  }
  expect(error, `no error for ${JSON.stringify(input)}`).toBeInstanceOf(ParseError);
  expect((error as ParseError).message).toBe(message);
  if (pos !== undefined) expect((error as ParseError).pos, 'position').toBe(pos);
}

describe('ParseError', () => {
  test('carries the message and the byte position', () => {
    const e = new ParseError('Expected SP after tag', 4);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ParseError');
    expect(e.pos).toBe(4);
    expect(reader('abc').error('x', 2)).toEqual(new ParseError('x', 2));
  });
});

describe('error codes, for dialects that word errors as their reference server does', () => {
  test.each([
    ['tag', '* NOOP', (r: Reader) => r.tag()],
    ['expected', 'x', (r: Reader) => r.sp()],
    ['expected', '(', (r: Reader) => r.astring()],
    ['extra', 'x y', (r: Reader) => r.atom()],
    ['atom', 'b\xe4r', (r: Reader) => r.atom()],
    ['number', '4294967296', (r: Reader) => r.number()],
    ['unterminated-quoted', '"INBOX', (r: Reader) => r.mailbox()],
    ['quoted', '"a\\n"', (r: Reader) => r.quoted()],
    ['literal', '{3}\r\nab', (r: Reader) => r.literal()],
    ['utf8', '"\xff"', (r: Reader) => r.quoted()],
    ['unterminated-list', '(FLAGS', (r: Reader) => r.list(() => r.atom())],
    ['list', '(a(b', (r: Reader) => r.list(() => r.atom())],
    ['depth', '(((', (r: Reader) => r.list(function f(x): unknown {
      return x.list(f);
    })],
    ['flag', '\\*', (r: Reader) => r.flag()],
    ['system-flag', '\\Bogus', (r: Reader) => r.flag({ systemFlags: ['\\Seen'] })],
    ['sequence-set', '1:0', (r: Reader) => r.sequenceSet()],
    ['date', '1-Foo-1994', (r: Reader) => r.date()],
    ['date', '"1-Jul-2002 25:00:00 +0000"', (r: Reader) => r.dateTime()],
  ] as const)('%s: %j', (code, input, read) => {
    const r = reader(input, { maxDepth: 2 });
    let error: unknown;
    try {
      read(r);
      r.end();
    } catch (e) {
      error = e;
    }
    expect((error as ParseError).code).toBe(code);
  });

  test('errors a handler raises itself default to "syntax"', () => {
    expect(reader('x').error('Unknown STATUS item X').code).toBe('syntax');
    expect(new ParseError('x', 0).code).toBe('syntax');
  });
});

describe('tag = 1*<any ASTRING-CHAR except "+">', () => {
  test.each([
    ['a001 NOOP', 'a001'],
    ['A1.2_3 NOOP', 'A1.2_3'],
    ['a]1 NOOP', 'a]1'], // resp-specials are ASTRING-CHARs
    ['tag', 'tag'], // a tag may end the command; the session then wants SP
  ])('%s → %s', (line, tag) => {
    const r = reader(line);
    expect(r.tag()).toBe(tag);
    expect(r.pos).toBe(tag.length);
  });

  test.each([
    ['', 'Expected tag', 0],
    [' NOOP', 'Expected tag', 0],
    ['* NOOP', 'Invalid character in tag', 0],
    ['+ NOOP', 'Invalid character in tag', 0],
    ['a+1 NOOP', 'Invalid character in tag', 1],
    ['a%1 NOOP', 'Invalid character in tag', 1],
    ['a"b NOOP', 'Invalid character in tag', 1],
    ['a(1 NOOP', 'Invalid character in tag', 1],
    ['a{1 NOOP', 'Invalid character in tag', 1],
    ['a\\1 NOOP', 'Invalid character in tag', 1],
    ['a\x7f NOOP', 'Invalid character in tag', 1],
    ['a\x01 NOOP', 'Invalid character in tag', 1],
    ['a\xe9 NOOP', 'Invalid character in tag', 1],
    ['a\tNOOP', 'Invalid character in tag', 1],
  ])('%j: %s', (line, message, pos) => {
    fails(line, (r) => r.tag(), message, pos);
  });

  test('IMSP: a tag is an atom, `+` included, at most 64 characters', () => {
    expect(reader('+ NOOP', { syntax: IMSP_SYNTAX }).tag()).toBe('+');
    expect(reader('x'.repeat(64) + ' NOOP', { syntax: IMSP_SYNTAX }).tag()).toHaveLength(64);
    fails('x'.repeat(65) + ' NOOP', (r) => r.tag(), 'Tag too long', 0, { syntax: IMSP_SYNTAX });
    expect(reader('x'.repeat(1000), { syntax: IMAP_SYNTAX }).tag()).toHaveLength(1000);
  });
});

describe('SP and the end of the command', () => {
  test('exactly one SP', () => {
    const r = reader('a  NOOP');
    r.tag();
    r.sp('after tag');
    expect(r.pos).toBe(2);
    expect(() => r.atom('command name')).toThrow(new ParseError('Expected command name', 2, 'expected'));
    fails('aNOOP', (x) => (x.pos = 1, x.sp('after tag')), 'Expected SP after tag', 1);
  });

  test('sp() without context', () => {
    fails('x', (r) => r.sp(), 'Expected SP', 0);
  });

  test('trySp', () => {
    const r = reader(' x');
    expect(r.trySp()).toBe(true);
    expect(r.trySp()).toBe(false);
  });

  test('end(): extra arguments, or anything else left over', () => {
    fails('NOOP x', (r) => r.atom(), 'Unexpected extra arguments', 4);
    fails('NOOP)', (r) => r.atom(), 'Expected end of command', 4);
    const r = reader('x');
    expect(() => r.end('after mailbox name')).toThrow('Expected end of command after mailbox name');
  });

  test('atEnd, peek, length', () => {
    const r = reader('ab');
    expect(r.length).toBe(2);
    expect(r.peek()).toBe(0x61);
    expect(r.peek(1)).toBe(0x62);
    expect(r.peek(2)).toBe(-1);
    r.pos = 2;
    expect(r.atEnd()).toBe(true);
    expect(r.peek()).toBe(-1);
  });

  test('char / tryChar: one given character', () => {
    const r = reader('[x]');
    r.char('[');
    expect(r.tryChar(']')).toBe(false);
    expect(r.takeWhile((b) => b === 0x78)).toBe('x');
    expect(() => r.char(')', 'after section')).toThrow("Expected ')' after section");
    r.char(']');
    expect(r.atEnd()).toBe(true);
  });
});

describe('atom = 1*ATOM-CHAR', () => {
  test.each([
    ['NOOP', 'NOOP'],
    ['x-y.z$!#&\'+,-./:;<=>?@[^_`|}~', 'x-y.z$!#&\'+,-./:;<=>?@[^_`|}~'],
  ])('%s', (input, want) => {
    expect(parse(input, (r) => r.atom())).toBe(want);
  });

  test.each([
    ['FOO(', 3],
    ['FOO)', 3],
    ['FOO{', 3],
    ['FOO ', 3],
    ['FOO%', 3],
    ['FOO*', 3],
    ['FOO"', 3],
    ['FOO\\', 3],
    ['FOO]', 3],
    ['FOO\x7f', 3],
    ['FOO\r', 3],
  ])('stops at an atom-special: %j', (input, at) => {
    const r = reader(input);
    expect(r.atom()).toBe('FOO');
    expect(r.pos).toBe(at);
  });

  test('no atom at all', () => {
    fails('(', (r) => r.atom(), 'Expected atom', 0);
    fails('', (r) => r.atom('command name'), 'Expected command name', 0);
  });

  test('8-bit octets are never atom characters', () => {
    fails('F\xc3\xa9E', (r) => r.atom(), '8-bit characters are not allowed in an atom', 1);
    fails('\xff', (r) => r.atom(), '8-bit characters are not allowed in an atom', 0);
  });

  test('IMSP atoms may hold `]` and `+`', () => {
    expect(parse('a]+b', (r) => r.atom(), { syntax: IMSP_SYNTAX })).toBe('a]+b');
  });
});

describe('keywords (case-insensitive)', () => {
  test('keyword(): upper-cased, stopping at `[`', () => {
    const r = reader('body.peek[text]');
    expect(r.keyword()).toBe('BODY.PEEK');
    expect(r.peek()).toBe(0x5b);
    fails('[', (x) => x.keyword('fetch attribute'), 'Expected fetch attribute', 0);
  });

  test.each([
    ['BODY', 'BODY', true],
    ['body', 'BODY', true],
    ['BoDy[TEXT]', 'BODY', true],
    ['BODY (', 'BODY', true],
    ['BODY)', 'BODY', true],
    ['BODY.PEEK[]', 'BODY', false],
    ['BODYSTRUCTURE', 'BODY', false],
    ['BOD', 'BODY', false],
    ['', 'BODY', false],
    ['+FLAGS.SILENT', '+flags.silent', true],
  ])('peekWord: %j has %s: %s', (input, word, want) => {
    const r = reader(input);
    expect(r.peekWord(word)).toBe(want);
    expect(r.pos).toBe(0);
  });

  test('tryWord consumes, word insists', () => {
    const r = reader('uid FETCH');
    expect(r.tryWord('FETCH')).toBe(false);
    expect(r.tryWord('UID')).toBe(true);
    expect(r.pos).toBe(3);
    r.sp();
    r.word('fetch');
    expect(r.atEnd()).toBe(true);
    fails('STORE', (x) => x.word('FETCH'), 'Expected FETCH', 0);
    fails('x', (x) => x.word('RETURN', 'after pattern'), 'Expected RETURN after pattern', 0);
  });

  test('peekWord(): the keyword ahead, not consumed', () => {
    const r = reader('charset utf-8');
    expect(r.peekWord()).toBe('CHARSET');
    expect(r.pos).toBe(0);
    expect(reader('(x').peekWord()).toBeNull();
    expect(reader('').peekWord()).toBeNull();
  });
});

describe('number and nz-number (unsigned 32-bit)', () => {
  test.each([
    ['0', 0],
    ['007', 7],
    ['4294967295', 4294967295],
  ])('number %s', (input, n) => {
    expect(parse(input, (r) => r.number())).toBe(n);
  });

  test.each([
    ['', 'Expected number', 0],
    ['x', 'Expected number', 0],
    ['-1', 'Expected number', 0],
    ['4294967296', 'Number out of range', 0],
    ['99999999999999999999999999', 'Number out of range', 0],
  ])('number %j: %s', (input, message, pos) => {
    fails(input, (r) => r.number(), message, pos);
  });

  test('nz-number', () => {
    expect(parse('1', (r) => r.nzNumber())).toBe(1);
    fails('0', (r) => r.nzNumber(), 'Expected non-zero number', 0);
    fails('00', (r) => r.nzNumber('message number'), 'Expected message number', 0);
  });

  test('a number stops at the first non-digit (the caller checks what follows)', () => {
    const r = reader('12.34');
    expect(r.number()).toBe(12);
    r.char('.');
    expect(r.number()).toBe(34);
  });

  test('number64 (CONDSTORE mod-sequences): up to 2^63-1, as bigint', () => {
    expect(parse('9223372036854775807', (r) => r.number64())).toBe(9223372036854775807n);
    expect(parse('00000000000000000000001', (r) => r.number64())).toBe(1n);
    fails('9223372036854775808', (r) => r.number64(), 'Number out of range', 0);
    fails('x', (r) => r.number64('mod-sequence'), 'Expected mod-sequence', 0);
  });
});

describe('quoted = DQUOTE *QUOTED-CHAR DQUOTE', () => {
  test.each([
    ['"abc"', 'abc'],
    ['""', ''],
    ['"a b (c) {3} %*]"', 'a b (c) {3} %*]'],
    ['"say \\"hi\\""', 'say "hi"'],
    ['"back\\\\slash"', 'back\\slash'],
    ['"tab\there"', 'tab\there'],
  ])('%s', (input, want) => {
    expect(parse(input, (r) => r.quoted())).toBe(want);
  });

  test('8-bit octets are UTF-8 (IMAP4rev2, UTF8=ACCEPT)', () => {
    expect(parse(utf8('"Grüße 台北"'), (r) => r.quoted())).toBe('Grüße 台北');
  });

  test('a byte-order mark is kept, not swallowed', () => {
    expect(parse(utf8('"\uFEFFx"'), (r) => r.quoted())).toBe('\uFEFFx');
  });

  test.each([
    ['abc', 'Expected quoted string', 0],
    ['"abc', 'Unterminated quoted string', 0],
    ['"abc\\', 'Unterminated quoted string', 0],
    ['"ab\r\nc"', 'Unterminated quoted string', 0],
    ['"ab\nc"', 'Unterminated quoted string', 0],
    ['"a\\nb"', 'Invalid escape in quoted string: only \\" and \\\\ are allowed', 2],
    ['"a\\x"', 'Invalid escape in quoted string: only \\" and \\\\ are allowed', 2],
    ['"a\0b"', 'NUL in quoted string', 2],
    ['"\xff"', 'Invalid UTF-8 in string', 0],
    ['"\xc3"', 'Invalid UTF-8 in string', 0],
  ])('%j: %s', (input, message, pos) => {
    fails(input, (r) => r.quoted(), message, pos);
  });

  test('quotedBytes gives the unescaped octets', () => {
    expect(Array.from(parse('"a\\"\xff"', (r) => r.quotedBytes()))).toEqual([0x61, 0x22, 0xff]);
  });

  test('IMSP: no escapes at all, no 8-bit', () => {
    fails('"a\\b"', (r) => r.quoted(), 'Backslash is not allowed in a quoted string', 2, { syntax: IMSP_SYNTAX });
    fails('"\xc3\xa9"', (r) => r.quoted(), '8-bit characters are not allowed in a quoted string', 1, { syntax: IMSP_SYNTAX });
  });

  test('IMAP2 (RFC 1176): a backslash is an ordinary character', () => {
    const imap2 = { syntax: { ...IMAP_SYNTAX, quotedBackslash: 'plain' as const } };
    expect(parse('"a\\"', (r) => r.quoted(), imap2)).toBe('a\\');
  });
});

describe('literal = "{" number ["+"] "}" CRLF *CHAR8', () => {
  test.each([
    ['{3}\r\nabc', 'abc'],
    ['{3+}\r\nabc', 'abc'],
    ['{0}\r\n', ''],
    ['{4}\r\n\r\n\r\n', '\r\n\r\n'],
    ['{03}\r\nabc', 'abc'],
    ['{3}\nabc', 'abc'],
  ])('%j', (input, want) => {
    expect(parse(input, (r) => r.literal())).toBe(want);
  });

  test('decoded as UTF-8; literalBytes gives the octets as a view of the command', () => {
    const cmd = utf8('{6}\r\n台北 x');
    const r = new Reader(cmd);
    const b = r.literalBytes();
    expect(b.buffer).toBe(cmd.buffer);
    expect(new TextDecoder().decode(b)).toBe('台北');
    expect(parse(utf8('{6}\r\n台北'), (x) => x.literal())).toBe('台北');
  });

  test.each([
    ['abc', 'Expected literal', 0],
    ['{}\r\n', 'Invalid literal size', 1],
    ['{x}\r\n', 'Invalid literal size', 1],
    ['{-1}\r\n', 'Invalid literal size', 1],
    ['{3\r\nabc', "Expected '}' after literal size", 2],
    ['{3++}\r\nabc', "Expected '}' after literal size", 3],
    ['{3}abc', 'Expected CRLF after literal header', 3],
    ['{3} \r\nabc', 'Expected CRLF after literal header', 3],
    ['{3}\r\nab', 'Literal is longer than the command', 0],
    ['{4294967296}\r\n', 'Number out of range', 1],
    ['{3}\r\na\0c', 'NUL in literal', 6],
    ['{1}\r\n\xff', 'Invalid UTF-8 in string', 0],
  ])('%j: %s', (input, message, pos) => {
    fails(input, (r) => r.literal(), message, pos);
  });

  test('NUL only where the caller allows it', () => {
    expect(Array.from(parse('{1}\r\n\0', (r) => r.literalBytes({ allowNul: true })))).toEqual([0]);
  });

  test('literal8 (BINARY): ~{n}, NUL allowed', () => {
    expect(Array.from(parse('~{3}\r\n\0\x01\xff', (r) => r.literal8()))).toEqual([0, 1, 255]);
    expect(Array.from(parse('~{1+}\r\nx', (r) => r.literal8()))).toEqual([0x78]);
    fails('{3}\r\nabc', (r) => r.literal8(), 'Expected literal8', 0);
  });
});

describe('string, astring, nstring', () => {
  test('string = quoted / literal', () => {
    expect(parse('"x"', (r) => r.string())).toBe('x');
    expect(parse('{1}\r\nx', (r) => r.string())).toBe('x');
    fails('x', (r) => r.string(), 'Expected string', 0);
    fails('x', (r) => r.string('password'), 'Expected password', 0);
    expect(Array.from(parse('{1}\r\n\xff', (r) => r.stringBytes()))).toEqual([0xff]);
  });

  test.each([
    ['fred', 'fred'],
    ['a]b', 'a]b'],
    ['"fred smith"', 'fred smith'],
    ['{4}\r\nfred', 'fred'],
    ['""', ''],
  ])('astring %j', (input, want) => {
    expect(parse(input, (r) => r.astring())).toBe(want);
  });

  test('astring: where none is', () => {
    fails('(x)', (r) => r.astring(), 'Expected astring', 0);
    fails('', (r) => r.astring('user name'), 'Expected user name', 0);
    fails('%x', (r) => r.astring(), 'Expected astring', 0);
    fails('b\xe4r', (r) => r.astring(), '8-bit characters are not allowed in an atom', 1);
  });

  test('astringBytes', () => {
    expect(Array.from(parse('ab', (r) => r.astringBytes()))).toEqual([0x61, 0x62]);
    expect(Array.from(parse('{1}\r\n\xe4', (r) => r.astringBytes()))).toEqual([0xe4]);
  });

  test('nstring = string / nil', () => {
    expect(parse('NIL', (r) => r.nstring())).toBeNull();
    expect(parse('nil', (r) => r.nstring())).toBeNull();
    expect(parse('"NIL"', (r) => r.nstring())).toBe('NIL');
    expect(parse('{2}\r\nhi', (r) => r.nstring())).toBe('hi');
    expect(parse('NIL', (r) => r.nstringBytes())).toBeNull();
    fails('NILS', (r) => r.nstring(), 'Expected string or NIL', 0);
    fails('foo', (r) => r.nstring(), 'Expected string or NIL', 0);
  });
});

describe('mailbox = "INBOX" / astring', () => {
  test.each([
    ['INBOX', 'INBOX'],
    ['inbox', 'INBOX'],
    ['iNbOx', 'INBOX'],
    ['"InBoX"', 'INBOX'],
    ['{5}\r\ninbox', 'INBOX'],
    ['INBOX.Sent', 'INBOX.Sent'],
    ['inbox.sent', 'inbox.sent'],
    ['Archive', 'Archive'],
    ['"My Folder"', 'My Folder'],
  ])('%j → %s', (input, want) => {
    expect(parse(input, (r) => r.mailbox())).toBe(want);
  });

  test('only ASCII case-folding: a dotless ı does not make INBOX', () => {
    expect(parse(utf8('"ınbox"'), (r) => r.mailbox())).toBe('ınbox');
    expect(isInbox('ınbox')).toBe(false);
    expect(isInbox('Inbox')).toBe(true);
  });

  test('no mailbox', () => {
    fails('(', (r) => r.mailbox(), 'Expected mailbox name', 0);
  });
});

describe('list-mailbox = 1*list-char / string', () => {
  test.each([
    ['*', '*'],
    ['%', '%'],
    ['INBOX.%', 'INBOX.%'],
    ['~smith/Mail/foo*', '~smith/Mail/foo*'],
    ['a]', 'a]'],
    ['"%/x y"', '%/x y'],
    ['{1}\r\n*', '*'],
  ])('%j', (input, want) => {
    expect(parse(input, (r) => r.listMailbox())).toBe(want);
  });

  test('no pattern', () => {
    fails('(', (r) => r.listMailbox(), 'Expected mailbox pattern', 0);
  });

  test('an astring may not hold wildcards', () => {
    const r = reader('foo*');
    expect(r.astring()).toBe('foo');
    expect(r.peek()).toBe(0x2a);
  });
});

describe('flags', () => {
  test.each([
    ['\\Seen', '\\Seen'],
    ['\\seen', '\\Seen'],
    ['\\ANSWERED', '\\Answered'],
    ['\\flagged', '\\Flagged'],
    ['\\Deleted', '\\Deleted'],
    ['\\draft', '\\Draft'],
    ['\\recent', '\\Recent'], // syntactically a flag-extension; whether STORE may set it is the session's call
    ['\\X-Custom', '\\X-Custom'],
    ['$Forwarded', '$Forwarded'],
    ['NonJunk', 'NonJunk'],
  ])('flag %s → %s', (input, want) => {
    expect(parse(input, (r) => r.flag())).toBe(want);
  });

  test('systemFlags: only the listed \\ flags (STORE and APPEND on Dovecot)', () => {
    const systemFlags = ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft'];
    expect(parse('(\\seen $Junk)', (r) => r.flagList({ systemFlags }))).toEqual(['\\Seen', '$Junk']);
    fails('(\\Seen \\Bogus)', (r) => r.flagList({ systemFlags }), 'Invalid system flag \\Bogus', 7);
    fails('\\RECENT', (r) => r.flag({ systemFlags }), 'Invalid system flag \\RECENT', 0);
  });

  test('`\\*` only where allowed (flag-perm)', () => {
    fails('\\*', (r) => r.flag(), '\\* is not allowed here', 0);
    expect(parse('\\*', (r) => r.flag({ allowStar: true }))).toBe('\\*');
  });

  test('bad flags', () => {
    fails('\\', (r) => r.flag(), 'Expected flag name after \\', 1);
    fails('\\ x', (r) => r.flag(), 'Expected flag name after \\', 1);
    fails('(', (r) => r.flag(), 'Expected flag', 0);
    fails('\\S\xe9en', (r) => r.flag(), '8-bit characters are not allowed in an atom', 2);
  });

  test('flag-list = "(" [flag *(SP flag)] ")"', () => {
    expect(parse('(\\Seen \\Deleted $Junk)', (r) => r.flagList())).toEqual(['\\Seen', '\\Deleted', '$Junk']);
    expect(parse('()', (r) => r.flagList())).toEqual([]);
    expect(parse('(\\*)', (r) => r.flagList({ allowStar: true }))).toEqual(['\\*']);
  });

  test.each([
    ['\\Seen', 'Expected flag list', 0],
    ['(\\Seen', "Missing ')'", 0],
    ['(\\Seen ', 'Expected flag', 7],
    ['(\\Seen  \\Deleted)', 'Expected flag', 7],
    ['( \\Seen)', 'Expected flag', 1],
    ['(\\Seen\\Deleted)', "Expected SP or ')' in list", 6],
    ['(\\*)', '\\* is not allowed here', 1],
  ])('flag-list %j: %s', (input, message, pos) => {
    fails(input, (r) => r.flagList(), message, pos);
  });

  test("STORE's flags: a list, or flags up to the end", () => {
    expect(parse('\\Seen \\Deleted', (r) => r.flags())).toEqual(['\\Seen', '\\Deleted']);
    expect(parse('(\\Seen)', (r) => r.flags())).toEqual(['\\Seen']);
    expect(parse('$x', (r) => r.flags())).toEqual(['$x']);
  });
});

describe('parenthesised lists', () => {
  test('items separated by exactly one SP', () => {
    expect(parse('(a b c)', (r) => r.list(() => r.atom()))).toEqual(['a', 'b', 'c']);
    expect(parse('()', (r) => r.list(() => r.atom()))).toEqual([]);
  });

  test('the item callback gets the reader', () => {
    expect(parse('(1 2)', (r) => r.list((x) => x.number()))).toEqual([1, 2]);
  });

  test('allowEmpty: false and a name for the list', () => {
    fails('()', (r) => r.list(() => r.atom(), { allowEmpty: false, what: 'status attribute list' }), 'Expected status attribute list item', 1);
    fails('x', (r) => r.list(() => r.atom(), { what: 'status attribute list' }), 'Expected status attribute list', 0);
    fails('x', (r) => r.list(() => r.atom()), "Expected '('", 0);
  });

  test('nesting up to 64 levels is fine; the 65th is "Too deep nesting"', () => {
    const nest = (n: number) => '('.repeat(n) + ')'.repeat(n);
    const deep = (r: Reader): unknown => r.list(deep);
    expect(() => parse(nest(64), deep)).not.toThrow();
    fails(nest(65), deep, 'Too deep nesting', 64);
    fails(nest(100000), deep, 'Too deep nesting', 64);
  });

  test('maxDepth is an option, and lists side by side do not add up', () => {
    const deep = (r: Reader): unknown => r.list(deep);
    fails('((()))', deep, 'Too deep nesting', 2, { maxDepth: 2 });
    expect(parse('(() () ())', deep, { maxDepth: 2 })).toEqual([[], [], []]);
  });

  test('depth is restored after an error caught by the caller', () => {
    const r = reader('((x) (())', { maxDepth: 2 });
    expect(() => r.list(() => r.list(() => r.number()))).toThrow(ParseError);
    r.pos = 6;
    expect(r.list(() => null)).toEqual([]);
  });

  test('nilOrList (ID, RFC 2971)', () => {
    expect(parse('NIL', (r) => r.nilOrList(() => r.nstring()))).toBeNull();
    expect(parse('("name" "x" "os" NIL)', (r) => r.nilOrList(() => r.nstring()))).toEqual(['name', 'x', 'os', null]);
    fails('x', (r) => r.nilOrList(() => r.nstring()), 'Expected list or NIL', 0);
  });

  test('value(): any response-like value', () => {
    expect(parse('(1 "two" {5}\r\nthree NIL \\Seen (BODY[] x) 4294967296)', (r) => r.value())).toEqual([
      1,
      'two',
      bytes('three'),
      null,
      new Atom('\\Seen'),
      [new Atom('BODY[]'), new Atom('x')],
      new Atom('4294967296'),
    ]);
    fails(')', (r) => r.value(), 'Expected value', 0);
  });
});

describe('sequence-set (RFC 3501 §9)', () => {
  const ranges = (s: string) => parse(s, (r) => r.sequenceSet()).ranges;

  test.each([
    ['1', [{ from: 1, to: 1 }]],
    ['*', [{ from: STAR, to: STAR }]],
    ['2:4', [{ from: 2, to: 4 }]],
    ['4:2', [{ from: 2, to: 4 }]],
    ['*:5', [{ from: 5, to: STAR }]],
    ['*:*', [{ from: STAR, to: STAR }]],
    ['1,3:*', [{ from: 1, to: 1 }, { from: 3, to: STAR }]],
    ['4294967295', [{ from: 4294967295, to: 4294967295 }]],
  ])('%s', (input, want) => {
    expect(ranges(input)).toEqual(want);
  });

  test('written back in normalised form', () => {
    expect(parseSequenceSet('4:2,*:7,*:*,9').toString()).toBe('2:4,7:*,*,9');
  });

  test.each([
    ['', 'Expected sequence set', 0],
    [',', 'Expected sequence set', 0],
    ['$', 'Expected sequence set', 0],
    ['-1', 'Expected sequence set', 0],
    ['0', 'Invalid sequence set: numbers start at 1', 0],
    ['1:0', 'Invalid sequence set: numbers start at 1', 2],
    ['00', 'Invalid sequence set: numbers start at 1', 0],
    ['4294967296', 'Invalid sequence set: number out of range', 0],
    ['1:4294967296', 'Invalid sequence set: number out of range', 2],
    ['1:', 'Invalid sequence set', 2],
    ['1,', 'Invalid sequence set', 2],
    ['1,,2', 'Invalid sequence set', 2],
    ['1:2:3', 'Invalid sequence set', 0],
    ['1x', 'Invalid sequence set', 0],
    ['1**', 'Invalid sequence set', 0],
    ['**', 'Invalid sequence set', 0],
    ['1.5', 'Invalid sequence set', 0],
  ])('%j: %s', (input, message, pos) => {
    fails(input, (r) => r.sequenceSet(), message, pos);
  });

  test('a set ends at SP or `)`', () => {
    const r = reader('1:3 (FLAGS)');
    expect(r.sequenceSet().toString()).toBe('1:3');
    expect(r.pos).toBe(3);
    expect(reader('1,2)').sequenceSet().ranges).toHaveLength(2);
  });
});

describe('SequenceSet resolution', () => {
  test('the RFC 3501 example: 2,4:7,9,12:* on 15 messages', () => {
    const set = parseSequenceSet('2,4:7,9,12:*');
    expect(set.resolve(15)).toEqual([
      [2, 2],
      [4, 7],
      [9, 9],
      [12, 15],
    ]);
    expect([...set.values(15)]).toEqual([2, 4, 5, 6, 7, 9, 12, 13, 14, 15]);
    expect(set.count(15)).toBe(10);
  });

  test('`*` is the largest number in use', () => {
    expect(parseSequenceSet('*').resolve(7)).toEqual([[7, 7]]);
    expect(parseSequenceSet('*:*').resolve(7)).toEqual([[7, 7]]);
    expect(parseSequenceSet('1:*').resolve(7)).toEqual([[1, 7]]);
  });

  test('3291:* with 3000 as the last UID is 3000:3291: it always includes the last message', () => {
    expect(parseSequenceSet('3291:*').resolve(3000)).toEqual([[3000, 3291]]);
  });

  test('numbers past `*` are kept (the caller says BAD for message numbers, nothing for UIDs)', () => {
    expect(parseSequenceSet('2:10').resolve(5)).toEqual([[2, 10]]);
    expect(parseSequenceSet('2:10').largestNumber).toBe(10);
    expect(parseSequenceSet('5:*').largestNumber).toBe(5);
    expect(parseSequenceSet('*').largestNumber).toBe(0);
  });

  test('an empty mailbox: `*` is 0 and resolves to nothing; 1:* keeps 1', () => {
    expect(parseSequenceSet('*').resolve(0)).toEqual([]);
    expect(parseSequenceSet('1:*').resolve(0)).toEqual([[1, 1]]);
  });

  test('overlapping and adjacent ranges merge; order does not matter', () => {
    expect(parseSequenceSet('5,1:3,2:4,9:7,6').resolve(100)).toEqual([[1, 9]]);
    expect(parseSequenceSet('9:7,5,1:3,2:4').resolve(100)).toEqual([
      [1, 5],
      [7, 9],
    ]);
  });

  test('has / hasStar', () => {
    const set = parseSequenceSet('2:4,10:*');
    expect([1, 2, 4, 5, 9, 10, 12].map((n) => set.has(n, 12))).toEqual([false, true, true, false, false, true, true]);
    expect(set.has(11, 8)).toBe(false);
    expect(set.has(9, 8)).toBe(true);
    expect(set.hasStar).toBe(true);
    expect(parseSequenceSet('1:2').hasStar).toBe(false);
  });

  test('SequenceSet.of: the most compact set for a list of numbers (COPYUID)', () => {
    expect(SequenceSet.of([8, 1, 2, 3, 5, 7, 3]).toString()).toBe('1:3,5,7:8');
    expect(SequenceSet.of([]).toString()).toBe('');
  });

  test('parseSequenceSet wants the whole text', () => {
    expect(() => parseSequenceSet('1 2')).toThrow(ParseError);
  });
});

describe('date = date-text / DQUOTE date-text DQUOTE', () => {
  test.each([
    ['1-Feb-1994', 1994, 2, 1],
    ['01-Feb-1994', 1994, 2, 1],
    ['"1-Feb-1994"', 1994, 2, 1],
    ['31-dec-1999', 1999, 12, 31],
    ['29-FEB-2000', 2000, 2, 29],
    ['29-Feb-2024', 2024, 2, 29],
  ])('%s', (input, year, month, day) => {
    const d = parse(input, (r) => r.date());
    expect(d).toEqual({ year, month, day, time: Date.UTC(year, month - 1, day) });
  });

  test.each([
    ['', 'Expected date'],
    ['Feb-1994', 'Expected date'],
    ['1-Feb-94', 'Invalid date: expected dd-Mon-yyyy'],
    ['001-Feb-1994', 'Invalid date: expected dd-Mon-yyyy'],
    ['1-Feb-19944', 'Invalid date: expected dd-Mon-yyyy'],
    ['1-February-1994', 'Invalid date: expected dd-Mon-yyyy'],
    ['1-Foo-1994', 'Invalid date: expected dd-Mon-yyyy'],
    ['1/Feb/1994', 'Invalid date: expected dd-Mon-yyyy'],
    ['0-Feb-1994', 'Invalid date: expected dd-Mon-yyyy'],
    ['32-Jan-1994', 'Invalid date: expected dd-Mon-yyyy'],
    ['31-Apr-1994', 'Invalid date: expected dd-Mon-yyyy'],
    ['29-Feb-1900', 'Invalid date: expected dd-Mon-yyyy'],
    ['1-Feb-1994x', 'Invalid date: expected dd-Mon-yyyy'],
    ['"1-Feb-1994', 'Invalid date: expected dd-Mon-yyyy'],
    ['" 1-Feb-1994"', 'Invalid date: expected dd-Mon-yyyy'],
    ['1-Fe', 'Invalid date: expected dd-Mon-yyyy'],
  ])('%j: %s', (input, message) => {
    fails(input, (r) => r.date(), message, 0);
  });

  test('early years are not mistaken for 19xx', () => {
    expect(parse('1-Jan-0050', (r) => r.date()).time).toBe(Date.parse('0050-01-01T00:00:00Z'));
  });
});

describe('date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE', () => {
  test('the INTERNALDATE example, day padded with a space', () => {
    expect(parse('" 7-Jul-1996 02:44:25 -0700"', (r) => r.dateTime())).toEqual({
      year: 1996,
      month: 7,
      day: 7,
      hour: 2,
      minute: 44,
      second: 25,
      zone: -420,
      time: Date.parse('1996-07-07T02:44:25-07:00'),
    });
  });

  test.each([
    ['"01-Jul-2002 13:45:10 +0200"', '2002-07-01T13:45:10+02:00'],
    ['"17-Jul-1996 02:44:25 -0700"', '1996-07-17T02:44:25-07:00'],
    ['"1-Jul-2002 00:00:00 +0000"', '2002-07-01T00:00:00Z'], // lenient, as Dovecot
    ['"31-Dec-1999 23:59:59 -2359"', '1999-12-31T23:59:59-23:59'],
  ])('%s', (input, iso) => {
    expect(parse(input, (r) => r.dateTime()).time).toBe(Date.parse(iso));
  });

  test.each([
    ['01-Jul-2002 13:45:10 +0200', 'Expected date-time'],
    ['"01-Jul-2002 13:45 +0200"', 'Invalid date-time: expected "dd-Mon-yyyy hh:mm:ss +zzzz"'],
    ['"01-Jul-2002 13:45:10 0200"', 'Invalid date-time: expected "dd-Mon-yyyy hh:mm:ss +zzzz"'],
    ['"01-Jul-2002 13:45:10 +02"', 'Invalid date-time: expected "dd-Mon-yyyy hh:mm:ss +zzzz"'],
    ['"01-Jul-2002 13:45:10 +020000"', 'Invalid date-time: expected "dd-Mon-yyyy hh:mm:ss +zzzz"'],
    ['"01-Jul-2002 24:00:00 +0200"', 'Invalid date-time: expected "dd-Mon-yyyy hh:mm:ss +zzzz"'],
    ['"01-Jul-2002 13:60:00 +0200"', 'Invalid date-time: expected "dd-Mon-yyyy hh:mm:ss +zzzz"'],
    ['"01-Jul-2002 13:45:10 +0260"', 'Invalid date-time: expected "dd-Mon-yyyy hh:mm:ss +zzzz"'],
    ['"01-Jul-2002  13:45:10 +0200"', 'Invalid date-time: expected "dd-Mon-yyyy hh:mm:ss +zzzz"'],
    ['"  1-Jul-2002 13:45:10 +0200"', 'Invalid date-time: expected "dd-Mon-yyyy hh:mm:ss +zzzz"'],
    ['" 11-Jul-2002 13:45:10 +0200"', 'Invalid date-time: expected "dd-Mon-yyyy hh:mm:ss +zzzz"'],
    ['"31-Jun-2002 13:45:10 +0200"', 'Invalid date-time: expected "dd-Mon-yyyy hh:mm:ss +zzzz"'],
    ['"01-Jul-2002 13:45:10 +0200', 'Invalid date-time: expected "dd-Mon-yyyy hh:mm:ss +zzzz"'],
  ])('%j: %s', (input, message) => {
    fails(input, (r) => r.dateTime(), message, 0);
  });
});

describe('the rest of the command', () => {
  test('rest() is a view of what is left; restText() decodes it', () => {
    const r = reader('a AUTHENTICATE PLAIN dGVzdA==');
    r.pos = 21;
    expect(r.restText()).toBe('dGVzdA==');
    expect(r.atEnd()).toBe(true);
    expect(r.rest()).toHaveLength(0);
  });

  test('restText never throws on bad UTF-8', () => {
    expect(reader('\xff').restText()).toBe('\uFFFD');
  });
});

describe('whole commands, as the session reads them', () => {
  test('APPEND with flags, date-time and a literal', () => {
    const r = reader('A003 APPEND saved-messages (\\Seen) " 7-Feb-1994 21:52:25 -0800" {5}\r\nhello');
    expect(r.tag()).toBe('A003');
    r.sp('after tag');
    expect(r.keyword()).toBe('APPEND');
    r.sp();
    expect(r.mailbox()).toBe('saved-messages');
    r.sp();
    expect(r.flagList()).toEqual(['\\Seen']);
    r.sp();
    expect(r.dateTime().zone).toBe(-480);
    r.sp();
    expect(new TextDecoder().decode(r.literalBytes())).toBe('hello');
    r.end();
  });

  test('UID FETCH with a section and a header list', () => {
    const r = reader('a UID FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (From {2}\r\nTo)])');
    r.tag();
    r.sp();
    r.word('UID');
    r.sp();
    r.word('FETCH');
    r.sp();
    expect(r.sequenceSet().toString()).toBe('1:*');
    r.sp();
    const items = r.list(() => {
      const name = r.keyword();
      if (!r.tryChar('[')) return name;
      r.word('HEADER.FIELDS');
      r.sp();
      const fields = r.list(() => r.astring());
      r.char(']');
      return `${name}[${fields.join(',')}]`;
    });
    r.end();
    expect(items).toEqual(['FLAGS', 'BODY.PEEK[From,To]']);
  });

  test('LOGIN with the RFC 7888 example', () => {
    const r = reader('A001 LOGIN {11+}\r\nFRED FOOBAR {7+}\r\nfat man');
    r.tag();
    r.sp();
    r.word('LOGIN');
    r.sp();
    expect(r.astring()).toBe('FRED FOOBAR');
    r.sp();
    expect(r.astring()).toBe('fat man');
    r.end();
  });
});
