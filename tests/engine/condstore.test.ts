import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_REMEMBERED_EXPUNGES } from '../../worker/limits';
import { MailNetwork } from '../../worker/network';
import { scenarioStore } from '../../worker/node/engine';
import { restoreStore, snapshotStore } from '../../worker/store/snapshot';
import { MailStore } from '../../worker/store/store';
import { loggedIn, network, TestClient } from './helpers';

/**
 * RFC 7162, CONDSTORE (§3.1) and QRESYNC (§3.2), section by section. The byte-exact answers
 * are in the Dovecot transcripts 60–69 (tests/transcripts/imap); these tests state the rules.
 */

/** `* n FETCH (… MODSEQ (m) …)` lines of an answer as [n, m] pairs. */
const modseqs = (out: string): Array<[number, number]> =>
  [...out.matchAll(/^\* (\d+) FETCH \(.*?MODSEQ \((\d+)\)/gm)].map((x) => [Number(x[1]), Number(x[2])]);
const highest = (out: string): number => Number(/HIGHESTMODSEQ (\d+)/.exec(out)?.[1] ?? NaN);

function condstoreClient(net = network(), mailbox = 'INBOX'): TestClient {
  const c = loggedIn(net);
  c.cmd(`s SELECT ${mailbox} (CONDSTORE)`);
  return c;
}

describe('RFC 7162 §3.1 CONDSTORE', () => {
  it('is advertised after login in IMAP4rev1 and IMAP4rev2, never before IMAP4rev1', () => {
    for (const d of ['imap4rev1', 'imap4rev2'] as const) expect(loggedIn(network(d)).cmd('c CAPABILITY')).toMatch(/ CONDSTORE QRESYNC /);
    for (const d of ['imap4', 'imap2bis'] as const) expect(loggedIn(network(d)).cmd('c CAPABILITY')).not.toMatch(/CONDSTORE|QRESYNC/);
  });

  it('§3.1.2.1: SELECT (CONDSTORE) reports HIGHESTMODSEQ; every message starts at it', () => {
    const c = loggedIn();
    const out = c.cmd('s SELECT INBOX (CONDSTORE)');
    expect(out).toMatch(/^\* OK \[HIGHESTMODSEQ 17\]/m);
    expect(modseqs(c.cmd('f FETCH 1:* MODSEQ')).every(([, m]) => m === 17)).toBe(true);
  });

  it('§3.1.1: a STORE is one change — the messages it changed share one new modseq, above every other', () => {
    const c = condstoreClient();
    const out = c.cmd('t STORE 1:3 +FLAGS (\\Flagged)');
    // Message 1 and 3 change; 2 … also (none of them was flagged).
    const pairs = modseqs(out);
    expect(pairs.map(([n]) => n)).toEqual([1, 2, 3]);
    expect(new Set(pairs.map(([, m]) => m))).toEqual(new Set([18]));
    expect(highest(c.cmd('x STATUS Work (HIGHESTMODSEQ)'))).toBe(4);
    const next = modseqs(c.cmd('u STORE 2 -FLAGS (\\Flagged)'));
    expect(next).toEqual([[2, 19]]);
  });

  it('§3.1.3: STORE (UNCHANGEDSINCE m) leaves messages changed after m alone and lists them in [MODIFIED]', () => {
    const c = condstoreClient();
    c.cmd('a STORE 2 +FLAGS (\\Flagged)'); // message 2 → modseq 18
    const out = c.cmd('b STORE 1:3 (UNCHANGEDSINCE 17) +FLAGS.SILENT (\\Deleted)');
    expect(out).toMatch(/^b OK \[MODIFIED 2\]/m);
    // .SILENT still reports the new MODSEQ of what changed (§3.1.3), not the flags.
    expect(out).toMatch(/^\* 1 FETCH \(MODSEQ \(19\)\)\r$/m);
    expect(out).toMatch(/^\* 3 FETCH \(MODSEQ \(19\)\)\r$/m);
    expect(c.cmd('f FETCH 2 FLAGS')).not.toMatch(/Deleted/);
    // UNCHANGEDSINCE 0 can never hold: every message has a modseq of at least 1.
    expect(c.cmd('z STORE 4 (UNCHANGEDSINCE 0) +FLAGS (\\Seen)')).toMatch(/^z OK \[MODIFIED 4\]/m);
    // UID STORE lists UIDs.
    c.cmd('e EXPUNGE');
    expect(c.cmd('g UID STORE 2 (UNCHANGEDSINCE 17) +FLAGS (\\Seen)')).toMatch(/^g OK \[MODIFIED 2\]/m);
  });

  it('§3.1.3: a conditional STORE in a read-only mailbox fails with NO', () => {
    const c = loggedIn();
    c.cmd('e EXAMINE INBOX (CONDSTORE)');
    expect(c.cmd('s STORE 1 (UNCHANGEDSINCE 100) +FLAGS (\\Seen)')).toMatch(/^s NO /m);
  });

  it('§3.1.4.1: FETCH (CHANGEDSINCE m) returns only what changed after m, with MODSEQ after the items asked', () => {
    const c = condstoreClient();
    c.cmd('a STORE 5 +FLAGS (\\Flagged)');
    c.cmd('b STORE 9 +FLAGS (\\Answered)');
    const out = c.cmd('f FETCH 1:* (FLAGS) (CHANGEDSINCE 18)');
    expect(out.split('\r\n').filter((l) => l.startsWith('*'))).toEqual(['* 9 FETCH (FLAGS (\\Answered \\Recent) MODSEQ (19))']);
    expect(modseqs(c.cmd('u UID FETCH 1:* (FLAGS) (CHANGEDSINCE 17)')).map(([n]) => n)).toEqual([5, 9]);
    expect(c.cmd('n FETCH 1:4 (FLAGS) (CHANGEDSINCE 19)')).toMatch(/^n OK/);
  });

  it('§3.1: the first command that uses CONDSTORE turns it on, and the client hears HIGHESTMODSEQ first', () => {
    for (const cmd of ['FETCH 1 (MODSEQ)', 'FETCH 1 (FLAGS) (CHANGEDSINCE 1)', 'STORE 1 (UNCHANGEDSINCE 99) +FLAGS (\\Seen)', 'SEARCH MODSEQ 1']) {
      const c = loggedIn();
      expect(c.cmd('s SELECT INBOX')).not.toMatch(/HIGHESTMODSEQ/);
      expect(c.cmd(`x ${cmd}`)).toMatch(/^\* OK \[HIGHESTMODSEQ 17\][^\r]*\r\n/);
      expect(c.cmd(`y ${cmd}`)).not.toMatch(/OK \[HIGHESTMODSEQ/);
    }
  });

  it('§3.1.5: SEARCH MODSEQ n matches modseq ≥ n; the answer ends with the highest modseq of the matches', () => {
    const c = condstoreClient();
    c.cmd('a STORE 3 +FLAGS (\\Flagged)');
    c.cmd('b STORE 6 +FLAGS (\\Flagged)');
    expect(c.cmd('s SEARCH MODSEQ 18')).toMatch(/^\* SEARCH 3 6 \(MODSEQ 19\)\r$/m);
    expect(c.cmd('t SEARCH MODSEQ "/flags/\\\\Flagged" all 19')).toMatch(/^\* SEARCH 6 \(MODSEQ 19\)\r$/m);
    expect(c.cmd('u SEARCH MODSEQ 20')).toMatch(/^\* SEARCH\r$/m);
    // No MODSEQ key, no (MODSEQ …).
    expect(c.cmd('v SEARCH FLAGGED')).not.toMatch(/MODSEQ/);
    expect(c.cmd('w SEARCH MODSEQ "/flags/\\\\Seen" private 1')).toMatch(/^w BAD /m);
  });

  it('§3.1.5 with ESEARCH (RFC 4731): MODSEQ is the highest modseq of what is returned — of MIN/MAX alone, of all for ALL/COUNT (imaptest esearch-condstore)', () => {
    const c = loggedIn(network('imap4rev2'));
    c.cmd('c CREATE Four');
    for (let i = 1; i <= 4; i++) c.cmd(`a APPEND Four {${`Subject: ${i}\r\n\r\nx\r\n`.length}+}\r\nSubject: ${i}\r\n\r\nx\r\n`);
    c.cmd('s SELECT Four');
    c.cmd('f FETCH 1 MODSEQ'); // turns CONDSTORE on, as imaptest does
    const m: number[] = [];
    for (const n of [1, 3, 2, 4]) m[n] = modseqs(c.cmd(`t STORE ${n} +FLAGS (\\Seen)`))[0][1];
    const es = (q: string) => /^\* ESEARCH \(TAG "x"\)(.*)\r$/m.exec(c.cmd(`x SEARCH ${q}`))?.[1];
    expect(es('RETURN (MIN) 1:3 MODSEQ "/flags/\\\\seen" all 1')).toBe(` MIN 1 MODSEQ ${m[1]}`);
    expect(es('RETURN (MAX) 1:3 MODSEQ "/flags/\\\\seen" all 1')).toBe(` MAX 3 MODSEQ ${m[3]}`);
    expect(es('RETURN () 1:3 MODSEQ "/flags/\\\\seen" all 1')).toBe(` ALL 1:3 MODSEQ ${m[2]}`);
    expect(es('RETURN (MIN MAX) 2:3 MODSEQ "/flags/\\\\seen" all 1')).toBe(` MIN 2 MAX 3 MODSEQ ${m[2]}`);
    expect(es(`RETURN (ALL) 2:3 MODSEQ "/flags/\\\\seen" all ${m[2]}`)).toBe(` ALL 2 MODSEQ ${m[2]}`);
    expect(es(`RETURN (ALL) 2:3 MODSEQ "/flags/\\\\seen" all ${m[4]}`)).toBe('');
  });

  it('§3.1.6: STATUS HIGHESTMODSEQ grows with each change, an EXPUNGE included', () => {
    const c = condstoreClient();
    const before = highest(c.cmd('a STATUS Work (HIGHESTMODSEQ)'));
    c.cmd('x SELECT Work');
    c.cmd('b STORE 1 +FLAGS (\\Deleted)');
    c.cmd('c EXPUNGE');
    c.cmd('d UNSELECT');
    expect(highest(c.cmd('e STATUS Work (HIGHESTMODSEQ)'))).toBe(before + 2);
  });

  it('another session’s flag change comes with MODSEQ once CONDSTORE is on', () => {
    const net = network();
    const a = condstoreClient(net);
    const b = loggedIn(net);
    b.cmd('s SELECT INBOX');
    b.cmd('t STORE 4 -FLAGS (\\Flagged)');
    expect(a.cmd('n NOOP')).toMatch(/^\* 4 FETCH \(MODSEQ \(18\) FLAGS \(\\Seen \\Recent\)\)\r$/m);
  });
});

describe('RFC 7162 §3.2 QRESYNC', () => {
  function qresyncClient(net = network()): TestClient {
    const c = loggedIn(net);
    c.cmd('e ENABLE QRESYNC');
    return c;
  }

  it('§3.2.3: ENABLE QRESYNC also turns CONDSTORE on; SELECT (QRESYNC …) before it is BAD', () => {
    expect(loggedIn().cmd('s SELECT INBOX (QRESYNC (1700000001 1))')).toMatch(/^s BAD .*ENABLE QRESYNC/m);
    const c = qresyncClient();
    expect(c.cmd('s SELECT INBOX')).toMatch(/HIGHESTMODSEQ 17/);
  });

  it('§3.2.5: SELECT (QRESYNC (uidvalidity modseq)) sends VANISHED (EARLIER) then the changed flags', () => {
    const net = network();
    const c = qresyncClient(net);
    c.cmd('s SELECT INBOX');
    c.cmd('a STORE 2,7 +FLAGS.SILENT (\\Deleted)');
    c.cmd('b EXPUNGE'); // modseq 19
    c.cmd('d STORE 3 -FLAGS (\\Flagged)'); // message 3 is UID 4 now; modseq 20
    const out = c.cmd('r SELECT INBOX (QRESYNC (1700000001 17))');
    const lines = out.split('\r\n');
    const v = lines.findIndex((l) => l.startsWith('* VANISHED (EARLIER) '));
    expect(lines[v]).toBe('* VANISHED (EARLIER) 2,7,10');
    // The \Deleted of modseq 18 went with its messages; only UID 4's change is left to tell.
    expect(lines.slice(v + 1).filter((l) => / FETCH /.test(l))).toEqual(['* 3 FETCH (UID 4 FLAGS (\\Seen) MODSEQ (20))']);
    // Up to date: nothing to say.
    expect(c.cmd('q SELECT INBOX (QRESYNC (1700000001 20))')).not.toMatch(/VANISHED|FETCH/);
    // Another UIDVALIDITY: the client's cache is worthless, a plain SELECT answer.
    expect(c.cmd('w SELECT INBOX (QRESYNC (99 1))')).not.toMatch(/VANISHED|FETCH/);
  });

  it('§3.2.5.2: known-uids limit VANISHED; with the expunges remembered the answer is exact, seq-match or not (as Dovecot)', () => {
    const c = qresyncClient();
    c.cmd('s SELECT INBOX');
    c.cmd('a STORE 2,9 +FLAGS.SILENT (\\Deleted)');
    c.cmd('b EXPUNGE'); // UIDs 2, 9, 10
    expect(c.cmd('k SELECT INBOX (QRESYNC (1700000001 17 5:14))')).toMatch(/^\* VANISHED \(EARLIER\) 9:10\r$/m);
    expect(c.cmd('n SELECT INBOX (QRESYNC (1700000001 17 1:14 (1,8 1,11)))')).toMatch(/^\* VANISHED \(EARLIER\) 2,9:10\r$/m);
    expect(c.cmd('x SELECT INBOX (QRESYNC (1700000001 17 1:5 (1:2 1:3)))')).toMatch(/^x BAD /m);
  });

  it('§3.2.6: UID FETCH … (CHANGEDSINCE m VANISHED) reports the expunges in the set', () => {
    const c = qresyncClient();
    c.cmd('s SELECT INBOX');
    c.cmd('a STORE 3,8 +FLAGS.SILENT (\\Deleted)');
    c.cmd('b EXPUNGE');
    expect(c.cmd('f UID FETCH 1:9 (FLAGS) (CHANGEDSINCE 17 VANISHED)')).toMatch(/^\* VANISHED \(EARLIER\) 3,8\r$/m);
    expect(c.cmd('g UID FETCH 1:* (FLAGS) (VANISHED)')).toMatch(/^g BAD /m);
    // Emptied: `*` still reaches the last UID given, so every expunge is reported.
    c.cmd('i STORE 1:* +FLAGS.SILENT (\\Deleted)');
    c.cmd('j EXPUNGE');
    expect(c.cmd('k UID FETCH 1:* (FLAGS) (CHANGEDSINCE 17 VANISHED)')).toMatch(/^\* VANISHED \(EARLIER\) 1:14\r$/m);
    expect(c.cmd('h FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)')).toMatch(/^h BAD /m);
  });

  it('§3.2.10: with QRESYNC, expunges are announced as VANISHED (to every such session); others still hear EXPUNGE', () => {
    const net = network();
    const a = qresyncClient(net);
    a.cmd('s SELECT INBOX');
    const b = qresyncClient(net);
    b.cmd('s SELECT INBOX');
    const plain = loggedIn(net);
    plain.cmd('s SELECT INBOX');
    a.cmd('t STORE 2,4 +FLAGS.SILENT (\\Deleted)');
    expect(a.cmd('x EXPUNGE')).toMatch(/^\* VANISHED 2,4,10\r\n(?:\* \d+ RECENT\r\n)?x OK \[HIGHESTMODSEQ 19\]/m);
    expect(b.cmd('n NOOP')).toMatch(/^\* VANISHED 2,4,10\r\nn OK \[HIGHESTMODSEQ 19\]/m);
    expect(plain.cmd('n NOOP')).toMatch(/^\* 10 EXPUNGE\r\n\* 4 EXPUNGE\r\n\* 2 EXPUNGE\r\n/m);
  });

  it('§3.2.11: SELECT while a mailbox is selected sends OK [CLOSED] first', () => {
    const c = qresyncClient();
    c.cmd('s SELECT INBOX');
    expect(c.cmd('t SELECT Work')).toMatch(/^\* OK \[CLOSED\]/);
  });

  it(`remembers at most MAX_REMEMBERED_EXPUNGES (${MAX_REMEMBERED_EXPUNGES}) expunged UIDs; before that, every missing UID asked about is reported`, () => {
    const store = new MailStore();
    const acc = store.addAccount('u', 'p');
    const mb = store.mailbox(acc, 'INBOX')!;
    const raw = new TextEncoder().encode('Subject: x\r\n\r\nx\r\n');
    for (let i = 0; i < MAX_REMEMBERED_EXPUNGES + 10; i++) store.append(mb, raw, [], 0, 0);
    const first = mb.highestModseq;
    store.expunge(mb, new Set([1, 2, 3, 4, 5]));
    store.expunge(mb, new Set(Array.from({ length: MAX_REMEMBERED_EXPUNGES }, (_, i) => i + 6)));
    expect(mb.expunged.length).toBe(MAX_REMEMBERED_EXPUNGES);
    expect(store.vanishedSince(mb, first).complete).toBe(false);
    expect(store.vanishedSince(mb, first + 1)).toEqual({ uids: Array.from({ length: MAX_REMEMBERED_EXPUNGES }, (_, i) => i + 6), complete: true });
    const net = new MailNetwork(store, [{ name: 'imap', protocol: 'imap', dialect: 'imap4rev1', port: 143 }]);
    const c = loggedIn(net, 'u', 'p');
    c.cmd('e ENABLE QRESYNC');
    // UIDs 1:5 were forgotten: the answer still names them (and 6:10005, which it remembers).
    expect(c.cmd(`s SELECT INBOX (QRESYNC (${mb.uidValidity} ${first} 1:20))`)).toMatch(/^\* VANISHED \(EARLIER\) 1:20\r$/m);
    // §3.2.5.2: here the seq-match helps. The client knew message 1 as UID 10006; it still is,
    // so nothing at or below UID 10006 vanished since the client last looked.
    expect(c.cmd(`u SELECT INBOX (QRESYNC (${mb.uidValidity} ${first} 1:10010 (1 10006)))`)).not.toMatch(/VANISHED/);
  });
});

describe('modseqs survive a snapshot', () => {
  it('HIGHESTMODSEQ, per-message modseqs and the expunged UIDs come back as they were', () => {
    const store = scenarioStore('default');
    const net = new MailNetwork(store, [{ name: 'imap', protocol: 'imap', dialect: 'imap4rev1', port: 143 }]);
    const c = loggedIn(net);
    c.cmd('e ENABLE QRESYNC');
    c.cmd('s SELECT INBOX');
    c.cmd('a STORE 2 +FLAGS (\\Deleted)');
    c.cmd('b EXPUNGE');
    c.cmd('d STORE 2 +FLAGS (\\Flagged)'); // message 2 is UID 3 now
    const copy = new MailStore();
    restoreStore(copy, structuredClone(snapshotStore(store)));
    const net2 = new MailNetwork(copy, [{ name: 'imap', protocol: 'imap', dialect: 'imap4rev1', port: 143 }]);
    const c2 = loggedIn(net2);
    c2.cmd('e ENABLE QRESYNC');
    const out = c2.cmd('s SELECT INBOX (QRESYNC (1700000001 17))');
    expect(out).toMatch(/HIGHESTMODSEQ 20/);
    expect(out).toMatch(/^\* VANISHED \(EARLIER\) 2,10\r$/m);
    expect(out).toMatch(/^\* 2 FETCH \(UID 3 FLAGS \(\\Flagged\) MODSEQ \(20\)\)\r$/m);
  });
});

describe('properties', () => {
  const flag = fc.constantFrom('\\Seen', '\\Flagged', '\\Deleted', '\\Answered', 'Kw');
  const store = fc.record({ seqs: fc.array(fc.integer({ min: 1, max: 14 }), { minLength: 1, maxLength: 4 }), op: fc.constantFrom('+', '-', ''), flag });

  it('FETCH 1:* (FLAGS) (CHANGEDSINCE m) equals the messages whose MODSEQ is above m (the index agrees with a full scan)', () => {
    fc.assert(
      fc.property(fc.array(store, { maxLength: 12 }), fc.integer({ min: 0, max: 40 }), (stores, since) => {
        const c = condstoreClient();
        for (const s of stores) c.cmd(`x STORE ${s.seqs.join(',')} ${s.op}FLAGS (${s.flag})`);
        const all = modseqs(c.cmd('a FETCH 1:* (MODSEQ)'));
        const changed = modseqs(c.cmd(`b FETCH 1:* (FLAGS) (CHANGEDSINCE ${since})`));
        expect(changed).toEqual(all.filter(([, m]) => m > since));
        const uids = modseqs(c.cmd(`u UID FETCH 3:9 (FLAGS) (CHANGEDSINCE ${since})`));
        expect(uids).toEqual(all.filter(([n, m]) => m > since && n >= 3 && n <= 9));
      }),
      { numRuns: 60 },
    );
  });

  // The new grammar (RFC 7162 §7): modifiers of FETCH and STORE, SELECT parameters, SEARCH MODSEQ.
  const piece = fc.constantFrom(
    'CHANGEDSINCE', 'UNCHANGEDSINCE', 'VANISHED', 'QRESYNC', 'CONDSTORE', 'MODSEQ', '(', ')', ' ', '0', '1', '17', '-1',
    '99999999999999999999', '9223372036854775807', '1:*', '1,3', '*', '"/flags/\\\\Seen"', 'priv', 'shared', 'all', 'x', '1700000001',
  );
  const tail = fc.array(piece, { maxLength: 14 }).map((p) => p.join(''));

  it('any modifier soup is answered with OK, NO or BAD, never crashes, and a BAD changes nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom('FETCH 1:3 (FLAGS) ', 'UID FETCH 1:* (FLAGS) ', 'STORE 1 ', 'SELECT INBOX ', 'EXAMINE Work ', 'SEARCH ', 'UID SEARCH MODSEQ '), tail, fc.boolean(), (head, rest, qresync) => {
        const c = loggedIn();
        if (qresync) c.cmd('e ENABLE QRESYNC');
        c.cmd('s SELECT INBOX');
        const before = c.cmd('b FETCH 1:* (FLAGS)');
        const out = c.cmd(`t ${head}${rest}${head.startsWith('STORE') ? ' +FLAGS (\\Seen)' : ''}`);
        expect(out).toMatch(/^t (OK|NO|BAD) /m);
        expect(out).not.toMatch(/SERVERBUG|Internal error/);
        if (/^t BAD/m.test(out) && !/^(SELECT|EXAMINE)/.test(head)) expect(c.cmd('b FETCH 1:* (FLAGS)')).toBe(before);
      }),
      { numRuns: 300 },
    );
  });
});

describe('limits', () => {
  it('a QRESYNC seq-match of more than MAX_SEQ_MATCH numbers is BAD, without reading four billion pairs', async () => {
    const { MAX_SEQ_MATCH } = await import('../../worker/limits');
    const c = loggedIn();
    c.cmd('e ENABLE QRESYNC');
    const t = performance.now();
    expect(c.cmd('s SELECT INBOX (QRESYNC (1700000001 1 1:14 (1:4294967295 1:4294967295)))')).toMatch(new RegExp(`^s BAD .*at most ${MAX_SEQ_MATCH}`, 'm'));
    expect(performance.now() - t).toBeLessThan(2000);
    expect(c.cmd(`t SELECT INBOX (QRESYNC (1700000001 1 1:14 (1:${MAX_SEQ_MATCH} 1:${MAX_SEQ_MATCH})))`)).toMatch(/^t OK/m);
  });
});
