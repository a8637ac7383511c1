import { move, place } from '../../store/locations';
import { StoreError } from '../../store/store';
import { readMailbox } from '../names';
import type { ImapSession } from '../session';
import { AUTH, no, ok, type CommandSpec, type Completion } from '../types';

/** RFC 3501 §6.3.3–§6.3.7: creating, deleting, renaming and subscribing to mailboxes. */

/** A command whose only argument is one mailbox name (CREATE, DELETE, SUBSCRIBE, UNSUBSCRIBE). */
function oneMailbox(name: string, rfc: string, act: (session: ImapSession, mailbox: string) => Completion): CommandSpec {
  return {
    name,
    states: AUTH,
    syntax: `${name} mailbox`,
    rfc,
    run({ session, args }) {
      args.sp();
      const mailbox = readMailbox(session, args);
      args.end();
      return act(session, mailbox);
    },
  };
}

export const CREATE = oneMailbox('CREATE', 'RFC 3501 §6.3.3', (session, name) => {
  if (name === 'INBOX') return no('Mailbox already exists', 'ALREADYEXISTS');
  session.store.createMailbox(session.account!, name);
  // With a location table, a mailbox made here lives here (and IMSP's LIST says so).
  if (session.env.locationsActive?.()) place(session.store, session.account!.user, name, session.env.host);
  return ok('Create completed.');
});

export const DELETE = oneMailbox('DELETE', 'RFC 3501 §6.3.4', (session, name) => {
  session.requireHere(name);
  const mine = session.selected && session.selected.mailbox === session.store.mailbox(session.account!, name);
  session.store.deleteMailbox(session.account!, name);
  if (session.env.locationsActive?.() && !session.store.mailbox(session.account!, name)) move(session.store, session.account!.user, name, null);
  if (mine) {
    // The session cannot stay in a mailbox that is gone: answer, then hang up (as Dovecot).
    session.unselect();
    session.byeAfterCompletion = 'Selected mailbox was deleted, have to disconnect.';
  }
  return ok('Delete completed.');
});

export const RENAME: CommandSpec = {
  name: 'RENAME',
  states: AUTH,
  syntax: 'RENAME existing-mailbox new-mailbox',
  rfc: 'RFC 3501 §6.3.5',
  run({ session, args }) {
    args.sp();
    const from = readMailbox(session, args);
    args.sp();
    const to = readMailbox(session, args);
    args.end();
    if (from === 'INBOX' && !session.dialect.renameInbox) return no('Renaming INBOX isn\'t supported.', 'CANNOT');
    if (to === 'INBOX') return no('Target mailbox already exists', 'ALREADYEXISTS');
    session.requireHere(from);
    session.store.renameMailbox(session.account!, from, to);
    if (session.env.locationsActive?.()) move(session.store, session.account!.user, from, to);
    return ok('Rename completed.');
  },
};

export const SUBSCRIBE = oneMailbox('SUBSCRIBE', 'RFC 3501 §6.3.6', (session, name) => {
  if (!session.store.mailbox(session.account!, name)) throw new StoreError(null, `Mailbox doesn't exist: ${name}`);
  session.store.subscribe(session.account!, name);
  return ok('Subscribe completed.');
});

export const UNSUBSCRIBE = oneMailbox('UNSUBSCRIBE', 'RFC 3501 §6.3.7', (session, name) => {
  session.store.unsubscribe(session.account!, name);
  return ok('Unsubscribe completed.');
});
