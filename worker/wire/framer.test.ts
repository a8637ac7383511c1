import { describe, expect, test } from 'vitest';
import {
  CommandFramer,
  DEFAULT_FRAMER_LIMITS,
  DEFAULT_MAX_COMMAND_SIZE,
  DEFAULT_MAX_LINE_LENGTH,
  DEFAULT_MAX_LITERAL_SIZE,
  literalHeader,
  type FramerLimits,
  type LiteralInfo,
} from './framer';

// Transcripts are written as strings of octets (one char = one byte, Latin-1).
const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const text = (b: Uint8Array): string => {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return s;
};

type Policy = (info: LiteralInfo) => boolean;

/** A framer whose hooks write what happened into `log`, in order. */
function recorder(limits: Partial<FramerLimits> = {}, policy: Policy = () => true, letThrough = false) {
  const log: string[] = [];
  const commands: string[] = [];
  const framer = new CommandFramer(limits, {
    command(b) {
      commands.push(text(b));
      log.push(`command ${JSON.stringify(text(b))}`);
    },
    literal(info) {
      const ok = policy(info);
      log.push(`literal ${info.binary ? '~' : ''}{${info.size}${info.sync ? '' : '+'}} ${ok ? 'accepted' : 'refused'} after ${JSON.stringify(text(info.head))}`);
      return ok;
    },
    literalTooLarge(info) {
      log.push(`too large (${info.limit}) {${info.size}${info.sync ? '' : '+'}} after ${JSON.stringify(text(info.head))}`);
      return letThrough;
    },
    discarded(head) {
      log.push(`discarded ${JSON.stringify(text(head))}`);
    },
    tooLong(head, limit) {
      log.push(`too long (${limit}) ${JSON.stringify(text(head))}`);
    },
  });
  return { framer, log, commands };
}

/** Feeds a transcript in the given chunk sizes (cycled), returns the log. */
function run(input: string, chunks: number[] | 'whole' | 'bytes', limits?: Partial<FramerLimits>, policy?: Policy) {
  const r = recorder(limits, policy);
  const all = bytes(input);
  if (chunks === 'whole') r.framer.push(all);
  else {
    const sizes = chunks === 'bytes' ? [1] : chunks;
    for (let at = 0, k = 0; at < all.length; k++) {
      const n = sizes[k % sizes.length];
      r.framer.push(all.subarray(at, at + n));
      at += n;
    }
  }
  return r;
}

/** The same log however the transcript is cut: whole, byte by byte, every 2-way split, odd sizes. */
function framesAlike(input: string, limits?: Partial<FramerLimits>, policy?: Policy): string[] {
  const whole = run(input, 'whole', limits, policy).log;
  expect(run(input, 'bytes', limits, policy).log).toEqual(whole);
  for (const sizes of [[2], [3], [7], [1, 5, 2], [64]]) expect(run(input, sizes, limits, policy).log).toEqual(whole);
  for (let cut = 1; cut < input.length; cut++) {
    const r = recorder(limits, policy);
    r.framer.push(bytes(input.slice(0, cut)));
    r.framer.push(bytes(input.slice(cut)));
    expect(r.log, `split at ${cut}`).toEqual(whole);
  }
  return whole;
}

describe('defaults', () => {
  test('limits: 64 KiB lines, 50 MiB literals, 64 MiB commands, bare LF accepted', () => {
    expect(DEFAULT_MAX_LINE_LENGTH).toBe(65536);
    expect(DEFAULT_MAX_LITERAL_SIZE).toBe(50 * 1024 * 1024);
    expect(DEFAULT_MAX_COMMAND_SIZE).toBe(64 * 1024 * 1024);
    const { framer } = recorder();
    expect(framer.limits).toEqual({
      maxLineLength: DEFAULT_MAX_LINE_LENGTH,
      maxLiteralSize: DEFAULT_MAX_LITERAL_SIZE,
      maxCommandSize: DEFAULT_MAX_COMMAND_SIZE,
      acceptBareLf: true,
    });
  });

  test('extra fields in the limits object (a session passing its own) are ignored', () => {
    const limits = { maxLineLength: 10, maxBadCommandsBeforeLogin: 2 } as Partial<FramerLimits>;
    const hooks = { command() {}, literal: () => true, literalTooLarge() {}, tooLong() {} };
    expect(new CommandFramer(limits, hooks).limits).toEqual({ ...DEFAULT_FRAMER_LIMITS, maxLineLength: 10 });
  });

  test('nonsense limits are refused at construction', () => {
    expect(() => recorder({ maxLineLength: -1 })).toThrow(RangeError);
    expect(() => recorder({ maxLiteralSize: Number.NaN })).toThrow(RangeError);
  });
});

