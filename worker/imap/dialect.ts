import type { ImapSession } from './session';
import type { SelectedMailbox } from './tracker';
import type { CommandSpec, Completion, State } from './types';
import type { Syntax } from '../wire/parser';
import type { LegacyFetchGrammar } from './commands/fetch-legacy';
import type { FindGrammar } from './commands/find';
import type { Reader } from '../wire/parser';

/**
 * Every IMAP dialect the engine can serve, oldest first (whether loaded yet or not): IMAP2
 * (RFC 1176, 1990), IMAP3 (RFC 1203, 1991), IMAP2bis (drafts from 1992-93), IMAP4 (RFC 1730,
 * 1994), IMAP4rev1, IMAP4rev2. Every list of them shows this order.
 */
export const DIALECT_NAMES = ['imap2', 'imap3', 'imap2bis', 'imap4', 'imap4rev1', 'imap4rev2'] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

/**
 * How a dialect words the session's own refusals (unknown command, wrong state, bad
 * syntax) and a few fixed texts. The default is Dovecot's wording (the rev1 reference).
 */
export interface Wording {
  unknownCommand(name: string): string;
  /** A syntax error in the arguments; `syntax` is the command's one-line grammar. */
  badSyntax(name: string, message: string, syntax: string): string;
  /** A command that exists but not in this state. */
  wrongState(name: string, state: State, allowed: readonly State[]): Completion;
  /** The completion text of a successful LOGIN. */
  loggedIn(user: string): string;
  /** `* BYE <text>` and the completion text of LOGOUT. */
  bye: string;
  logout: string;
}

/**
 * What makes one era's IMAP different from another: data over the shared session core.
 * Handlers consult the dialect for the few behaviours that differ; the command table says
 * which commands exist at all.
 */
export interface Dialect {
  name: DialectName;
  /** e.g. `IMAP4rev1 (RFC 3501)` */
  title: string;
  /** The defining document(s), e.g. `RFC 1176`. */
  rfc: string;
  /** The port the protocol was assigned (shown, not bound): 143, or 220 for IMAP3. */
  port: number;
  /** Text after `* ` of the greeting. */
  greeting(session: ImapSession): string;
  /** The capability list for the session's current state; empty when the dialect has none. */
  capabilities(session: ImapSession): string[];
  commands: ReadonlyMap<string, CommandSpec>;
  /** Commands allowed after `UID` (RFC 3501 §6.4.8); empty before IMAP4. */
  uidCommands: ReadonlyMap<string, CommandSpec>;
  /** Whether \Recent and the RECENT response exist (gone in IMAP4rev2). */
  recent: boolean;
  /** RFC 3501 lets RENAME INBOX move its messages; Dovecot (our rev1 reference) refuses. */
  renameInbox?: boolean;
  /** STATUS items the dialect knows (default: RFC 3501's five). */
  statusItems?: string[];
  /** Capabilities ENABLE can turn on (RFC 5161). */
  enableable?: string[];
  /**
   * Called after ENABLE turned `name` on; a dialect returned here replaces the session's
   * (a rev1 session that enables IMAP4rev2 continues with rev2 behaviour, RFC 9051 App. A).
   */
  onEnable?(session: ImapSession, name: string): Dialect | void;

