/**
 * The one data model every dialect (IMAP2 … IMAP4rev2) and IMSP share. Plain data only:
 * anything derived (parsed MIME, listeners, per-session state) lives outside, so a snapshot
 * is just a copy of these records.
 */
import type { FlagSet } from './flagsets';
import type { MetadataEntries } from './metadata';

/** RFC 3501 §2.3.2 system flags a client may set, in the order servers list them. \Recent is session state, never stored. */
export const SYSTEM_FLAGS = ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft'] as const;

export interface Message {
  uid: number;
  /** The message exactly as appended (CRLF line ends), RFC 5322 octets. */
  raw: Uint8Array;
  /** INTERNALDATE as milliseconds since the epoch … */
  internalDate: number;
  /** … and the zone it was given in, minutes east of UTC (RFC 3501 date-time keeps it). */
  zone: number;
  /** System flags (canonical case, e.g. `\Seen`) and keywords, never `\Recent`; shared, replaced on change (./flagsets.ts). */
  flags: FlagSet;
  /**
   * Per-message modification sequence (RFC 7162 §3.1.1): the mailbox's HIGHESTMODSEQ of the
   * change that last touched the message (its APPEND or a STORE that changed its flags).
   */
  modseq: number;
}

export interface Mailbox {
  /** Full hierarchical name with `/` as delimiter; the inbox is always `INBOX`. */
  name: string;
  uidValidity: number;
  uidNext: number;
  /** Ascending by UID. */
  messages: Message[];
  /** A parent that exists only because a child does (RFC 3501 §6.3.4 \Noselect). */
  noselect: boolean;
  /** RFC 6154 role such as `\Sent`, or null. */
  specialUse: string | null;
  /** Keywords the mailbox has seen, listed in FLAGS/PERMANENTFLAGS (in first-use order). */
  keywords: string[];
  /** RFC 7162 HIGHESTMODSEQ: bumped once per change (an APPEND, a STORE, an EXPUNGE). */
  highestModseq: number;
  /**
   * Whether a client has asked for modseqs in this mailbox yet (CONDSTORE on while it was
   * selected, or STATUS HIGHESTMODSEQ). Like Dovecot, the store starts keeping them per
   * message only then: until that moment every message counts as changed at the mailbox's
   * HIGHESTMODSEQ, and SELECT reports HIGHESTMODSEQ only to sessions that enabled CONDSTORE.
   */
  modseqTracked: boolean;
  /**
   * UIDs expunged and the modseq of their expunge, oldest first (RFC 7162 §3.2.5: what
   * VANISHED (EARLIER) reports); at most MAX_REMEMBERED_EXPUNGES (worker/limits.ts).
   */
  expunged: Array<{ uid: number; modseq: number }>;
  /** The highest modseq among expunges forgotten past that limit; 0 when none was. */
  expungedForgotten: number;
  /** UIDs that no session has yet seen as \Recent (RFC 3501 §2.3.2). */
  unclaimedRecent: Set<number>;
  /** METADATA entries on this mailbox (RFC 5464); they go where the mailbox goes (RENAME, DELETE). */
  metadata: MetadataEntries;
}

export interface Account {
  /** Login name, lower case (user names are case-insensitive here, as on Dovecot). */
  user: string;
  password: string;
  mailboxes: Map<string, Mailbox>;
  subscriptions: Set<string>;
  /** The UIDVALIDITY the next created mailbox gets. */
  nextUidValidity: number;
  /** Server METADATA entries (RFC 5464, mailbox name ""), as this user sees them. */
  serverMetadata: MetadataEntries;
}

export const HIERARCHY_DELIMITER = '/';
