import { CODES, DATA_ITEMS, FLAGS, RESPONSES, type Word } from '../imap/words';

/**
 * What the inspector says about IMAP words *per dialect*: the base tables in
 * web/imap/keywords.ts describe IMAP4rev1 (RFC 3501); each older or newer dialect overrides the
 * words whose meaning, shape or reference differs in its own document, and says which words it
 * does not have at all. Chosen by the dialect name of the connection (see Inspector.svelte).
 */
export interface DialectProfile {
  name: string;
  /** The defining document, e.g. `RFC 1176`. */
  doc: string;
  /** One line: what is special about this dialect, shown above the explanation. */
  note: string;
  /** References for the three line shapes. */
  tagRef: string;
  untaggedRef: string;
  /** What `*` means in this dialect, when it differs from rev1's wording. */
  untaggedText?: string;
  contRef: string;
  /** Command tags and the tagged completion. */
  completionRef: string;
  responses: Record<string, Word>;
  codes: Record<string, Word>;
  items: Record<string, Word>;
  flags: Record<string, Word>;
  /** Words this dialect does not have (they get a “not in …” explanation). */
  absent: Record<string, string>;
  /** IMAP3 TAGGED.SOLICITED: data a command asked for carries its tag instead of `*`. */
  solicitedTags?: boolean;
  /** Capability names explained with this dialect's reference. */
  capabilityRef: string;
  searchRef: string;
  sequenceRef: string;
  envelopeRef: string;
  fetchRef: string;
}

/** RFC 7162's words, which the dialects before IMAP4rev1 never had (the server answers BAD). */
const condstoreAbsent = (era: string): Record<string, string> =>
  Object.fromEntries(
    ['MODSEQ', 'CHANGEDSINCE', 'UNCHANGEDSINCE', 'HIGHESTMODSEQ', 'MODIFIED', 'VANISHED', 'EARLIER', 'CONDSTORE', 'QRESYNC'].map((w) => [
      w,
      `Not in ${era}: CONDSTORE and QRESYNC (modification sequences) are RFC 7162, offered here from IMAP4rev1 on.`,
    ]),
  );

/** The MIME fetch items, which IMAP2 and IMAP3 never had (RFC 822 items only). */
const mimeAbsent = (era: string): Record<string, string> => ({
  BODYSTRUCTURE: `Not in ${era}: MIME structure came with IMAP2bis and IMAP4.`,
  BODY: `Not in ${era}: BODY and BODY[section] came with IMAP2bis and IMAP4.`,
  'BODY[]': `Not in ${era}: BODY[section] came with IMAP2bis and IMAP4; ${era} fetches RFC822, RFC822.HEADER and RFC822.TEXT.`,
});

const REV1: DialectProfile = {
  name: 'imap4rev1',
  doc: 'RFC 3501',
  note: 'IMAP4rev1 (RFC 3501, 2003): the reference dialect; this server answers as Dovecot does.',
  tagRef: 'RFC 3501 §2.2.1',
  untaggedRef: 'RFC 3501 §7',
  contRef: 'RFC 3501 §7.5',
  completionRef: 'RFC 3501 §2.2.2',
  responses: {},
  codes: {},
  items: {},
  flags: {},
  absent: {},
  capabilityRef: 'RFC 3501 §7.2.1',
  searchRef: 'RFC 3501 §6.4.4',
  sequenceRef: 'RFC 3501 §9 (sequence-set)',
  envelopeRef: 'RFC 3501 §7.4.2',
  fetchRef: 'RFC 3501 §6.4.5',
};

const r1176 = (what: string) => `RFC 1176 “${what}”`;

