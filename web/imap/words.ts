/**
 * What the playground knows about IMAP words, in plain language, with where each is defined
 * (the inspector's tables; loaded with it, not with the page). The engine's own command table
 * (syntax and RFC per command) is merged in at run time; this covers responses, response
 * codes, data items and search keys.
 */

export interface Word {
  text: string;
  rfc: string;
}

/** Untagged responses and statuses (after `*` or a tag). */
export const RESPONSES: Record<string, Word> = {
  OK: { text: 'Success. Untagged, it is information; tagged, the command it answers has completed.', rfc: 'RFC 3501 §7.1.1' },
  NO: { text: 'Failure: the command was understood but could not be carried out (wrong password, no such mailbox…).', rfc: 'RFC 3501 §7.1.2' },
  BAD: { text: 'Protocol error: the server could not parse the command, or it is not allowed in this state.', rfc: 'RFC 3501 §7.1.3' },
  PREAUTH: { text: 'Greeting saying the connection is already authenticated; no LOGIN needed.', rfc: 'RFC 3501 §7.1.4' },
  BYE: { text: 'The server is about to close the connection (after LOGOUT, or when it gives up on the client).', rfc: 'RFC 3501 §7.1.5' },
  CAPABILITY: { text: 'The list of things this server can do: the protocol revision, extensions and AUTH= mechanisms.', rfc: 'RFC 3501 §7.2.1' },
  LIST: { text: 'One mailbox that matched a LIST: its attributes, the hierarchy delimiter, and its name.', rfc: 'RFC 3501 §7.2.2' },
  LSUB: { text: 'One subscribed mailbox that matched an LSUB.', rfc: 'RFC 3501 §7.2.3' },
  STATUS: { text: 'Counters of a mailbox, asked for without selecting it.', rfc: 'RFC 3501 §7.2.4' },
  SEARCH: { text: 'The numbers of the messages that matched (sequence numbers, or UIDs after UID SEARCH).', rfc: 'RFC 3501 §7.2.5' },
  FLAGS: { text: 'The flags that can be used in the selected mailbox.', rfc: 'RFC 3501 §7.2.6' },
  EXISTS: { text: 'How many messages the selected mailbox holds now. Arrives after SELECT, and whenever mail is added — even unasked.', rfc: 'RFC 3501 §7.3.1' },
  RECENT: { text: 'How many messages are new to this session (\\Recent). Removed in IMAP4rev2.', rfc: 'RFC 3501 §7.3.2' },
  EXPUNGE: { text: 'The message with this sequence number is gone; every later message moves down by one.', rfc: 'RFC 3501 §7.4.1' },
  FETCH: { text: 'Data about one message (by sequence number): pairs of item name and value.', rfc: 'RFC 3501 §7.4.2' },
  NAMESPACE: { text: 'Where personal, other users’ and shared mailboxes live, and their delimiters.', rfc: 'RFC 2342 §5' },
  ENABLED: { text: 'Which of the requested extensions were turned on.', rfc: 'RFC 5161 §3.2' },
  ID: { text: 'The server identifies itself (name, version…).', rfc: 'RFC 2971 §3.2' },
  VANISHED: {
    text: 'UIDs of messages that are gone. Once QRESYNC is enabled it replaces EXPUNGE (UIDs never shift, so one line can name many); VANISHED (EARLIER) lists expunges from before — the answer to SELECT (QRESYNC …) or UID FETCH … (CHANGEDSINCE m VANISHED).',
    rfc: 'RFC 7162 §3.2.10',
  },
  ESEARCH: {
    text: 'Search results in the extended form: (TAG "…") names the command, UID if the numbers are UIDs, then MIN / MAX / ALL / PARTIAL / COUNT as RETURN asked; for a search kept updating, ADDTO and REMOVEFROM.',
    rfc: 'RFC 4731 §3.1, RFC 5267 §4.3',
  },
  SORT: { text: 'The matching messages in the order SORT asked for (sequence numbers, or UIDs after UID SORT).', rfc: 'RFC 5256 §4' },
  THREAD: { text: 'The matching messages as threads: each parenthesized list is one conversation, replies after their parent.', rfc: 'RFC 5256 §4' },
  METADATA: { text: 'Annotations of a mailbox ("" = the server): entry names, each with its value (a literal) or NIL if it is not set.', rfc: 'RFC 5464 §4.4' },
};

