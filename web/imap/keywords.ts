/**
 * The IMAP words the terminal completes and the editor colours: plain lists, loaded with the
 * page. Their explanations (./words.ts) load with the inspector.
 */

export const FETCH_ITEMS = [
  'ALL', 'FAST', 'FULL', 'BODY', 'BODY[', 'BODY.PEEK[', 'BODYSTRUCTURE', 'ENVELOPE', 'FLAGS', 'INTERNALDATE',
  'RFC822', 'RFC822.HEADER', 'RFC822.SIZE', 'RFC822.TEXT', 'UID', 'BINARY[', 'BINARY.PEEK[', 'BINARY.SIZE[',
] as const;

export const SEARCH_KEYS = [
  'ALL', 'ANSWERED', 'BCC', 'BEFORE', 'BODY', 'CC', 'DELETED', 'DRAFT', 'FLAGGED', 'FROM', 'HEADER', 'KEYWORD',
  'LARGER', 'NEW', 'NOT', 'OLD', 'ON', 'OR', 'RECENT', 'SEEN', 'SENTBEFORE', 'SENTON', 'SENTSINCE', 'SINCE',
  'SMALLER', 'SUBJECT', 'TEXT', 'TO', 'UID', 'UNANSWERED', 'UNDELETED', 'UNDRAFT', 'UNFLAGGED', 'UNKEYWORD',
  'UNSEEN', 'CHARSET',
] as const;

/** SORT's keys (RFC 5256 §3, RFC 5957) with REVERSE; ESORT's return options (RFC 5267); THREAD's algorithms. */
export const SORT_KEYS = ['REVERSE', 'ARRIVAL', 'CC', 'DATE', 'FROM', 'SIZE', 'SUBJECT', 'TO', 'DISPLAYFROM', 'DISPLAYTO'] as const;
export const SORT_RETURN_OPTIONS = ['MIN', 'MAX', 'ALL', 'COUNT'] as const;
export const THREAD_ALGORITHMS = ['REFERENCES', 'ORDEREDSUBJECT', 'REFS'] as const;
export const SEARCH_CHARSETS = ['UTF-8', 'US-ASCII'] as const;

export const STORE_ITEMS = ['FLAGS', 'FLAGS.SILENT', '+FLAGS', '+FLAGS.SILENT', '-FLAGS', '-FLAGS.SILENT'] as const;
export const SYSTEM_FLAGS = ['(\\Seen', '\\Seen', '\\Answered', '\\Flagged', '\\Deleted', '\\Draft', '($Forwarded'] as const;
export const STATUS_ITEMS = ['(MESSAGES', 'MESSAGES', 'RECENT', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'SIZE', 'DELETED'] as const;
/** CATENATE's parts (RFC 4469 §5): text the client sends, or an IMAP URL of a message part here. */
export const CATENATE_PARTS = ['TEXT', 'URL'] as const;
/** Example IMAP URLs (RFC 5092, relative) for CATENATE's URL parts. */
export const CATENATE_URLS = ['"/INBOX/;UID=1"', '"/INBOX/;UID=1/;SECTION=HEADER"', '"/INBOX/;UID=1/;SECTION=TEXT"', '"/INBOX/;UID=1/;SECTION=1"'] as const;
/** LIST's RETURN options (RFC 5258 §3.2, RFC 6154, RFC 5819 STATUS). */
export const LIST_RETURN_OPTIONS = ['(STATUS', 'STATUS', '(MESSAGES', 'CHILDREN', 'SUBSCRIBED', 'SPECIAL-USE'] as const;

/** RFC 7162 (CONDSTORE, QRESYNC): words completed where the dialect has them. */
export const CONDSTORE_WORDS = {
  fetchItems: ['MODSEQ'],
  /** FETCH's modifiers after the items: `(CHANGEDSINCE m)`, `VANISHED` with UID FETCH. */
  fetchModifiers: ['(CHANGEDSINCE', 'CHANGEDSINCE', 'VANISHED'],
  storeModifiers: ['(UNCHANGEDSINCE', 'UNCHANGEDSINCE'],
  selectParams: ['(CONDSTORE', '(QRESYNC', 'CONDSTORE', 'QRESYNC'],
  searchKeys: ['MODSEQ'],
  statusItems: ['HIGHESTMODSEQ'],
  enable: ['CONDSTORE', 'QRESYNC'],
} as const;

/** POP3's commands (RFC 1939; CAPA from RFC 2449, AUTH from RFC 5034), in the RFC's order. */
export const POP3_COMMANDS = ['USER', 'PASS', 'APOP', 'AUTH', 'CAPA', 'STAT', 'LIST', 'RETR', 'DELE', 'NOOP', 'RSET', 'QUIT', 'TOP', 'UIDL'];

/** IMSP's commands (draft-myers-imap-imsp), for hosts whose dialect the engine does not describe. */
export const IMSP_COMMANDS = [
  'LOGIN', 'LOGOUT', 'NOOP', 'CAPABILITY', 'AUTHENTICATE', 'GET', 'SET', 'UNSET', 'SUBSCRIBE', 'UNSUBSCRIBE',
  'LSUB', 'LIST', 'CREATE', 'DELETE', 'RENAME', 'REPLACE', 'MOVE', 'LAST', 'SEEN', 'ADDRESSBOOK',
  'CREATEADDRESSBOOK', 'DELETEADDRESSBOOK', 'RENAMEADDRESSBOOK', 'SEARCHADDRESS', 'FETCHADDRESS', 'STOREADDRESS',
  'DELETEADDRESS', 'SETACL', 'DELETEACL', 'GETACL', 'MYRIGHTS', 'LOCK', 'UNLOCK',
];

/**
 * RFC 1203 (IMAP3) commands that exist only once a client has selected version 3.0 (and some
 * of its features), so the dialect's command table does not list them; the terminal still
 * gives them an auto tag.
 */
export const IMAP3_V3_COMMANDS = ['READONLY', 'READWRITE', 'FLAGS', 'SET.FLAGS', 'SEND', 'ADD.MESSAGE', 'RENUMBER', 'SET.EOL'];