const IMAP2: DialectProfile = {
  name: 'imap2',
  doc: 'RFC 1176',
  note:
    'IMAP2 (RFC 1176, 1990): no CAPABILITY, no UIDs, no `*` in sequences, FIND instead of LIST, ' +
    'untagged COPY and STORE responses, two-digit-year dates, and no response codes — [READ-WRITE] is a custom.',
  tagRef: r1176('tag'),
  untaggedRef: r1176('* number message_data'),
  untaggedText: 'Untagged: RFC 1176 calls all untagged data “unsolicited”, even data a command asked for.',
  contRef: r1176('+ text'),
  completionRef: r1176('tag OK text'),
  responses: {
    OK: { text: 'Tagged: the command completed; the text is for logs. Untagged: information (in practice the greeting).', rfc: r1176('tag OK text') },
    NO: { text: 'The command failed; RFC 1176 says the text should be shown to the user.', rfc: r1176('tag NO text') },
    BAD: { text: 'Faulty protocol: an unknown command, a syntax error, or an optional command this server lacks.', rfc: r1176('tag BAD text') },
    BYE: { text: 'The server is closing the connection (LOGOUT, shutdown, or an inactivity autologout).', rfc: r1176('* BYE text') },
    EXISTS: { text: 'How many messages the mailbox holds; also sent when new mail arrives, so the client can grow its cache.', rfc: r1176('* number EXISTS') },
    RECENT: { text: 'How many messages arrived since this mailbox was last read.', rfc: r1176('* number RECENT') },
    EXPUNGE: { text: 'Message n is gone; every later message moves down by one.', rfc: r1176('* number EXPUNGE') },
    FETCH: { text: 'Message data — in IMAP2 the main data channel: pairs of item name and value.', rfc: r1176('* number FETCH data') },
    STORE: { text: 'The obsolete synonym of FETCH, sent after STORE with the new flags (IMAP4 kept only FETCH).', rfc: r1176('* number STORE data') },
    COPY: { text: 'Message n was copied — one such line per copied message. IMAP4 dropped this response.', rfc: r1176('* number COPY') },
    FLAGS: { text: 'The flags the selected mailbox knows: keywords first, then the system flags (no \\Draft yet).', rfc: r1176('* FLAGS flag_list') },
    SEARCH: { text: 'The sequence numbers that matched (there are no UIDs in IMAP2).', rfc: r1176('* SEARCH sequence') },
    MAILBOX: { text: 'One mailbox name found by FIND MAILBOXES (INBOX is never listed). No attributes, no delimiter: LIST came with IMAP4.', rfc: r1176('* MAILBOX string') },
    BBOARD: { text: 'One bulletin board found by FIND BBOARDS; open it with BBOARD name.', rfc: r1176('* BBOARD string') },
  },
  codes: {
    'READ-WRITE': { text: 'Not a response code in RFC 1176, which has none: servers opened the text with it by custom. RFC 1730 made [READ-WRITE] formal.', rfc: 'RFC 1176 (custom), RFC 1730 §7.1' },
    'READ-ONLY': { text: 'Not a response code in RFC 1176: a custom saying the mailbox cannot be changed. RFC 1730 made it formal.', rfc: 'RFC 1176 (custom), RFC 1730 §7.1' },
  },
  items: {
    RFC822: { text: 'The whole message. In IMAP2 fetching it sets \\Seen (the new FLAGS come along).', rfc: r1176('RFC822') },
    'RFC822.TEXT': { text: 'The body without the header; sets \\Seen in IMAP2.', rfc: r1176('RFC822.TEXT') },
    'RFC822.HEADER': { text: 'The header.', rfc: r1176('RFC822.HEADER') },
    'RFC822.SIZE': { text: 'The size in octets.', rfc: r1176('RFC822.SIZE') },
    INTERNALDATE: { text: 'When the server received the message, in RFC 1176’s form `dd-mmm-yy hh:mm:ss-zzz` (a two-digit year, a zone name).', rfc: r1176('date') },
    ENVELOPE: { text: 'Date, subject, from, sender, reply-to, to, cc, bcc, in-reply-to, message-id — already in IMAP2.', rfc: r1176('ENVELOPE') },
    FLAGS: { text: 'The message’s flags.', rfc: r1176('FLAGS') },
    ALL: { text: 'Shorthand for (FLAGS INTERNALDATE RFC822.SIZE ENVELOPE).', rfc: r1176('ALL') },
    FAST: { text: 'Shorthand for (FLAGS INTERNALDATE RFC822.SIZE).', rfc: r1176('FAST') },
  },
  flags: {
    '\\RECENT': { text: 'Arrived since the previous time this mailbox was read.', rfc: r1176('flags') },
    '\\SEEN': { text: 'Read.', rfc: r1176('flags') },
    '\\ANSWERED': { text: 'Answered.', rfc: r1176('flags') },
    '\\FLAGGED': { text: 'Marked for attention.', rfc: r1176('flags') },
    '\\DELETED': { text: 'Marked for removal by EXPUNGE.', rfc: r1176('flags') },
  },
  absent: {
    ...condstoreAbsent('IMAP2'),
    ...mimeAbsent('IMAP2'),
    CAPABILITY: 'IMAP2 has no CAPABILITY: a client learns what works by trying (RFC 1732).',
    UID: 'IMAP2 has no UIDs: messages are known by sequence number only.',
    '\\DRAFT': 'IMAP2 has no \\Draft flag (added by IMAP4).',
    LIST: 'IMAP2 lists mailboxes with FIND MAILBOXES (reply: * MAILBOX).',
    UIDVALIDITY: 'No UIDs, so no UIDVALIDITY in IMAP2.',
    PERMANENTFLAGS: 'Not in IMAP2 (RFC 1730 added it).',
  },
  capabilityRef: 'RFC 1732',
  searchRef: r1176('tag SEARCH search_criteria'),
  sequenceRef: `${r1176('sequence')} (no *)`,
  envelopeRef: r1176('ENVELOPE'),
  fetchRef: r1176('tag FETCH sequence data'),
};