/** NOTIFY's filters (which mailboxes) and events (what about them), RFC 5465. */
export const NOTIFY_WORDS: Record<string, Word> = {
  SET: { text: 'Replace what this session is told about with the filters that follow.', rfc: 'RFC 5465 §3.1' },
  NONE: { text: 'Nothing: after NOTIFY NONE (or a filter with NONE) no events are sent — not even for the selected mailbox.', rfc: 'RFC 5465 §3.1' },
  STATUS: { text: 'Send the STATUS of every mailbox the filters cover right away, so later STATUS lines have a starting point.', rfc: 'RFC 5465 §3.1' },
  SELECTED: { text: 'The selected mailbox: its events arrive as EXISTS, EXPUNGE and FETCH, at any time.', rfc: 'RFC 5465 §6.1' },
  'SELECTED-DELAYED': { text: 'The selected mailbox, but EXPUNGE waits for a command that allows it (so message numbers do not shift unexpectedly).', rfc: 'RFC 5465 §6.1' },
  PERSONAL: { text: 'Every mailbox of the user (the personal namespace) except the selected one.', rfc: 'RFC 5465 §6.2' },
  INBOXES: { text: 'The mailboxes new mail is delivered to (here: INBOX).', rfc: 'RFC 5465 §6.3' },
  SUBSCRIBED: { text: 'The subscribed mailboxes.', rfc: 'RFC 5465 §6.4' },
  SUBTREE: { text: 'The named mailboxes and everything below them.', rfc: 'RFC 5465 §6.5' },
  MAILBOXES: { text: 'Exactly the named mailboxes.', rfc: 'RFC 5465 §6.6' },
  MESSAGENEW: { text: 'A message arrived: EXISTS in the selected mailbox (with FETCH of the items given), STATUS elsewhere.', rfc: 'RFC 5465 §5.2' },
  MESSAGEEXPUNGE: { text: 'A message was expunged: EXPUNGE in the selected mailbox, STATUS elsewhere.', rfc: 'RFC 5465 §5.3' },
  FLAGCHANGE: { text: 'Flags changed: FETCH (FLAGS …) in the selected mailbox (elsewhere it needs CONDSTORE’s HIGHESTMODSEQ).', rfc: 'RFC 5465 §5.1' },
  ANNOTATIONCHANGE: { text: 'An annotation changed (not offered here: NO [BADEVENT]).', rfc: 'RFC 5465 §5.1' },
  MAILBOXNAME: { text: 'A mailbox was created, deleted or renamed: a LIST (\\NonExistent when gone, OLDNAME when renamed).', rfc: 'RFC 5465 §5.4' },
  SUBSCRIPTIONCHANGE: { text: 'A subscription changed: a LIST with or without \\Subscribed.', rfc: 'RFC 5465 §5.5' },
  MAILBOXMETADATACHANGE: { text: 'Mailbox metadata changed (RFC 5464; not offered here, as on Dovecot: NO [BADEVENT]).', rfc: 'RFC 5465 §5.6' },
  SERVERMETADATACHANGE: { text: 'Server metadata changed (RFC 5464; not offered here, as on Dovecot: NO [BADEVENT]).', rfc: 'RFC 5465 §5.7' },
};

/** What may follow RETURN in SEARCH (and what an ESEARCH response carries back). */
export const RETURN_WORDS: Record<string, Word> = {
  MIN: { text: 'The lowest matching number.', rfc: 'RFC 4731 §3.1' },
  MAX: { text: 'The highest matching number.', rfc: 'RFC 4731 §3.1' },
  ALL: { text: 'Every match, as a sequence set (left out when nothing matched); RETURN () means ALL.', rfc: 'RFC 4731 §3.1' },
  COUNT: { text: 'How many messages matched (given even when it is 0).', rfc: 'RFC 4731 §3.1' },
  SAVE: { text: 'Keep the result on the server as $, for later commands (FETCH $ …); alone, no ESEARCH is sent.', rfc: 'RFC 5182 §2' },
  UPDATE: { text: 'Keep the search running: as the mailbox changes, the server says which messages join (ADDTO) or leave (REMOVEFROM) the result, until CANCELUPDATE or another SELECT.', rfc: 'RFC 5267 §4.3' },
  CONTEXT: { text: 'A hint that the same search will be asked again (e.g. page by page with PARTIAL); the server may cache, this one simply answers.', rfc: 'RFC 5267 §4.2' },
  PARTIAL: { text: 'Only the lo-th to hi-th matches (a page of the result), e.g. PARTIAL 1:50; NIL when none fall in the range.', rfc: 'RFC 5267 §4.4' },
  ADDTO: { text: 'These messages now match the search kept updating: (position set); the position is 0 for an unsorted search.', rfc: 'RFC 5267 §4.3.3' },
  REMOVEFROM: { text: 'These messages no longer match the search kept updating (or are being expunged): (position set).', rfc: 'RFC 5267 §4.3.4' },
};