describe('lines (RFC 3501 §2.2: commands end in CRLF)', () => {
  test('one command, without its CRLF', () => {
    expect(framesAlike('a001 NOOP\r\n')).toEqual(['command "a001 NOOP"']);
  });

  test('pipelined commands in one chunk come out one by one, in order', () => {
    expect(framesAlike('a CAPABILITY\r\nb NOOP\r\nc LOGOUT\r\n')).toEqual([
      'command "a CAPABILITY"',
      'command "b NOOP"',
      'command "c LOGOUT"',
    ]);
  });

  test('an unfinished line waits for more input', () => {
    const r = run('a NOOP\r\nb NO', 'whole');
    expect(r.commands).toEqual(['a NOOP']);
    expect(r.framer.buffered).toBe(4);
    r.framer.push(bytes('OP\r\n'));
    expect(r.commands).toEqual(['a NOOP', 'b NOOP']);
    expect(r.framer.buffered).toBe(0);
  });

  test('a bare LF ends a line too (as Dovecot accepts it)', () => {
    expect(framesAlike('a NOOP\nb NOOP\r\n')).toEqual(['command "a NOOP"', 'command "b NOOP"']);
  });

  test('with acceptBareLf: false (IMSP) only CRLF ends a line; a lone LF is data', () => {
    const limits = { acceptBareLf: false };
    expect(framesAlike('a NO\nOP\r\nb\n\r\n', limits)).toEqual(['command "a NO\\nOP"', 'command "b\\n"']);
  });

  test('a CR not followed by LF is data', () => {
    expect(framesAlike('a NO\rOP\r\n')).toEqual(['command "a NO\\rOP"']);
  });

  test('only the one CR before the LF is dropped', () => {
    expect(framesAlike('a\r\r\n')).toEqual(['command "a\\r"']);
  });

  test('an empty line is an (empty) command: the session decides what to say', () => {
    expect(framesAlike('\r\n\na\r\n')).toEqual(['command ""', 'command ""', 'command "a"']);
  });

  test('commands are fresh arrays the session may keep', () => {
    const kept: Uint8Array[] = [];
    const f = new CommandFramer({}, { command: (b) => kept.push(b), literal: () => true, literalTooLarge() {}, tooLong() {} });
    f.push(bytes('a NOOP\r\nb NOOP\r\n'));
    f.push(bytes('c XXXX\r\n'));
    expect(kept.map(text)).toEqual(['a NOOP', 'b NOOP', 'c XXXX']);
    // Nor are they views of the caller's chunk, which the caller may reuse.
    const chunk = bytes('z NOOP\r\n');
    f.push(chunk);
    chunk.fill(0x21);
    expect(text(kept[3])).toBe('z NOOP');
    kept.pop();
    // A big command is handed over rather than copied; the next one must not overwrite it.
    const big = 'x'.repeat(60000);
    f.push(bytes(`d APPEND {${big.length}}\r\n${big}\r\ne NOOP\r\n`));
    expect(text(kept[3]).endsWith(big)).toBe(true);
    expect(text(kept[4])).toBe('e NOOP');
  });
});

