import { APPEND } from '../imap/commands/append';
import { AUTHENTICATE, LOGIN, STARTTLS } from '../imap/commands/auth';
import { CAPABILITY, ENABLE, ID, LOGOUT, NOOP } from '../imap/commands/any';
import { COPY, MOVE } from '../imap/commands/copy';
import { CANCELUPDATE, ESEARCH } from '../imap/commands/esearch';
import { NOTIFY } from '../imap/commands/notify';
import { SORT, THREAD } from '../imap/commands/sort';
import { FETCH } from '../imap/commands/fetch';
import { IDLE } from '../imap/commands/idle';
import { LIST } from '../imap/commands/list';
import { CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE } from '../imap/commands/mailboxes';
import { NAMESPACE } from '../imap/commands/namespace';
import { GETMETADATA, SETMETADATA } from '../imap/commands/metadata';
import { CLOSE, EXAMINE, EXPUNGE, SELECT, UNSELECT } from '../imap/commands/select';
import { STATUS } from '../imap/commands/status';
import { STORE_CONDSTORE as STORE } from '../imap/commands/store';
import { UID } from '../imap/commands/uid';
import { flagListLines } from '../imap/flaglist';
import { attributesOf, parentsSet } from '../imap/listing';
import { mailboxValue } from '../imap/names';
import type { ImapSession } from '../imap/session';
import type { SelectedMailbox } from '../imap/tracker';
import { ok, type Completion } from '../imap/types';
import { HIERARCHY_DELIMITER } from '../store/model';
import { atom } from '../wire/values';
import { commandTable, type Dialect } from '../imap/dialect';

/**
 * RFC 9051 §6.3.2: SELECT answers FLAGS, EXISTS, LIST, PERMANENTFLAGS, UIDNEXT and
 * UIDVALIDITY; RECENT is gone with \Recent, and UNSEEN is no longer sent. In the order of
 * the RFC's own example.
 */
export function rev2Opened(session: ImapSession, sel: SelectedMailbox, how: 'SELECT' | 'EXAMINE' | 'BBOARD'): Completion {
  const mb = sel.mailbox;
  const acc = session.account!;
  const [flags, permanent] = flagListLines(session, mb, sel.readOnly);
  session.untagged(`${sel.messages.length} EXISTS`);
  session.untagged(`OK [UIDVALIDITY ${mb.uidValidity}] UIDs valid`);
  session.untagged(`OK [UIDNEXT ${mb.uidNext}] Predicted next UID`);
  session.untagged(flags);
  session.untagged(permanent);
  const attrs = attributesOf(acc, mb, parentsSet(acc).has(mb.name));
  session.untaggedValues('LIST', [attrs.map(atom), HIERARCHY_DELIMITER, mailboxValue(session, mb.name)]);
  return ok(how === 'EXAMINE' ? 'EXAMINE completed' : 'SELECT completed', sel.readOnly ? 'READ-ONLY' : 'READ-WRITE');
}

/** What IMAP4rev2 changes in behaviour, shared by the native server and a rev1 session after ENABLE IMAP4rev2. */
export const REV2_BEHAVIOUR = {
  recent: false,
  statusItems: ['MESSAGES', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'HIGHESTMODSEQ', 'DELETED', 'SIZE'],
  unsolicitedUid: true,
  binary: true,
  searchRes: true,
  opened: rev2Opened,
} satisfies Partial<Dialect>;

/** Extensions beyond the base protocol that we implement and advertise, in Dovecot's order. */
const EXTENSIONS = ['ID', 'LIST-EXTENDED', 'LITERAL+', 'SPECIAL-USE'];
/**
 * After login also CONDSTORE and QRESYNC, SORT/THREAD, MULTIAPPEND, URL-PARTIAL, CATENATE, ESORT, WITHIN, CONTEXT=SEARCH,
 * NOTIFY and METADATA, in Dovecot's order (RFC 9051 folded ESEARCH, SEARCHRES, MOVE, BINARY,
 * LIST-STATUS and STATUS SIZE into the base; not these).
 */
const AFTER_LOGIN = [
  'ID', 'SORT', 'SORT=DISPLAY', 'THREAD=REFERENCES', 'THREAD=REFS', 'THREAD=ORDEREDSUBJECT', 'MULTIAPPEND', 'URL-PARTIAL', 'CATENATE',
  'LIST-EXTENDED', 'CONDSTORE', 'QRESYNC', 'ESORT', 'WITHIN', 'CONTEXT=SEARCH', 'LITERAL+', 'NOTIFY', 'METADATA', 'SPECIAL-USE',
];

/**
 * IMAP4rev2 as RFC 9051 (August 2021) defines it, a native server: rev2 from the greeting
 * on, without IMAP4rev1 compatibility (for that, ENABLE IMAP4rev2 on the rev1 server).
 */
export const imap4rev2: Dialect = {
  name: 'imap4rev2',
  title: 'IMAP4rev2 (RFC 9051)',
  rfc: 'RFC 9051',
  port: 143,
  greeting(session) {
    return `OK [CAPABILITY ${this.capabilities(session).join(' ')}] Mail Protocol Playground ready (IMAP4rev2, RFC 9051).`;
  },
  capabilities: (session) => (session.state === 'not-authenticated' ? ['IMAP4rev2', ...EXTENSIONS, 'AUTH=PLAIN', 'AUTH=LOGIN'] : ['IMAP4rev2', ...AFTER_LOGIN]),
  commands: commandTable(
    CAPABILITY, NOOP, LOGOUT, ID,
    STARTTLS, AUTHENTICATE, LOGIN,
    ENABLE, SELECT, EXAMINE, CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE, LIST, STATUS, APPEND, NAMESPACE, IDLE,
    CLOSE, UNSELECT, EXPUNGE, ESEARCH, CANCELUPDATE, NOTIFY, FETCH, STORE, COPY, MOVE, UID, SORT, THREAD,
    GETMETADATA, SETMETADATA,
  ),
  uidCommands: commandTable(FETCH, ESEARCH, STORE, COPY, MOVE, EXPUNGE, SORT, THREAD),
  ...REV2_BEHAVIOUR,
  // RFC 9051 §6.3.6: renaming INBOX moves its messages to the new mailbox.
  renameInbox: true,
  listAttributesAlways: true,
  multiAppend: true,
  catenate: true,
  condstore: true,
  enableable: ['CONDSTORE', 'QRESYNC'],
  removed: {
    CHECK: '(RFC 9051 removed CHECK: use NOOP)',
    LSUB: '(RFC 9051 removed LSUB: use LIST (SUBSCRIBED) "" "*")',
  },
  fetchRemoved: {
    RFC822: 'use BODY[] (RFC 9051 removed RFC822)',
    'RFC822.HEADER': 'use BODY.PEEK[HEADER] (RFC 9051 removed RFC822.HEADER)',
    'RFC822.TEXT': 'use BODY[TEXT] (RFC 9051 removed RFC822.TEXT)',
  },
};