const r1203 = (what: string) => `RFC 1203 “${what}”`;

const IMAP3: DialectProfile = {
  ...IMAP2,
  absent: { ...IMAP2.absent, ...condstoreAbsent('IMAP3'), ...mimeAbsent('IMAP3') },
  name: 'imap3',
  doc: 'RFC 1203',
  note:
    'IMAP3 (RFC 1203, 1991, never adopted): behaves as IMAP2 until SELECT.VERSION (3 0); then data a command asked for carries ' +
    'the command’s tag (TAGGED.SOLICITED), SEARCH echoes its criteria, and READONLY/READWRITE are commands and responses.',
  tagRef: r1203('tag'),
  untaggedRef: r1203('*/tag'),
  untaggedText: 'Untagged: in IMAP3 (with TAGGED.SOLICITED) only spontaneous data uses *; data a command asked for carries its tag.',
  contRef: r1203('+ text'),
  completionRef: r1203('tag OK text'),
  solicitedTags: true,
  responses: {
    ...IMAP2.responses,
    SEARCH: { text: 'In IMAP3: `SEARCH (numbers) (criteria)` — the matches, then the criteria they answer (a server could also push unsolicited results).', rfc: r1203('SEARCH (numbers) (criteria)') },
    STORE: { text: 'A FETCH-like report sent when message state changes; after STORE FLAGS the server must echo the resulting flags.', rfc: r1203('n STORE data') },
    COPY: { text: 'Message n was copied; in IMAP3 only as solicited data, one per copied message.', rfc: r1203('tag n COPY') },
    READONLY: { text: 'The selected mailbox is now read-only (an answer to READONLY, or after SELECT of a mailbox that cannot be written).', rfc: r1203('READONLY') },
    READWRITE: { text: 'The selected mailbox may now be changed.', rfc: r1203('READWRITE') },
    'SUPPORTED.VERSIONS': { text: 'The protocol versions and features the server offers, e.g. ((2 0) (3 0 FEATURE …)); pick with SELECT.VERSION / SELECT.FEATURES.', rfc: r1203('SUPPORTED.VERSIONS') },
    RESET: { text: 'Forget cached data for these messages (after RENUMBER).', rfc: r1203('RESET') },
    MAILBOX: { text: 'A mailbox found by FIND MAILBOXES; unsolicited, it announces a newly created mailbox.', rfc: r1203('MAILBOX') },
  },
  capabilityRef: r1203('SUPPORTED.VERSIONS'),
  searchRef: r1203('tag SEARCH criteria'),
  fetchRef: r1203('tag FETCH sequence data'),
};

const r1730 = (sec: string) => `RFC 1730 §${sec}`;

