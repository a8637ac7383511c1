import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../store/model';
import { ParseError, Reader } from '../../wire/parser';
import { matches, type SearchContext } from './evaluate';
import { parseSearchProgram } from './parse';

/** RFC 5032 (WITHIN): `OLDER interval` and `YOUNGER interval`, interval in seconds. */
const parse = (keys: string, within = true) => parseSearchProgram(new Reader(` ${keys}`), null, undefined, { within });
const message = (internalDate: number) => ({ uid: 1, internalDate, zone: 0, flags: new Set(), raw: new Uint8Array() }) as unknown as Message;
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const ctx: SearchContext = { count: 1, maxUid: 1, isRecent: () => false, now: NOW };
const hit = (keys: string, ageSeconds: number) => matches(parse(keys), message(NOW - ageSeconds * 1000), 1, ctx);

describe('RFC 5032: OLDER and YOUNGER', () => {
  it('OLDER n matches messages whose INTERNALDATE is more than n seconds before now', () => {
    expect(hit('OLDER 3600', 7200)).toBe(true);
    expect(hit('OLDER 3600', 60)).toBe(false);
  });

  it('YOUNGER n matches messages whose INTERNALDATE is within the last n seconds', () => {
    expect(hit('YOUNGER 3600', 60)).toBe(true);
    expect(hit('YOUNGER 3600', 7200)).toBe(false);
  });

  it('the interval is a non-zero 32-bit number: 0, a sign, a word or 2^32 are syntax errors', () => {
    expect(parse('YOUNGER 4294967295')).toEqual({ op: 'within', older: false, seconds: 4294967295 });
    for (const bad of ['OLDER 0', 'YOUNGER -1', 'OLDER 4294967296', 'YOUNGER soon', 'OLDER 1.5', 'OLDER']) {
      expect(() => parse(bad), bad).toThrow(ParseError);
    }
  });

  it('are not search keys where WITHIN is not offered (RFC 3501 alone, RFC 1730)', () => {
    expect(() => parse('OLDER 10', false)).toThrow(/Unknown search key OLDER/);
  });

  it('for any interval and any age, a message is exactly one of OLDER n and YOUNGER n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 0xffff_ffff }), fc.integer({ min: -1_000_000, max: 2 * 0xffff_ffff }), (n, age) => {
        expect(hit(`OLDER ${n}`, age)).toBe(!hit(`YOUNGER ${n}`, age));
        expect(hit(`OR OLDER ${n} YOUNGER ${n}`, age)).toBe(true);
      }),
    );
  });

  it('any word after OLDER is read as an interval or refused with a ParseError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (junk) => {
        try {
          const key = parse(`OLDER ${junk}`);
          expect(key).toMatchObject({ op: 'within', older: true });
        } catch (e) {
          expect(e).toBeInstanceOf(ParseError);
        }
      }),
    );
  });
});
