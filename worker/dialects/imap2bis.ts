import { APPEND } from '../imap/commands/append';
import { LEGACY_FETCH, PARTIAL, type LegacyFetchGrammar } from '../imap/commands/fetch-legacy';
import { CREATE, DELETE, RENAME } from '../imap/commands/mailboxes';
import { SUBSCRIBE_1730, UNSUBSCRIBE_1730 } from '../imap/commands/rfc1730';
import { EXAMINE } from '../imap/commands/select';
import { copy2 } from '../imap/commands/imap2';
import { readAnyDateTime } from '../imap/olddates';
import type { ImapSession } from '../imap/session';
import { no, type CommandSpec, type Completion } from '../imap/types';
import { StoreError } from '../store/store';
import { commandTable, type Dialect } from '../imap/dialect';
import { IMAP2_COMMANDS, IMAP2_FETCH, IMAP2_WORDING, imap2 } from './imap2';

/**
 * IMAP2bis: the experimental revision of RFC 1176 that UW's servers and Pine spoke from 1993
 * until IMAP4 replaced it. Its drafts are not available; what it had is known from the lists in
 * RFC 1732 ("introduced in the experimental IMAP2bis revisions … may be present in a server
 * that does not support the CAPABILITY command") and RFC 2061 ("Most IMAP4 facilities are in
 * IMAP2bis. The following exceptions exist"). So this dialect is IMAP2 (RFC 1176) plus those
 * additions, each in the form RFC 1730 gives it, minus everything the two lists call IMAP4's.
 */

/**
 * RFC 1732 names BODY, BODY[section] and FULL as IMAP2bis's; BODY.PEEK, section 0, UID,
 * BODYSTRUCTURE and RFC822.HEADER.LINES as IMAP4's. Reading a body sets \Seen, as in IMAP2
 * (RFC 1732: "use the corresponding non-PEEK versions and manually clear the \Seen flag").
 */
export const IMAP2BIS_FETCH: LegacyFetchGrammar = {
  ...IMAP2_FETCH,
  items: [...IMAP2_FETCH.items, 'BODY'],
  macros: { ...IMAP2_FETCH.macros, FULL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODY'] },
  sections: true,
  sectionPeekAndZero: false,
};

/**
 * RFC 1732: "The experimental IMAP2bis version specified that the TRYCREATE special
 * information token is sent as a separate unsolicited OK response instead of inside the NO
 * response." The command's NO keeps its text; the code goes ahead in `* OK [TRYCREATE]`.
 */
function tryCreateApart(spec: CommandSpec): CommandSpec {
  const apart = (session: ImapSession, e: unknown): Completion => {
    if (!(e instanceof StoreError) || e.code !== 'TRYCREATE') throw e;
    session.untagged(`OK [TRYCREATE] ${e.message}`);
    return no(e.message);
  };
  return {
    ...spec,
    beforeLiteral: spec.beforeLiteral
      ? (ctx, size) => {
          try {
            return spec.beforeLiteral!(ctx, size);
          } catch (e) {
            return apart(ctx.session, e);
          }
        }
      : undefined,
    run(ctx) {
      try {
        return spec.run(ctx);
      } catch (e) {
        return apart(ctx.session, e);
      }
    },
  };
}

/**
 * RFC 2061 lists `SUBSCRIBE BBOARD` and `UNSUBSCRIBE BBOARD` among IMAP2bis's bulletin-board
 * commands and recommends "that none of these commands be implemented in new software": they
 * are recognised and refused with that reason (a board named as a mailbox is still a mailbox).
 */
function refusingBboards(spec: CommandSpec): CommandSpec {
  return {
    ...spec,
    syntax: `${spec.name} [MAILBOX] mailbox`,
    rfc: 'RFC 1732 "SUBSCRIBE and UNSUBSCRIBE commands", RFC 1730 Appendix A.6.3.OBS.3-4',
    run(ctx) {
      const { args } = ctx;
      const save = args.pos;
      args.sp();
      if (args.tryWord('BBOARD') && args.peek() === 0x20) {
        return no(`${spec.name} BBOARD is not kept here: RFC 2061 advises against bulletin-board subscriptions (FIND ALL.BBOARDS lists the boards, BBOARD opens one)`);
      }
      args.pos = save;
      return spec.run(ctx);
    },
  };
}

/** The `Name completed` wording of IMAP2's own completions, for the commands taken from rev1. */
function plainWords(spec: CommandSpec, rfc: string, syntax = spec.syntax): CommandSpec {
  return {
    ...spec,
    rfc,
    syntax,
    run(ctx) {
      const c = spec.run(ctx);
      return typeof c === 'object' && c !== null && c.status === 'OK' && /^\w+ completed\.$/.test(c.text) ? { ...c, text: c.text.slice(0, -1) } : c;
    },
  };
}

const R1732 = (what: string) => `RFC 1732 "${what}"`;

const IMAP2_ONLY_COPY = IMAP2_COMMANDS.find((c) => c.name === 'COPY')!;

export const imap2bis: Dialect = {
  ...imap2,
  name: 'imap2bis',
  title: 'IMAP2bis (RFC 1732, RFC 2061)',
  rfc: 'RFC 1732, RFC 2061 (over RFC 1176)',
  greeting: (session) => `OK ${session.env.host} IMAP2bis service ready`,
  commands: commandTable(
    ...IMAP2_COMMANDS.filter((c) => c !== IMAP2_ONLY_COPY),
    // RFC 1732: a server with CREATE no longer creates the destination of COPY.
    tryCreateApart({ ...copy2({ seen: () => true, create: false }), rfc: `RFC 1176 "tag COPY sequence mailbox", ${R1732('TRYCREATE')}` }),
    plainWords(CREATE, R1732('CREATE, DELETE, and RENAME commands')),
    plainWords(DELETE, R1732('CREATE, DELETE, and RENAME commands')),
    plainWords(RENAME, R1732('CREATE, DELETE, and RENAME commands')),
    tryCreateApart(
      plainWords(
        APPEND,
        `${R1732('APPEND command')}, ${R1732('flags and internal date argument to APPEND command')}`,
        'APPEND mailbox [(flag ...)] ["dd-mmm-yy hh:mm:ss zzz"] {size}',
      ),
    ),
    plainWords(EXAMINE, R1732('EXAMINE command')),
    refusingBboards(SUBSCRIBE_1730),
    refusingBboards(UNSUBSCRIBE_1730),
    { ...PARTIAL, syntax: 'PARTIAL message-number (RFC822 | RFC822.HEADER | RFC822.TEXT | BODY[section]) first-octet count', rfc: `${R1732('PARTIAL command')}, RFC 1730 §6.4.6` },
  ),
  wording: { ...IMAP2_WORDING, bye: 'IMAP2bis server terminating connection' },
  fetch: IMAP2BIS_FETCH,
  // RFC 2061: FIND ALL.MAILBOXES lists every name (LIST's ancestor), FIND MAILBOXES the
  // subscribed ones; FIND ALL.BBOARDS joins RFC 1176's FIND BBOARDS.
  find: { mailboxes: 'subscribed', bboards: true, wildcards: 'rfc1730' },
  appendDate: readAnyDateTime,
  // Which RENAME INBOX IMAP2bis had is not recorded; RFC 1730 §6.3.5, its successor's, is used.
  renameInbox: true,
};
