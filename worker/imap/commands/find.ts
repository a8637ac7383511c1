import { atom, type Value } from '../../wire/values';
import { isAtomText } from '../../wire/encode';
import { sortedMailboxes } from '../listing';
import { toWire } from '../names';
import type { ImapSession } from '../session';
import { AUTH, ok, type CommandSpec } from '../types';
import { bboards } from './imap2';
import { plainValue } from './fetch-legacy';

/**
 * FIND, the mailbox listing before LIST: `FIND MAILBOXES pattern` → `* MAILBOX name`
 * (RFC 1176), `FIND BBOARDS pattern` → `* BBOARD name`, and IMAP2bis's `FIND ALL.MAILBOXES`
 * and `FIND ALL.BBOARDS` (RFC 2061), which RFC 1730 keeps as obsolete commands.
 *
 * What the words mean moved over time, and the dialect says which era it is:
 * - RFC 1176: MAILBOXES is every mailbox usable with SELECT except INBOX ("INBOX is never
 *   listed"); `*` matches any run of characters, `%` exactly one (RFC 1203 adds `\` quoting);
 * - IMAP2bis and RFC 1730 (Appendix A): MAILBOXES is the subscribed ("active") names,
 *   ALL.MAILBOXES all of them, INBOX included; `%` and `?` match one character.
 */
export interface FindGrammar {
  /** What `FIND MAILBOXES` lists. */
  mailboxes: 'all-but-inbox' | 'subscribed';
  /** Whether BBOARDS / ALL.BBOARDS exist (not in RFC 1730). */
  bboards: boolean;
  wildcards: 'rfc1176' | 'rfc1203' | 'rfc1730';
}

const OPTIONS = ['MAILBOXES', 'ALL.MAILBOXES', 'BBOARDS', 'ALL.BBOARDS'];

/** A FIND pattern as a regular expression (the whole name must match). */
export function findPattern(pattern: string, wildcards: FindGrammar['wildcards']): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (wildcards === 'rfc1203' && ch === '\\' && i + 1 < pattern.length) {
      re += pattern[++i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (ch === '*') re += '.*';
    else if (ch === '%' || (ch === '?' && wildcards === 'rfc1730')) re += '.';
    else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'is');
}

/** A name in a MAILBOX or BBOARD reply: an atom when it can be one. */
function nameValue(session: ImapSession, name: string): Value {
  const wire = toWire(session, name);
  return isAtomText(wire) ? atom(wire) : plainValue(wire);
}

export const FIND: CommandSpec = {
  name: 'FIND',
  states: AUTH,
  syntax: 'FIND (MAILBOXES | ALL.MAILBOXES | BBOARDS | ALL.BBOARDS) pattern',
  rfc: 'RFC 1176 "tag FIND MAILBOXES pattern", RFC 1730 Appendix A.6.3',
  run({ session, args }) {
    const g = session.dialect.find!;
    args.sp();
    const start = args.pos;
    const option = args.atom('FIND option').toUpperCase();
    if (!OPTIONS.includes(option) || (!g.bboards && option.endsWith('BBOARDS'))) {
      const known = OPTIONS.filter((o) => g.bboards || !o.endsWith('BBOARDS')).join(', ');
      throw args.error(`Unknown FIND option ${option} (this server knows ${known})`, start);
    }
    args.sp();
    const pattern = args.listMailbox();
    args.end();
    const re = findPattern(pattern, g.wildcards);
    const acc = session.account!;
    if (option.endsWith('BBOARDS')) {
      for (const mb of bboards(session)) if (re.test(mb.name)) session.untaggedValues('BBOARD', [nameValue(session, mb.name)]);
      return ok('FIND completed');
    }
    for (const mb of sortedMailboxes(acc, (n) => session.isHere(n))) {
      if (mb.noselect || !re.test(mb.name)) continue;
      if (option === 'MAILBOXES') {
        if (g.mailboxes === 'all-but-inbox' && mb.name === 'INBOX') continue;
        if (g.mailboxes === 'subscribed' && !acc.subscriptions.has(mb.name)) continue;
      }
      session.untaggedValues('MAILBOX', [nameValue(session, mb.name)]);
    }
    return ok(session.dialect.name === 'imap4' ? `FIND ${option} completed` : 'FIND completed');
  },
};
