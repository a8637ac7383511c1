/**
 * Property tests (fast-check) for the wire's input side: whatever bytes arrive, in whatever
 * chunks, the framer loses nothing, duplicates nothing and sees the same commands; the parser
 * fails only with ParseError.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ByteWriter, binaryString, encodeValue, encodeValueBinary } from './encode';
import type { Value } from './values';
import { CommandFramer, type FramerLimits, type LiteralInfo } from './framer';
import { ParseError, Reader, SequenceSet, STAR, parseSequenceSet } from './parser';

const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const text = (b: Uint8Array): string => {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return s;
};

// --- generators ---------------------------------------------------------------------------

/** Bits of IMAP, and noise: enough literal headers, quotes and line ends to hit every path. */
const token = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      'a', 'b', 'tag', ' ', ' ', '(', ')', '"', '\\', '{', '}', '+', '~', '0', '3', '12', '*', ':', ',', '[', ']', '%',
      '\r', '\n', '\r\n', '\r\n', 'NIL', 'nil', '\\Seen', 'INBOX', '1:*', '"x y"',
      '{3}\r\n', '{2+}\r\n', '{0}\r\n', ' {1}\r\n', ' {4+}\n', ' ~{2}\r\n', ' {3}\r\nabc', '"q {1}\r\n', '({2}\r\n',
      ' {99}\r\n', '"01-Jul-2002 13:45:10 +0200"', '1-Feb-1994', '\\"', '"a\\"', '"\\\\"', '" {2}\r\n',
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 4 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }).map((b) => String.fromCharCode(b)) },
);
const soup = fc.array(token, { maxLength: 80 }).map((ts) => ts.join(''));
const chunkSizes = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 });

// --- the framer under observation -----------------------------------------------------------

type Policy = (info: LiteralInfo) => boolean;
/** Deterministic, so any chunking must lead to the same decisions. */
const somePolicy: Policy = (i) => (i.size + i.head.length) % 3 !== 0;

function observe(input: Uint8Array, sizes: number[] | null, limits: Partial<FramerLimits>, policy: Policy, rawToggles = false) {
  const log: string[] = [];
  const f: CommandFramer = new CommandFramer(limits, {
    command(b) {
      const t = text(b);
      log.push(`command ${JSON.stringify(t)}`);
      if (rawToggles && t === 'a') f.rawLines = true;
      if (rawToggles && t === 'b') f.rawLines = false;
    },
    literal(info) {
      const ok = policy(info);
      log.push(`literal ${info.size} ${info.sync} ${info.binary} ${ok} ${JSON.stringify(text(info.head))}`);
      return ok;
    },
    literalTooLarge(info) {
      log.push(`too large ${info.limit} ${info.size} ${info.sync} ${JSON.stringify(text(info.head))}`);
      return info.size % 2 === 0; // sometimes let it through anyway
    },
    discarded(head) {
      log.push(`discarded ${JSON.stringify(text(head))}`);
    },
    tooLong(head, limit) {
      log.push(`too long ${limit} ${JSON.stringify(text(head))}`);
    },
  });
  if (!sizes) f.push(input);
  else {
    for (let at = 0, k = 0; at < input.length; k++) {
      const n = sizes[k % sizes.length];
      f.push(input.subarray(at, at + n));
      at += n;
    }
  }
  return { log, buffered: f.buffered, state: f.state };
}

// --- a reference model: the framing rules, written as plainly as possible -----------------------