const IMAP4: DialectProfile = {
  name: 'imap4',
  doc: 'RFC 1730',
  note:
    'IMAP4 (RFC 1730, 1994): the first IMAP4 — CAPABILITY, LIST/LSUB, UIDs and response codes, but no UIDNEXT, no STATUS, ' +
    'numeric body sections only, PARTIAL, and FIND kept for IMAP2 clients.',
  tagRef: r1730('2.2.1'),
  untaggedRef: r1730('7'),
  contRef: r1730('7.5'),
  completionRef: r1730('2.2.2'),
  responses: {
    OK: { ...RESPONSES.OK, rfc: r1730('7.1.1') },
    NO: { ...RESPONSES.NO, rfc: r1730('7.1.2') },
    BAD: { ...RESPONSES.BAD, rfc: r1730('7.1.3') },
    PREAUTH: { ...RESPONSES.PREAUTH, rfc: r1730('7.1.4') },
    BYE: { ...RESPONSES.BYE, rfc: r1730('7.1.5') },
    CAPABILITY: { text: 'What this server can do: IMAP4 and any extensions (AUTH= mechanisms).', rfc: r1730('7.2.1') },
    LIST: { text: 'One mailbox that matched LIST: attributes, hierarchy delimiter, name.', rfc: r1730('7.2.2') },
    LSUB: { text: 'One subscribed mailbox that matched LSUB.', rfc: r1730('7.2.3') },
    MAILBOX: { text: 'A name found by FIND MAILBOXES / FIND ALL.MAILBOXES — kept in RFC 1730 for IMAP2 clients, obsolete since.', rfc: `${r1730('7.2.4')}, RFC 2062` },
    SEARCH: { text: 'The numbers that matched.', rfc: r1730('7.2.5') },
    FLAGS: { text: 'The flags that can be used in the selected mailbox.', rfc: r1730('7.2.6') },
    EXISTS: { ...RESPONSES.EXISTS, rfc: r1730('7.3.1') },
    RECENT: { text: 'How many messages are new to this session (\\Recent).', rfc: r1730('7.3.2') },
    EXPUNGE: { ...RESPONSES.EXPUNGE, rfc: r1730('7.4.1') },
    FETCH: { ...RESPONSES.FETCH, rfc: r1730('7.4.2') },
    COPY: { text: 'Obsolete IMAP2 response (one per copied message); clients must accept it, servers should not send it.', rfc: 'RFC 1730 §7.4 (obsolete), RFC 2062' },
    STORE: { text: 'Obsolete synonym of FETCH from IMAP2; clients must accept it.', rfc: 'RFC 1730 §7.4 (obsolete), RFC 2062' },
  },
  codes: {
    ALERT: { ...CODES.ALERT, rfc: r1730('7.1') },
    PARSE: { ...CODES.PARSE, rfc: r1730('7.1') },
    PERMANENTFLAGS: { text: 'Flags the client may change for good; \\* means new keywords can be created. In RFC 1730 a STORE of another flag is refused or kept for the session only.', rfc: r1730('7.1') },
    'READ-ONLY': { ...CODES['READ-ONLY'], rfc: r1730('7.1') },
    'READ-WRITE': { ...CODES['READ-WRITE'], rfc: r1730('7.1') },
    TRYCREATE: { ...CODES.TRYCREATE, rfc: r1730('7.1') },
    UIDVALIDITY: { ...CODES.UIDVALIDITY, rfc: r1730('7.1') },
    UNSEEN: { ...CODES.UNSEEN, rfc: r1730('7.1') },
  },
  items: {
    BODY: { text: 'The MIME structure without extension data; BODY[n.n] fetches a part by number (section 0 is the header).', rfc: r1730('6.4.5') },
    BODYSTRUCTURE: { text: 'The MIME structure with extension data.', rfc: r1730('6.4.5') },
    'BODY[]': { text: 'One part of the message by number (BODY[1], BODY[2.1]); section 0 is the header. BODY[…] marks the message \\Seen; BODY.PEEK[…] does not.', rfc: r1730('6.4.5') },
    UID: { ...DATA_ITEMS.UID, rfc: r1730('2.3.1') },
    'RFC822.HEADER.LINES': { text: 'Only the named header lines (RFC 1730; became BODY[HEADER.FIELDS …] in RFC 2060).', rfc: r1730('6.4.5') },
  },
  flags: {},
  absent: {
    ...condstoreAbsent('IMAP4 (RFC 1730)'),
    UIDNEXT: 'Not in RFC 1730: UIDNEXT came with RFC 2060.',
    STATUS: 'Not in RFC 1730: STATUS came with RFC 2060.',
    BADCHARSET: 'Not in RFC 1730 (RFC 2060).',
    APPENDUID: 'Not in RFC 1730 (UIDPLUS, RFC 2359/4315).',
    COPYUID: 'Not in RFC 1730 (UIDPLUS, RFC 2359/4315).',
  },
  capabilityRef: r1730('7.2.1'),
  searchRef: r1730('6.4.4'),
  sequenceRef: r1730('9 (sequence)'),
  envelopeRef: r1730('7.4.2'),
  fetchRef: r1730('6.4.5'),
};

const r9051 = (sec: string) => `RFC 9051 §${sec}`;