describe('literals (RFC 3501 §4.3, §7.5)', () => {
  const login = 'a LOGIN {4}\r\nfred {6}\r\nfoo\r\nb\r\n';

  test('a synchronising literal: the framer asks, the octets follow, the command continues', () => {
    expect(framesAlike(login)).toEqual([
      'literal {4} accepted after "a LOGIN {4}"',
      'literal {6} accepted after "a LOGIN {4}\\r\\nfred {6}"',
      'command "a LOGIN {4}\\r\\nfred {6}\\r\\nfoo\\r\\nb"',
    ]);
  });

  test('literal octets are counted, never scanned: CRLF and `{n}` inside them mean nothing', () => {
    expect(framesAlike('a APPEND x {9}\r\nab{2}\r\ncd\r\n')).toEqual([
      'literal {9} accepted after "a APPEND x {9}"',
      'command "a APPEND x {9}\\r\\nab{2}\\r\\ncd"',
    ]);
  });

  test('a literal header ended by a bare LF is delivered with CRLF, so the parser sees one form', () => {
    expect(framesAlike('a LOGIN {3}\nabc x\n')).toEqual([
      'literal {3} accepted after "a LOGIN {3}"',
      'command "a LOGIN {3}\\r\\nabc x"',
    ]);
  });

  test('a zero-length literal', () => {
    expect(framesAlike('a LOGIN {0}\r\n {0}\r\n\r\n')).toEqual([
      'literal {0} accepted after "a LOGIN {0}"',
      'literal {0} accepted after "a LOGIN {0}\\r\\n {0}"',
      'command "a LOGIN {0}\\r\\n {0}\\r\\n"',
    ]);
  });

  test('a refused synchronising literal drops the command at once; the client sends no octets', () => {
    const refuse = () => false;
    expect(framesAlike('a FOO {5}\r\nb NOOP\r\n', undefined, refuse)).toEqual([
      'literal {5} refused after "a FOO {5}"',
      'command "b NOOP"',
    ]);
  });

  test('a refused second literal drops the whole command, first literal included', () => {
    const policy: Policy = (i) => i.size !== 2;
    expect(framesAlike('a LOGIN {3}\r\nabc {2}\r\nb NOOP\r\n', undefined, policy)).toEqual([
      'literal {3} accepted after "a LOGIN {3}"',
      'literal {2} refused after "a LOGIN {3}\\r\\nabc {2}"',
      'command "b NOOP"',
    ]);
  });

  test('the literal hook sees the command so far (the session reads the tag from it)', () => {
    const heads: string[] = [];
    const f = new CommandFramer({}, {
      command() {},
      literal: (i) => (heads.push(text(i.head)), true),
      literalTooLarge() {},
      tooLong() {},
    });
    f.push(bytes('t1 LOGIN {1}\r\nx {1}\r\ny\r\n'));
    expect(heads).toEqual(['t1 LOGIN {1}', 't1 LOGIN {1}\r\nx {1}']);
  });
});

describe('LITERAL+ (RFC 7888)', () => {
  test('the RFC example: non-synchronising literals, octets sent at once', () => {
    expect(framesAlike('A001 LOGIN {11+}\r\nFRED FOOBAR {7+}\r\nfat man\r\n')).toEqual([
      'literal {11+} accepted after "A001 LOGIN {11+}"',
      'literal {7+} accepted after "A001 LOGIN {11+}\\r\\nFRED FOOBAR {7+}"',
      'command "A001 LOGIN {11+}\\r\\nFRED FOOBAR {7+}\\r\\nfat man"',
    ]);
  });

  test('a refused {n+} literal: exactly n octets are skipped, then the rest of the command', () => {
    const refuse = () => false;
    // The 5 octets contain a CRLF and what looks like a command: they must not be read as one.
    expect(framesAlike('a FOO {5+}\r\nb\r\nc rest of line\r\nd NOOP\r\n', undefined, refuse)).toEqual([
      'literal {5+} refused after "a FOO {5+}"',
      'discarded "a FOO {5+}"',
      'command "d NOOP"',
    ]);
  });

  test('a refused command is read to its real end, through later {m+} literals', () => {
    const policy: Policy = (i) => i.size !== 3;
    expect(framesAlike('a X {3+}\r\nabc {4+}\r\nw\r\nx y\r\nb NOOP\r\n', undefined, policy)).toEqual([
      'literal {3+} refused after "a X {3+}"',
      'discarded "a X {3+}"',
      'command "b NOOP"',
    ]);
  });

  test('...but a synchronising header in a refused command ends it: the client waits for +', () => {
    const refuse = () => false;
    expect(framesAlike('a X {2+}\r\nab {3}\r\nb NOOP\r\n', undefined, refuse)).toEqual([
      'literal {2+} refused after "a X {2+}"',
      'discarded "a X {2+}"',
      'command "b NOOP"',
    ]);
  });

  test('mixed synchronising and non-synchronising literals in one command', () => {
    expect(framesAlike('a LOGIN {3+}\r\nabc {3}\r\ndef\r\n')).toEqual([
      'literal {3+} accepted after "a LOGIN {3+}"',
      'literal {3} accepted after "a LOGIN {3+}\\r\\nabc {3}"',
      'command "a LOGIN {3+}\\r\\nabc {3}\\r\\ndef"',
    ]);
  });

  test('BINARY literal8 `~{n}` (RFC 3516, IMAP4rev2) is framed the same and flagged binary', () => {
    expect(framesAlike('a APPEND x ~{3+}\r\n\0\0\0\r\n')).toEqual([
      'literal ~{3+} accepted after "a APPEND x ~{3+}"',
      'command "a APPEND x ~{3+}\\r\\n\\u0000\\u0000\\u0000"',
    ]);
  });
});

