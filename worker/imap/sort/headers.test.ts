import { describe, expect, it } from 'vitest';
import { headerValues } from './headers';

const enc = new TextEncoder();
const scan = (s: string) => headerValues(enc.encode(s));

describe('the header fields SORT and THREAD read (one pass over the raw header)', () => {
  it('takes the first of each field, names compared case-insensitively, values unfolded (RFC 5322 §2.2.3)', () => {
    const h = scan('SUBJECT: first\r\nsubject: second\r\nReferences: <a@x>\r\n <b@x>\r\nFrom : Ann <a@x>\r\n\r\nSubject: in the body\r\n');
    expect(h.subject).toBe(' first');
    expect(h.references).toBe(' <a@x> <b@x>');
    expect(h.from).toBe(' Ann <a@x>');
    expect(h.to).toBeNull();
  });

  it('stops at the empty line, also with bare LF line ends', () => {
    const h = scan('Date: Fri, 1 Mar 2024 10:00:00 +0000\n\nMessage-ID: <not@header>\n');
    expect(h.date).toBe(' Fri, 1 Mar 2024 10:00:00 +0000');
    expect(h['message-id']).toBeNull();
  });

  it('ignores fields whose names only begin like a wanted one, and lines without a colon', () => {
    const h = scan('Subjects: no\r\nnot a field line\r\nCc-Extra: no\r\nIn-Reply-To: <p@x>\r\n\r\n');
    expect(h.subject).toBeNull();
    expect(h.cc).toBeNull();
    expect(h['in-reply-to']).toBe(' <p@x>');
  });
});
