import { toCrlf } from '../../store/load';
import { condstoreOn } from '../condstore';
import { StoreError } from '../../store/store';
import { checkQuota } from '../../store/quota';
import { readFlags } from '../flagargs';
import { readMailbox } from '../names';
import type { Reader } from '../../wire/parser';
import type { ImapSession } from '../session';
import { AUTH, no, ok, type CommandSpec } from '../types';

interface AppendHead {
  name: string;
  flags: string[];
  when: [number, number] | null;
}

/** `mailbox [(flags)] [date-time] ` — everything before the message literal. */
function readHead(session: ImapSession, args: Reader): AppendHead {
  args.sp();
  const name = readMailbox(session, args);
  args.sp();
  let flags: string[] = [];
  if (args.peek() === 0x28) {
    const start = args.pos;
    flags = readFlags(args, false);
    // A dialect older than \Draft (IMAP2bis) does not take it (nor any system flag it lacks).
    const system = session.dialect.systemFlags;
    const unknown = system && flags.find((f) => f.startsWith('\\') && !system.includes(f));
    if (unknown) throw args.error(`Invalid system flag ${unknown}`, start, 'system-flag');
    args.sp();
  }
  let when: [number, number] | null = null;
  if (args.peek() === 0x22 /* " */) {
    const dt = session.dialect.appendDate?.(args) ?? args.dateTime();
    when = [dt.time, dt.zone];
    args.sp();
  }
  return { name, flags, when };
}

function target(session: ImapSession, name: string) {
  const mb = session.store.mailbox(session.account!, name);
  if (!mb || mb.noselect) throw new StoreError('TRYCREATE', `Mailbox doesn't exist: ${name}`);
  return mb;
}

const ZERO = no('Can\'t save a zero byte message.');

/** RFC 3501 §6.3.11: APPEND mailbox [(flags)] [date-time] literal, with APPENDUID (RFC 4315). */
export const APPEND: CommandSpec = {
  name: 'APPEND',
  states: AUTH,
  syntax: 'APPEND mailbox [(flag ...)] ["dd-Mon-yyyy hh:mm:ss +zzzz"] {size}',
  rfc: 'RFC 3501 §6.3.11',
  beforeLiteral({ session, args }, size) {
    // A literal right after APPEND is the mailbox name itself: nothing to check yet.
    const save = args.pos;
    args.sp();
    if (args.peek() === 0x7b /* { */ && /^\{\d+\+?\}$/.test(new TextDecoder().decode(args.rest()))) return null;
    args.pos = save;
    const head = readHead(session, args);
    const mb = target(session, head.name);
    if (size === 0) return ZERO;
    // Over quota: refused before the upload (RFC 9208 §4.3 allows NO [OVERQUOTA] here).
    checkQuota(session.store, session.account!, mb, 1, size);
    return null;
  },
  run({ session, args }) {
    const { name, flags, when } = readHead(session, args);
    const raw = args.literalBytes();
    args.end();
    const mb = target(session, name);
    if (raw.length === 0) return ZERO;
    checkQuota(session.store, session.account!, mb, 1, raw.length);
    // Bare LF becomes CRLF on the way in, so the stored octets are what FETCH serves and
    // RFC822.SIZE counts (Dovecot converts when serving; the client sees the same bytes).
    // A CONDSTORE session's change is made with modseqs kept (as Dovecot's index does).
    if (condstoreOn(session)) session.store.trackModseqs(mb);
    const msg = session.store.append(mb, toCrlf(raw.slice()), flags, when ? when[0] : Date.now(), when ? when[1] : 0);
    return ok('Append completed.', `APPENDUID ${mb.uidValidity} ${msg.uid}`);
  },
};
