import { describe, expect, it } from 'vitest';
import { bytes, messageBody, multiLine, text, topOf, wireSize } from './wire';

describe('POP3 wire framing (RFC 1939 §3)', () => {
  it('byte-stuffs lines that begin with "." and ends with a lone "."', () => {
    const raw = bytes('Subject: x\r\n\r\n.hidden\r\n..two\r\nend\r\n');
    expect(text(messageBody('+OK 40 octets', raw))).toBe('+OK 40 octets\r\nSubject: x\r\n\r\n..hidden\r\n...two\r\nend\r\n.\r\n');
    expect(text(multiLine('+OK', ['.a', 'b']))).toBe('+OK\r\n..a\r\nb\r\n.\r\n');
  });

  it('completes a last line without CRLF and turns bare LFs into CRLF; the size counts them as sent', () => {
    const raw = bytes('A: 1\n\nbody');
    expect(text(messageBody('+OK', raw))).toBe('+OK\r\nA: 1\r\n\r\nbody\r\n.\r\n');
    expect(wireSize(raw)).toBe(raw.length + 2);
    expect(wireSize(bytes('a\r\nb\r\n'))).toBe(6);
  });

  it('TOP keeps the header, the blank line and n body lines; a message without a body is all header', () => {
    const raw = bytes('A: 1\r\nB: 2\r\n\r\nl1\r\nl2\r\nl3\r\n');
    expect(text(topOf(raw, 0))).toBe('A: 1\r\nB: 2\r\n\r\n');
    expect(text(topOf(raw, 2))).toBe('A: 1\r\nB: 2\r\n\r\nl1\r\nl2\r\n');
    expect(text(topOf(raw, 99))).toBe(text(raw));
    expect(text(topOf(bytes('A: 1\r\nB: 2\r\n'), 5))).toBe('A: 1\r\nB: 2\r\n');
  });

  it('passes every octet through unchanged (8-bit text)', () => {
    const raw = new Uint8Array([0x41, 0xc3, 0xbc, 0xff, 0x0d, 0x0a]);
    expect([...messageBody('+OK', raw).subarray(5, 11)]).toEqual([...raw]);
  });
});