function modelHeader(line: string): { size: number; sync: boolean; binary: boolean } | null {
  const m = /[ (](~?)\{([0-9]+)(\+?)\}$/.exec(line);
  if (!m) return null;
  // Not inside a quoted string: walk the quotes up to the header.
  let quoted = false;
  for (let i = 0; i < m.index + 1; i++) {
    if (quoted && line[i] === '\\') i++;
    else if (line[i] === '"') quoted = !quoted;
  }
  if (quoted) return null;
  return { size: Number(m[2]), sync: m[3] === '', binary: m[1] === '~' };
}

/** What the framer should report for `input` with no line or command limit. */
function model(input: string, maxLiteral: number, policy: (size: number, headLength: number) => boolean): string[] {
  const log: string[] = [];
  let pos = 0;
  command: for (;;) {
    let cmd = '';
    let firstLine: string | null = null;
    let discarding: string | null = null; // the first line of the command being dropped
    for (;;) {
      const lf = input.indexOf('\n', pos);
      if (lf < 0) return log;
      let line = input.slice(pos, lf);
      pos = lf + 1;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      const h = modelHeader(line);
      if (discarding !== null) {
        if (!h || h.sync) {
          log.push(`discarded ${JSON.stringify(discarding)}`);
          continue command;
        }
        if (pos + h.size > input.length) return log;
        pos += h.size;
        continue;
      }
      if (!h) {
        log.push(`command ${JSON.stringify(cmd + line)}`);
        continue command;
      }
      const head = JSON.stringify(cmd + line);
      let ok = false;
      let sent = !h.sync;
      if (h.size > maxLiteral) {
        log.push(`too large literal ${h.size} ${h.sync} ${head}`);
        sent ||= h.size % 2 === 0;
      } else {
        ok = policy(h.size, (cmd + line).length);
        log.push(`literal ${h.size} ${h.sync} ${h.binary} ${ok} ${head}`);
      }
      if (!ok && !sent) continue command;
      if (ok) firstLine ??= line;
      else discarding = firstLine ?? cmd + line;
      if (pos + h.size > input.length) return log;
      if (ok) cmd += line + '\r\n' + input.slice(pos, pos + h.size);
      pos += h.size;
    }
  }
}

describe('framer properties', () => {
  test('the framer does exactly what the reference model does: nothing lost, nothing duplicated', () => {
    const limits = { maxLineLength: 1e9, maxCommandSize: 1e15, maxLiteralSize: 50 };
    fc.assert(
      fc.property(soup, chunkSizes, (input, sizes) => {
        const want = model(input, 50, (size, headLength) => (size + headLength) % 3 !== 0);
        expect(observe(bytes(input), sizes, limits, somePolicy).log).toEqual(want);
      }),
      { numRuns: 3000 },
    );
  });

  test('any chunking, any limits, either line-end rule, raw mode switching: the same events', () => {
    const limits = fc.record({
      maxLineLength: fc.integer({ min: 0, max: 20 }),
      maxLiteralSize: fc.integer({ min: 0, max: 6 }),
      maxCommandSize: fc.integer({ min: 0, max: 40 }),
      acceptBareLf: fc.boolean(),
    });
    fc.assert(
      fc.property(soup, chunkSizes, limits, fc.boolean(), (input, sizes, l, raw) => {
        const b = bytes(input);
        const whole = observe(b, null, l, somePolicy, raw);
        const chunked = observe(b, sizes, l, somePolicy, raw);
        expect(chunked).toEqual(whole);
        expect(observe(b, [1], l, somePolicy, raw)).toEqual(whole);
      }),
      { numRuns: 3000 },
    );
  });

  test('well-formed commands come out exactly as sent: joined with CRLF they are the input again', () => {
    // A command: text, then any number of (literal header, octets, more text); no quotes, and
    // no text ends in `}`, so the only literal headers are the ones put there.
    const lineText = fc.string({ unit: fc.constantFrom(...'ab XY()*%]019{+\\'.split('')), maxLength: 12 }).filter((t) => !t.endsWith('}'));
    const literal = fc.record({ octets: fc.uint8Array({ maxLength: 12 }).map(text), plus: fc.boolean(), binary: fc.boolean(), after: lineText });
    const command = fc.record({ first: lineText, literals: fc.array(literal, { maxLength: 3 }) }).map(({ first, literals }) => {
      let s = first;
      for (const l of literals) s += ` ${l.binary ? '~' : ''}{${l.octets.length}${l.plus ? '+' : ''}}\r\n${l.octets}${l.after}`;
      return s;
    });
    fc.assert(
      fc.property(fc.array(command, { maxLength: 8 }), chunkSizes, (commands, sizes) => {
        const input = commands.map((c) => c + '\r\n').join('');
        const got = observe(bytes(input), sizes, {}, () => true).log.filter((e) => e.startsWith('command '));
        expect(got).toEqual(commands.map((c) => `command ${JSON.stringify(c)}`));
      }),
      { numRuns: 2000 },
    );
  });
});

// --- parser -------------------------------------------------------------------------------------

const ops: Array<[string, (r: Reader) => unknown]> = [
  ['tag', (r) => r.tag()],
  ['sp', (r) => r.sp()],
  ['end', (r) => r.end()],
  ['atom', (r) => r.atom()],
  ['keyword', (r) => r.keyword()],
  ['peekWord', (r) => r.peekWord()],
  ['word', (r) => r.word('NIL')],
  ['number', (r) => r.number()],
  ['nzNumber', (r) => r.nzNumber()],
  ['number64', (r) => r.number64()],
  ['quoted', (r) => r.quoted()],
  ['literal', (r) => r.literal()],
  ['literal8', (r) => r.literal8()],
  ['string', (r) => r.string()],
  ['astring', (r) => r.astring()],
  ['nstring', (r) => r.nstring()],
  ['mailbox', (r) => r.mailbox()],
  ['listMailbox', (r) => r.listMailbox()],
  ['flag', (r) => r.flag()],
  ['flagList', (r) => r.flagList({ allowStar: true })],
  ['flags', (r) => r.flags()],
  ['list', (r) => r.list((x) => x.value())],
  ['nilOrList', (r) => r.nilOrList((x) => x.astring())],
  ['value', (r) => r.value()],
  ['sequenceSet', (r) => r.sequenceSet()],
  ['date', (r) => r.date()],
  ['dateTime', (r) => r.dateTime()],
  ['char', (r) => r.char(')')],
];

describe('parser properties', () => {
  test('random bytes never make any reader method throw anything but ParseError', () => {
    const program = fc.array(fc.nat(ops.length - 1), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(soup, program, fc.integer({ min: 1, max: 6 }), (input, prog, maxDepth) => {
        const b = bytes(input);
        const r = new Reader(b, { maxDepth });
        for (const i of prog) {
          const before = r.pos;
          try {
            ops[i][1](r);
          } catch (e) {
            if (!(e instanceof ParseError)) throw e;
            expect(e.pos).toBeGreaterThanOrEqual(0);
            expect(e.pos).toBeLessThanOrEqual(b.length);
            expect(e.message).toMatch(/^[A-Z0-9\\]/);
            continue;
          }
          expect(r.pos).toBeGreaterThanOrEqual(before);
          expect(r.pos).toBeLessThanOrEqual(b.length);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('framed random input, read the way a session does, only ever fails with ParseError', () => {
    fc.assert(
      fc.property(soup, (input) => {
        const commands: Uint8Array[] = [];
        const f = new CommandFramer({ maxLineLength: 40 }, { command: (c) => commands.push(c), literal: () => true, literalTooLarge() {}, tooLong() {} });
        f.push(bytes(input));
        for (const c of commands) {
          const r = new Reader(c);
          try {
            r.tag();
            r.sp('after tag');
            r.keyword('command name');
            while (!r.atEnd()) {
              r.sp();
              r.value();
            }
          } catch (e) {
            if (!(e instanceof ParseError)) throw e;
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('whatever string the encoder writes, the parser reads back', () => {
    const s = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((x) => !x.includes('\0'));
    fc.assert(
      fc.property(s, (value) => {
        expect(new Reader(encodeValue(value)).string()).toBe(value);
        const r = new Reader(encodeValue([value, null, 7]));
        expect(r.list(() => (r.peekWord('NIL') || /^[0-9]/.test(String.fromCharCode(r.peek())) ? r.value() : r.string()))).toEqual([value, null, 7]);
      }),
      { numRuns: 2000 },
    );
  });

  test('a value kept as a binary string (the FETCH caches) has exactly the bytes the encoder writes, call after call', () => {
    const leaf = fc.oneof(
      fc.constant(null),
      fc.nat(),
      fc.string({ unit: 'grapheme', maxLength: 12 }).filter((x) => !x.includes('\0')),
      fc.uint8Array({ maxLength: 8 }),
      fc.constantFrom('"', '\\', 'a\r\nb', ''),
    );
    const value = fc.letrec((tie) => ({ v: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('v'), { maxLength: 5 })) })).v;
    // A list long enough to grow the reused buffer past what it keeps, between ordinary values.
    const outsized = fc.constant(Array.from({ length: 20_000 }, (_, i) => `part ${i}`));
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 9, arbitrary: value }, { weight: 1, arbitrary: outsized }), { maxLength: 6 }), (values) => {
        for (const v of values) expect(encodeValueBinary(v as Value)).toBe(binaryString(encodeValue(v as Value)));
      }),
      { numRuns: 300 },
    );
  });

  test('literal8 (RFC 3516 §4.4): any octets, NUL included, read back exactly; an ordinary literal refuses NUL', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (data, plus) => {
        const head = bytes(`~{${data.length}${plus ? '+' : ''}}\r\n`);
        const r = new Reader(Uint8Array.from([...head, ...data, 0x20, 0x78]));
        expect([...r.literal8()]).toEqual([...data]);
        expect(r.peek()).toBe(0x20);
        const plain = new Reader(Uint8Array.from([...bytes(`{${data.length}}\r\n`), ...data]));
        if (data.includes(0)) expect(() => plain.literalBytes()).toThrow(ParseError);
        else expect([...plain.literalBytes()]).toEqual([...data]);
      }),
      { numRuns: 300 },
    );
  });

  test('the framer frames ~{n} exactly like {n}, and says it is binary', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.boolean(), (data, plus) => {
        const infos: LiteralInfo[] = [];
        const commands: Uint8Array[] = [];
        const f = new CommandFramer({}, { command: (b) => commands.push(b.slice()), literal: (i) => (infos.push({ ...i, head: i.head.slice() }), true), literalTooLarge: () => false, tooLong: () => {} });
        f.push(Uint8Array.from([...bytes(`a APPEND x ~{${data.length}${plus ? '+' : ''}}\r\n`), ...data, ...bytes('\r\n')]));
        expect(infos.map((i) => [i.size, i.sync, i.binary])).toEqual([[data.length, !plus, true]]);
        expect(commands.length).toBe(1);
        expect([...commands[0].subarray(commands[0].length - data.length)]).toEqual([...data]);
      }),
      { numRuns: 200 },
    );
  });

  test('a binary string is written one octet per character, 8-bit ones too, at any offset', () => {
    const binaryString = fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 40 }).map((cs) => String.fromCharCode(...cs));
    fc.assert(
      fc.property(fc.array(binaryString, { maxLength: 5 }), (pieces) => {
        const w = new ByteWriter(4);
        for (const p of pieces) w.binary(p);
        expect(text(w.finish())).toBe(pieces.join(''));
      }),
      { numRuns: 1000 },
    );
  });

  test('sequence sets: toString reads back the same, and resolve agrees with has', () => {
    const seq = fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constant(STAR));
    const set = fc.array(fc.tuple(seq, seq), { minLength: 1, maxLength: 6 }).map(
      (pairs) => new SequenceSet(pairs.map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }))),
    );
    fc.assert(
      fc.property(set, fc.integer({ min: 0, max: 50 }), (s, star) => {
        expect(parseSequenceSet(s.toString()).ranges).toEqual(s.ranges);
        const resolved = s.resolve(star);
        for (let k = 1; k < resolved.length; k++) expect(resolved[k][0]).toBeGreaterThan(resolved[k - 1][1] + 1);
        const members = new Set(s.values(star));
        for (let n = 0; n <= 52; n++) expect(members.has(n)).toBe(s.has(n, star));
        expect(s.count(star)).toBe(members.size);
      }),
      { numRuns: 1000 },
    );
  });
});
