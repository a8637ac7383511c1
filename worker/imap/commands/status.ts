import type { Mailbox } from '../../store/model';
import type { Reader } from '../../wire/parser';
import { atom, type Value } from '../../wire/values';
import { mailboxValue, readMailbox } from '../names';
import type { ImapSession } from '../session';
import { AUTH, ok, type CommandSpec } from '../types';
import { enableCondstore } from '../condstore';

/** The STATUS items the session's dialect knows, in its canonical order (also NOTIFY's STATUS). */
export function knownStatusItems(session: ImapSession): readonly string[] {
  return session.dialect.statusItems ?? ['MESSAGES', 'RECENT', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN'];
}

/** RFC 3501 §6.3.10 items, plus SIZE and DELETED where the dialect has them (RFC 9051). */
export function parseStatusItems(session: ImapSession, args: Reader): string[] {
  const known = knownStatusItems(session);
  const asked = args.list(() => {
    const w = args.atom().toUpperCase();
    if (!known.includes(w)) throw args.error(`Unknown STATUS item ${w}`);
    return w;
  });
  if (!asked.length) throw args.error('Empty status item list');
  // Answered once each, in the dialect's canonical order (as Dovecot does), not as asked.
  return known.filter((k) => asked.includes(k));
}

export function statusValues(session: ImapSession, mb: Mailbox, items: string[]): Value[] {
  const out: Value[] = [];
  for (const item of items) {
    out.push(atom(item));
    switch (item) {
      case 'MESSAGES':
        out.push(mb.messages.length);
        break;
      case 'RECENT': {
        // Messages no session has claimed yet, plus those this session holds as \Recent.
        const mine = session.selected?.mailbox === mb ? session.selected.recent.size : 0;
        out.push(mb.unclaimedRecent.size + mine);
        break;
      }
      case 'UIDNEXT':
        out.push(mb.uidNext);
        break;
      case 'UIDVALIDITY':
        out.push(mb.uidValidity);
        break;
      case 'UNSEEN':
        out.push(mb.messages.reduce((n, m) => n + (m.flags.has('\\Seen') ? 0 : 1), 0));
        break;
      case 'DELETED':
        out.push(mb.messages.reduce((n, m) => n + (m.flags.has('\\Deleted') ? 1 : 0), 0));
        break;
      case 'HIGHESTMODSEQ':
        // RFC 7162 §3.1.6: asking for it is asking for modseqs (the store starts keeping them).
        session.store.trackModseqs(mb);
        out.push(mb.highestModseq);
        break;
      case 'SIZE':
        out.push(mb.messages.reduce((n, m) => n + m.raw.length, 0));
        break;
    }
  }
  return out;
}

export const STATUS: CommandSpec = {
  name: 'STATUS',
  states: AUTH,
  syntax: 'STATUS mailbox (status-item ...)',
  rfc: 'RFC 3501 §6.3.10',
  run({ session, args }) {
    args.sp();
    const name = readMailbox(session, args);
    args.sp();
    const items = parseStatusItems(session, args);
    args.end();
    session.requireHere(name);
    const mb = session.store.selectable(session.account!, name);
    // RFC 7162 §3.1: STATUS HIGHESTMODSEQ is one of the commands that turn CONDSTORE on.
    if (items.includes('HIGHESTMODSEQ')) enableCondstore(session);
    session.untaggedValues('STATUS', [mailboxValue(session, mb.name), statusValues(session, mb, items)]);
    // RFC 3501 §6.3.10 advises against STATUS on the selected mailbox; Dovecot says so.
    if (session.selected?.mailbox === mb) return ok('Status on selected mailbox completed.', 'CLIENTBUG');
    return ok('Status completed.');
  },
};
