import { APPEND } from '../imap/commands/append';
import { LOGIN } from '../imap/commands/auth';
import { CAPABILITY, LOGOUT, NOOP } from '../imap/commands/any';
import { COPY } from '../imap/commands/copy';
import { LEGACY_FETCH, PARTIAL, type LegacyFetchGrammar } from '../imap/commands/fetch-legacy';
import { FIND } from '../imap/commands/find';
import { LIST, LSUB } from '../imap/commands/list';
import { CREATE, DELETE, RENAME } from '../imap/commands/mailboxes';
import { AUTHENTICATE_1730, SUBSCRIBE_1730, UNSUBSCRIBE_1730 } from '../imap/commands/rfc1730';
import { SEARCH } from '../imap/commands/search';
import { CHECK, CLOSE, EXAMINE, EXPUNGE, SELECT, firstUnseen } from '../imap/commands/select';
import { STORE } from '../imap/commands/store';
import { UID } from '../imap/commands/uid';
import { mailboxFlags } from '../imap/flaglist';
import { readOldDate } from '../imap/olddates';
import type { ImapSession } from '../imap/session';
import type { SelectedMailbox } from '../imap/tracker';
import { ok, type CommandSpec, type Completion } from '../imap/types';
import { commandTable, type Dialect, type Wording } from '../imap/dialect';

/** RFC 1730 §6.4.5 FETCH items, with the forms RFC 2060 later made obsolete. */
export const IMAP4_FETCH: LegacyFetchGrammar = {
  items: [
    'BODY', 'BODYSTRUCTURE', 'ENVELOPE', 'FLAGS', 'INTERNALDATE', 'UID',
    'RFC822', 'RFC822.PEEK', 'RFC822.HEADER', 'RFC822.SIZE', 'RFC822.TEXT', 'RFC822.TEXT.PEEK',
  ],
  macros: {
    ALL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE'],
    FAST: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE'],
    FULL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODY'],
  },
  sections: true,
  headerLines: true,
  autoSeen: () => true,
  uidItem: true,
};

/**
 * RFC 1730 §6.3.1: FLAGS, EXISTS, RECENT and `[UIDVALIDITY]` are required, `[UNSEEN]` is
 * advised, `[PERMANENTFLAGS]` only when some flags cannot be changed (here: after EXAMINE).
 * No UIDNEXT (RFC 3501). In the order of the RFC's sample session (§8).
 */
function imap4Opened(session: ImapSession, sel: SelectedMailbox, how: 'SELECT' | 'EXAMINE' | 'BBOARD'): Completion {
  session.untagged(`${sel.messages.length} EXISTS`);
  session.untagged(`FLAGS (${mailboxFlags(session, sel.mailbox).join(' ')})`);
  session.untagged(`${sel.recent.size} RECENT`);
  const unseen = firstUnseen(sel);
  if (unseen) session.untagged(`OK [UNSEEN ${unseen}] Message ${unseen} is the first unseen message`);
  session.untagged(`OK [UIDVALIDITY ${sel.mailbox.uidValidity}] UIDs valid`);
  if (sel.readOnly) session.untagged('OK [PERMANENTFLAGS ()] No permanent flags permitted');
  return ok(`${how} completed`, sel.readOnly ? 'READ-ONLY' : 'READ-WRITE');
}

const IMAP4_WORDING: Partial<Wording> = {
  // RFC 1730 §7.4: `A044 BAD No such command as "BLURDYBLOOP"`.
  unknownCommand: (name) => `No such command as "${name}"`,
  badSyntax: (name, message, syntax) => `${name}: ${message} (syntax: ${syntax})`,
  loggedIn: () => 'LOGIN completed',
  bye: 'IMAP4 server terminating connection',
  logout: 'LOGOUT completed',
};

/** The completion words of RFC 1730's examples (`a002 OK [READ-WRITE] SELECT completed`). */
function worded(spec: CommandSpec): CommandSpec {
  return {
    ...spec,
    run(ctx) {
      const c = spec.run(ctx);
      return typeof c === 'object' && c.status === 'OK' && /^\w+ completed\.?$/i.test(c.text) ? { ...c, text: `${spec.name} completed` } : c;
    },
  };
}

/** RFC 1730's grammar in the syntax hints: `LIST reference pattern`, APPEND's old date form. */
const LIST_1730: CommandSpec = { ...LIST, syntax: 'LIST reference mailbox-pattern', rfc: 'RFC 1730 §6.3.8' };
const APPEND_1730: CommandSpec = { ...APPEND, syntax: 'APPEND mailbox [(flag ...)] ["dd-Mon-yyyy hh:mm:ss +zzzz"] {size}', rfc: 'RFC 1730 §6.3.10' };

/**
 * IMAP4 as RFC 1730 (December 1994) defines it: the first IMAP4, before RFC 2060 added
 * STATUS, section specifiers, `<partial>`, UIDNEXT and the capability `IMAP4rev1`.
 */
export const imap4: Dialect = {
  name: 'imap4',
  title: 'IMAP4 (RFC 1730)',
  rfc: 'RFC 1730',
  port: 143,
  greeting: (session) => `OK ${session.env.host} IMAP4 Service Ready`,
  // §7.2.1: "The first name in the capability listing MUST be the atom IMAP4."
  capabilities: () => ['IMAP4'],
  commands: commandTable(
    ...[CAPABILITY, NOOP, LOGOUT, LOGIN, SELECT, EXAMINE, CREATE, DELETE, RENAME, LIST_1730, LSUB, APPEND_1730, CHECK, CLOSE, EXPUNGE, SEARCH, STORE, COPY].map(worded),
    AUTHENTICATE_1730, SUBSCRIBE_1730, UNSUBSCRIBE_1730, FIND, LEGACY_FETCH, PARTIAL, UID,
  ),
  // §6.4.9: COPY, FETCH, STORE and SEARCH (no UID EXPUNGE: RFC 4315).
  uidCommands: commandTable(...[COPY, STORE, SEARCH].map(worded), LEGACY_FETCH),
  recent: true,
  // §6.3.5: "Renaming INBOX is permitted; a new, empty INBOX is created in its place."
  renameInbox: true,
  wording: IMAP4_WORDING,
  // §7.1: the response codes RFC 1730 defines (no UIDNEXT, APPENDUID, BADCHARSET, CLOSED …).
  responseCodes: new Set(['ALERT', 'PARSE', 'PERMANENTFLAGS', 'READ-ONLY', 'READ-WRITE', 'TRYCREATE', 'UIDVALIDITY', 'UNSEEN']),
  permanentFlags: false,
  opened: imap4Opened,
  fetch: IMAP4_FETCH,
  find: { mailboxes: 'subscribed', bboards: false, wildcards: 'rfc1730' },
  searchDate: readOldDate,
  listExtended: false,
  listAttributes: 'rfc1730',
};
