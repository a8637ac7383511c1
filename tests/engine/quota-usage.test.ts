import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountUsage } from '../../worker/store/quota';
import { MailStore } from '../../worker/store/store';
import type { Account } from '../../worker/store/model';

/**
 * STORAGE usage (RFC 9208) is checked before every APPEND, COPY and MOVE; it is kept up as mail
 * is added instead of recounted, so it must agree with a full count after any sequence of the
 * store's changes.
 */
const fullCount = (acc: Account) => {
  let messages = 0;
  let bytes = 0;
  for (const mb of acc.mailboxes.values()) for (const m of mb.messages) (messages++, (bytes += m.raw.length));
  return { messages, bytes };
};

const op = fc.oneof(
  fc.record({ kind: fc.constant('append' as const), box: fc.nat(2), size: fc.nat(300) }),
  fc.record({ kind: fc.constant('expunge' as const), box: fc.nat(2), every: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('copy' as const), from: fc.nat(2), to: fc.nat(2) }),
  fc.record({ kind: fc.constant('delete' as const), box: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ kind: fc.constant('rename' as const), box: fc.integer({ min: 1, max: 2 }) }),
  fc.constant({ kind: 'usage' as const }),
);

describe('quota usage', () => {
  it('agrees with a full count after any appends, expunges, copies, deletes and renames', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const store = new MailStore();
        const acc = store.addAccount('alice', 'pw');
        const names = ['INBOX', 'A', 'B'];
        const box = (i: number) => store.mailbox(acc, names[i]) ?? store.createMailbox(acc, names[i]);
        let n = 0;
        for (const o of ops) {
          if (o.kind === 'append') box(o.box).messages.length < 50 && store.append(box(o.box), new TextEncoder().encode(`Subject: ${n++}\r\n\r\n${'x'.repeat(o.size)}\r\n`), [], 0, 0);
          else if (o.kind === 'expunge') store.expunge(box(o.box), new Set(box(o.box).messages.filter((_, i) => i % o.every === 0).map((m) => m.uid)));
          else if (o.kind === 'copy') box(o.to).messages.length < 50 && store.copy([...box(o.from).messages], box(o.to));
          else if (o.kind === 'delete' && store.mailbox(acc, names[o.box])) store.deleteMailbox(acc, names[o.box]);
          else if (o.kind === 'rename' && store.mailbox(acc, names[o.box]) && !store.mailbox(acc, `${names[o.box]}2`)) {
            store.renameMailbox(acc, names[o.box], `${names[o.box]}2`);
            store.renameMailbox(acc, `${names[o.box]}2`, names[o.box]);
          }
          expect(accountUsage(acc)).toEqual(fullCount(acc));
        }
      }),
      { numRuns: 200 },
    );
  });
});
