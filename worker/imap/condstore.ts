import type { Message } from '../store/model';
import type { Reader } from '../wire/parser';
import type { ImapSession } from './session';

/**
 * RFC 7162 (CONDSTORE and QRESYNC): the per-session switches and the small pieces of grammar
 * and output the command handlers share. The store keeps the modseqs (worker/store/store.ts);
 * this is what a session says about them.
 */

/** CONDSTORE is on: FETCH responses caused by flag changes carry MODSEQ (RFC 7162 §3.1). */
export const condstoreOn = (session: ImapSession): boolean => session.enabled.has('CONDSTORE');

/** QRESYNC is on: VANISHED replaces EXPUNGE and every FETCH carries UID (RFC 7162 §3.2). */
export const qresyncOn = (session: ImapSession): boolean => session.enabled.has('QRESYNC');

/**
 * Turns CONDSTORE on for the session: by ENABLE, or by the first command that uses it
 * (SELECT (CONDSTORE), FETCH MODSEQ or CHANGEDSINCE, STORE UNCHANGEDSINCE, SEARCH MODSEQ;
 * RFC 7162 §3.1). With a mailbox selected the client has not heard its HIGHESTMODSEQ yet,
 * so it is told now, before the command's own answer (as Dovecot does).
 */
export function enableCondstore(session: ImapSession): void {
  if (condstoreOn(session)) return;
  session.enabled.add('CONDSTORE');
  const sel = session.selected;
  if (!sel) return;
  session.store.trackModseqs(sel.mailbox);
  session.untagged(`OK [HIGHESTMODSEQ ${sel.mailbox.highestModseq}] Highest`);
}

/**
 * A `mod-sequence-value` / `mod-sequence-valzer` (RFC 7162 §7: 0 … 2^63−1). Values beyond
 * what the store can reach (2^53) compare as larger than every modseq, which is what they are.
 */
export function readModseq(args: Reader, what: string): number {
  const start = args.pos;
  try {
    return Number(args.number64(what));
  } catch {
    throw args.error(`Invalid ${what}: a number from 0 to 2^63-1 expected`, start);
  }
}

/** `MODSEQ (n)`: the message's modseq as a fetch item (RFC 7162 §3.1.4). */
export function modseqItem(session: ImapSession, m: Message): string {
  const n = session.store.modseqOf(session.selected!.mailbox, m);
  // What the client could take for its HIGHESTMODSEQ (see ImapSession.syncedModseqCode).
  session.sentModseq(n);
  return `MODSEQ (${n})`;
}

/**
 * The head of an untagged FETCH a flag change causes (STORE's answer, another session's
 * change): UID first when QRESYNC is on (RFC 7162 §3.2.4) or asked for, then MODSEQ when
 * CONDSTORE is on (§3.1.3), in Dovecot's order; FLAGS follows unless `.SILENT`.
 */
export function changeItems(session: ImapSession, m: Message, withUid: boolean): string {
  const uid = withUid || qresyncOn(session) ? `UID ${m.uid} ` : '';
  return condstoreOn(session) ? `${uid}${modseqItem(session, m)} ` : uid;
}
