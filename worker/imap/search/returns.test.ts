import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError, Reader, parseSequenceSet } from '../../wire/parser';
import { esearchItems, esearchResponse, partialWindow, readReturnOptions, savedPart, type ReturnOptions } from './returns';

/** `SEARCH RETURN (...)` as the command handler sees it: the reader is after the command name. */
const read = (rest: string) => {
  const r = new Reader(` ${rest}`);
  const o = readReturnOptions(r);
  return { o, rest: new TextDecoder().decode(r.rest()) };
};
const none: ReturnOptions = { min: false, max: false, all: false, count: false, save: false, update: false };
const expand = (set: string) => parseSequenceSet(set).resolve(0xffff_ffff).flatMap(([lo, hi]) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i));

describe('RFC 4731 §3.1: the RETURN options of SEARCH', () => {
  it('reads MIN, MAX, ALL and COUNT in any case and order, and leaves the search keys', () => {
    expect(read('RETURN (min COUNT Max) SEEN')).toEqual({ o: { ...none, min: true, max: true, count: true }, rest: ' SEEN' });
  });

  it('"RETURN ()" is the same as "RETURN (ALL)"', () => {
    expect(read('RETURN () ALL').o).toEqual({ ...none, all: true });
  });

  it('a SEARCH without RETURN has no options (RFC 3501 SEARCH), and RETURN without a list is a search key', () => {
    expect(read('SEEN')).toEqual({ o: null, rest: ' SEEN' });
    expect(read('RETURN ALL').o).toBeNull();
  });

  it('an unknown option is a syntax error', () => {
    expect(() => read('RETURN (FOO) ALL')).toThrow(/Unknown SEARCH return option/);
  });

  it('an empty result has no MIN, MAX or ALL, but COUNT 0', () => {
    expect(esearchItems([], { ...none, min: true, max: true, all: true, count: true })).toEqual([['COUNT', '0']]);
  });

  it('writes MIN MAX ALL COUNT in that order, ALL as a compact set', () => {
    const items = esearchItems([2, 3, 4, 9], { ...none, count: true, all: true, max: true, min: true });
    expect(esearchResponse('A282', true, items)).toBe('ESEARCH (TAG "A282") UID MIN 2 MAX 9 ALL 2:4,9 COUNT 4');
  });

  it('for a sorted result (ESORT, RFC 5267 §3.2) ALL keeps the order and MIN/MAX are still the lowest and highest', () => {
    expect(esearchItems([5, 6, 1, 9], { ...none, min: true, max: true, all: true })).toEqual([['MIN', '1'], ['MAX', '9'], ['ALL', '5:6,1,9']]);
  });

  it('any ascending result: MIN is the first, MAX the last, ALL names exactly the result, COUNT its size', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 5000 }), { maxLength: 60 }), (raw) => {
        const numbers = [...raw].sort((a, b) => a - b);
        const items = new Map(esearchItems(numbers, { ...none, min: true, max: true, all: true, count: true }));
        expect(items.get('COUNT')).toBe(String(numbers.length));
        if (!numbers.length) {
          expect(items.size).toBe(1);
          return;
        }
        expect(items.get('MIN')).toBe(String(numbers[0]));
        expect(items.get('MAX')).toBe(String(numbers[numbers.length - 1]));
        expect(expand(items.get('ALL')!)).toEqual(numbers);
      }),
    );
  });
});

describe('RFC 5267 §4.4: PARTIAL', () => {
  it('takes a range of positions in the result, in either order, answered low first', () => {
    expect(read('RETURN (PARTIAL 4:2) ALL').o!.partial).toEqual([2, 4]);
    expect(esearchItems([1, 2, 4, 5], { ...none, partial: [2, 4] })).toEqual([['PARTIAL', '(2:4 2,4:5)']]);
  });

  it('a range past the result answers NIL', () => {
    expect(esearchItems([1, 2, 3], { ...none, partial: [6, 6] })).toEqual([['PARTIAL', '(6:6 NIL)']]);
  });

  it('cannot be combined with ALL, nor given twice', () => {
    expect(() => read('RETURN (PARTIAL 1:3 ALL) ALL')).toThrow(/conflicts with ALL/);
    expect(() => read('RETURN (ALL PARTIAL 1:3) ALL')).toThrow(/conflicts with ALL/);
    expect(() => read('RETURN (PARTIAL 1:3 PARTIAL 2:3) ALL')).toThrow(/only once/);
  });

  it('refuses ranges that are not two non-zero 32-bit numbers', () => {
    for (const bad of ['1', '1:*', '*:1', '0:1', '1:4294967296', '-1:-3', 'x', '1:2:3']) {
      expect(() => read(`RETURN (PARTIAL ${bad}) ALL`), bad).toThrow(ParseError);
    }
    expect(() => read('RETURN (PARTIAL) ALL')).toThrow(/range missing/);
  });

  it('any valid range is read as it was written, low end first', () => {
    const n = fc.integer({ min: 1, max: 0xffff_ffff });
    fc.assert(
      fc.property(n, n, (a, b) => {
        expect(read(`RETURN (PARTIAL ${a}:${b}) ALL`).o!.partial).toEqual([Math.min(a, b), Math.max(a, b)]);
      }),
    );
  });

  it('any text after PARTIAL is read or refused with a ParseError, never anything else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (junk) => {
        try {
          read(`RETURN (PARTIAL ${junk}) ALL`);
        } catch (e) {
          expect(e).toBeInstanceOf(ParseError);
        }
      }),
    );
  });

  it('the window is the lo-th to hi-th of the result', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 30 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), (result, a, b) => {
        const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
        const w = partialWindow(result, [lo, hi]);
        expect(w).toEqual(result.filter((_, i) => i + 1 >= lo && i + 1 <= hi));
      }),
    );
  });
});

describe('RFC 5182 §2.4: what SAVE keeps', () => {
  const r = ['m1', 'm2', 'm3'];
  it('the whole result, alone or with ALL or COUNT', () => {
    expect(savedPart(r, { ...none, save: true })).toEqual(r);
    expect(savedPart(r, { ...none, save: true, count: true, min: true })).toEqual(r);
  });
  it('with MIN and/or MAX alone, only those messages', () => {
    expect(savedPart(r, { ...none, save: true, min: true })).toEqual(['m1']);
    expect(savedPart(r, { ...none, save: true, max: true })).toEqual(['m3']);
    expect(savedPart(r, { ...none, save: true, min: true, max: true })).toEqual(['m1', 'm3']);
    expect(savedPart(['m1'], { ...none, save: true, min: true, max: true })).toEqual(['m1']);
  });
  it('with PARTIAL, the window (as Dovecot)', () => {
    expect(savedPart(r, { ...none, save: true, partial: [2, 3] })).toEqual(['m2', 'm3']);
  });
});
