import type { ImapSession } from '../session';
import { NOT_AUTH, PENDING, bad, no, ok, type CommandSpec, type Completion } from '../types';

/** RFC 3501 §6.2: commands of the not-authenticated state. */

function loggedIn(session: ImapSession, user: string, password: string): Completion {
  const account = session.store.authenticate(user, password);
  if (!account) return no('Authentication failed.', 'AUTHENTICATIONFAILED');
  session.account = account;
  session.state = 'authenticated';
  // Like Dovecot, the new capability list rides on the completion so clients need not ask.
  return ok('Logged in', `CAPABILITY ${session.dialect.capabilities(session).join(' ')}`);
}

export const LOGIN: CommandSpec = {
  name: 'LOGIN',
  states: NOT_AUTH,
  syntax: 'LOGIN userid password',
  rfc: 'RFC 3501 §6.2.3',
  run({ session, args }) {
    args.sp();
    const user = args.astring();
    args.sp();
    const password = args.astring();
    args.end();
    return loggedIn(session, user, password);
  },
};

/** RFC 4616 PLAIN: authzid NUL authcid NUL passwd, base64-encoded. */
function plain(session: ImapSession, b64: string): Completion {
  let decoded: string;
  try {
    decoded = b64 === '=' ? '' : new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
  } catch {
    return bad('Invalid base64 data in continued response');
  }
  const parts = decoded.split('\0');
  if (parts.length !== 3) return no('Authentication failed.', 'AUTHENTICATIONFAILED');
  const [authz, authc, password] = parts;
  if (authz && authz.toLowerCase() !== authc.toLowerCase()) return no('Authentication failed.', 'AUTHENTICATIONFAILED');
  return loggedIn(session, authc, password);
}

export const AUTHENTICATE: CommandSpec = {
  name: 'AUTHENTICATE',
  states: NOT_AUTH,
  syntax: 'AUTHENTICATE mechanism [initial-response]',
  rfc: 'RFC 3501 §6.2.2, RFC 4959 (SASL-IR)',
  run({ session, tag, args }) {
    args.sp();
    const mech = args.atom().toUpperCase();
    let initial: string | null = null;
    if (!args.atEnd()) {
      args.sp();
      initial = args.atom();
    }
    args.end();
    if (mech !== 'PLAIN') return no('Unsupported authentication mechanism.');
    if (initial !== null) return plain(session, initial);
    session.continuation('');
    session.takeLines((line) => {
      session.endLineMode();
      const text = new TextDecoder().decode(line);
      session.finish(tag, text === '*' ? bad('Authentication aborted by client.') : plain(session, text));
    });
    return PENDING;
  },
};

/**
 * RFC 3501 §6.2.1. The playground has no TLS (everything stays in the browser or on
 * loopback), so it does not advertise STARTTLS and says why when asked.
 */
export const STARTTLS: CommandSpec = {
  name: 'STARTTLS',
  states: NOT_AUTH,
  syntax: 'STARTTLS',
  rfc: 'RFC 3501 §6.2.1',
  run({ args }) {
    args.end();
    return no('TLS is not available: this playground speaks plaintext only, so you can see every byte.');
  },
};
