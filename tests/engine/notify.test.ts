import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TestClient, loggedIn, network } from './helpers';

/** NOTIFY (RFC 5465) through the engine: the grammar, then what a client hears. */
const tagged = (out: string, tag: string) => out.split('\r\n').filter((l) => new RegExp(`^${tag} (OK|NO|BAD)`).test(l));
const statusOf = (out: string, box: string) => [...out.matchAll(new RegExp(`^\\* STATUS ${box} \\(MESSAGES (\\d+) UIDNEXT \\d+ UNSEEN \\d+\\)`, 'gm'))].map((m) => Number(m[1]));
const wait = (ms = 40) => new Promise((r) => setTimeout(r, ms));

describe('RFC 5465 §3.1: the NOTIFY command', () => {
  it('NOTIFY NONE and NOTIFY SET with filters and events are accepted', () => {
    const c = loggedIn();
    for (const line of ['NOTIFY NONE', 'NOTIFY SET', 'NOTIFY SET (PERSONAL (MessageNew MessageExpunge))', 'NOTIFY SET (SELECTED-DELAYED NONE) (SUBTREE (Work) (MailboxName))', 'NOTIFY SET (MAILBOXES (Work Archive) (SubscriptionChange))']) {
      expect(c.cmd(`t ${line}`), line).toMatch(/^t OK /m);
    }
  });

  it('§3.1: events the server cannot send are named in NO [BADEVENT …] and nothing changes', () => {
    const c = loggedIn();
    expect(c.cmd('t NOTIFY SET (PERSONAL (MessageNew MailboxMetadataChange))')).toMatch(/^t NO \[BADEVENT MailboxMetadataChange\] /m);
  });

  it('§5 and §6.1: the selected mailbox gets MessageNew and MessageExpunge together, FlagChange only with both, one filter only', () => {
    const c = loggedIn();
    for (const line of ['NOTIFY SET (SELECTED (MessageNew))', 'NOTIFY SET (SELECTED (FlagChange))', 'NOTIFY SET (SELECTED NONE) (SELECTED-DELAYED NONE)', 'NOTIFY SET (PERSONAL (MessageNew (UID) MessageExpunge))']) {
      expect(c.cmd(`t ${line}`), line).toMatch(/^t BAD /m);
    }
  });

  const event = fc.constantFrom('MessageNew', 'MessageExpunge', 'FlagChange', 'MailboxName', 'SubscriptionChange');
  const filter = fc.oneof(
    fc.constantFrom('PERSONAL', 'INBOXES', 'SUBSCRIBED'),
    fc.constantFrom('Work', '(Work Archive)', '"Work/Projects"', 'NoSuch').chain((m) => fc.constantFrom(`SUBTREE ${m}`, `MAILBOXES ${m}`)),
  );
  const group = fc.tuple(filter, fc.oneof(fc.constant('NONE'), fc.uniqueArray(event, { minLength: 1, maxLength: 5 }).map((e) => `(${e.join(' ')})`))).map(([f, e]) => `(${f} ${e})`);

  it('any NOTIFY SET built from the grammar (not naming the selected mailbox) is accepted', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(group, { maxLength: 4 }), (status, groups) => {
        const c = loggedIn();
        const line = `t NOTIFY SET${status ? ' STATUS' : ''}${groups.map((g) => ' ' + g).join('')}`;
        expect(tagged(c.cmd(line), 't'), line).toEqual([expect.stringMatching(/^t OK /)]);
      }),
      { numRuns: 80 },
    );
  });

  it('any mangling of it gets exactly one tagged answer, and the session goes on', () => {
    const tokens = fc.constantFrom('NOTIFY', 'SET', 'NONE', 'STATUS', '(', ')', 'SELECTED', 'PERSONAL', 'SUBTREE', 'MAILBOXES', 'MessageNew', 'MessageExpunge', '(UID', 'FLAGS)', 'Work', '""', '{3}', 'x', '*');
    fc.assert(
      fc.property(fc.array(tokens, { maxLength: 10 }), (words) => {
        const c = loggedIn();
        c.cmd('s SELECT INBOX');
        const line = `t NOTIFY ${words.join(' ')}`;
        if (/\{\d+\}$/.test(line)) return;
        expect(tagged(c.cmd(line), 't'), line).toHaveLength(1);
        expect(c.cmd('n NOOP')).toMatch(/^n OK /m);
      }),
      { numRuns: 200 },
    );
  });
});

