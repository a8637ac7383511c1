import type { ImapSession } from '../session';
import { NOT_AUTH, PENDING, bad, no, ok, type CommandSpec, type Completion } from '../types';
import { wordingOf } from '../wording';
import { decodeSaslResponse } from '../../wire/sasl';

/** RFC 3501 §6.2: commands of the not-authenticated state. */

function loggedIn(session: ImapSession, user: string, password: string): Completion {
  const account = session.store.authenticate(user, password);
  if (!account) return no('Authentication failed.', 'AUTHENTICATIONFAILED');
  session.account = account;
  session.state = 'authenticated';
  // The capabilities change at login (RFC 3501 §7.2.1). Like Dovecot, tell the client at
  // once: as an untagged response if it has shown it asks, else in the completion's code.
  const text = wordingOf(session.dialect).loggedIn(account.user);
  const list = session.dialect.capabilities(session);
  // Dialects before IMAP4 have no capabilities; RFC 1730 had no CAPABILITY response code,
  // and its capabilities do not change at login.
  const codes = session.dialect.responseCodes;
  if (!list.length || (codes && !codes.has('CAPABILITY'))) return ok(text);
  const caps = `CAPABILITY ${list.join(' ')}`;
  if (session.askedCapability) {
    session.untagged(caps);
    return ok(text);
  }
  return ok(text, caps);
}

/** A failed login is answered only after the failure delay (see ImapSession.failLogin). */
function endLogin(session: ImapSession, tag: string, c: Completion): Completion | typeof PENDING {
  return c.code === 'AUTHENTICATIONFAILED' ? session.failLogin(tag, c) : c;
}

/** From inside AUTHENTICATE's exchange: the completion, delayed if the login failed. */
function finishAuth(session: ImapSession, tag: string, c: Completion): void {
  if (endLogin(session, tag, c) !== PENDING) session.finish(tag, c);
}

export const LOGIN: CommandSpec = {
  name: 'LOGIN',
  states: NOT_AUTH,
  syntax: 'LOGIN userid password',
  rfc: 'RFC 3501 §6.2.3',
  run({ session, tag, args }) {
    args.sp();
    const user = args.astring();
    args.sp();
    const password = args.astring();
    args.end();
    return endLogin(session, tag, loggedIn(session, user, password));
  },
};

const INVALID_BASE64 = no('Invalid base64 in response', 'ALERT');
const b64 = (s: string) => btoa(s);

/** RFC 4616 PLAIN: authzid NUL authcid NUL passwd, base64-encoded. */
function plain(session: ImapSession, response: string): Completion {
  const decoded = decodeSaslResponse(response);
  if (decoded === null) return INVALID_BASE64;
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
    if (mech !== 'PLAIN' && mech !== 'LOGIN') return no('Unsupported authentication mechanism.', 'ALERT');
    if (mech === 'PLAIN' && initial !== null) return endLogin(session, tag, plain(session, initial));
    // PLAIN takes one response; LOGIN (the old de-facto mechanism) asks for the user name,
    // then the password, each as a base64 challenge.
    const answers: string[] = [];
    const challenges = mech === 'PLAIN' ? [''] : [b64('Username:'), b64('Password:')];
    if (mech === 'LOGIN' && initial !== null) {
      const user = decodeSaslResponse(initial);
      if (user === null) return INVALID_BASE64;
      answers.push(user);
      challenges.shift();
    }
    session.continuation(challenges.shift()!);
    session.takeLines((line) => {
      const text = new TextDecoder().decode(line);
      if (text === '*') {
        session.endLineMode();
        return session.finish(tag, bad('Authentication aborted by client.'));
      }
      if (mech === 'PLAIN') {
        session.endLineMode();
        return finishAuth(session, tag, plain(session, text));
      }
      const value = decodeSaslResponse(text);
      if (value === null) {
        session.endLineMode();
        return session.finish(tag, INVALID_BASE64);
      }
      answers.push(value);
      if (challenges.length) return session.continuation(challenges.shift()!);
      session.endLineMode();
      finishAuth(session, tag, loggedIn(session, answers[0], answers[1]));
    }, () => {
      // A response line over the limit: Dovecot gives up on the exchange and the connection
      // ("Authentication response too large"); so do we, untagged.
      session.endLineMode();
      session.untagged('BYE Authentication response too large');
      session.disconnect();
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
