import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSequenceSet } from '../../worker/wire/parser';
import { MAX_SEARCH_UPDATES } from '../../worker/limits';
import { TestClient, loggedIn, network } from './helpers';

/**
 * RFC 5267 §4 (CONTEXT=SEARCH): a client that applies every ADDTO, REMOVEFROM and EXPUNGE it
 * is sent to the result of `SEARCH RETURN (UPDATE) ...` always knows the search's result
 * without asking again, whatever this session and another one do to the mailbox.
 */
const numbers = (set: string) => parseSequenceSet(set).resolve(0xffff_ffff).flatMap(([lo, hi]) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i));

/** The client's side: the result as a set of message numbers (or UIDs), kept up to date from the server's lines. */
class Follower {
  result = new Set<number>();
  constructor(
    private tag: string,
    private byUid: boolean,
  ) {}
  read(out: string): void {
    for (const line of out.split('\r\n')) {
      const ex = /^\* (\d+) EXPUNGE$/.exec(line);
      if (ex && !this.byUid) {
        const n = Number(ex[1]);
        this.result = new Set([...this.result].filter((x) => x !== n).map((x) => (x > n ? x - 1 : x)));
      }
      const up = new RegExp(`^\\* ESEARCH \\(TAG "${this.tag}"\\)${this.byUid ? ' UID' : ''} (ADDTO|REMOVEFROM) \\(0 ([0-9:,]+)\\)$`).exec(line);
      if (up) for (const n of numbers(up[2])) up[1] === 'ADDTO' ? this.result.add(n) : this.result.delete(n);
    }
  }
}

const searchResult = (out: string, byUid: boolean) => {
  const m = new RegExp(`^\\* ESEARCH \\(TAG "[^"]+"\\)${byUid ? ' UID' : ''}(?: ALL ([0-9:,]+))?\\r?$`, 'm').exec(out);
  return new Set(m?.[1] ? numbers(m[1]) : []);
};

const action = fc.oneof(
  fc.record({ who: fc.constantFrom('main', 'other'), op: fc.constantFrom('+FLAGS', '-FLAGS'), flag: fc.constantFrom('\\Seen', '\\Flagged', '\\Deleted'), uids: fc.constantFrom('1', '2:4', '3,7', '5:*', '1:*', '12') }),
  fc.record({ who: fc.constantFrom('main', 'other'), op: fc.constant('EXPUNGE') }),
  fc.record({ who: fc.constant('other'), op: fc.constant('APPEND'), flags: fc.constantFrom('', '(\\Seen) ', '(\\Flagged) ') }),
);

function run(c: TestClient, tag: string, a: { op: string; flag?: string; uids?: string; flags?: string }): string {
  if (a.op === 'EXPUNGE') return c.cmd(`${tag} EXPUNGE`);
  if (a.op === 'APPEND') {
    c.raw(`${tag} APPEND INBOX ${a.flags}{9}\r\n`);
    return c.cmd('Subject: x');
  }
  return c.cmd(`${tag} UID STORE ${a.uids} ${a.op} (${a.flag})`);
}

describe('RFC 5267 §4: a client following ADDTO/REMOVEFROM knows the result', () => {
  for (const byUid of [false, true]) {
    it(`${byUid ? 'UID SEARCH' : 'SEARCH'} RETURN (UPDATE) through random changes in two sessions`, () => {
      fc.assert(
        fc.property(fc.constantFrom('UNSEEN', 'FLAGGED', 'OR SEEN DELETED', 'NOT FLAGGED UID 2:6', 'ALL'), fc.array(action, { minLength: 1, maxLength: 12 }), (keys, actions) => {
          const net = network();
          const main = loggedIn(net);
          const other = loggedIn(net);
          main.cmd('s SELECT INBOX');
          other.cmd('s SELECT INBOX');
          const search = `${byUid ? 'UID ' : ''}SEARCH`;
          const follower = new Follower('u1', byUid);
          const first = main.cmd(`u1 ${search} RETURN (UPDATE ALL) ${keys}`);
          follower.result = searchResult(first, byUid);
          actions.forEach((a, i) => {
            const out = run(a.who === 'main' ? main : other, `t${i}`, a);
            if (a.who === 'main') follower.read(out);
          });
          // NOOP delivers what the other session did; then a fresh search must agree.
          follower.read(main.cmd('n NOOP'));
          const fresh = main.cmd(`c ${search} RETURN (ALL) ${keys}`);
          expect([...follower.result].sort((x, y) => x - y)).toEqual([...searchResult(fresh, byUid)].sort((x, y) => x - y));
          expect(fresh).not.toMatch(/ADDTO|REMOVEFROM/);
        }),
        { numRuns: 60 },
      );
    });
  }
});

