import { readMailbox } from '../names';
import { NOT_AUTH, no, ok, type CommandSpec } from '../types';
import { SUBSCRIBE, UNSUBSCRIBE } from './mailboxes';

/**
 * What RFC 1730 has that later revisions dropped or changed, besides FETCH and PARTIAL
 * (fetch-legacy.ts) and FIND (find.ts).
 */

/**
 * RFC 1730 Appendix A.6.3.OBS.3/4: `SUBSCRIBE MAILBOX name` is the IMAP2bis form of
 * SUBSCRIBE; a server must tell it from `SUBSCRIBE MAILBOX`, a mailbox named MAILBOX.
 */
function withMailboxKeyword(spec: CommandSpec): CommandSpec {
  const verb = spec.name === 'SUBSCRIBE' ? 'to' : 'from';
  return {
    ...spec,
    syntax: `${spec.name} mailbox | ${spec.name} MAILBOX mailbox (obsolete)`,
    rfc: `RFC 1730 §6.3.6-7, Appendix A.6.3.OBS.3-4`,
    run(ctx) {
      const { session, args } = ctx;
      const save = args.pos;
      args.sp();
      if (args.tryWord('MAILBOX') && args.peek() === 0x20) {
        args.sp();
        const shown = new TextDecoder().decode(args.bytes.subarray(args.pos));
        const name = readMailbox(session, args);
        args.end();
        if (spec.name === 'SUBSCRIBE') {
          if (!session.store.mailbox(session.account!, name)) return no(`Mailbox doesn't exist: ${name}`);
          session.store.subscribe(session.account!, name);
        } else session.store.unsubscribe(session.account!, name);
        return ok(`${spec.name} MAILBOX ${verb} ${shown} completed`);
      }
      args.pos = save;
      const c = spec.run(ctx);
      return c !== null && typeof c === 'object' && c.status === 'OK' ? ok(`${spec.name} completed`) : c;
    },
  };
}

export const SUBSCRIBE_1730 = withMailboxKeyword(SUBSCRIBE);
export const UNSUBSCRIBE_1730 = withMailboxKeyword(UNSUBSCRIBE);

/**
 * RFC 1730 §6.2.1 AUTHENTICATE with RFC 1731's mechanisms (KERBEROS_V4, GSSAPI, SKEY), none
 * of which the playground has: the client falls back to LOGIN, as the RFC advises. There is
 * no initial response (SASL-IR is RFC 4959) and no AUTH= capability (RFC 2060).
 */
export const AUTHENTICATE_1730: CommandSpec = {
  name: 'AUTHENTICATE',
  states: NOT_AUTH,
  syntax: 'AUTHENTICATE mechanism',
  rfc: 'RFC 1730 §6.2.1, RFC 1731',
  run({ args }) {
    args.sp();
    const mech = args.atom('mechanism').toUpperCase();
    args.end();
    return no(`Unsupported authentication mechanism ${mech}: this server has none of RFC 1731's (KERBEROS_V4, GSSAPI, SKEY); use LOGIN`);
  },
};
