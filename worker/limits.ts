/**
 * Every limit of the engine and the TCP bridge, in one place (the README's "Limits" table
 * lists them with these values; tests/engine/limits-table.test.ts checks that it does).
 *
 * Sizes are octets, times milliseconds. Where a real server has the same limit, its value is
 * ours (Dovecot 2.3 unless said otherwise). The bridge's timeouts and caps can be changed
 * from the command line (`npm run serve -- --help`); the in-browser engine has no timeouts
 * (a student reading a lesson must not be logged out) and no connection cap.
 */

const KiB = 1024;
const MiB = 1024 * KiB;

// --- the wire -----------------------------------------------------------------------------

/** Longest command line (CRLF not counted): Dovecot's `imap_max_line_length`. */
export const MAX_LINE_LENGTH = 64 * KiB;
/** Largest literal after login (an APPEND's message): 50 MiB. */
export const MAX_LITERAL_SIZE = 50 * MiB;
/**
 * Largest APPEND in octets stored: every message of a MULTIAPPEND (RFC 3502) together, CATENATE
 * parts (RFC 4469) included, since a URL can repeat a big message without uploading it. Past it,
 * or past MAX_LITERAL_SIZE for one message, the APPEND gets `NO [TOOBIG]`.
 */
export const MAX_APPEND_SIZE = 64 * MiB;
/**
 * Messages and CATENATE parts in one APPEND, counted together: each literal of an APPEND is
 * checked before it is uploaded, and that check reads the command so far; this keeps it cheap.
 * Past it: `NO [LIMIT]`.
 */
export const MAX_APPEND_PARTS = 1000;
/** Largest whole command (lines, literals): room for one maximal literal. */
export const MAX_COMMAND_SIZE = 64 * MiB;
/**
 * Before login a whole command, its literals included, must fit in 8 KiB, as in Dovecot's
 * imap-login (whose input buffer is 8192 octets): `a LOGIN {8178}` still gets `+ OK` there,
 * anything that would not fit gets `* BYE Literal size too large` and the connection ends.
 * LOGIN and AUTHENTICATE need a few hundred octets at most.
 */
export const MAX_COMMAND_BEFORE_LOGIN = 8 * KiB;
/** Deepest nesting of parenthesised lists in a command. */
export const MAX_NESTING = 64;
/** Invalid commands tolerated before login; the next one ends the connection (Dovecot). */
export const MAX_BAD_COMMANDS_BEFORE_LOGIN = 2;

// --- IMSP (cyrus-imspd 1.8) ---------------------------------------------------------------

/** cyrus-imspd's input buffer: a line and its CRLF must fit, or the connection ends. */
export const IMSP_INPUT_BUFFER = 4096;
/** Largest IMSP literal after login (a larger one is refused as a failed allocation). */
export const IMSP_MAX_LITERAL = 4 * MiB;
/** Largest IMSP literal before login: LOGIN and AUTHENTICATE need no more. */
export const IMSP_MAX_LITERAL_BEFORE_LOGIN = 8 * KiB;

// --- work per command and per account -----------------------------------------------------

/**
 * Milliseconds one command may compute before it is ended with `NO [LIMIT]` (SEARCH, FETCH,
 * COPY, STORE check it per message). One process serves every connection of the bridge, so
 * one command must not stall the others for long.
 */
export const COMMAND_BUDGET_MS = 10_000;
/** Messages in one mailbox: APPEND/COPY/MOVE past it get `NO [OVERQUOTA]` (RFC 9208 §4.3). */
export const MAX_MESSAGES_PER_MAILBOX = 100_000;
/**
 * Messages in one account (RFC 9208's MESSAGE resource on the account's quota root): with
 * the per-mailbox count alone, 1000 mailboxes could still hold 100 million copies.
 */
export const MAX_MESSAGES_PER_ACCOUNT = 250_000;
/** Octets of mail in one account (RFC 9208's STORAGE resource, which counts in KiB). */
export const MAX_ACCOUNT_BYTES = 512 * MiB;
/**
 * Searches one session keeps updating (RFC 5267 `RETURN (UPDATE)`): each runs again after
 * every command, so past this many a new one is answered but not kept (`* NO [NOUPDATE "tag"]`,
 * RFC 5267 §4.3.1). Dovecot sets no limit.
 */
