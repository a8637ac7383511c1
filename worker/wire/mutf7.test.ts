import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MailboxNameError, decodeMailboxName, encodeMailboxName, isValidMailboxName } from './mutf7';

describe('modified UTF-7 (RFC 3501 §5.1.3)', () => {
  test('the RFC example: ~peter/mail/&U,BTFw-/&ZeVnLIqe- is ~peter/mail/台北/日本語', () => {
    expect(decodeMailboxName('~peter/mail/&U,BTFw-/&ZeVnLIqe-')).toBe('~peter/mail/台北/日本語');
    expect(encodeMailboxName('~peter/mail/台北/日本語')).toBe('~peter/mail/&U,BTFw-/&ZeVnLIqe-');
  });

  test('printable ASCII stands for itself, except & which is &-', () => {
    expect(encodeMailboxName('Sent Items')).toBe('Sent Items');
    expect(encodeMailboxName('Tom & Jerry')).toBe('Tom &- Jerry');
    expect(decodeMailboxName('Tom &- Jerry')).toBe('Tom & Jerry');
    expect(decodeMailboxName('&-&-')).toBe('&&');
    expect(encodeMailboxName(' !"#$%\'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~')).toBe(' !"#$%\'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~');
  });

  test('adjacent non-ASCII characters go in one run: &U,BTF2XlZyyKng-', () => {
    expect(encodeMailboxName('台北日本語')).toBe('&U,BTF2XlZyyKng-');
    expect(decodeMailboxName('&U,BTF2XlZyyKng-')).toBe('台北日本語');
  });

  test('`,` replaces `/` in the base64 alphabet and there is no `=` padding', () => {
    expect(encodeMailboxName('Entwürfe')).toBe('Entw&APw-rfe');
    expect(encodeMailboxName('?')).toBe('?');
    expect(encodeMailboxName('\u03ff')).toBe('&A,8-'); // 0x03FF → 000000 111111 1111(00)
    expect(decodeMailboxName('&A,8-')).toBe('\u03ff');
  });

  test('control characters and DEL are encoded too', () => {
    expect(encodeMailboxName('a\tb\x7f')).toBe('a&AAk-b&AH8-');
    expect(decodeMailboxName('a&AAk-b&AH8-')).toBe('a\tb\x7f');
  });

  test('characters outside the BMP are UTF-16 surrogate pairs', () => {
    expect(encodeMailboxName('📧')).toBe('&2D3c5w-');
    expect(decodeMailboxName('&2D3c5w-')).toBe('📧');
  });

  test('an encoded run followed by an encoded ampersand is fine', () => {
    expect(decodeMailboxName('&U,BTFw-&-')).toBe('台北&');
  });

  test('the empty name', () => {
    expect(encodeMailboxName('')).toBe('');
    expect(decodeMailboxName('')).toBe('');
  });

  test.each([
    ['&AGE', "Modified UTF-7 run is not ended by '-'", 0],
    ['&Jjo!', "Modified UTF-7 run is not ended by '-'", 0],
    ['&', "Modified UTF-7 run is not ended by '-'", 0],
    ['a&U,BTFw', "Modified UTF-7 run is not ended by '-'", 1],
    ['&U/BTFw-', "Modified UTF-7 run is not ended by '-'", 0], // `/` is plain base64, not modified
    ['&U,BTFw-&ZeVnLIqe-', 'Adjacent modified UTF-7 runs must be written as one', 8],
    ['&AGE-', "Modified UTF-7 run encodes 'a', which must be written as itself", 0],
    ['&ACY-', "Modified UTF-7 run encodes '&', which must be written as itself", 0],
    ['&ACA-', "Modified UTF-7 run encodes ' ', which must be written as itself", 0],
    ['&A-', 'Modified UTF-7 run has a bad length or padding', 0],
    ['&AA-', 'Modified UTF-7 run has a bad length or padding', 0],
    ['&AAkA-', 'Modified UTF-7 run has a bad length or padding', 0],
    ['&AAl-', 'Modified UTF-7 run has a bad length or padding', 0], // non-zero padding bits
    ['&2D0-', 'Modified UTF-7 run has a lone UTF-16 surrogate', 0],
    ['&3-c-', 'Modified UTF-7 run has a bad length or padding', 0],
    ['&3,c-', 'Modified UTF-7 run has a lone UTF-16 surrogate', 0],
    ['&2D3YPQ-', 'Modified UTF-7 run has a lone UTF-16 surrogate', 0],
    ['Entwürfe', 'Mailbox name must be 7-bit printable ASCII (modified UTF-7)', 4],
    ['a\tb', 'Mailbox name must be 7-bit printable ASCII (modified UTF-7)', 1],
  ])('%j is not valid: %s', (wire, message, pos) => {
    expect(() => decodeMailboxName(wire)).toThrow(new MailboxNameError(message, pos));
    expect(isValidMailboxName(wire)).toBe(false);
  });

  test('the error says where', () => {
    try {
      decodeMailboxName('INBOX/&AGE');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MailboxNameError);
      expect((e as MailboxNameError).pos).toBe(6);
    }
  });

  test('a lone surrogate cannot be encoded', () => {
    expect(() => encodeMailboxName('a\ud800b')).toThrow(MailboxNameError);
    expect(() => encodeMailboxName('\udc00')).toThrow(MailboxNameError);
  });

  test('property: every Unicode name survives encode → decode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (name) => {
        const wire = encodeMailboxName(name);
        expect(wire).toMatch(/^[\x20-\x7e]*$/);
        expect(decodeMailboxName(wire)).toBe(name);
      }),
      { numRuns: 2000 },
    );
  });

  test('property: the encoding is canonical (a valid wire name re-encodes to itself)', () => {
    const wireish = fc.string({ unit: fc.constantFrom(...'&-AZaz09+,/U2D3c5wBTFw!~ '.split('')) });
    fc.assert(
      fc.property(wireish, (wire) => {
        let name: string;
        try {
          name = decodeMailboxName(wire);
        } catch (e) {
          expect(e).toBeInstanceOf(MailboxNameError);
          return;
        }
        expect(encodeMailboxName(name)).toBe(wire);
      }),
      { numRuns: 5000 },
    );
  });
});