/** Response codes, inside `[…]` after OK/NO/BAD. */
export const CODES: Record<string, Word> = {
  ALERT: { text: 'A message the client must show to the user.', rfc: 'RFC 3501 §7.1' },
  BADCHARSET: { text: 'The SEARCH charset is not supported; the list says which are.', rfc: 'RFC 3501 §7.1' },
  CAPABILITY: { text: 'The capabilities, given early so the client need not ask.', rfc: 'RFC 3501 §7.1' },
  PARSE: { text: 'A message could not be parsed as RFC 5322/MIME.', rfc: 'RFC 3501 §7.1' },
  PERMANENTFLAGS: { text: 'Flags the client may change for good; \\* means new keywords can be created.', rfc: 'RFC 3501 §7.1' },
  'READ-ONLY': { text: 'The mailbox is selected read-only (EXAMINE, or no write permission).', rfc: 'RFC 3501 §7.1' },
  'READ-WRITE': { text: 'The mailbox is selected and may be changed.', rfc: 'RFC 3501 §7.1' },
  TRYCREATE: { text: 'The target mailbox does not exist; creating it first would help.', rfc: 'RFC 3501 §7.1' },
  UIDNEXT: { text: 'The UID the next message added to this mailbox will get.', rfc: 'RFC 3501 §7.1' },
  UIDVALIDITY: { text: 'If this number changes, every UID the client remembers for this mailbox is void.', rfc: 'RFC 3501 §7.1' },
  UNSEEN: { text: 'The sequence number of the first message without \\Seen.', rfc: 'RFC 3501 §7.1' },
  APPENDUID: { text: 'UIDVALIDITY and the UID the appended message got.', rfc: 'RFC 4315 §3' },
  COPYUID: { text: 'UIDVALIDITY of the target, the source UIDs and their new UIDs.', rfc: 'RFC 4315 §3' },
  UIDNOTSTICKY: { text: 'UIDs in this mailbox do not survive a reconnect.', rfc: 'RFC 4315 §3' },
  CLOSED: { text: 'The previously selected mailbox is now closed (sent before a new SELECT’s data).', rfc: 'RFC 7162 §3.2.11' },
  HIGHESTMODSEQ: {
    text: 'The highest modification sequence (modseq) in the mailbox: every change (a flag, a new message, an expunge) gets a higher one. A client that remembers it asks next time only for what changed since (CHANGEDSINCE, SELECT … QRESYNC).',
    rfc: 'RFC 7162 §3.1.2.1',
  },
  MODIFIED: {
    text: 'STORE (UNCHANGEDSINCE m) left these messages alone: they changed after m (someone else got there first). The other messages were stored.',
    rfc: 'RFC 7162 §3.1.3',
  },
  NOMODSEQ: { text: 'This mailbox does not keep modification sequences.', rfc: 'RFC 7162 §3.1.2.2' },
  NONEXISTENT: { text: 'No such mailbox.', rfc: 'RFC 5530 §3' },
  ALREADYEXISTS: { text: 'A mailbox with that name already exists.', rfc: 'RFC 5530 §3' },
  AUTHENTICATIONFAILED: { text: 'Wrong user name or password.', rfc: 'RFC 5530 §3' },
  INUSE: { text: 'The operation cannot be done now because something else is using the mailbox.', rfc: 'RFC 5530 §3' },
  CANNOT: { text: 'The operation can never succeed (e.g. an invalid name).', rfc: 'RFC 5530 §3' },
  NOPERM: { text: 'Permission denied.', rfc: 'RFC 5530 §3' },
  LIMIT: { text: 'A server limit was reached.', rfc: 'RFC 5530 §3' },
  SERVERBUG: { text: 'The server hit an internal error.', rfc: 'RFC 5530 §3' },
  CLIENTBUG: { text: 'The server thinks the client did something wrong but carried on.', rfc: 'RFC 5530 §3' },
  EXPUNGEISSUED: { text: 'Another session expunged messages meanwhile.', rfc: 'RFC 5530 §3' },
  'UNKNOWN-CTE': { text: 'BINARY cannot undo this part’s Content-Transfer-Encoding: the server does not know it. Fetch it with BODY[] and decode it yourself.', rfc: 'RFC 3516 §4.2' },
  BADURL: { text: 'A CATENATE URL names nothing this server can give (no such mailbox, message or UIDVALIDITY, or not a relative URL); the URL follows. Nothing was appended.', rfc: 'RFC 4469 §6' },
  TOOBIG: { text: 'The message (or the whole APPEND) would be larger than this server accepts. Nothing was appended.', rfc: 'RFC 4469 §6, RFC 7889' },
  METADATA: { text: 'About METADATA entries: LONGENTRIES n, MAXSIZE n, TOOMANY or NOPRIVATE follows.', rfc: 'RFC 5464 §4' },
  'METADATA LONGENTRIES': { text: 'GETMETADATA left out values longer than its MAXSIZE; n is the size of the longest one left out.', rfc: 'RFC 5464 §4.2.1' },
  'METADATA MAXSIZE': { text: 'SETMETADATA refused: a value is larger than the server takes; n is the largest size it accepts.', rfc: 'RFC 5464 §4.3' },
  'METADATA TOOMANY': { text: 'SETMETADATA refused: the server will not keep that many entries (here: 1,000 per account).', rfc: 'RFC 5464 §4.3' },
  'METADATA NOPRIVATE': { text: 'SETMETADATA refused: this mailbox cannot have /private entries (this server never sends it: each mailbox has one owner).', rfc: 'RFC 5464 §4.3' },
  BADEVENT: { text: 'NOTIFY named events this server cannot send (here: the metadata and annotation events); nothing changed.', rfc: 'RFC 5465 §3.1' },
  NOTIFICATIONOVERFLOW: { text: 'The server gave up on NOTIFY for this session (too many events); the client must resynchronise.', rfc: 'RFC 5465 §5.8' },
  NOUPDATE: { text: 'The search was answered but will not be kept updating (this server keeps a limited number per session); the tag names it.', rfc: 'RFC 5267 §4.3.1' },
};