describe('RFC 5267 §4.3: starting and ending updates', () => {
  it('§4.3: a tag still updating cannot start another search (BAD); §4.2: CONTEXT is a hint', () => {
    const c = loggedIn();
    c.cmd('s SELECT INBOX');
    expect(c.cmd('u1 SEARCH RETURN (UPDATE) UNSEEN')).toMatch(/^u1 OK /m);
    expect(c.cmd('u1 SEARCH RETURN (UPDATE) FLAGGED')).toMatch(/^u1 BAD /m);
    expect(c.cmd('u1 SEARCH RETURN (COUNT) FLAGGED')).toMatch(/^\* ESEARCH \(TAG "u1"\) COUNT 2\r\nu1 OK /m);
    expect(c.cmd('c1 SEARCH RETURN (CONTEXT COUNT) FLAGGED')).toMatch(/^\* ESEARCH \(TAG "c1"\) COUNT 2\r\n/m);
    expect(c.cmd('c2 SEARCH RETURN (CONTEXT) FLAGGED')).toMatch(/^\* ESEARCH \(TAG "c2"\) ALL 4,8\r\n/m);
  });

  it('§4.3: message numbers in the program are the messages they named when the search ran', () => {
    const net = network();
    const c = loggedIn(net);
    const other = loggedIn(net);
    c.cmd('s SELECT INBOX');
    other.cmd('s SELECT INBOX');
    c.cmd('u1 UID SEARCH RETURN (UPDATE) 2:3');
    other.cmd('a STORE 1 +FLAGS.SILENT (\\Deleted)');
    other.cmd('b EXPUNGE');
    // Messages 2:3 are now numbered 1:2, and the search is still about them: nothing changed.
    expect(c.cmd('n NOOP')).not.toMatch(/ESEARCH/);
  });

  it('CANCELUPDATE stops a search; an unknown tag is NO; a tag must be a quoted string', () => {
    const c = loggedIn();
    c.cmd('s SELECT INBOX');
    c.cmd('u1 SEARCH RETURN (UPDATE) UNSEEN');
    expect(c.cmd('a CANCELUPDATE u1')).toMatch(/^a BAD /m);
    expect(c.cmd('b CANCELUPDATE "u2"')).toMatch(/^b NO /m);
    expect(c.cmd('c CANCELUPDATE "u1"')).toMatch(/^c OK /m);
    expect(c.cmd('d STORE 1:* -FLAGS (\\Seen)')).not.toMatch(/ESEARCH/);
  });

  it('selecting a mailbox ends every updating search', () => {
    const c = loggedIn();
    c.cmd('s SELECT INBOX');
    c.cmd('u1 SEARCH RETURN (UPDATE) UNSEEN');
    c.cmd('s2 SELECT INBOX');
    expect(c.cmd('d STORE 1:* -FLAGS (\\Seen)')).not.toMatch(/ESEARCH/);
    expect(c.cmd('e CANCELUPDATE "u1"')).toMatch(/^e NO /m);
  });

  it(`past ${MAX_SEARCH_UPDATES} updating searches a new one is answered but not kept: * NO [NOUPDATE "tag"] (§4.3.1)`, () => {
    const c = loggedIn();
    c.cmd('s SELECT INBOX');
    for (let i = 0; i < MAX_SEARCH_UPDATES; i++) expect(c.cmd(`u${i} SEARCH RETURN (UPDATE) UNSEEN`)).toMatch(new RegExp(`^u${i} OK Search completed`, 'm'));
    expect(c.cmd('x SEARCH RETURN (UPDATE COUNT) UNSEEN')).toMatch(/^\* ESEARCH \(TAG "x"\) COUNT \d+\r\n\* NO \[NOUPDATE "x"\] [^\r]+\r\nx OK [^[]/m);
    const store = c.cmd('d STORE 1 -FLAGS (\\Seen)');
    expect(store.match(/ESEARCH/g)?.length).toBe(MAX_SEARCH_UPDATES);
    expect(store).not.toMatch(/TAG "x"/);
  });
});
