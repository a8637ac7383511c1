import { describe, expect, it } from 'vitest';
import { MailNetwork } from '../network';
import { scenarioStore } from '../node/engine';
import { IMSP_HOST, TestClient } from '../../tests/support/imsp-testkit';

/**
 * draft-1995 mode: the reconstructed mailbox layer over the shared store, with two IMAP
 * hosts beside the IMSP host (the default network of the issue).
 */
const NORTH = 'imap.north.example';
const SOUTH = 'imap.south.example';
const BOTH = `(${NORTH} ${SOUTH})`;

function setup(mode: 'draft-1995' | 'cyrus-1.8' = 'draft-1995') {
  const store = scenarioStore('default');
  const network = new MailNetwork(store, [
    { name: NORTH, protocol: 'imap', dialect: 'imap4rev1', port: 143 },
    { name: SOUTH, protocol: 'imap', dialect: 'imap4rev1', port: 143 },
    { name: IMSP_HOST, protocol: 'imsp', dialect: mode, port: 406 },
  ]);
  const imsp = new TestClient(network, IMSP_HOST);
  imsp.take();
  const imap = (host: string) => {
    const c = new TestClient(network, host);
    c.take();
    c.cmd('i0 LOGIN alice wonderland');
    return c;
  };
  return { store, imsp, imap };
}

/** The mailbox names an IMAP host lists (LIST "" *). */
const imapNames = (c: TestClient) =>
  c
    .lines('i1 LIST "" *')
    .filter((l) => l.startsWith('* LIST'))
    .map((l) => l.replace(/^\* LIST \([^)]*\) "\/" /, '').replace(/^"(.*)"$/, '$1'))
    .sort();