/** Data items of FETCH commands and responses. */
export const DATA_ITEMS: Record<string, Word> = {
  ALL: { text: 'Shorthand for (FLAGS INTERNALDATE RFC822.SIZE ENVELOPE).', rfc: 'RFC 3501 §6.4.5' },
  FAST: { text: 'Shorthand for (FLAGS INTERNALDATE RFC822.SIZE).', rfc: 'RFC 3501 §6.4.5' },
  FULL: { text: 'Shorthand for (FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY).', rfc: 'RFC 3501 §6.4.5' },
  BODY: { text: 'The MIME structure without extension data (the short form of BODYSTRUCTURE).', rfc: 'RFC 3501 §7.4.2' },
  BODYSTRUCTURE: { text: 'The MIME structure of the message: one list per part, multiparts nest.', rfc: 'RFC 3501 §7.4.2' },
  'BODY[]': {
    text: 'Message content: the section in brackets (empty for the whole message; HEADER, TEXT, HEADER.FIELDS (…), or a part number such as 1.2), then <origin> when only a piece was asked for. BODY[…] marks the message \\Seen; BODY.PEEK[…] leaves it alone.',
    rfc: 'RFC 3501 §6.4.5',
  },
  ENVELOPE: { text: 'The main headers, pre-parsed: date, subject, from, sender, reply-to, to, cc, bcc, in-reply-to, message-id.', rfc: 'RFC 3501 §7.4.2' },
  FLAGS: { text: 'The flags set on the message.', rfc: 'RFC 3501 §7.4.2' },
  INTERNALDATE: { text: 'When the server received the message (not the Date: header).', rfc: 'RFC 3501 §7.4.2' },
  RFC822: { text: 'The whole message (like BODY[]).', rfc: 'RFC 3501 §7.4.2' },
  'RFC822.HEADER': { text: 'The header (like BODY.PEEK[HEADER]).', rfc: 'RFC 3501 §7.4.2' },
  'RFC822.SIZE': { text: 'The message size in octets.', rfc: 'RFC 3501 §7.4.2' },
  'RFC822.TEXT': { text: 'The body without the header (like BODY[TEXT]).', rfc: 'RFC 3501 §7.4.2' },
  UID: { text: 'The message’s unique identifier in this mailbox; unlike the sequence number it never changes.', rfc: 'RFC 3501 §2.3.1.1' },
  MODSEQ: { text: 'The message’s modification sequence (modseq): the HIGHESTMODSEQ of the last change to it, in parentheses (CONDSTORE).', rfc: 'RFC 7162 §3.1.4' },
  CHANGEDSINCE: { text: 'FETCH modifier: only the messages changed after this modseq, each with its MODSEQ.', rfc: 'RFC 7162 §3.1.4.1' },
  UNCHANGEDSINCE: { text: 'STORE modifier: change only messages whose modseq is not above this one; the others come back in [MODIFIED].', rfc: 'RFC 7162 §3.1.3' },
  VANISHED: { text: 'UID FETCH modifier (with CHANGEDSINCE, QRESYNC enabled): also report the UIDs expunged since, as VANISHED (EARLIER).', rfc: 'RFC 7162 §3.2.6' },
  EARLIER: { text: 'These expunges happened before now: the client may not have the messages at all (no sequence numbers shift).', rfc: 'RFC 7162 §3.2.10' },
  CONDSTORE: { text: 'SELECT/EXAMINE parameter (or ENABLE name): turn CONDSTORE on — modseqs in answers, HIGHESTMODSEQ on SELECT.', rfc: 'RFC 7162 §3.1.8' },
  QRESYNC: {
    text: 'SELECT/EXAMINE parameter (after ENABLE QRESYNC): (uidvalidity modseq [known-uids] [(seqs uids)]) — what the client had last time; the server answers with what vanished and what changed since.',
    rfc: 'RFC 7162 §3.2.5',
  },
  HIGHESTMODSEQ: { text: 'STATUS item: the mailbox’s highest modseq, to tell without selecting it whether anything changed.', rfc: 'RFC 7162 §3.1.6' },
  BINARY: { text: 'A part with its Content-Transfer-Encoding undone: BINARY[1] of a base64 attachment is the file’s own octets (BINARY.PEEK leaves \\Seen alone). Octets that may hold NUL come as a literal8 ~{n}.', rfc: 'RFC 3516 §4.1' },
  'BINARY.SIZE': { text: 'How many octets BINARY[part] would give: the decoded size, for a progress bar before the download.', rfc: 'RFC 3516 §4.1' },
  SIZE: { text: 'STATUS SIZE: the total size of the mailbox’s messages, in octets.', rfc: 'RFC 8438 §3' },
  CATENATE: { text: 'APPEND builds the message from parts instead of one literal: TEXT {n} sends octets, URL "/mailbox/;UID=n/;SECTION=…" copies a part of a message already on the server.', rfc: 'RFC 4469 §5' },
  TEXT: { text: 'A CATENATE part the client sends itself, as a literal (or a literal8 with BINARY).', rfc: 'RFC 4469 §5' },
  URL: { text: 'A CATENATE part taken from a message already on this server, named by an IMAP URL (RFC 5092): /mailbox[;UIDVALIDITY=v]/;UID=n[/;SECTION=s][/;PARTIAL=o.l].', rfc: 'RFC 4469 §5, RFC 5092' },
  RETURN: { text: 'Return options: what to report. After LIST: about each mailbox listed (CHILDREN, SUBSCRIBED, SPECIAL-USE, STATUS (items)); after SEARCH: the result form (MIN, MAX, COUNT, ALL, SAVE).', rfc: 'RFC 5258 §3.2, RFC 4731 §3.1' },
  STATUS: { text: 'LIST-STATUS: a STATUS line with these counters follows each selectable mailbox listed, so one command replaces a STATUS per mailbox.', rfc: 'RFC 5819 §2' },
};