const IMAP4REV2: DialectProfile = {
  name: 'imap4rev2',
  doc: 'RFC 9051',
  note:
    'IMAP4rev2 (RFC 9051, 2021): SEARCH answers * ESEARCH, \\Recent and RECENT are gone, SELECT also sends * LIST, ' +
    'CHECK, LSUB and RFC822.* were removed, UTF-8 is allowed in names.',
  tagRef: r9051('2.2.1'),
  untaggedRef: r9051('7'),
  contRef: r9051('7.6'),
  completionRef: r9051('2.2.2'),
  responses: {
    OK: { ...RESPONSES.OK, rfc: r9051('7.1.1') },
    NO: { ...RESPONSES.NO, rfc: r9051('7.1.2') },
    BAD: { ...RESPONSES.BAD, rfc: r9051('7.1.3') },
    PREAUTH: { ...RESPONSES.PREAUTH, rfc: r9051('7.1.4') },
    BYE: { ...RESPONSES.BYE, rfc: r9051('7.1.5') },
    ENABLED: { ...RESPONSES.ENABLED, rfc: r9051('7.2.1') },
    CAPABILITY: { ...RESPONSES.CAPABILITY, rfc: r9051('7.2.2') },
    LIST: { text: 'One mailbox: attributes, delimiter, name (and extended data). In rev2 SELECT/EXAMINE also send one for the opened mailbox.', rfc: r9051('7.3.1') },
    NAMESPACE: { ...RESPONSES.NAMESPACE, rfc: r9051('7.3.2') },
    STATUS: { text: 'Counters of a mailbox: MESSAGES UIDNEXT UIDVALIDITY UNSEEN DELETED SIZE (RECENT is gone).', rfc: r9051('7.3.3') },
    ESEARCH: { text: 'The rev2 search result: an optional (TAG "…") naming the command, UID if the numbers are UIDs, then MIN / MAX / COUNT / ALL as asked with RETURN (ALL by default).', rfc: r9051('7.3.4') },
    FLAGS: { ...RESPONSES.FLAGS, rfc: r9051('7.3.5') },
    EXISTS: { ...RESPONSES.EXISTS, rfc: r9051('7.4.1') },
    EXPUNGE: { ...RESPONSES.EXPUNGE, rfc: r9051('7.5.1') },
    FETCH: { text: 'Data about one message; in rev2 every unsolicited FETCH carries UID.', rfc: r9051('7.5.2') },
    SEARCH: { text: 'The rev1 form: a rev2 server never sends it (SEARCH answers * ESEARCH); rev2-only clients ignore it.', rfc: `${r9051('7.3.4')}, RFC 9051 App. E` },
  },
  codes: {
    CLOSED: { text: 'The mailbox selected before is now closed: sent when SELECT or EXAMINE replaces it.', rfc: r9051('7.1') },
    UNSEEN: { text: 'The first unseen message: no longer sent on SELECT in rev2 (deprecated).', rfc: `${r9051('7.1')}, App. E` },
  },
  items: {
    RFC822: { text: 'Removed in rev2: use BODY[].', rfc: 'RFC 9051 App. E' },
    'RFC822.HEADER': { text: 'Removed in rev2: use BODY.PEEK[HEADER].', rfc: 'RFC 9051 App. E' },
    'RFC822.TEXT': { text: 'Removed in rev2: use BODY[TEXT].', rfc: 'RFC 9051 App. E' },
    'RFC822.SIZE': { text: 'The message size in octets (a 63-bit number in rev2).', rfc: r9051('7.5.2') },
    BINARY: { text: 'A part with its content-transfer-encoding undone (BINARY[section]); may arrive as a literal8 ~{n}.', rfc: r9051('6.4.5') },
    'BINARY.SIZE': { text: 'The decoded size of a part.', rfc: r9051('6.4.5') },
    MIN: { text: 'The lowest matching number.', rfc: r9051('6.4.4.1') },
    MAX: { text: 'The highest matching number.', rfc: r9051('6.4.4.1') },
    COUNT: { text: 'How many messages matched (always present when asked for).', rfc: r9051('6.4.4.1') },
    ALL: { text: 'Every match, as a sequence set (omitted when nothing matched).', rfc: r9051('6.4.4.1') },
  },
  flags: {},
  absent: {
    RECENT: 'IMAP4rev2 removed \\Recent and the RECENT response (RFC 9051 App. E).',
    '\\RECENT': 'IMAP4rev2 removed \\Recent (RFC 9051 App. E).',
    LSUB: 'Removed in IMAP4rev2: use LIST (SUBSCRIBED) "" "*".',
    CHECK: 'Removed in IMAP4rev2: use NOOP.',
  },
  capabilityRef: r9051('7.2.2'),
  searchRef: r9051('6.4.4'),
  sequenceRef: r9051('9 (sequence-set)'),
  envelopeRef: r9051('7.5.2'),
  fetchRef: r9051('6.4.5'),
};

