import { describe, expect, it } from 'vitest';
import { flagSet } from '../../store/flagsets';
import type { Message } from '../../store/model';
import { firstMessageId, messageIds } from './message-id';
import { threadOrderedSubject } from './orderedsubject';
import { threadReferences, type ThreadNode } from './references';
import { writeThreads } from './write';

const enc = new TextEncoder();
let nextUid = 1;

/** A message with these header lines, sent `minute` minutes into 1 March 2024 (its Date:). */
function mail(minute: number, ...headers: string[]): Message {
  const date = new Date(Date.UTC(2024, 2, 1, 10, minute));
  const lines = [`Date: ${date.toUTCString().replace('GMT', '+0000')}`, ...headers];
  return { uid: nextUid++, raw: enc.encode(`${lines.join('\r\n')}\r\n\r\nbody\r\n`), internalDate: date.getTime(), zone: 0, flags: flagSet([]), modseq: 1 };
}

const found = (msgs: Message[]) => msgs.map((m, i) => ({ m, seq: i + 1, n: i + 1 }));
const references = (...msgs: Message[]) => writeThreads(threadReferences(found(msgs)));
const ordered = (...msgs: Message[]) => writeThreads(threadOrderedSubject(found(msgs)));

describe('RFC 5256 §5 thread-list syntax', () => {
  it('writes the RFC\'s example: a chain, then a parent with several children in parentheses', () => {
    const leaf = (n: number, ...children: ThreadNode[]): ThreadNode => ({ n, children });
    // "(2)(3 6 (4 23)(44 7 96))" — RFC 5256 §4, the THREAD response example.
    const tree = [leaf(2), leaf(3, leaf(6, leaf(4, leaf(23)), leaf(44, leaf(7, leaf(96)))))];
    expect(writeThreads(tree)).toBe('(2)(3 6 (4 23)(44 7 96))');
  });

  it('a dummy root (n = 0) shows only its children: "((1)(2))"', () => {
    expect(writeThreads([{ n: 0, children: [{ n: 1, children: [] }, { n: 2, children: [] }] }])).toBe('((1)(2))');
  });
});

describe('message-ids (RFC 5256 §4 step 1: "extract the message IDs")', () => {
  it('reads each <left@right>, dropping whitespace inside it and skipping text around it', () => {
    expect(messageIds('<a@b> <c @ d>\r\n <e@f>')).toEqual(['a@b', 'c@d', 'e@f']);
    expect(firstMessageId('Your message of Monday <a@b> (was: <c@d>)')).toBe('a@b');
  });

  it('skips ids without an "@", and parses ids with comments or quotes in them', () => {
    expect(messageIds('<nope> <a@b>')).toEqual(['a@b']);
    expect(messageIds('<"quoted local"@x> <u2 (comment) @x>')).toEqual(['quoted local@x', 'u2@x']);
  });
});