/** Flags. */
export const FLAGS: Record<string, Word> = {
  '\\SEEN': { text: 'The message has been read.', rfc: 'RFC 3501 §2.3.2' },
  '\\ANSWERED': { text: 'The message has been answered.', rfc: 'RFC 3501 §2.3.2' },
  '\\FLAGGED': { text: 'The message is marked for attention.', rfc: 'RFC 3501 §2.3.2' },
  '\\DELETED': { text: 'Marked for removal by the next EXPUNGE or CLOSE.', rfc: 'RFC 3501 §2.3.2' },
  '\\DRAFT': { text: 'The message is an unfinished draft.', rfc: 'RFC 3501 §2.3.2' },
  '\\RECENT': { text: 'First session to see this message (cannot be set by clients; gone in IMAP4rev2).', rfc: 'RFC 3501 §2.3.2' },
  '\\*': { text: 'In PERMANENTFLAGS: the client may create new keywords.', rfc: 'RFC 3501 §7.1' },
  '\\NOSELECT': { text: 'The name exists only as a level of the hierarchy; it cannot be selected.', rfc: 'RFC 3501 §7.2.2' },
  '\\NOINFERIORS': { text: 'No child mailboxes can exist under this name.', rfc: 'RFC 3501 §7.2.2' },
  '\\HASCHILDREN': { text: 'The mailbox has child mailboxes.', rfc: 'RFC 3348 §4' },
  '\\HASNOCHILDREN': { text: 'The mailbox has no child mailboxes.', rfc: 'RFC 3348 §4' },
  '\\MARKED': { text: 'The server thinks new mail arrived since the last look.', rfc: 'RFC 3501 §7.2.2' },
  '\\UNMARKED': { text: 'No new mail since the last look.', rfc: 'RFC 3501 §7.2.2' },
  '\\SUBSCRIBED': { text: 'The mailbox is subscribed.', rfc: 'RFC 5258 §3.4' },
  '\\NONEXISTENT': { text: 'The name is listed (e.g. as subscribed) but no such mailbox exists.', rfc: 'RFC 5258 §3' },
  '\\SENT': { text: 'Special use: where sent messages are kept.', rfc: 'RFC 6154 §2' },
  '\\TRASH': { text: 'Special use: deleted messages go here.', rfc: 'RFC 6154 §2' },
  '\\DRAFTS': { text: 'Special use: drafts.', rfc: 'RFC 6154 §2' },
  '\\JUNK': { text: 'Special use: spam.', rfc: 'RFC 6154 §2' },
  '\\ARCHIVE': { text: 'Special use: archived messages.', rfc: 'RFC 6154 §2' },
  '\\ALL': { text: 'Special use: a virtual mailbox with every message.', rfc: 'RFC 6154 §2' },
};

