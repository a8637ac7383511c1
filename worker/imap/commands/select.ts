import type { Mailbox } from '../../store/model';
import { flagListLines } from '../flaglist';
import { ParseError, Reader, type ParseErrorCode } from '../../wire/parser';
import { readMailbox } from '../names';
import { messagesIn, readSequenceSet } from '../sequence';
import type { ImapSession } from '../session';
import { SelectedMailbox } from '../tracker';
import { AUTH, SELECTED, ok, type CommandSpec, type Completion } from '../types';
import { condstoreOn, enableCondstore } from '../condstore';
import { readSelectParams, resync, type QresyncParams, type SelectParams } from '../qresync';

/** RFC 3501 §6.3.1–2 (SELECT, EXAMINE), §6.4 (CHECK, CLOSE, EXPUNGE), RFC 3691 (UNSELECT). */

/**
 * Opens a mailbox for the session; the dialect says what it reports (rev1's by default), then
 * RFC 7162 adds HIGHESTMODSEQ and, for SELECT (QRESYNC …), what changed since the client's
 * last visit.
 */
export function openMailbox(session: ImapSession, mb: Mailbox, readOnly: boolean, how: 'SELECT' | 'EXAMINE' | 'BBOARD', qresync?: QresyncParams): Completion {
  if (session.dialect.condstore && condstoreOn(session)) session.store.trackModseqs(mb);
  const sel = new SelectedMailbox(session.store, mb, readOnly, session);
  session.select(sel);
  const done = (session.dialect.opened ?? rev1Opened)(session, sel, how);
  if (session.dialect.condstore) {
    // RFC 7162 §3.1.2.1: once modseqs are kept for the mailbox (a client asked), SELECT says
    // how far they go, also to sessions that did not enable CONDSTORE (as Dovecot does).
    if (mb.modseqTracked) session.untagged(`OK [HIGHESTMODSEQ ${mb.highestModseq}] Highest`);
    if (qresync && qresync.uidValidity === mb.uidValidity) resync(session, sel, qresync);
  }
  return done;
}

/** The number of the first message without \Seen, or 0. */
export function firstUnseen(sel: SelectedMailbox): number {
  return sel.messages.findIndex((m) => !m.flags.has('\\Seen')) + 1;
}

/** RFC 3501 §6.3.1 in Dovecot's order. */
function rev1Opened(session: ImapSession, sel: SelectedMailbox, how: 'SELECT' | 'EXAMINE' | 'BBOARD'): Completion {
  const mb = sel.mailbox;
  const readOnly = sel.readOnly;
  for (const l of flagListLines(session, mb, readOnly)) session.untagged(l);
  session.untagged(`${sel.messages.length} EXISTS`);
  if (session.dialect.recent) session.untagged(`${sel.recent.size} RECENT`);
  const unseen = firstUnseen(sel);
  if (unseen) session.untagged(`OK [UNSEEN ${unseen}] First unseen.`);
  session.untagged(`OK [UIDVALIDITY ${mb.uidValidity}] UIDs valid`);
  session.untagged(`OK [UIDNEXT ${mb.uidNext}] Predicted next UID`);
  return ok(how === 'EXAMINE' ? 'Examine completed.' : 'Select completed.', readOnly ? 'READ-ONLY' : 'READ-WRITE');
}

function open(session: ImapSession, readOnly: boolean, name: string, qresync?: QresyncParams): Completion {
  session.requireHere(name);
  const mb = session.store.selectable(session.account!, name);
  return openMailbox(session, mb, readOnly, readOnly ? 'EXAMINE' : 'SELECT', qresync);
}

/** Errors in the line's tokens themselves, as opposed to arguments of the wrong kind or number. */
const LEXICAL: ReadonlySet<ParseErrorCode> = new Set(['unterminated-quoted', 'quoted', 'literal', 'unterminated-list', 'list', 'depth']);

/**
 * Dovecot reads a command's whole line into arguments before the command looks at them: a
 * line that does not even split into tokens (`SELECT "INBOX`) is answered BAD and the command
 * never runs, so the selected mailbox stays. Throws that BAD; leaves the reader where it was.
 */
