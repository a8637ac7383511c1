import type { Message } from '../store/model';
import { ParseError, SequenceSet, type Reader } from '../wire/parser';
import type { ImapSession } from './session';

/**
 * A sequence-set argument as the session's dialect writes it: before IMAP4 there is no `*`
 * (RFC 1732: use the last EXISTS count); in IMAP4rev2 `$` is the result a SEARCH saved
 * (RFC 9051 §6.4.4.1, SEARCHRES), kept as UIDs and given here as numbers of the kind asked.
 */
export function readSequenceSet(session: ImapSession, args: Reader, byUid: boolean): SequenceSet {
  if (args.peek() === 0x24 /* $ */ && session.dialect.searchRes) {
    args.pos++;
    const uids = session.savedSearch;
    if (byUid) return SequenceSet.of(uids);
    const sel = session.selected;
    return SequenceSet.of(sel ? uids.map((u) => sel.seqOfUid(u)).filter((n) => n > 0) : []);
  }
  const start = args.pos;
  const set = args.sequenceSet();
  if (set.hasStar && session.dialect.sequenceStar === false) {
    throw new ParseError('Invalid sequence: "*" is not part of this protocol (use the number from the last EXISTS)', start, 'sequence-set');
  }
  return set;
}

/**
 * The messages a sequence set names in this session's view (RFC 3501 §6.4.8, §9
 * `sequence-set`). Message numbers beyond the mailbox are an error, as on Dovecot; UID ranges
 * may reach past the last UID, and `n:*` always includes the last message.
 */
export function messagesIn(session: ImapSession, set: SequenceSet, byUid: boolean): Message[] {
  const view = session.selected!.messages;
  if (!view.length) {
    if (byUid) return [];
    throw new ParseError('Invalid messageset', 0);
  }
  if (!byUid) {
    // Marked, then read in order: sorted and free of repeats without a sort.
    const picked = new Uint8Array(view.length + 1);
    for (const [lo, hi] of set.resolve(view.length)) {
      if (lo < 1 || hi > view.length) throw new ParseError('Invalid messageset', 0);
      picked.fill(1, lo, hi + 1);
    }
    const out: Message[] = [];
    for (let i = 1; i <= view.length; i++) if (picked[i]) out.push(view[i - 1]);
    return out;
  }
  const maxUid = view[view.length - 1].uid;
  const out: Message[] = [];
  const ranges = set.resolve(maxUid);
  // The view is in ascending UID order: one pass keeps the result sorted and free of repeats.
  for (const m of view) {
    for (const [lo, hi] of ranges) {
      if (m.uid >= lo && m.uid <= hi) {
        out.push(m);
        break;
      }
    }
  }
  return out;
}