export const MAX_SEARCH_UPDATES = 16;
/** Mailboxes per account. */
export const MAX_MAILBOXES = 1000;
/**
 * Expunged UIDs a mailbox remembers with the modseq of their expunge (RFC 7162 §3.2.5: what
 * `VANISHED (EARLIER)` reports to a client that resynchronises). Past it the oldest are
 * forgotten; a client asking about changes from before the forgotten ones is told that every
 * UID it names that is not in the mailbox has vanished (RFC 7162 §3.2.5.2 allows UIDs the
 * client never saw, or that vanished earlier, in that answer).
 */
export const MAX_REMEMBERED_EXPUNGES = 10_000;
/**
 * Numbers in each half of a QRESYNC seq-match (RFC 7162 §3.2.5: `(seqs uids)`): the pairs are
 * read one by one, so `1:4294967295` would be four billion of them; past this, `BAD`.
 */
export const MAX_SEQ_MATCH = 100_000;

// --- METADATA (RFC 5464) --------------------------------------------------------------------

/**
 * Largest value of one METADATA entry: as large as a command line, so any value a quoted string
 * can carry fits. Dovecot 2.3 sets no limit of its own (it took a 300,000-octet literal); a larger
 * SETMETADATA value gets `NO [METADATA MAXSIZE 65536]` (RFC 5464 §4.3) and nothing is stored.
 */
export const MAX_METADATA_VALUE_SIZE = 64 * KiB;
/**
 * METADATA entries of one account, the server's and every mailbox's together: past it a
 * SETMETADATA gets `NO [METADATA TOOMANY]` (RFC 5464 §4.3) and none of its entries is stored.
 * Dovecot 2.3 sets no count limit; this one keeps a script from filling the tab's memory.
 */
export const MAX_METADATA_ENTRIES = 1000;

// --- the bridge (worker/node) -------------------------------------------------------------

/** Open connections per bridge process (all ports together); the next one is told BYE. */
export const MAX_CONNECTIONS = 200;
/**
 * A connection that has not logged in within this time is logged out. RFC 9051 §5.4 lets the
 * timer before login be short; Dovecot's imap-login allows about the same.
 */
export const LOGIN_TIMEOUT_MS = 60_000;
/** RFC 3501 §5.4 / RFC 9051 §5.4: the autologout timer after login is at least 30 minutes. */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
/** A failed LOGIN/AUTHENTICATE is answered after this delay (Dovecot's `auth_failure_delay`). */
export const AUTH_FAILURE_DELAY_MS = 2_000;
/**
 * Output a connection may have waiting in the socket before the bridge stops reading its
 * commands (and resumes once it drains): a client that pipelines FETCHes and never reads
 * costs at most about this much, plus one response.
 */
export const OUTPUT_HIGH_WATER = 1 * MiB;

// --- POP3 (Dovecot 2.3's pop3-login and pop3) ---------------------------------------------

/**
 * Longest POP3 line before login, CRLF included, as measured on Dovecot's pop3-login (its
 * 1024-octet input buffer, which a `USER ` line just overfills by the command word): a longer
 * line gets `-ERR Input buffer full, aborting` and the connection ends.
 */
export const POP3_MAX_LINE_BEFORE_LOGIN = 1031;
/**
 * Longest POP3 line after login: a longer one gets `-ERR Input line too long.` and the
 * connection ends (Dovecot's pop3 process; RFC 2449 §4 asks only for 255 octets).
 */
export const POP3_MAX_LINE = 2048; // measured: 2048 octets with CRLF pass, 2049 do not
/** Unknown commands in a row before login: the last is followed by `-ERR Too many invalid bad commands.` */
export const POP3_MAX_BAD_COMMANDS_BEFORE_LOGIN = 3;
/** Failed commands in a row after login: the next is followed by `-ERR Too many bad commands.` */
export const POP3_MAX_BAD_COMMANDS = 21;