describe('what is and is not a literal header (the grammar: "{" number ["+"] "}" at the end of the line)', () => {
  const header = (line: string) => {
    const b = bytes(line);
    const h = literalHeader(b, 0, b.length);
    return h && { size: h.size, sync: h.sync, binary: h.binary };
  };

  test.each([
    ['a LOGIN {12}', { size: 12, sync: true, binary: false }],
    ['a LOGIN {12+}', { size: 12, sync: false, binary: false }],
    ['a LOGIN {007}', { size: 7, sync: true, binary: false }],
    ['a FETCH 1 (BODY[HEADER.FIELDS ({4}', { size: 4, sync: true, binary: false }],
    ['a APPEND x ~{5}', { size: 5, sync: true, binary: true }],
    ['a LOGIN "x" {3}', { size: 3, sync: true, binary: false }],
    ['a LOGIN "x\\\\" {3}', { size: 3, sync: true, binary: false }],
  ])('%s is a header', (line, want) => {
    expect(header(line)).toEqual(want);
  });

  test.each([
    ['{} at the end', 'a LOGIN {}'],
    ['letters', 'a LOGIN {abc}'],
    ['only a plus', 'a LOGIN {+}'],
    ['a sign', 'a LOGIN {-1}'],
    ['something after it', 'a LOGIN {3} '],
    ['a space inside', 'a LOGIN {3 }'],
    ['plus before digits', 'a LOGIN {+3}'],
    ['glued to an atom', 'a LOGIN x{3}'],
    ['at the very start', '{3}'],
    ['inside a quoted string running to the end', 'a LOGIN "x {3}'],
    ['inside a quoted string with an escaped quote', 'a LOGIN "x\\" {3}'],
    ['no closing brace', 'a LOGIN {3'],
  ])('not a header: %s (%s)', (_why, line) => {
    expect(header(line)).toBeNull();
  });

  test('a line that is not a header is delivered as a command', () => {
    expect(framesAlike('a LOGIN x{3}\r\nb {} \r\n')).toEqual(['command "a LOGIN x{3}"', 'command "b {} "']);
  });

  test('after literal octets only the rest of the line counts (a header may not open it)', () => {
    expect(framesAlike('a X {1}\r\n({2}\r\n')).toEqual(['literal {1} accepted after "a X {1}"', 'command "a X {1}\\r\\n({2}"']);
    expect(framesAlike('a X {3}\r\nab {2}\r\ncd\r\n')).toEqual([
      'literal {3} accepted after "a X {3}"',
      'command "a X {3}\\r\\nab {2}"',
      'command "cd"',
    ]);
  });
});

