import { describe, expect, it } from 'vitest';
import { flagSet } from '../../store/flagsets';
import type { Message } from '../../store/model';
import { sortValue } from './keys';

const enc = new TextEncoder();
let uid = 1;
const msg = (header: string, internalDate = Date.UTC(2024, 0, 1)): Message => ({ uid: uid++, raw: enc.encode(`${header}\r\n\r\nbody\r\n`), internalDate, zone: 0, flags: flagSet([]), modseq: 1 });

describe('RFC 5256 §3 sort keys', () => {
  it('FROM, TO and CC: the local part (addr-mailbox) of the first address, case folded; empty when absent', () => {
    expect(sortValue(msg('From: "Zed" <alice@example.org>, bob@example.org'), 'FROM')).toBe('ALICE');
    expect(sortValue(msg('To: Bob <bob@x>'), 'TO')).toBe('BOB');
    expect(sortValue(msg('Subject: no cc'), 'CC')).toBe('');
  });

  it('DATE (§2.2): the Date: header in UTC, or INTERNALDATE when it is missing or cannot be read', () => {
    const arrived = Date.UTC(2024, 5, 1, 12);
    expect(sortValue(msg('Date: Mon, 01 Jan 2024 10:00:00 +0200', arrived), 'DATE')).toBe(Date.UTC(2024, 0, 1, 8) / 1000);
    expect(sortValue(msg('Date: not a date', arrived), 'DATE')).toBe(arrived / 1000);
    expect(sortValue(msg('Subject: undated', arrived), 'DATE')).toBe(arrived / 1000);
    expect(sortValue(msg('Subject: x', arrived), 'ARRIVAL')).toBe(arrived / 1000);
  });

  it('SIZE: RFC822.SIZE, the message in octets', () => {
    const m = msg('Subject: size');
    expect(sortValue(m, 'SIZE')).toBe(m.raw.length);
  });

  it('SUBJECT: the base subject (§2.1), encoded words decoded', () => {
    expect(sortValue(msg('Subject: Re: =?utf-8?q?caf=C3=A9?='), 'SUBJECT')).toBe('CAFE\u0301');
  });
});

describe('RFC 5957 §3 DISPLAYFROM and DISPLAYTO', () => {
  it('the display name of the first address, decoded', () => {
    expect(sortValue(msg('From: =?iso-8859-1?q?Andr=E9?= <andre@x>'), 'DISPLAYFROM')).toBe('ANDRE\u0301');
    expect(sortValue(msg('To: "Doe, John" <john@x>, Ann <ann@x>'), 'DISPLAYTO')).toBe('DOE, JOHN');
  });

  it('the addr-spec when the address has no display name (or an empty one)', () => {
    expect(sortValue(msg('From: carol@example.com'), 'DISPLAYFROM')).toBe('CAROL@EXAMPLE.COM');
    expect(sortValue(msg('From: "" <dave@example.com>'), 'DISPLAYFROM')).toBe('DAVE@EXAMPLE.COM');
  });
});