  // --- lexical and response shapes ---------------------------------------------------
  /** Lexical rules for reading commands (default: RFC 3501's). */
  syntax?: Syntax;
  /** Whether `*` may stand for the last message in a sequence (not before IMAP4). */
  sequenceStar?: boolean;
  /** `$`, the saved SEARCH result, in sequence sets (RFC 9051 SEARCHRES). */
  searchRes?: boolean;
  /** Refusal and fixed texts (default: Dovecot's). */
  wording?: Partial<Wording>;
  /**
   * Response codes (`[CODE]`) the dialect knows; a completion carrying any other code is
   * sent without it (RFC 1730 has no APPENDUID, IMAP2 only the informal READ-ONLY/WRITE).
   * Absent: every code is sent.
   */
  responseCodes?: ReadonlySet<string>;
  /** The system flags the dialect has, in the order it lists them (IMAP2 has no \Draft). */
  systemFlags?: readonly string[];
  /** Whether the untagged FLAGS list names the keywords before the system flags (IMAP2). */
  keywordsFirst?: boolean;
  /** Whether the mailbox's FLAGS change is followed by PERMANENTFLAGS (since RFC 1730). */
  permanentFlags?: boolean;
  /** RFC 9051 §7.5.2: every unsolicited FETCH carries UID. */
  unsolicitedUid?: boolean;
  /** INTERNALDATE as the dialect writes it (default `dd-Mon-yyyy hh:mm:ss +zzzz`). */
  formatDate?(ms: number, zone: number): string;
  /**
   * The untagged data and completion of SELECT / EXAMINE / BBOARD once the mailbox is open
   * (default: rev1's, in Dovecot's order).
   */
  opened?(session: ImapSession, sel: SelectedMailbox, how: 'SELECT' | 'EXAMINE' | 'BBOARD'): Completion;
  /**
   * The prefix of data a command asked for: `*` everywhere except in IMAP3 with the
   * TAGGED.SOLICITED feature, where it carries the command's tag (RFC 1203).
   */
  solicitedPrefix?(session: ImapSession, tag: string): string;
  /** The FETCH grammar of a dialect older than RFC 2060 (see fetch-legacy.ts). */
  fetch?: LegacyFetchGrammar;
  /** FIND (before LIST): what its options mean in this era. */
  find?: FindGrammar;
  /**
   * APPEND's date argument (default RFC 3501's `"dd-Mon-yyyy hh:mm:ss +zzzz"`); IMAP2bis also
   * reads the old form with a two-digit year and a zone name (RFC 1732).
   */
  appendDate?(args: Reader): { time: number; zone: number };
  /** SEARCH dates: RFC 1730 also reads two-digit years (`date_year_old`). */
  searchDate?(args: Reader): number;
  /** LIST: the extended forms of RFC 5258 (default true); false gives RFC 1730's LIST. */
  listExtended?: boolean;
  /** LIST/LSUB attributes: with \HasChildren and special-use (default) or RFC 1730's only. */
  listAttributes?: 'rev1' | 'rfc1730';
  /**
   * Whether an extended LIST (RFC 5258) still carries \HasChildren/\HasNoChildren and the
   * special-use attributes unasked. Dovecot 2.3 (rev1) sends them only for a plain LIST or
   * when RETURN asks; our IMAP4rev2 sends them always (RFC 9051 §6.3.9 lets a server).
   */
  listAttributesAlways?: boolean;
  /**
   * RFC 7162 CONDSTORE and QRESYNC: the MODSEQ fetch item and search key, the CHANGEDSINCE,
   * UNCHANGEDSINCE and VANISHED modifiers, SELECT's (CONDSTORE) and (QRESYNC …) parameters.
   */
  condstore?: boolean;
  /** FETCH BINARY[…], BINARY.PEEK[…] and BINARY.SIZE[…] (RFC 3516; base in RFC 9051). */
  binary?: boolean;
  /** MULTIAPPEND (RFC 3502): one APPEND may carry several messages. */
  multiAppend?: boolean;
  /** CATENATE (RFC 4469): APPEND builds a message from TEXT parts and IMAP URLs. */
  catenate?: boolean;
  /** FETCH items the dialect removed, with a hint (RFC 9051: RFC822 → BODY[]). */
  fetchRemoved?: Readonly<Record<string, string>>;
  /** Commands the dialect removed, with a hint (RFC 9051: CHECK → NOOP, LSUB → LIST). */
  removed?: Readonly<Record<string, string>>;
}

export const commandTable = (...specs: CommandSpec[]): ReadonlyMap<string, CommandSpec> =>
  new Map(specs.map((s) => [s.name, s]));