describe('limits', () => {
  test('a literal over maxLiteralSize goes to literalTooLarge, never to literal', () => {
    expect(framesAlike('a APPEND x {11}\r\nb NOOP\r\n', { maxLiteralSize: 10 })).toEqual([
      'too large (literal) {11} after "a APPEND x {11}"',
      'command "b NOOP"',
    ]);
  });

  test('a literal at exactly maxLiteralSize is fine', () => {
    expect(framesAlike('a X {3}\r\nabc\r\n', { maxLiteralSize: 3 })[0]).toBe('literal {3} accepted after "a X {3}"');
  });

  test('an over-large {n+} literal is refused and its octets skipped (RFC 7888 §4)', () => {
    expect(framesAlike('a APPEND x {11+}\r\n0123456789\n\r\nb NOOP\r\n', { maxLiteralSize: 10 })).toEqual([
      'too large (literal) {11+} after "a APPEND x {11+}"',
      'discarded "a APPEND x {11+}"',
      'command "b NOOP"',
    ]);
  });

  test('an over-large {n} the session lets through anyway (Dovecot says "+ OK" to a huge APPEND) is read and dropped', () => {
    const letThrough = (input: string) => {
      const r = recorder({ maxLiteralSize: 10 }, () => true, true);
      r.framer.push(bytes(input));
      return r;
    };
    const r = letThrough('a3 APPEND INBOX {12}\r\nSubject: x\r\n\r\nb NOOP\r\n');
    expect(r.log).toEqual([
      'too large (literal) {12} after "a3 APPEND INBOX {12}"',
      'discarded "a3 APPEND INBOX {12}"',
      'command "b NOOP"',
    ]);
    // The client may hang up half-way: nothing is kept meanwhile.
    const half = letThrough('a3 APPEND INBOX {99999999999}\r\nSubject: partial\r\n\r\nonly a few bytes\r\n');
    expect(half.log).toEqual(['too large (literal) {99999999999} after "a3 APPEND INBOX {99999999999}"']);
    expect(half.framer.state).toBe('skip-literal');
    expect(half.framer.buffered).toBe(0);
    expect(half.framer.literalRemaining).toBe(99999999999 - 38);
  });

  test('discarded gets the first line only, however much of the command came before', () => {
    const policy: Policy = (i) => i.size !== 2;
    expect(framesAlike('a X {3}\r\nabc {2+}\r\nxy rest\r\n', undefined, policy)).toEqual([
      'literal {3} accepted after "a X {3}"',
      'literal {2+} refused after "a X {3}\\r\\nabc {2+}"',
      'discarded "a X {3}"',
    ]);
  });

  test('a literal that would take the command past maxCommandSize', () => {
    // "a X {10}" (8) + CRLF (2) + 10 > 19
    expect(framesAlike('a X {10}\r\nb NOOP\r\n', { maxCommandSize: 19 })).toEqual([
      'too large (command) {10} after "a X {10}"',
      'command "b NOOP"',
    ]);
    expect(framesAlike('a X {9}\r\n123456789\r\n', { maxCommandSize: 19 })).toEqual([
      'literal {9} accepted after "a X {9}"',
      'command "a X {9}\\r\\n123456789"',
    ]);
  });

  test('a huge size that does not fit any number is still refused cleanly', () => {
    const log = framesAlike('a X {99999999999999999999999}\r\nb NOOP\r\n');
    expect(log).toEqual(['too large (literal) {Infinity} after "a X {99999999999999999999999}"', 'command "b NOOP"']);
  });

  test('an over-long line: tooLong once, with the line cut at the limit; the rest of it is discarded', () => {
    expect(framesAlike('a 123456789 xyz\r\nb NOOP\r\n', { maxLineLength: 10 })).toEqual([
      'too long (line) "a 12345678"',
      'command "b NOOP"',
    ]);
  });

  test('a line of exactly maxLineLength is fine, CRLF not counted', () => {
    expect(framesAlike('a 34567890\r\nb 34567890\n', { maxLineLength: 10 })).toEqual([
      'command "a 34567890"',
      'command "b 34567890"',
    ]);
    expect(framesAlike('a 345678901\r\n', { maxLineLength: 10 })).toEqual(['too long (line) "a 34567890"']);
  });

  test('an over-long line that never ends: one report, nothing buffered', () => {
    const r = run('a ' + 'x'.repeat(100), 'bytes', { maxLineLength: 10 });
    expect(r.log).toEqual(['too long (line) "a xxxxxxxx"']);
    expect(r.framer.state).toBe('skip-line');
    expect(r.framer.buffered).toBe(0);
    r.framer.push(bytes('xxx\r\nb NOOP\r\n'));
    expect(r.log).toEqual(['too long (line) "a xxxxxxxx"', 'command "b NOOP"']);
  });

  test('the line limit applies to each line of a command: the rest after a literal counts afresh', () => {
    expect(framesAlike('a X {3}\r\nabc 123456789\r\n', { maxLineLength: 10 })).toEqual([
      'literal {3} accepted after "a X {3}"',
      'command "a X {3}\\r\\nabc 123456789"',
    ]);
    expect(framesAlike('a X {3}\r\nabc 1234567890\r\nb NOOP\r\n', { maxLineLength: 10 })).toEqual([
      'literal {3} accepted after "a X {3}"',
      'too long (line) "a X {3}\\r\\nabc 123456789"',
      'command "b NOOP"',
    ]);
  });

  test('maxCommandSize counts every line of the command', () => {
    // "a X {3}" CRLF "abc" is 12 octets; " 1234567" brings it to 20.
    expect(framesAlike('a X {3}\r\nabc 1234567\r\n', { maxCommandSize: 20 })).toHaveLength(2);
    expect(framesAlike('a X {3}\r\nabc 1234567\r\nb NOOP\r\n', { maxCommandSize: 19 })).toEqual([
      'literal {3} accepted after "a X {3}"',
      'too long (command) "a X {3}\\r\\nabc 123456"',
      'command "b NOOP"',
    ]);
  });

  test('an over-long line in a refused command is discarded silently', () => {
    const refuse = () => false;
    expect(framesAlike('a X {3+}\r\nabc 123456789012\r\nb NOOP\r\n', { maxLineLength: 10 }, refuse)).toEqual([
      'literal {3+} refused after "a X {3+}"',
      'discarded "a X {3+}"',
      'command "b NOOP"',
    ]);
  });

  test('with acceptBareLf: false a too-long line is skipped up to CRLF, not LF', () => {
    expect(framesAlike('a 123456789012\nstill\r\nb\r\n', { maxLineLength: 10, acceptBareLf: false })).toEqual([
      'too long (line) "a 12345678"',
      'command "b"',
    ]);
  });
});