export const SEARCH_WORDS: Record<string, string> = {
  ALL: 'every message',
  ANSWERED: 'with \\Answered',
  DELETED: 'with \\Deleted',
  FLAGGED: 'with \\Flagged',
  SEEN: 'with \\Seen',
  UNSEEN: 'without \\Seen',
  NEW: 'recent and unseen',
  OLD: 'not recent',
  RECENT: 'with \\Recent',
  FROM: 'whose From header contains the next argument',
  TO: 'whose To header contains the next argument',
  SUBJECT: 'whose Subject contains the next argument',
  BODY: 'whose body contains the next argument',
  TEXT: 'whose header or body contains the next argument',
  SINCE: 'received on or after the date (by day)',
  BEFORE: 'received before the date (by day)',
  ON: 'received on the date',
  LARGER: 'larger than n octets',
  SMALLER: 'smaller than n octets',
  OLDER: 'that arrived more than n seconds ago (INTERNALDATE; WITHIN, RFC 5032)',
  YOUNGER: 'that arrived within the last n seconds (INTERNALDATE; WITHIN, RFC 5032)',
  NOT: 'negates the next key',
  MODSEQ: 'whose modseq is at least the number (RFC 7162 §3.1.5; a flag name such as "/flags/\\Seen" and priv, shared or all may come first); the answer ends with (MODSEQ n), the highest among the matches',
  OR: 'matches either of the next two keys',
};

/** ENVELOPE fields in order (RFC 3501 §7.4.2). */
export const ENVELOPE_FIELDS = ['date', 'subject', 'from', 'sender', 'reply-to', 'to', 'cc', 'bcc', 'in-reply-to', 'message-id'];
export const ADDRESS_FIELDS = ['display name', 'source route (obsolete, NIL)', 'mailbox (local part)', 'host (domain)'];
/** A non-multipart BODYSTRUCTURE part (RFC 3501 §7.4.2, body-type-1part). */
export const PART_FIELDS = ['media type', 'subtype', 'parameters (name value …)', 'Content-ID', 'Content-Description', 'transfer encoding', 'size in octets'];
export const TEXT_PART_EXTRA = ['lines of text'];
export const MESSAGE_PART_EXTRA = ['envelope of the enclosed message', 'body structure of the enclosed message', 'lines'];
export const PART_EXTENSION = ['MD5', 'disposition', 'language', 'location'];
export const MULTIPART_EXTENSION = ['parameters (boundary …)', 'disposition', 'language', 'location'];
