import { APPEND } from '../imap/commands/append';
import { AUTHENTICATE, LOGIN, STARTTLS } from '../imap/commands/auth';
import { CAPABILITY, ENABLE, ID, LOGOUT, NOOP } from '../imap/commands/any';
import { COPY, MOVE } from '../imap/commands/copy';
import { FETCH } from '../imap/commands/fetch';
import { IDLE } from '../imap/commands/idle';
import { LIST, LSUB } from '../imap/commands/list';
import { CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE } from '../imap/commands/mailboxes';
import { NAMESPACE } from '../imap/commands/namespace';
import { GETMETADATA, SETMETADATA } from '../imap/commands/metadata';
import { CHECK, CLOSE, EXAMINE, EXPUNGE, SELECT, UNSELECT } from '../imap/commands/select';
import { STATUS } from '../imap/commands/status';
import { STORE_CONDSTORE as STORE } from '../imap/commands/store';
import { UID } from '../imap/commands/uid';
import { CANCELUPDATE, ESEARCH, SEARCH_EXTENDED } from '../imap/commands/esearch';
import { NOTIFY } from '../imap/commands/notify';
import { SORT, THREAD } from '../imap/commands/sort';
import { commandTable, type Dialect } from '../imap/dialect';
import { REV2_BEHAVIOUR } from './imap4rev2';

/** RFC 5256 SORT and THREAD, RFC 5957 SORT=DISPLAY; THREAD=REFS is Dovecot's own algorithm. */
export const SORT_THREAD = ['SORT', 'SORT=DISPLAY', 'THREAD=REFERENCES', 'THREAD=REFS', 'THREAD=ORDEREDSUBJECT'];

/** Extensions this server implements on top of RFC 3501, in the order Dovecot lists them. */
const EXTENSIONS = [
  'SASL-IR', 'ID', 'ENABLE', 'IDLE', ...SORT_THREAD, 'MULTIAPPEND', 'URL-PARTIAL', 'CATENATE', 'UNSELECT', 'CHILDREN', 'NAMESPACE', 'UIDPLUS',
  'LIST-EXTENDED', 'CONDSTORE', 'QRESYNC', 'ESEARCH', 'ESORT', 'SEARCHRES', 'WITHIN', 'CONTEXT=SEARCH', 'LIST-STATUS', 'BINARY', 'MOVE', 'STATUS=SIZE', 'LITERAL+', 'NOTIFY',
  'METADATA', 'SPECIAL-USE',
];
/**
 * After login the server also offers IMAP4rev2 (RFC 9051 Appendix A): the session stays
 * rev1 until the client sends `ENABLE IMAP4rev2`.
 */
const REV2 = 'IMAP4rev2';
const PRE_LOGIN = ['SASL-IR', 'ID', 'ENABLE', 'IDLE', 'LITERAL+'];

/** IMAP4rev1 (RFC 3501) with the extensions of issue 2; the reference server is Dovecot 2.3. */
export const imap4rev1: Dialect = {
  name: 'imap4rev1',
  title: 'IMAP4rev1 (RFC 3501)',
  rfc: 'RFC 3501',
  port: 143,
  greeting(session) {
    return `OK [CAPABILITY ${this.capabilities(session).join(' ')}] Mail Protocol Playground ready (IMAP4rev1, RFC 3501).`;
  },
  capabilities(session) {
    // No STARTTLS and no LOGINDISABLED: there is no TLS here, and plaintext LOGIN is the lesson.
    if (session.state === 'not-authenticated') return ['IMAP4rev1', ...PRE_LOGIN, 'AUTH=PLAIN', 'AUTH=LOGIN'];
    return ['IMAP4rev1', REV2, ...EXTENSIONS];
  },
  commands: commandTable(
    CAPABILITY, NOOP, LOGOUT, ID,
    STARTTLS, AUTHENTICATE, LOGIN,
    ENABLE, SELECT, EXAMINE, CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE, LIST, LSUB, STATUS, APPEND, NAMESPACE, IDLE,
    CHECK, CLOSE, UNSELECT, EXPUNGE, SEARCH_EXTENDED, CANCELUPDATE, NOTIFY, FETCH, STORE, COPY, MOVE, UID, SORT, THREAD,
    GETMETADATA, SETMETADATA,
  ),
  uidCommands: commandTable(FETCH, SEARCH_EXTENDED, STORE, COPY, MOVE, EXPUNGE, SORT, THREAD),
  recent: true,
  // RFC 5182 SEARCHRES: `$` is the result a SEARCH RETURN (SAVE) kept.
  searchRes: true,
  // STATUS=SIZE (RFC 8438) adds SIZE to RFC 3501's items.
  // and RFC 7162 §3.1.6's HIGHESTMODSEQ, in Dovecot's order.
  statusItems: ['MESSAGES', 'RECENT', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'HIGHESTMODSEQ', 'SIZE'],
  // BINARY (RFC 3516): FETCH BINARY[…] and APPEND with literal8.
  binary: true,
  multiAppend: true,
  catenate: true,
  condstore: true,
  enableable: ['IMAP4REV2', 'CONDSTORE', 'QRESYNC'],
  onEnable: (_session, name) => (name === 'IMAP4REV2' ? imap4rev1WithRev2 : undefined),
};

/**
 * A rev1 session after `ENABLE IMAP4rev2` (RFC 9051 Appendix A): rev2 behaviour (no \Recent,
 * ESEARCH, UTF-8 names, SELECT with LIST, STATUS DELETED/SIZE, UID in unsolicited FETCH,
 * BINARY, `$`) on rev1's command table, whose CHECK, LSUB and RFC822 items still answer.
 */
export const imap4rev1WithRev2: Dialect = {
  ...imap4rev1,
  title: 'IMAP4rev1 with IMAP4rev2 enabled (RFC 9051 Appendix A)',
  ...REV2_BEHAVIOUR,
  commands: commandTable(...[...imap4rev1.commands.values()].map((c) => (c.name === 'SEARCH' ? ESEARCH : c))),
  uidCommands: commandTable(...[...imap4rev1.uidCommands.values()].map((c) => (c.name === 'SEARCH' ? ESEARCH : c))),
  enableable: ['CONDSTORE', 'QRESYNC'],
  onEnable: undefined,
};