describe('raw lines (IDLE, AUTHENTICATE)', () => {
  test('every line is delivered as is, with no literal detection', () => {
    const r = recorder();
    r.framer.rawLines = true;
    r.framer.push(bytes('dGVzdA== {3}\r\nDONE\n'));
    expect(r.log).toEqual(['command "dGVzdA== {3}"', 'command "DONE"']);
  });

  test('switching inside the command hook takes effect for the very next line of the same chunk', () => {
    const log: string[] = [];
    const f: CommandFramer = new CommandFramer({}, {
      command(b) {
        const line = text(b);
        log.push(line);
        if (line.endsWith('IDLE')) f.rawLines = true;
        if (line === 'DONE') f.rawLines = false;
      },
      literal: () => (log.push('literal'), true),
      literalTooLarge() {},
      tooLong() {},
    });
    f.push(bytes('a IDLE\r\n{5}\r\nDONE\r\nb LOGIN {1}\r\nx\r\n'));
    expect(log).toEqual(['a IDLE', '{5}', 'DONE', 'literal', 'b LOGIN {1}\r\nx']);
  });

  test('raw lines still obey maxLineLength', () => {
    const r = recorder({ maxLineLength: 4 });
    r.framer.rawLines = true;
    r.framer.push(bytes('123456\r\nDONE\r\n'));
    expect(r.log).toEqual(['too long (line) "1234"', 'command "DONE"']);
  });
});

describe('robustness', () => {
  test('push from inside a hook is refused', () => {
    const f: CommandFramer = new CommandFramer({}, {
      command: () => f.push(bytes('x\r\n')),
      literal: () => true,
      literalTooLarge() {},
      tooLong() {},
    });
    expect(() => f.push(bytes('a\r\n'))).toThrow(/inside a hook/);
  });

  test('a hook that throws loses nothing: the rest of the chunk is read by the next push', () => {
    const seen: string[] = [];
    const f = new CommandFramer({}, {
      command(b) {
        seen.push(text(b));
        if (text(b) === 'boom') throw new Error('handler bug');
      },
      literal: () => true,
      literalTooLarge() {},
      tooLong() {},
    });
    expect(() => f.push(bytes('a\r\nboom\r\nc\r\nd'))).toThrow('handler bug');
    f.push(bytes('\r\n'));
    expect(seen).toEqual(['a', 'boom', 'c', 'd']);
  });

  test('reset forgets a partial command', () => {
    const r = run('a X {5}\r\nab', 'whole');
    expect(r.framer.state).toBe('literal');
    expect(r.framer.literalRemaining).toBe(3);
    r.framer.reset();
    r.framer.push(bytes('b NOOP\r\n'));
    expect(r.commands).toEqual(['b NOOP']);
  });

  test('state names what the framer is doing', () => {
    const r = recorder({ maxLineLength: 8 }, () => false);
    expect(r.framer.state).toBe('line');
    r.framer.push(bytes('a {2+}\r\n'));
    expect(r.framer.state).toBe('skip-literal');
    r.framer.push(bytes('xy'));
    expect(r.framer.state).toBe('discard');
    r.framer.push(bytes('\r\nabcdefghijk'));
    expect(r.framer.state).toBe('skip-line');
  });
});

