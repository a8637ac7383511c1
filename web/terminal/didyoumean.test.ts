import { describe, expect, it } from 'vitest';
import { editDistance, suggestCommand, type CommandWorld } from './didyoumean';

const rev1: CommandWorld = {
  here: ['CAPABILITY', 'NOOP', 'LOGOUT', 'LOGIN', 'SELECT', 'EXAMINE', 'CREATE', 'DELETE', 'LIST', 'LSUB', 'STATUS', 'FETCH', 'STORE', 'SEARCH', 'COPY', 'MOVE', 'UID', 'EXPUNGE', 'CLOSE', 'CHECK'],
  hereTitle: 'IMAP4rev1 (RFC 3501)',
  elsewhere: [
    { title: 'IMAP3 (RFC 1203)', commands: ['FIND', 'LOGIN', 'SELECT'] },
    { title: 'IMAP2 (RFC 1176)', commands: ['FIND', 'LOGIN', 'SELECT', 'FETCH', 'BBOARD'] },
  ],
};

describe('did you mean: a note under a refused command word', () => {
  it('counts a swap of two neighbours as one edit', () => {
    expect(editDistance('SELETC', 'SELECT', 2)).toBe(1);
    expect(editDistance('SELCT', 'SELECT', 2)).toBe(1);
    expect(editDistance('FTECH', 'FETCH', 2)).toBe(1);
    expect(editDistance('CAPABILITES', 'CAPABILITY', 2)).toBe(2);
    expect(editDistance('XYZZY', 'SELECT', 2)).toBe(3);
  });

  it('names the command a misspelling is nearest to', () => {
    expect(suggestCommand('SELCT', rev1)).toBe('Did you mean SELECT?');
    expect(suggestCommand('capabilites', rev1)).toBe('Did you mean CAPABILITY?');
    expect(suggestCommand('ftech', rev1)).toBe('Did you mean FETCH?');
  });

  it('says where a command of another era belongs instead of guessing a spelling', () => {
    expect(suggestCommand('FIND', rev1)).toBe('FIND is not a command of IMAP4rev1 (RFC 3501); it is in IMAP3 (RFC 1203) and IMAP2 (RFC 1176).');
    expect(suggestCommand('bboard', rev1)).toBe('BBOARD is not a command of IMAP4rev1 (RFC 3501); it belongs to IMAP2 (RFC 1176).');
  });

  it('names the homes in the order given (likeliest first), by their short titles, once each', () => {
    const pop3 = {
      here: ['USER', 'PASS', 'STAT', 'RETR', 'QUIT'],
      hereTitle: 'POP3 (RFC 1939)',
      elsewhere: [
        { title: 'IMAP4rev2 (RFC 9051)', commands: ['SELECT', 'CAPABILITY'] },
        { title: 'IMAP4rev1 (RFC 3501)', commands: ['SELECT', 'CAPABILITY'] },
        { title: 'IMAP4 (RFC 1730)', commands: ['SELECT', 'CAPABILITY'] },
        { title: 'IMAP3 (RFC 1203), version 3.0', commands: ['SELECT', 'FIND'] },
        { title: 'IMAP3 (RFC 1203), version 2.0 until SELECT.VERSION', commands: ['SELECT', 'FIND'] },
        { title: 'IMAP2 (RFC 1176)', commands: ['SELECT', 'FIND'] },
      ],
    };
    expect(suggestCommand('SELECT', pop3)).toBe('SELECT is not a command of POP3 (RFC 1939); it is in IMAP4rev2 (RFC 9051), IMAP4rev1 (RFC 3501), IMAP4 (RFC 1730) and others.');
    expect(suggestCommand('FIND', pop3)).toBe('FIND is not a command of POP3 (RFC 1939); it is in IMAP3 (RFC 1203) and IMAP2 (RFC 1176).');
    const imap3 = { ...pop3, hereTitle: 'IMAP3 (RFC 1203), version 2.0 until SELECT.VERSION', here: ['SELECT', 'FIND'] };
    expect(suggestCommand('CAPABILITY', imap3)).toBe('CAPABILITY is not a command of IMAP3 (RFC 1203); it is in IMAP4rev2 (RFC 9051), IMAP4rev1 (RFC 3501) and IMAP4 (RFC 1730).');
  });

  it('stays quiet for a real command, a far-off word, or a short word with many neighbours', () => {
    expect(suggestCommand('SELECT', rev1)).toBeNull();
    expect(suggestCommand('HELLO', rev1)).toBeNull();
    expect(suggestCommand('LIS', { ...rev1, here: ['LIST', 'LSUB', 'LISA', 'LISX'] })).toBeNull();
    expect(suggestCommand('1', rev1)).toBeNull();
    expect(suggestCommand('\u001b[31m', rev1)).toBeNull();
  });
});
