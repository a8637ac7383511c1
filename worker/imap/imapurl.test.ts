import { describe, expect, it } from 'vitest';
import { BadUrl, parseImapUrl } from './imapurl';

/** RFC 5092 IMAP URLs in the relative forms CATENATE (RFC 4469 §3) takes. */
describe('parseImapUrl (RFC 5092, as CATENATE uses it)', () => {
  it('reads /mailbox/;UID=n, the leading slash optional', () => {
    expect(parseImapUrl('/INBOX/;UID=1')).toEqual({ mailbox: 'INBOX', uidValidity: null, uid: 1, section: null, partial: null });
    expect(parseImapUrl('inbox/;uid=7').mailbox).toBe('INBOX');
  });

  it('reads ;UIDVALIDITY= on the mailbox and hierarchy in the name (RFC 5092 §6, `imailbox-ref`)', () => {
    expect(parseImapUrl('/Work/Projects;UIDVALIDITY=1700000003/;UID=2')).toMatchObject({ mailbox: 'Work/Projects', uidValidity: 1700000003, uid: 2 });
  });

  it('reads ;SECTION= %-decoded (RFC 5092 §9 `enc-section`) and ;PARTIAL= (RFC 5550)', () => {
    const u = parseImapUrl('/INBOX/;UID=1/;SECTION=HEADER.FIELDS%20(SUBJECT)/;PARTIAL=10.20');
    expect(u.section).toEqual({ part: [], text: 'HEADER.FIELDS', fields: ['SUBJECT'] });
    expect(u.partial).toEqual([10, 20]);
    expect(parseImapUrl('/INBOX/;UID=1/;PARTIAL=5').partial).toEqual([5, undefined]);
    expect(parseImapUrl('/INBOX/;UID=4/;SECTION=2.MIME').section).toEqual({ part: [2], text: 'MIME' });
  });

  it('decodes %-escapes in the mailbox name (RFC 5092 §9 `enc-mailbox`)', () => {
    expect(parseImapUrl('/My%20Mail/;UID=3').mailbox).toBe('My Mail');
  });

  it('refuses an absolute URL: only this server and this user (as Dovecot)', () => {
    expect(() => parseImapUrl('imap://alice@localhost/INBOX/;UID=1')).toThrow(/Relative URL required/);
    expect(() => parseImapUrl('//localhost/INBOX/;UID=1')).toThrow(BadUrl);
  });

  it('refuses what does not name one message: no UID, UID 0, a bad section or partial, junk', () => {
    for (const bad of ['/INBOX', '/INBOX/;UID=0', '/INBOX/;UID=x', '/INBOX/;UID=1/;SECTION=FOO', '/INBOX/;UID=1/;PARTIAL=1.0', '/INBOX;UIDVALIDITY=0/;UID=1', '/INBOX/;UID=1/;UID=2', '/INBOX/;SECTION=1/;UID=1', '/INBOX/;UID=1/;SECTION=%ZZ', ''])
      expect(() => parseImapUrl(bad), bad).toThrow(BadUrl);
  });
});