describe('speed: linear in the input', () => {
  test('a long line fed byte by byte is not re-scanned on every push', () => {
    const line = 'a ' + 'x'.repeat(60000) + '\r\n';
    const r = recorder();
    const all = bytes(line);
    const t0 = performance.now();
    for (let i = 0; i < all.length; i++) r.framer.push(all.subarray(i, i + 1));
    expect(r.commands[0].length).toBe(60002);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  test('16 MiB of pipelined commands and literals in 64 KiB chunks', () => {
    const unit = 'a1 NOOP\r\na2 LOGIN {5+}\r\nhello {3}\r\nabc\r\na3 SELECT INBOX\r\n';
    const stream = new TextEncoder().encode(unit.repeat(Math.ceil((16 << 20) / unit.length)));
    let n = 0;
    let octets = 0;
    const f = new CommandFramer({}, {
      command: (b) => {
        n++;
        octets += b.length;
      },
      literal: () => true,
      literalTooLarge() {},
      tooLong() {},
    });
    const t0 = performance.now();
    for (let at = 0; at < stream.length; at += 65536) f.push(stream.subarray(at, at + 65536));
    const ms = performance.now() - t0;
    expect(n).toBe(3 * (stream.length / unit.length));
    // Every byte accounted for: each command lost exactly its final CRLF.
    expect(octets + 2 * n).toBe(stream.length);
    expect(ms).toBeLessThan(3000); // ~0.2 s here; the limit only catches a quadratic slip
  });
});

describe('memory and flow control (issue 11)', () => {
  test('lets go of the buffer a big literal grew, once the command is delivered', () => {
    const r = recorder();
    const size = 10 * 1024 * 1024;
    r.framer.push(bytes(`a APPEND INBOX {${size}+}\r\n`));
    r.framer.push(new Uint8Array(size));
    expect(r.framer.capacity).toBeGreaterThanOrEqual(size);
    r.framer.push(bytes('\r\n'));
    expect(r.commands).toHaveLength(1);
    // An idle connection keeps a few KiB, not the 10 MiB (it used to keep ~37 MiB after 50 MiB).
    expect(r.framer.capacity).toBeLessThanOrEqual(64 * 1024);
  });

  test('holds input while `held`, then frames it in order on resume()', () => {
    const r = recorder();
    r.framer.held = true;
    r.framer.push(bytes('a NOOP\r\nb NOOP\r\n'));
    expect(r.commands).toEqual([]);
    expect(r.framer.backlogged).toBe(16);
    r.framer.resume();
    expect(r.commands).toEqual(['a NOOP', 'b NOOP']);
  });

  test('a hook that sets `held` stops framing right after its command', () => {
    const commands: string[] = [];
    const framer: CommandFramer = new CommandFramer(
      {},
      {
        command(b) {
          commands.push(text(b));
          framer.held = true;
        },
        literal: () => true,
        literalTooLarge: () => false,
        tooLong: () => {},
      },
    );
    framer.push(bytes('a FETCH 1 BODY[]\r\nb FETCH 2 BODY[]\r\nc NOOP\r\n'));
    expect(commands).toEqual(['a FETCH 1 BODY[]']);
    framer.resume();
    expect(commands).toEqual(['a FETCH 1 BODY[]', 'b FETCH 2 BODY[]']);
    framer.resume();
    expect(commands).toHaveLength(3);
    expect(framer.backlogged).toBe(0);
  });
});