export function requireLexable(args: Reader): void {
  // Dovecot's tokenizer reads `*` and `%` as atom characters (a sequence set such as `1:*` in
  // SELECT's QRESYNC parameters is one token to it), so they are here too.
  const astring = Uint8Array.from(args.syntax.astring);
  astring[0x2a] = astring[0x25] = 1;
  const lexer = new Reader(args.bytes, { syntax: { ...args.syntax, astring } });
  lexer.pos = args.pos;
  try {
    while (!lexer.atEnd()) {
      lexer.trySp();
      if (lexer.atEnd()) break;
      lexer.value();
    }
  } catch (e) {
    if (e instanceof ParseError && LEXICAL.has(e.code)) throw e;
  }
}

function selectSpec(name: 'SELECT' | 'EXAMINE', readOnly: boolean, rfc: string): CommandSpec {
  return {
    name,
    states: AUTH,
    syntax: `${name} mailbox`,
    rfc,
    run({ session, args }) {
      requireLexable(args);
      // Leaving the old mailbox happens even when the new SELECT then fails (NO, or BAD for
      // arguments of the wrong shape), as on Dovecot (RFC 3501 §6.3.1); [CLOSED] (RFC 7162
      // §3.2.11) tells the client where the old mailbox's responses end.
      if (session.selected) {
        session.unselect();
        if (!session.dialect.responseCodes || session.dialect.responseCodes.has('CLOSED')) session.untagged('OK [CLOSED] Previous mailbox closed.');
      }
      args.sp();
      const mbName = readMailbox(session, args);
      let params: SelectParams = {};
      if (session.dialect.condstore && !args.atEnd()) {
        args.sp();
        params = readSelectParams(session, args);
      }
      args.end();
      // RFC 7162 §3.1.8, §3.2.5: either parameter turns CONDSTORE on for the session.
      if (params.condstore || params.qresync) enableCondstore(session);
      return open(session, readOnly, mbName, params.qresync);
    },
  };
}

export const SELECT = selectSpec('SELECT', false, 'RFC 3501 §6.3.1, RFC 7162 §3.1.8, §3.2.5 (CONDSTORE, QRESYNC)');
export const EXAMINE = selectSpec('EXAMINE', true, 'RFC 3501 §6.3.2, RFC 7162 §3.1.8, §3.2.5 (CONDSTORE, QRESYNC)');

export const CHECK: CommandSpec = {
  name: 'CHECK',
  states: SELECTED,
  syntax: 'CHECK',
  rfc: 'RFC 3501 §6.4.1',
  run({ args }) {
    args.end();
    return ok('Check completed.');
  },
};

/** Removes \Deleted messages this session sees (optionally only those in `uids`). */
export function expungeDeleted(session: ImapSession, only?: Set<number>): void {
  const sel = session.selected!;
  const doomed = new Set<number>();
  for (const m of sel.messages) if (m.flags.has('\\Deleted') && (!only || only.has(m.uid))) doomed.add(m.uid);
  if (doomed.size) session.store.expunge(sel.mailbox, doomed);
}

export const CLOSE: CommandSpec = {
  name: 'CLOSE',
  states: SELECTED,
  syntax: 'CLOSE',
  rfc: 'RFC 3501 §6.4.2',
  run({ session, args }) {
    args.end();
    const sel = session.selected!;
    if (!sel.readOnly) {
      // CLOSE expunges silently: forget the pending announcements before they are sent.
      sel.close();
      expungeDeleted(session);
    }
    session.unselect();
    return ok('Close completed.');
  },
};

export const UNSELECT: CommandSpec = {
  name: 'UNSELECT',
  states: SELECTED,
  syntax: 'UNSELECT',
  rfc: 'RFC 3691 §2',
  run({ session, args }) {
    args.end();
    session.unselect();
    return ok('Unselect completed.');
  },
};

export const EXPUNGE: CommandSpec = {
  name: 'EXPUNGE',
  states: SELECTED,
  syntax: 'EXPUNGE | UID EXPUNGE sequence-set',
  rfc: 'RFC 3501 §6.4.3, RFC 4315 §2.1 (UID EXPUNGE)',
  run({ session, args, uid }) {
    let only: Set<number> | undefined;
    if (uid) {
      args.sp();
      only = new Set(messagesIn(session, readSequenceSet(session, args, true), true).map((m) => m.uid));
    }
    args.end();
    // Read-only: nothing can be expunged, and Dovecot says so with a plain OK.
    if (!session.selected!.readOnly) expungeDeleted(session, only);
    return ok('Expunge completed.');
  },
};