describe('THREAD=REFERENCES (RFC 5256 §4)', () => {
  it('(1) links each message to the last id of its References:, falling back to In-Reply-To:', () => {
    const a = mail(0, 'Message-ID: <a@x>', 'Subject: one');
    const b = mail(1, 'Message-ID: <b@x>', 'References: <a@x>', 'Subject: two');
    const c = mail(2, 'Message-ID: <c@x>', 'In-Reply-To: <b@x>', 'Subject: three');
    expect(references(a, b, c)).toBe('(1 2 3)');
  });

  it('(1.A) links the References: ids to each other, creating dummies for messages that are not there', () => {
    // c refers to a through a missing b: a -> (b) -> c; the dummy b is dropped in step 3.
    const a = mail(0, 'Message-ID: <a@x>', 'Subject: one');
    const c = mail(2, 'Message-ID: <c@x>', 'References: <a@x> <b@x>', 'Subject: three');
    expect(references(a, c)).toBe('(1 2)');
  });

  it('(1.A) does not make a link that would create a loop', () => {
    const a = mail(0, 'Message-ID: <a@x>', 'References: <b@x>', 'Subject: one');
    const b = mail(1, 'Message-ID: <b@x>', 'References: <a@x>', 'Subject: two');
    expect(references(a, b)).toBe('(2 1)');
  });

  it('(1.B) replaces a parent guessed from a truncated References: by the message\'s own last reference', () => {
    // imaptest's "thread": b says a -> c -> b; then c itself says its parent is b (a loop): c stands alone.
    const a = mail(120, 'Message-ID: <a@b>');
    const b = mail(0, 'Message-ID: <b@b>', 'References: <a@b> <c@b>');
    const c = mail(60, 'Message-ID: <c@b>', 'References: <b@b>');
    expect(references(a, b, c)).toBe('(3 2)(1)');
  });

  it('a message id seen twice belongs to the first message; the second stands alone', () => {
    const a = mail(0, 'Message-ID: <a@x>', 'Subject: one');
    const a2 = mail(1, 'Message-ID: <a@x>', 'Subject: another');
    expect(references(a, a2)).toBe('(1)(2)');
  });

  it('(3) a dummy root with several children stays, as a parenthesized group', () => {
    const b = mail(0, 'References: <gone@x>', 'Subject: one');
    const c = mail(1, 'References: <gone@x>', 'Subject: two');
    expect(references(b, c)).toBe('((1)(2))');
  });

  it('(4) sorts siblings by sent date, not by arrival', () => {
    const root = mail(0, 'Message-ID: <r@x>', 'Subject: s');
    const late = mail(30, 'Message-ID: <l@x>', 'In-Reply-To: <r@x>', 'Subject: Re: s');
    const early = mail(10, 'Message-ID: <e@x>', 'In-Reply-To: <r@x>', 'Subject: Re: s');
    expect(references(root, late, early)).toBe('(1 (3)(2))');
  });

  it('(5) groups roots by base subject: a reply without References: joins the original', () => {
    const a = mail(0, 'Message-ID: <a@x>', 'Subject: lunch');
    const other = mail(1, 'Message-ID: <o@x>', 'Subject: other');
    const re = mail(2, 'Message-ID: <r@x>', 'Subject: Re: lunch');
    expect(references(a, other, re)).toBe('(1 3)(2)');
  });

  it('(5) two messages with one subject, neither a reply, become siblings under a dummy', () => {
    const a = mail(0, 'Message-ID: <a@x>', 'Subject: lunch');
    const b = mail(1, 'Message-ID: <b@x>', 'Subject: lunch');
    expect(references(a, b)).toBe('((1)(2))');
  });

  it('(5) an empty base subject groups nothing', () => {
    const a = mail(0, 'Message-ID: <a@x>', 'Subject: Re:');
    const b = mail(1, 'Message-ID: <b@x>');
    expect(references(a, b)).toBe('(1)(2)');
  });

  it('REFS (Dovecot) orders threads by their newest message and does not group by subject', () => {
    const a = mail(0, 'Message-ID: <a@x>', 'Subject: lunch');
    const b = mail(10, 'Message-ID: <b@x>', 'Subject: Re: lunch');
    const c = mail(20, 'Message-ID: <c@x>', 'In-Reply-To: <a@x>', 'Subject: Re: lunch');
    expect(writeThreads(threadReferences(found([a, b, c]), 'REFS'))).toBe('(2)(1 3)');
  });
});

describe('THREAD=ORDEREDSUBJECT (RFC 5256 §4)', () => {
  it('threads by base subject; the first message by date is the parent; threads go by their first date', () => {
    const b1 = mail(5, 'Subject: b');
    const a1 = mail(10, 'Subject: a');
    const a2 = mail(1, 'Subject: Re: a');
    const b2 = mail(20, 'Subject: Re: b');
    const a3 = mail(30, 'Subject: Fwd: a');
    expect(ordered(b1, a1, a2, b2, a3)).toBe('(3 (2)(5))(1 4)');
  });
});

describe('deep threads', () => {
  it('a chain of 20,000 replies, each to the one before, threads and writes without running out of stack', () => {
    const msgs = Array.from({ length: 20_000 }, (_, i) => mail(i % 60, `Message-ID: <c${i}@x>`, ...(i ? [`In-Reply-To: <c${i - 1}@x>`] : []), 'Subject: chain'));
    const out = references(...msgs);
    expect(out.startsWith('(1 2 3 ')).toBe(true);
    expect(out.endsWith(' 19999 20000)')).toBe(true);
    expect(writeThreads(threadReferences(found(msgs), 'REFS')).length).toBe(out.length);
  });
});

describe('a repeated THREAD or SORT is answered from the last answer only while it is still right', () => {
  it('same messages, same numbers: the kept answer; another message or other numbers: worked out again', async () => {
    const { remembered } = await import('../sort/memo');
    const a = mail(0, 'Message-ID: <a@x>');
    const b = mail(1, 'Message-ID: <b@x>', 'In-Reply-To: <a@x>');
    let runs = 0;
    const work = () => `run ${++runs}`;
    expect(remembered('THREAD REFERENCES', [a, b], [1, 2], work)).toBe('run 1');
    expect(remembered('THREAD REFERENCES', [a, b], [1, 2], work)).toBe('run 1');
    expect(remembered('THREAD REFERENCES', [a, b], [1, 3], work)).toBe('run 2');
    expect(remembered('THREAD ORDEREDSUBJECT', [a, b], [1, 2], work)).toBe('run 3');
    expect(remembered('THREAD REFERENCES', [b], [1], work)).toBe('run 4');
  });
});
