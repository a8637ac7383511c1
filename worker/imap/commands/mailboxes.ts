import { StoreError } from '../../store/store';
import { readMailbox } from '../names';
import { AUTH, no, ok, type CommandSpec } from '../types';

/** RFC 3501 §6.3.3–§6.3.7: creating, deleting, renaming and subscribing to mailboxes. */

export const CREATE: CommandSpec = {
  name: 'CREATE',
  states: AUTH,
  syntax: 'CREATE mailbox',
  rfc: 'RFC 3501 §6.3.3',
  run({ session, args }) {
    args.sp();
    const name = readMailbox(session, args);
    args.end();
    if (name === 'INBOX') return no('Mailbox already exists', 'ALREADYEXISTS');
    session.store.createMailbox(session.account!, name);
    return ok('Create completed.');
  },
};

export const DELETE: CommandSpec = {
  name: 'DELETE',
  states: AUTH,
  syntax: 'DELETE mailbox',
  rfc: 'RFC 3501 §6.3.4',
  run({ session, args }) {
    args.sp();
    const name = readMailbox(session, args);
    args.end();
    const mine = session.selected && session.selected.mailbox === session.store.mailbox(session.account!, name);
    session.store.deleteMailbox(session.account!, name);
    if (mine) {
      // The session cannot stay in a mailbox that is gone: answer, then hang up (as Dovecot).
      session.unselect();
      session.byeAfterCompletion = 'Selected mailbox was deleted, have to disconnect.';
    }
    return ok('Delete completed.');
  },
};

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
    session.store.renameMailbox(session.account!, from, to);
    return ok('Rename completed.');
  },
};

export const SUBSCRIBE: CommandSpec = {
  name: 'SUBSCRIBE',
  states: AUTH,
  syntax: 'SUBSCRIBE mailbox',
  rfc: 'RFC 3501 §6.3.6',
  run({ session, args }) {
    args.sp();
    const name = readMailbox(session, args);
    args.end();
    if (!session.store.mailbox(session.account!, name)) throw new StoreError(null, `Mailbox doesn't exist: ${name}`);
    session.store.subscribe(session.account!, name);
    return ok('Subscribe completed.');
  },
};

export const UNSUBSCRIBE: CommandSpec = {
  name: 'UNSUBSCRIBE',
  states: AUTH,
  syntax: 'UNSUBSCRIBE mailbox',
  rfc: 'RFC 3501 §6.3.7',
  run({ session, args }) {
    args.sp();
    const name = readMailbox(session, args);
    args.end();
    session.store.unsubscribe(session.account!, name);
    return ok('Unsubscribe completed.');
  },
};