describe('RFC 5465 §5: what a NOTIFY client hears', () => {
  it('STATUS for another mailbox is pushed without a command (as IDLE pushes)', async () => {
    const net = network();
    const main = loggedIn(net);
    const other = loggedIn(net);
    main.cmd('a NOTIFY SET (PERSONAL (MessageNew MessageExpunge))');
    other.raw('b APPEND Work {7}\r\n');
    other.cmd('Subject');
    const before = main.out.length;
    await wait();
    expect(main.out.slice(before)).toBe('* STATUS Work (MESSAGES 4 UIDNEXT 5 UNSEEN 3)\r\n');
  });

  it('a client that counts from the STATUS lines always knows how many messages each mailbox holds', () => {
    const action = fc.oneof(
      fc.record({ op: fc.constant('append' as const), box: fc.constantFrom('Work', 'Archive', 'Sent') }),
      fc.record({ op: fc.constant('expunge' as const), box: fc.constantFrom('Work', 'Archive', 'Sent'), uids: fc.constantFrom('1', '2:3', '1:*', '4') }),
      fc.record({ op: fc.constant('copy' as const), box: fc.constantFrom('Work', 'Archive', 'Sent') }),
    );
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 8 }), (actions) => {
        const net = network();
        const main = loggedIn(net);
        const other = loggedIn(net);
        main.cmd('a NOTIFY SET (MAILBOXES (Work Archive) (MessageNew MessageExpunge))');
        const known: Record<string, number> = { Work: 3, Archive: 2 };
        const truth = (box: string) => Number(/MESSAGES (\d+)/.exec(other.cmd(`s STATUS ${box} (MESSAGES)`))![1]);
        for (const a of actions) {
          if (a.op === 'append') {
            other.raw(`b APPEND ${a.box} {7}\r\n`);
            other.cmd('Subject');
          } else if (a.op === 'copy') other.cmd(`b COPY 1:3 ${a.box}`);
          else {
            other.cmd(`b SELECT ${a.box}`);
            other.cmd(`b UID STORE ${a.uids} +FLAGS.SILENT (\\Deleted)`);
            other.cmd('b CLOSE');
          }
          if (a.op === 'copy') other.cmd('b SELECT INBOX');
          // NOTIFY's pending events go out before the next command's own output.
          const out = main.cmd('n NOOP');
          for (const box of ['Work', 'Archive']) {
            const seen = statusOf(out, box);
            if (seen.length) known[box] = seen[seen.length - 1];
          }
          expect(statusOf(out, 'Sent')).toEqual([]);
        }
        expect(known).toEqual({ Work: truth('Work'), Archive: truth('Archive') });
      }),
      { numRuns: 40 },
    );
  });

  it('without SELECTED the selected mailbox is silent; SELECTED brings EXISTS, EXPUNGE and FETCH', () => {
    const net = network();
    const main = loggedIn(net);
    const other = loggedIn(net);
    main.cmd('s SELECT Work');
    other.cmd('s SELECT Work');
    main.cmd('a NOTIFY SET (PERSONAL (MessageNew MessageExpunge))');
    other.cmd('b STORE 1 +FLAGS (\\Flagged)');
    expect(main.cmd('c STORE 2 +FLAGS (\\Flagged)')).toBe('c OK Store completed.\r\n');
    expect(main.cmd('d NOOP')).toBe('d OK NOOP completed.\r\n');
    main.cmd('e NOTIFY SET (SELECTED (MessageNew MessageExpunge FlagChange))');
    other.cmd('f STORE 3 +FLAGS (\\Deleted)');
    other.cmd('g EXPUNGE');
    expect(main.cmd('h NOOP')).toMatch(/^\* 3 EXPUNGE\r\n/m);
  });

  it('LIST for mailbox names and subscriptions, this session\'s own included', () => {
    const c = new TestClient(network());
    c.cmd('l LOGIN alice wonderland');
    c.cmd('a NOTIFY SET (PERSONAL (MailboxName SubscriptionChange))');
    // Each event caused by a command is told after its completion (pushed, or before the next).
    const out = ['b CREATE Fresh', 'c SUBSCRIBE Fresh', 'd RENAME Fresh Fresher', 'e DELETE Fresher', 'n NOOP'].map((l) => c.cmd(l)).join('');
    expect(out).toMatch(/^b OK [^\r]*\r\n\* LIST \(\) "\/" Fresh\r\n/);
    expect(out.split('\r\n').filter((l) => l.startsWith('* LIST'))).toEqual([
      '* LIST () "/" Fresh',
      '* LIST (\\Subscribed) "/" Fresh',
      '* LIST () "/" Fresher ("OLDNAME" (Fresh))',
      '* LIST (\\NonExistent) "/" Fresher',
    ]);
  });

  it('NOTIFY ends with the connection: no listener is left on the account', () => {
    const net = network();
    const c = loggedIn(net);
    c.cmd('a NOTIFY SET (PERSONAL (MessageNew MessageExpunge))');
    c.cmd('z LOGOUT');
    const other = loggedIn(net);
    other.raw('b APPEND Work {7}\r\n');
    expect(() => other.cmd('Subject')).not.toThrow();
    expect((net.store as unknown as { accountListeners: Map<unknown, unknown> }).accountListeners.size).toBe(0);
  });
});
