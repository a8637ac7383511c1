import { LOGIN } from '../imap/commands/auth';
import { LOGOUT, NOOP } from '../imap/commands/any';
import { LEGACY_FETCH, type LegacyFetchGrammar } from '../imap/commands/fetch-legacy';
import { FIND } from '../imap/commands/find';
import { BBOARD, CHECK2, EXPUNGE2, SELECT2, copy2, store2 } from '../imap/commands/imap2';
import { legacySearch } from '../imap/commands/search-legacy';
import { flagListLines } from '../imap/flaglist';
import { formatOldDateTime } from '../imap/olddates';
import type { ImapSession } from '../imap/session';
import type { SelectedMailbox } from '../imap/tracker';
import { ok, type Completion } from '../imap/types';
import { ASTRING_CHAR, IMAP_SYNTAX, type Syntax } from '../wire/parser';
import { commandTable, type Dialect, type Wording } from '../imap/dialect';

/**
 * RFC 1176 lexical rules: an atom is anything up to SP or CRLF (tags too, `+` included),
 * quoted strings have no escapes at all (`\` is an ordinary character) and are 7-bit.
 */
export const IMAP2_SYNTAX: Syntax = Object.freeze({
  ...IMAP_SYNTAX,
  atom: ASTRING_CHAR,
  tag: ASTRING_CHAR,
  quotedBackslash: 'plain',
  quoted8bit: false,
});

/** RFC 1176 FETCH items (there is no BODY, BODYSTRUCTURE, UID or .PEEK yet). */
export const IMAP2_FETCH: LegacyFetchGrammar = {
  items: ['ENVELOPE', 'FLAGS', 'INTERNALDATE', 'RFC822', 'RFC822.HEADER', 'RFC822.SIZE', 'RFC822.TEXT'],
  macros: {
    ALL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE'],
    FAST: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE'],
  },
  // RFC 1176: RFC822 and RFC822.TEXT set \SEEN (and the new FLAGS come with the data).
  autoSeen: () => true,
  plainStrings: true,
};

/** RFC 1176 leaves refusals to the server; these say plainly what went wrong. */
export const IMAP2_WORDING: Partial<Wording> = {
  unknownCommand: (name) => `Unknown command: ${name}`,
  badSyntax: (name, message, syntax) => `Bad ${name} syntax: ${message} (expected: ${syntax})`,
  wrongState: (name, state, allowed) =>
    state === 'not-authenticated'
      ? { status: 'NO', text: `${name} needs LOGIN first (only LOGIN and LOGOUT are allowed before)` }
      : allowed.includes('selected') && !allowed.includes('authenticated')
        ? { status: 'NO', text: `${name} needs a selected mailbox (SELECT or BBOARD first)` }
        : { status: 'BAD', text: `${name} is not allowed now: already logged in` },
  loggedIn: (user) => `User ${user} logged in`,
  bye: 'IMAP2 server terminating connection',
  logout: 'Logout completed',
};

/**
 * RFC 1176 SELECT / BBOARD: `* FLAGS (...)` (keywords first, as in the RFC's sample), then
 * `* n EXISTS` and `* n RECENT`; `[READ-WRITE]` or `[READ-ONLY]` opens the completion text
 * by custom. No UIDVALIDITY, UNSEEN or PERMANENTFLAGS: those are IMAP4. (EXAMINE is
 * IMAP2bis's, which opens mailboxes the same way.)
 */
export function imap2Opened(session: ImapSession, sel: SelectedMailbox, how: 'SELECT' | 'EXAMINE' | 'BBOARD'): Completion {
  for (const l of flagListLines(session, sel.mailbox, sel.readOnly)) session.untagged(l);
  session.untagged(`${sel.messages.length} EXISTS`);
  session.untagged(`${sel.recent.size} RECENT`);
  const done = how === 'BBOARD' ? 'BBOARD complete' : how === 'EXAMINE' ? 'Examine complete' : 'Select complete';
  return ok(done, sel.readOnly ? 'READ-ONLY' : 'READ-WRITE');
}

export const IMAP2_COMMANDS = [
  NOOP, LOGIN, LOGOUT, SELECT2, BBOARD, FIND, CHECK2, EXPUNGE2,
  copy2({ seen: () => true }), LEGACY_FETCH, store2({ response: 'FETCH' }), legacySearch({ imap3: false }),
];

/**
 * IMAP2 as RFC 1176 (August 1990) defines it. RFC 1064 (July 1988), which it obsoletes, is
 * not available to us; where they may differ is noted in docs/dialects.md.
 */
export const imap2: Dialect = {
  name: 'imap2',
  title: 'IMAP2 (RFC 1176)',
  rfc: 'RFC 1176',
  port: 143,
  greeting: (session) => `OK ${session.env.host} IMAP2 service ready`,
  // No CAPABILITY command: a client learns what works by trying (RFC 1732).
  capabilities: () => [],
  commands: commandTable(...IMAP2_COMMANDS),
  uidCommands: new Map(),
  recent: true,
  syntax: IMAP2_SYNTAX,
  sequenceStar: false,
  wording: IMAP2_WORDING,
  responseCodes: new Set(['READ-ONLY', 'READ-WRITE']),
  systemFlags: ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen'],
  keywordsFirst: true,
  permanentFlags: false,
  formatDate: formatOldDateTime,
  opened: imap2Opened,
  fetch: IMAP2_FETCH,
  find: { mailboxes: 'all-but-inbox', bboards: true, wildcards: 'rfc1176' },
};