describe('IMSP draft-1995: the mailbox layer (reconstructed)', () => {
  it('is only for logged-in users', () => {
    const { imsp } = setup();
    expect(imsp.cmd('a LIST "" *')).toBe("a NO User must LOGIN to execute command 'list'\r\n");
  });

  it('LIST shows every mailbox with \\Marked/\\Unmarked and the IMAP servers holding it', () => {
    const { imsp } = setup();
    imsp.cmd('a LOGIN alice wonderland');
    expect(imsp.cmd('b LIST "" *')).toBe(
      [
        `* LIST (\\Marked) "/" INBOX ${BOTH}`,
        `* LIST (\\Unmarked) "/" Archive ${BOTH}`,
        `* LIST (\\Unmarked) "/" Sent ${BOTH}`,
        `* LIST (\\Unmarked) "/" Trash ${BOTH}`,
        `* LIST (\\Marked) "/" Work ${BOTH}`,
        `* LIST (\\Marked) "/" Work/Projects ${BOTH}`,
        'b OK list completed',
        '',
      ].join('\r\n'),
    );
    expect(imsp.lines('c LIST "" %')).toHaveLength(6);
    expect(imsp.lines('d LIST Work/ %')).toEqual([`* LIST (\\Marked) "/" Work/Projects ${BOTH}`, 'd OK list completed']);
    expect(imsp.lines('e LIST "" inbox')).toEqual([`* LIST (\\Marked) "/" INBOX ${BOTH}`, 'e OK list completed']);
  });

  it('the location table agrees with both IMAP hosts through CREATE, RENAME and DELETE', () => {
    const { imsp, imap } = setup();
    const north = imap(NORTH);
    const south = imap(SOUTH);
    imsp.cmd('a LOGIN alice wonderland');
    expect(imsp.cmd(`b CREATE Lab ${SOUTH}`)).toBe('b OK create completed\r\n');
    // Only the host the table names holds it (worker/store/locations.ts).
    expect(imapNames(north)).not.toContain('Lab');
    expect(imapNames(south)).toContain('Lab');
    expect(imsp.lines('c LIST "" Lab')).toEqual([`* LIST (\\Unmarked) "/" Lab (${SOUTH})`, 'c OK list completed']);
    // A child goes where its parent is.
    expect(imsp.cmd('d CREATE Lab/Notes')).toBe('d OK create completed\r\n');
    expect(imsp.lines('e LIST "" Lab/*')).toEqual([`* LIST (\\Unmarked) "/" Lab/Notes (${SOUTH})`, 'e OK list completed']);
    expect(imsp.cmd('f RENAME Lab Bench')).toBe('f OK rename completed\r\n');
    expect(imapNames(south)).toEqual(expect.arrayContaining(['Bench', 'Bench/Notes']));
    expect(imapNames(north)).not.toContain('Bench');
    expect(imapNames(south)).not.toContain('Lab');
    expect(imsp.lines('g LIST "" Bench*')).toEqual([`* LIST (\\Unmarked) "/" Bench (${SOUTH})`, `* LIST (\\Unmarked) "/" Bench/Notes (${SOUTH})`, 'g OK list completed']);
    expect(imsp.cmd(`h DELETE Bench/Notes ${NORTH}`)).toBe("h NO mailbox `Bench/Notes' is not located on that IMAP server\r\n");
    expect(imsp.cmd(`i DELETE Bench/Notes ${SOUTH}`)).toBe('i OK delete completed\r\n');
    expect(imsp.cmd('j DELETE Bench')).toBe('j OK delete completed\r\n');
    expect(imapNames(south)).not.toContain('Bench');
    // A mailbox created over IMAP appears in IMSP's listing, on the host that created it.
    north.cmd('i2 CREATE FromImap');
    expect(imsp.lines('k LIST "" FromImap')).toEqual([`* LIST (\\Unmarked) "/" FromImap (${NORTH})`, 'k OK list completed']);
    expect(imapNames(south)).not.toContain('FromImap');
  });

  it('CREATE refusals as the 1994 server worded them', () => {
    const { imsp } = setup();
    imsp.cmd('a LOGIN alice wonderland');
    expect(imsp.cmd('b CREATE inbox')).toBe('b NO invalid mailbox name\r\n');
    expect(imsp.cmd('c CREATE Tree/')).toBe('c OK Create of non-terminal names is unnecessary\r\n');
    expect(imsp.cmd(`d CREATE X (${NORTH} ${SOUTH})`)).toBe('d NO IMSP server does not support replicated mailboxes\r\n');
    expect(imsp.cmd('e CREATE X imap.elsewhere.example')).toBe("e NO can't create mailbox on that host\r\n");
    expect(imsp.cmd('f CREATE Work')).toBe("f NO mailbox `Work' already exists\r\n");
    expect(imsp.cmd('g CREATE')).toBe("g BAD command 'create' requires a string and an optional server/partition list\r\n");
    expect(imsp.cmd(`h CREATE Y (${NORTH}/part1)`)).toBe('h OK create completed\r\n');
    expect(imsp.cmd('i RENAME Work Archive')).toBe("i NO can't rename mailbox `Work' since mailbox `Archive' already exists\r\n");
    expect(imsp.cmd('j DELETE Nothing')).toBe("j NO mailbox `Nothing' not found\r\n");
    expect(imsp.cmd(`k MOVE Work ${SOUTH}`)).toBe('k NO MOVE not supported at this site\r\n');
  });

  it('SUBSCRIBE/LSUB, and REPLACE tells subscribers once that the old mailbox was merged', () => {
    const { imsp, imap, store } = setup();
    imsp.cmd('a LOGIN alice wonderland');
    expect(imsp.cmd('b SUBSCRIBE Work/Projects')).toBe('b OK subscribe completed\r\n');
    expect(imsp.cmd('c SUBSCRIBE Work/Projects')).toBe("c NO Already subscribed to mailbox 'Work/Projects'\r\n");
    expect(imsp.cmd('d SUBSCRIBE Nowhere')).toBe("d NO mailbox 'Nowhere' does not exist\r\n");
    expect(imsp.lines('e LSUB "" Work*')).toEqual([`* LSUB (\\Marked) "/" Work ${BOTH}`, `* LSUB (\\Marked) "/" Work/Projects ${BOTH}`, 'e OK lsub completed']);
    expect(imsp.cmd('f REPLACE Work/Projects Archive')).toBe('f OK replace completed\r\n');
    expect(store.account('alice')!.mailboxes.has('Work/Projects')).toBe(false);
    expect(imsp.lines('g LSUB "" *')[0]).toBe("* NO The bboard 'Work/Projects' has been merged into 'Archive'.");
    expect(imsp.lines('h LSUB "" *')[0]).toBe(`* LSUB (\\Marked) "/" INBOX ${BOTH}`);
    // The IMAP hosts see the subscription change.
    expect(imap(NORTH).lines('i2 LSUB "" Work*').filter((l) => l.startsWith('* LSUB'))).toHaveLength(1);
    expect(imsp.cmd('i UNSUBSCRIBE Work')).toBe('i OK unsubscribe completed\r\n');
    expect(imsp.lines('j LMARKED "" *')).toEqual([`* LSUB (\\Marked) "/" INBOX ${BOTH}`, 'j OK lmarked completed']);
  });

  it('LAST and SEEN decide \\Marked', () => {
    const { imsp } = setup();
    imsp.cmd('a LOGIN alice wonderland');
    expect(imsp.cmd('b SEEN INBOX 14 alice')).toBe('b OK seen completed\r\n');
    expect(imsp.lines('c LIST "" INBOX')[0]).toBe(`* LIST (\\Unmarked) "/" INBOX ${BOTH}`);
    expect(imsp.cmd('d LAST INBOX 20')).toBe('d OK last completed\r\n');
    expect(imsp.lines('e LIST "" INBOX')[0]).toBe(`* LIST (\\Marked) "/" INBOX ${BOTH}`);
    expect(imsp.cmd('f LAST INBOX *')).toBe('f OK last completed\r\n');
    expect(imsp.lines('g LIST "" INBOX')[0]).toBe(`* LIST (\\Unmarked) "/" INBOX ${BOTH}`);
    expect(imsp.cmd('h SEEN INBOX 1 bob')).toBe('h NO User not authorized to execute that command\r\n');
    expect(imsp.cmd('i LAST Nowhere 3')).toBe('i NO failed to update mailbox database\r\n');
    expect(imsp.cmd('j LAST INBOX x')).toBe("j BAD command 'last' requires 2 properly formed argument(s)\r\n");
  });

  it('ACL MAILBOX: the owner\'s rights; changing them is not supported', () => {
    const { imsp } = setup();
    imsp.cmd('a LOGIN alice wonderland');
    expect(imsp.cmd('b GETACL MAILBOX Work')).toBe('* ACL MAILBOX Work alice lrswipcda\r\nb OK getacl completed\r\n');
    expect(imsp.cmd('c MYRIGHTS mailbox Work')).toBe('* MYRIGHTS mailbox Work lrswipcda\r\nc OK myrights completed\r\n');
    expect(imsp.cmd('d SETACL MAILBOX Work bob lr')).toBe('d NO ACL command not supported at this site\r\n');
    expect(imsp.cmd('e GETACL MAILBOX Nowhere')).toBe("e NO MAILBOX 'Nowhere' does not exist\r\n");
  });

  it('cyrus-1.8 refuses all of it, whatever the arguments', () => {
    const { imsp } = setup('cyrus-1.8');
    imsp.cmd('a LOGIN alice wonderland');
    for (const cmd of ['LIST "" *', 'CREATE x', 'LAST', 'SEEN a b c d', 'REPLACE']) {
      expect(imsp.cmd(`b ${cmd}`)).toBe('b NO IMSP bboard commands not suppported at this site\r\n');
    }
    expect(imsp.cmd('c GETACL MAILBOX Work')).toBe('c NO IMSP bboard commands not suppported at this site\r\n');
  });
});
