import { ANY, ok, bad, type CommandSpec } from '../types';
import type { ImapSession } from '../session';
import { wordingOf } from '../wording';
import { enableCondstore } from '../condstore';

/** A capability as the server advertises it (`IMAP4rev2`), for the ENABLED response. */
function enabledName(session: ImapSession, upper: string): string {
  return session.dialect.capabilities(session).find((c) => c.toUpperCase() === upper) ?? upper;
}

/** RFC 3501 §6.1: commands valid in any state. */

export const CAPABILITY: CommandSpec = {
  name: 'CAPABILITY',
  states: ANY,
  syntax: 'CAPABILITY',
  rfc: 'RFC 3501 §6.1.1',
  run({ session, args }) {
    args.end();
    session.askedCapability = true;
    session.untagged(['CAPABILITY', ...session.dialect.capabilities(session)].join(' '));
    return ok(
      session.state === 'not-authenticated'
        ? 'Pre-login capabilities listed, post-login capabilities have more.'
        : 'Capability completed.',
    );
  },
};

export const NOOP: CommandSpec = {
  name: 'NOOP',
  states: ANY,
  syntax: 'NOOP',
  rfc: 'RFC 3501 §6.1.2',
  run({ args }) {
    args.end();
    return ok('NOOP completed.');
  },
};

export const LOGOUT: CommandSpec = {
  name: 'LOGOUT',
  states: ANY,
  syntax: 'LOGOUT',
  rfc: 'RFC 3501 §6.1.3',
  run({ session, args }) {
    args.end();
    const words = wordingOf(session.dialect);
    session.untagged(`BYE ${words.bye}`);
    session.unselect();
    session.state = 'logout';
    return ok(words.logout);
  },
};

/** RFC 2971: the client says who it is; we say who we are. */
export const ID: CommandSpec = {
  name: 'ID',
  states: ANY,
  syntax: 'ID ("name" "value" ...) | ID NIL',
  rfc: 'RFC 2971 §3.1',
  run({ session, args }) {
    args.sp();
    const params = args.nilOrList(() => args.nstring());
    args.end();
    if (params && params.length % 2 !== 0) return bad('Error in IMAP command ID: Invalid parameters');
    session.untaggedValue('ID ', ['name', 'Mail Protocol Playground', 'version', '0.1.0']);
    return ok('ID completed.');
  },
};

/**
 * RFC 5161: ENABLE lists what is on among the names it was given (again for one already on,
 * as Dovecot does); unknown names are ignored. QRESYNC turns CONDSTORE on too (RFC 7162 §3.2.3).
 */
export const ENABLE: CommandSpec = {
  name: 'ENABLE',
  states: ['authenticated'],
  syntax: 'ENABLE capability ...',
  rfc: 'RFC 5161 §3.1',
  run({ session, args }) {
    const names: string[] = [];
    do {
      args.sp();
      names.push(args.atom().toUpperCase());
    } while (!args.atEnd());
    const known = session.dialect.enableable ?? [];
    const listed = [...new Set(names.filter((n) => known.includes(n)))];
    const turnedOn = listed.filter((n) => !session.enabled.has(n));
    for (const n of turnedOn) session.enabled.add(n);
    if (turnedOn.includes('QRESYNC')) enableCondstore(session);
    // Like Dovecot, nothing is said when nothing known was named.
    if (listed.length) session.untagged(['ENABLED', ...listed.map((n) => enabledName(session, n))].join(' '));
    // Some extensions change the session's behaviour (ENABLE IMAP4rev2: RFC 9051 Appendix A).
    for (const n of turnedOn) {
      const next = session.dialect.onEnable?.(session, n);
      if (next) session.dialect = next;
    }
    return ok('Enabled.');
  },
};
