import { describe, expect, it } from 'vitest';
import { TestClient } from '../engine/helpers';
import { dialectNetwork, dialectStore } from './fixture';

/**
 * LIST-EXTENDED beyond what Dovecot's transcripts show (58-list-extended covers SUBSCRIBED):
 * RECURSIVEMATCH with SPECIAL-USE names the criterion its descendant met (RFC 5258 §3.5,
 * RFC 6154), and RECURSIVEMATCH without a real selection option is BAD.
 */
function client() {
  const store = dialectStore();
  const acc = store.account('alice')!;
  store.createMailbox(acc, 'Old');
  store.createMailbox(acc, 'Old/Sent-1994', { specialUse: '\\Sent' });
  const c = new TestClient(dialectNetwork(['imap4rev1'], store), 'imap.imap4rev1.example');
  c.cmd('l LOGIN alice wonderland');
  return c;
}

describe('LIST (SPECIAL-USE RECURSIVEMATCH)', () => {
  it('lists a parent of a special-use mailbox with CHILDINFO ("SPECIAL-USE")', () => {
    const c = client();
    const out = c.cmd('a LIST (SPECIAL-USE RECURSIVEMATCH) "" %').split('\r\n');
    expect(out).toContain('* LIST () "/" Old (CHILDINFO ("SPECIAL-USE"))');
    expect(out).toContain('* LIST (\\Sent) "/" Sent');
    expect(out.some((l) => l.includes('Sent-1994'))).toBe(false);
  });

  it('refuses RECURSIVEMATCH alone or with REMOTE only', () => {
    const c = client();
    expect(c.cmd('a LIST (RECURSIVEMATCH) "" %')).toMatch(/^a BAD .*RECURSIVEMATCH/);
    expect(c.cmd('b LIST (REMOTE RECURSIVEMATCH) "" %')).toMatch(/^b BAD .*RECURSIVEMATCH/);
  });
});
