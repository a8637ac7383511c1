import type { Mailbox, Message } from '../store/model';
import { SequenceSet, STAR, type Reader } from '../wire/parser';
import { modseqItem, qresyncOn, readModseq } from './condstore';
import type { ImapSession } from './session';
import type { SelectedMailbox } from './tracker';
import { compactUidSet } from './uidset';
import { MAX_SEQ_MATCH } from '../limits';

/**
 * RFC 7162 §3.2 QRESYNC: SELECT's `(QRESYNC (uidvalidity modseq [known-uids] [seq-match]))`,
 * the resynchronisation it answers with, and `VANISHED (EARLIER)` for UID FETCH … (VANISHED).
 */

export interface QresyncParams {
  uidValidity: number;
  modseq: number;
  /** The UIDs the client knows about (default: all). */
  knownUids?: SequenceSet;
  /** Pairs of message number and UID the client knows (RFC 7162 §3.2.5.2). */
  seqMatch?: { seqs: number[]; uids: number[] };
}

export interface SelectParams {
  condstore?: boolean;
  qresync?: QresyncParams;
}

/** The numbers a set without `*` names, in order; null when it has `*` or is too big to list. */
function listed(set: SequenceSet, max = MAX_SEQ_MATCH): number[] | null {
  if (set.hasStar) return null;
  const out: number[] = [];
  for (const r of set.ranges) {
    if (r.to === STAR || r.from === STAR) return null;
    for (let n = r.from; n <= r.to; n++) {
      out.push(n);
      if (out.length > max) return null;
    }
  }
  return out;
}

/** `(CONDSTORE | QRESYNC (…) …)` after SELECT/EXAMINE's mailbox name (RFC 7162 §3.1.8, §3.2.5). */
export function readSelectParams(session: ImapSession, args: Reader): SelectParams {
  const params: SelectParams = {};
  args.list(() => {
    const start = args.pos;
    const name = args.atom('SELECT parameter').toUpperCase();
    if (name === 'CONDSTORE') {
      params.condstore = true;
      return;
    }
    if (name !== 'QRESYNC') throw args.error(`Unknown SELECT parameter ${name} (RFC 7162 defines CONDSTORE and QRESYNC)`, start);
    if (!qresyncOn(session)) throw args.error('QRESYNC is not enabled: send ENABLE QRESYNC first (RFC 7162 §3.2.3)', start);
    if (!args.trySp() || args.peek() !== 0x28) throw args.error('QRESYNC parameters missing: (uidvalidity modseq [known-uids] [(seqs uids)])');
    args.char('(');
    const q: QresyncParams = { uidValidity: args.number('QRESYNC uidvalidity'), modseq: 0 };
    args.sp('QRESYNC modseq');
    q.modseq = readModseq(args, 'QRESYNC modseq');
    const seqMatch = () => {
      args.char('(');
      const seqs = args.sequenceSet('QRESYNC known-sequence-set');
      args.sp('QRESYNC known-uid-set');
      const uids = args.sequenceSet('QRESYNC known-uid-set');
      args.char(')');
      const s = listed(seqs);
      const u = listed(uids);
      if (!s || !u || s.length !== u.length)
        throw args.error(`Invalid QRESYNC seq-match: the two sets must name as many numbers (at most ${MAX_SEQ_MATCH}), without *`);
      q.seqMatch = { seqs: s, uids: u };
    };
    if (args.trySp()) {
      if (args.peek() === 0x28) seqMatch();
      else {
        const at = args.pos;
        q.knownUids = args.sequenceSet('QRESYNC known-uids');
        // RFC 7162 §3.2.5: `known-uids = sequence-set ;; "*" is not allowed`.
        if (q.knownUids.hasStar) throw args.error('Invalid QRESYNC known-uids: "*" is not allowed (RFC 7162 §3.2.5)', at);
        if (args.trySp()) seqMatch();
      }
    }
    args.char(')');
    params.qresync = q;
  });
  return params;
}

/**
 * The UIDs of `range` expunged after `since`, ascending. When the store no longer remembers
 * that far back (MAX_REMEMBERED_EXPUNGES), every UID in `range` below UIDNEXT that is not in
 * the mailbox is reported — RFC 7162 §3.2.5.2 allows UIDs the client never saw — above
 * `above`, the UID the client's seq-match proved nothing vanished below. (With the expunges
 * remembered, the exact answer needs no seq-match; Dovecot uses it only then, too.)
 */
export function vanishedUids(session: ImapSession, mb: Mailbox, since: number, range: Array<[number, number]>, above = 0): number[] {
  const inRange = (uid: number) => range.some(([lo, hi]) => uid >= lo && uid <= hi);
  const { uids, complete } = session.store.vanishedSince(mb, since);
  if (complete) return uids.filter(inRange);
  const present = new Set(mb.messages.map((m) => m.uid));
  const out: number[] = [];
  for (const [lo, hi] of range) {
    for (let uid = Math.max(lo, above + 1); uid <= Math.min(hi, mb.uidNext - 1); uid++) {
      session.checkBudget();
      if (!present.has(uid)) out.push(uid);
    }
  }
  return out;
}

/** The messages of the session's view changed after `since`, in message-number order. */
export function viewChangedSince(session: ImapSession, since: number): Array<{ m: Message; seq: number }> {
  const sel = session.selected!;
  const out: Array<{ m: Message; seq: number }> = [];
  // Messages another session expunged that this one still shows count too (Dovecot).
  for (const m of [...session.store.changedSince(sel.mailbox, since), ...sel.heldExpunges()]) {
    if (session.store.modseqOf(sel.mailbox, m) <= since) continue;
    const seq = sel.seqOfUid(m.uid);
    if (seq > 0 && sel.messages[seq - 1] === m) out.push({ m, seq });
  }
  return out.sort((a, b) => a.seq - b.seq);
}

/**
 * RFC 7162 §3.2.5.1: after SELECT (QRESYNC …) with the right UIDVALIDITY, the expunges
 * since the client's modseq as `VANISHED (EARLIER)`, then the flags of every message changed
 * since, with UID and MODSEQ.
 */
export function resync(session: ImapSession, sel: SelectedMailbox, q: QresyncParams): void {
  const mb = sel.mailbox;
  const range = (q.knownUids ?? new SequenceSet([{ from: 1, to: STAR }])).resolve(Math.max(mb.uidNext - 1, 1));
  // §3.2.5.2: a pair the client knows that still holds proves nothing below its UID was
  // expunged (used when the expunges are no longer remembered); the pairs are read in order
  // up to the first that no longer holds.
  let above = 0;
  if (q.seqMatch) {
    for (let i = 0; i < q.seqMatch.seqs.length; i++) {
      const seq = q.seqMatch.seqs[i];
      if (seq > sel.messages.length || sel.messages[seq - 1].uid !== q.seqMatch.uids[i]) break;
      above = q.seqMatch.uids[i];
    }
  }
  const vanished = vanishedUids(session, mb, q.modseq, range, above);
  if (vanished.length) session.untagged(`VANISHED (EARLIER) ${compactUidSet(vanished)}`);
  const inRange = (uid: number) => range.some(([lo, hi]) => uid >= lo && uid <= hi);
  for (const { m, seq } of viewChangedSince(session, q.modseq)) {
    if (!inRange(m.uid)) continue;
    session.untagged(`${seq} FETCH (UID ${m.uid} ${session.flagsItem(m)} ${modseqItem(session, m)})`);
  }
}
