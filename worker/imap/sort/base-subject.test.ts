import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseSubject, titlecase } from './base-subject';

const base = (s: string) => baseSubject(s).base;
const isReply = (s: string) => baseSubject(s).replyOrForward;

/** RFC 5256 §2.1, "Base Subject", step by step. */
describe('RFC 5256 §2.1 base subject', () => {
  it('(1) folds case (i;unicode-casemap) and turns tabs, line breaks and runs of spaces into one space', () => {
    expect(base('Hello   World')).toBe('HELLO WORLD');
    expect(base('Hello\tWorld')).toBe('HELLO WORLD');
    expect(base('hello\r\n world')).toBe('HELLO WORLD');
    expect(base('été')).toBe(base('ÉTÉ'));
  });

  it('(2) removes subj-trailer ("(fwd)" / WSP) from the end, repeatedly', () => {
    expect(base('Report (fwd)')).toBe('REPORT');
    expect(base('Report (fwd) (FWD)  ')).toBe('REPORT');
    expect(isReply('Report (fwd)')).toBe(true);
    expect(isReply('Report   ')).toBe(false);
  });

  it('(3) removes subj-leader: "re", "fw", "fwd", with an optional blob and whitespace before the colon', () => {
    expect(base('Re: lunch')).toBe('LUNCH');
    expect(base('RE:lunch')).toBe('LUNCH');
    expect(base('Fw: lunch')).toBe('LUNCH');
    expect(base('Fwd: lunch')).toBe('LUNCH');
    expect(base('re [2]: lunch')).toBe('LUNCH');
    expect(base('Re: Re: Fwd: lunch')).toBe('LUNCH');
    expect(isReply('Re: lunch')).toBe(true);
  });

  it('(3) also removes the blobs in front of a leader ("[list] Re:")', () => {
    expect(base('[tea] Re: Earl Grey')).toBe('EARL GREY');
    expect(base('[a][b] Fw: blobs')).toBe('BLOBS');
  });

  it('(4) removes a leading blob only when something is left after it', () => {
    expect(base('[tea] Earl Grey')).toBe('EARL GREY');
    expect(base('[only a blob]')).toBe('[ONLY A BLOB]');
    expect(isReply('[tea] Earl Grey')).toBe(false);
  });

  it('(5) repeats (3) and (4) until neither applies', () => {
    expect(base('Re: [tea] Re: [tea] Earl Grey')).toBe('EARL GREY');
  });

  it('(6) unwraps "[fwd: … ]" and starts again from (2)', () => {
    expect(base('[fwd: Earl Grey]')).toBe('EARL GREY');
    expect(base('[Fwd: Re: Earl Grey (fwd)]')).toBe('EARL GREY');
    expect(base('re: [fwd: [fwd: re: [fwd: babylon]]]')).toBe('BABYLON');
    expect(isReply('[fwd: Earl Grey]')).toBe(true);
  });

  it('leaves what is not a leader: "Ad:", "Reply:", a colon alone', () => {
    expect(base('Ad: Re: Ad: x')).toBe('AD: RE: AD: X');
    expect(base('Reply: x')).toBe('REPLY: X');
    expect(base('Re:')).toBe('');
  });

  it('the examples of imaptest\'s sort-subject mail come out as Dovecot has them', () => {
    expect(base('[foo] Fwd: [bar] Re: fw: b (fWd)  (fwd)')).toBe('B');
    expect(base('Re: [FWD: c]')).toBe('C');
    expect(base('b (a)')).toBe('B (A)');
  });

  it('title case is upper case for ASCII and keeps one code point per code point', () => {
    expect(titlecase('straße')).toBe('STRAßE');
    expect(titlecase('ﬁx')).toBe('FIX'); // a compatibility ligature decomposes first
  });
});

describe('base subject properties', () => {
  const subject = fc.stringMatching(/^[ -~\t]{0,30}$/);
  const leader = fc.constantFrom('Re: ', 'RE:', 'Fwd: ', 'fw:', '[list] Re: ', 're [x]: ');

  it('is idempotent: the base subject of a base subject is itself', () => {
    fc.assert(
      fc.property(subject, (s) => {
        expect(base(base(s))).toBe(base(s));
      }),
    );
  });

  it('a reply (a leader in front) has the base subject of the original, and is a reply', () => {
    fc.assert(
      fc.property(leader, subject, (l, s) => {
        expect(base(l + s)).toBe(base(s));
        expect(isReply(l + s)).toBe(true);
      }),
    );
  });

  it('a forward wrapped as "[fwd: …]" has the base subject of the original', () => {
    fc.assert(
      fc.property(subject.filter((s) => !/[[\]]/.test(s)), (s) => {
        expect(base(`[fwd: ${s}]`)).toBe(base(s));
      }),
    );
  });
});
