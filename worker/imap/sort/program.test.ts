import { describe, expect, it } from 'vitest';
import { ParseError, Reader } from '../../wire/parser';
import { parseSortCriteria } from './program';

const parse = (s: string) => parseSortCriteria(new Reader(s));

/** RFC 5256 §3: sort-criteria = "(" sort-criterion *(SP sort-criterion) ")"; sort-criterion = ["REVERSE" SP] sort-key. */
describe('SORT criteria (RFC 5256 §3, RFC 5957 §3)', () => {
  it('reads each sort key, REVERSE applying to the key after it only', () => {
    expect(parse('(REVERSE DATE SUBJECT)')).toEqual([
      { key: 'DATE', reverse: true },
      { key: 'SUBJECT', reverse: false },
    ]);
  });

  it('knows RFC 5256\'s keys and RFC 5957\'s DISPLAYFROM and DISPLAYTO, in any case', () => {
    for (const k of ['ARRIVAL', 'CC', 'DATE', 'FROM', 'SIZE', 'SUBJECT', 'TO', 'DISPLAYFROM', 'DISPLAYTO']) {
      expect(parse(`(${k.toLowerCase()})`)).toEqual([{ key: k, reverse: false }]);
    }
  });

  it('refuses an unknown key, an empty list, a bare key, and REVERSE with no key after it', () => {
    expect(() => parse('(SENDER)')).toThrow(/Unknown sort key SENDER/);
    expect(() => parse('()')).toThrow(/Empty sort program/);
    expect(() => parse('DATE')).toThrow(ParseError);
    expect(() => parse('(DATE REVERSE)')).toThrow(/ends with REVERSE/);
  });

  it('counts a key named twice once, at its first place (as Dovecot does)', () => {
    expect(parse('(DATE SIZE REVERSE DATE)')).toEqual([
      { key: 'DATE', reverse: false },
      { key: 'SIZE', reverse: false },
    ]);
  });
});