const r1732 = (what: string) => `RFC 1732 “${what}”`;

/** IMAP2bis: IMAP2 plus what RFC 1732 lists as its additions (RFC 2061: what it lacks). */
const IMAP2BIS: DialectProfile = {
  ...IMAP2,
  name: 'imap2bis',
  doc: 'RFC 1732, RFC 2061',
  note:
    'IMAP2bis (1993–96, the protocol of Pine; never an RFC): IMAP2 plus CREATE, DELETE, RENAME, APPEND, EXAMINE, SUBSCRIBE, ' +
    'BODY[n] and PARTIAL — still no CAPABILITY, LIST, UIDs or `*` (RFC 1732, RFC 2061).',
  responses: {
    ...IMAP2.responses,
    MAILBOX: { text: 'A name found by FIND: FIND ALL.MAILBOXES lists every mailbox (INBOX too), FIND MAILBOXES only the subscribed ones. No attributes, no delimiter.', rfc: 'RFC 2061 “LIST command”' },
    BBOARD: { text: 'One bulletin board found by FIND BBOARDS or FIND ALL.BBOARDS; open it with BBOARD name.', rfc: 'RFC 2061 “LSUB, SUBSCRIBE, and UNSUBSCRIBE commands”' },
  },
  codes: {
    ...IMAP2.codes,
    TRYCREATE: { text: 'The mailbox does not exist; CREATE it and try again. IMAP2bis sends it as a separate untagged OK before the tagged NO (IMAP4 puts it inside the NO).', rfc: r1732('TRYCREATE') },
  },
  items: {
    ...IMAP2.items,
    BODY: { text: 'The MIME structure without extension data; BODY[n.n] is one part by number, from 1 (no section 0, no BODY.PEEK: reading sets \\Seen).', rfc: r1732('BODY, BODY[section], and FULL fetch data items') },
    FULL: { text: 'Shorthand for (FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY).', rfc: r1732('BODY, BODY[section], and FULL fetch data items') },
    'BODY[]': { text: 'One part of the message by number, from 1 (BODY[1], BODY[2.1]); there is no section 0 and no BODY.PEEK: reading it marks the message \\Seen.', rfc: r1732('BODY, BODY[section], and FULL fetch data items') },
  },
  absent: {
    ...condstoreAbsent('IMAP2bis'),
    CAPABILITY: 'IMAP2bis has no CAPABILITY: its BAD is how a client recognises an IMAP2 or IMAP2bis server (RFC 1732).',
    UID: 'No UIDs in IMAP2bis (RFC 1732: “no equivalent capability exists in older servers”).',
    BODYSTRUCTURE: 'Not in IMAP2bis: use BODY, the non-extensible form (RFC 1732).',
    '\\DRAFT': 'IMAP2bis has no \\Draft flag (added by IMAP4).',
    LIST: 'IMAP2bis lists mailboxes with FIND ALL.MAILBOXES (reply: * MAILBOX), RFC 2061.',
    LSUB: 'IMAP2bis lists subscriptions with FIND MAILBOXES (reply: * MAILBOX), RFC 2061.',
    UIDVALIDITY: 'No UIDs, so no UIDVALIDITY in IMAP2bis.',
    PERMANENTFLAGS: 'Not in IMAP2bis (RFC 1730 added it).',
  },
  capabilityRef: 'RFC 1732, RFC 2061',
  fetchRef: `${r1176('tag FETCH sequence data')}, ${r1732('BODY, BODY[section], and FULL fetch data items')}`,
};

export const PROFILES: Record<string, DialectProfile> = { imap2: IMAP2, imap2bis: IMAP2BIS, imap3: IMAP3, imap4: IMAP4, imap4rev1: REV1, imap4rev2: IMAP4REV2 };

export function profileFor(dialect: string | undefined): DialectProfile {
  return (dialect && PROFILES[dialect]) || REV1;
}

/** A word looked up in the dialect's tables first, then in the rev1 tables (unless the dialect lacks it). */
export function lookup(p: DialectProfile, table: 'responses' | 'codes' | 'items' | 'flags', name: string): Word | undefined {
  const own = p[table][name];
  if (own) return own;
  if (p.absent[name]) return { text: p.absent[name], rfc: p.doc };
  const base = table === 'responses' ? RESPONSES : table === 'codes' ? CODES : table === 'items' ? DATA_ITEMS : FLAGS;
  return base[name];
}
