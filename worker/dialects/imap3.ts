import { LOGIN } from '../imap/commands/auth';
import { LOGOUT, NOOP } from '../imap/commands/any';
import { LEGACY_FETCH, type LegacyFetchGrammar } from '../imap/commands/fetch-legacy';
import { FIND } from '../imap/commands/find';
import { BBOARD, CHECK2, EXPUNGE2, SELECT2, copy2, store2 } from '../imap/commands/imap2';
import {
  ADD_MESSAGE, FLAGS3, READONLY, READWRITE, SELECT_FEATURES, SELECT_VERSION, SET_FLAGS, SUPPORTED_VERSIONS,
  registerImap3Versions, syncNotifier,
} from '../imap/commands/imap3';
import { legacySearch } from '../imap/commands/search-legacy';
import { flagListLines } from '../imap/flaglist';
import type { ImapSession } from '../imap/session';
import type { SelectedMailbox } from '../imap/tracker';
import { ok, type Completion } from '../imap/types';
import { commandTable, type Dialect, type Wording } from '../imap/dialect';
import { IMAP2_COMMANDS, IMAP2_FETCH, IMAP2_WORDING, imap2 } from './imap2';

/**
 * IMAP3 (RFC 1203, February 1991), James Rice's counter-proposal to RFC 1176, on port 220.
 * A server behaves as IMAP2 ("version 2.0", RFC 1064) until the client chooses version 3.0
 * with SELECT.VERSION; 3.0 then tags the data a command asked for with the command's tag
 * (TAGGED.SOLICITED), stops setting \Seen behind the client's back (unless AUTO.SET.SEEN),
 * adds `~` negation and any header as a SEARCH/FETCH key, READONLY/READWRITE, FLAGS,
 * SET.FLAGS and the features of its appendix. It was never adopted.
 */

/** The features of version 3.0 this server implements (RFC 1203 Appendix). */
const FEATURES_30 = ['AUTO.SET.SEEN', 'TAGGED.SOLICITED', 'NEW.MAIL.NOTIFY', 'ADD.MESSAGE', 'INDEXABLE.FIELDS'];

const IMAP3_WORDING: Partial<Wording> = {
  ...IMAP2_WORDING,
  bye: 'IMAP3 server quitting',
};

/** RFC 1203 FETCH: IMAP2's items plus any key, address comments, no implicit \Seen. */
const IMAP3_FETCH: LegacyFetchGrammar = {
  ...IMAP2_FETCH,
  keys: true,
  ranges: (s) => s.enabled.has('INDEXABLE.FIELDS'),
  autoSeen: (s) => s.enabled.has('AUTO.SET.SEEN'),
  addressComment: () => true,
};

/**
 * RFC 1203 SELECT: solicited FLAGS and EXISTS (RECENT recommended), and READONLY when the
 * mailbox is not writable; the access mode is a response of its own, not a `[code]`.
 */
function imap3Opened(session: ImapSession, sel: SelectedMailbox, how: 'SELECT' | 'EXAMINE' | 'BBOARD'): Completion {
  for (const l of flagListLines(session, sel.mailbox, sel.readOnly)) session.untagged(l);
  session.untagged(`${sel.messages.length} EXISTS`);
  session.untagged(`${sel.recent.size} RECENT`);
  if (sel.readOnly) session.untagged('READONLY');
  syncNotifier(session);
  return ok(how === 'BBOARD' ? 'BBOARD complete' : 'Select complete');
}

const NEGOTIATION = [SUPPORTED_VERSIONS, SELECT_VERSION, SELECT_FEATURES];

/** An IMAP3 server before SELECT.VERSION: IMAP2 (RFC 1176 stands in for RFC 1064). */
export const imap3: Dialect = {
  ...imap2,
  name: 'imap3',
  title: 'IMAP3 (RFC 1203), version 2.0 until SELECT.VERSION',
  rfc: 'RFC 1203',
  port: 220,
  greeting: (session) => `OK ${session.env.host} IMAP3 server ready`,
  commands: commandTable(...IMAP2_COMMANDS, ...NEGOTIATION),
  wording: IMAP3_WORDING,
};

/** An IMAP3 session after `SELECT.VERSION (3 0)`. */
export const imap3v30: Dialect = {
  ...imap3,
  title: 'IMAP3 (RFC 1203), version 3.0',
  commands: commandTable(
    NOOP, LOGIN, LOGOUT, SELECT2, BBOARD, FIND, CHECK2, EXPUNGE2,
    copy2({ seen: (s) => s.enabled.has('AUTO.SET.SEEN'), announceNew: true }),
    LEGACY_FETCH, store2({ response: 'STORE' }), legacySearch({ imap3: true }),
    READONLY, READWRITE, FLAGS3, SET_FLAGS, ADD_MESSAGE, ...NEGOTIATION,
  ),
  responseCodes: new Set(),
  solicitedPrefix: (session, tag) => (session.enabled.has('TAGGED.SOLICITED') ? tag : '*'),
  opened: imap3Opened,
  fetch: IMAP3_FETCH,
  find: { mailboxes: 'all-but-inbox', bboards: true, wildcards: 'rfc1203' },
};

registerImap3Versions({
  versions: [
    { major: 2, minor: 0, dialect: () => imap3, features: [], defaults: [] },
    { major: 3, minor: 0, dialect: () => imap3v30, features: FEATURES_30, defaults: ['TAGGED.SOLICITED'] },
  ],
});
