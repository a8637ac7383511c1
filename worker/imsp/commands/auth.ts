/**
 * Connection and identity: CAPABILITY, NOOP, LOGOUT, LOGIN, AUTHENTICATE (IMSP.md §4.1–§4.5).
 */
import { AUTH_ADMIN } from '../db/abook';
import type { ImspCommandSpec, ImspContext } from '../types';
import { copyAstring, from64, getAtom, lcase, to64, type Step } from '../wire';

/** The SASL mechanisms the playground implements. */
export const MECHANISMS = ['PLAIN', 'LOGIN'];

function* capability({ session, tag, word }: ImspContext): Step {
  // Arguments are ignored. The real mechanism list is whatever libsasl2 has installed.
  session.send(`* CAPABILITY${MECHANISMS.map((m) => ` AUTH=${m}`).join('')} LITERAL+\r\n`);
  session.completed(tag, word);
}

function* noop({ session, tag, word, args }: ImspContext): Step {
  if (!args.atEnd) return session.reply(tag, `BAD command '${word}' requires no arguments`);
  session.completed(tag, word);
}

function* logout({ session, tag, word, args }: ImspContext): Step {
  if (!args.atEnd) return session.reply(tag, `BAD command '${word}' requires no arguments`);
  session.send('* BYE Logging user out\r\n');
  session.reply(tag, 'OK Logging user out');
  session.logout();
}

function* login({ session, tag, word, args }: ImspContext): Step {
  const user = yield* copyAstring(args, session.parse);
  const pass = user === null ? null : yield* copyAstring(args, session.parse);
  if (user === null || pass === null || !args.atEnd) return session.reply(tag, `BAD command '${word}' requires 2 properly formed argument(s)`);
  let olduser: string | null = null;
  if (!session.checkPassword(user, pass)) {
    // An administrator may become another user by giving an empty password.
    if (pass !== '' || session.level !== AUTH_ADMIN) {
      yield* session.failureDelay();
      return session.reply(tag, 'NO Login incorrect');
    }
    olduser = session.user;
  }
  const r = session.login(user, olduser);
  session.reply(tag, `${r.ok ? 'OK' : 'NO'} ${r.text}`);
}

/** The outcome of a SASL exchange: the authorization id, or the SASL error text. */
type SaslResult = { user: string } | { error: string };

function checkUser(session: ImspContext['session'], user: string, password: string): SaslResult {
  if (user === '') return { error: 'generic failure' };
  if (!session.userExists(user)) return { error: 'user not found' };
  if (!session.checkPassword(user, password)) return { error: 'authentication failure' };
  return { user };
}

/** PLAIN (RFC 4616): authzid NUL authcid NUL password. */
function plain(session: ImspContext['session'], msg: string): SaslResult {
  const parts = msg.split('\0');
  if (parts.length < 3) return { error: 'bad protocol / cancel' };
  const [authz, authc] = parts;
  const password = parts.slice(2).join('\0');
  const r = checkUser(session, authc, password);
  if ('error' in r) return r;
  if (authz !== '' && authz !== authc) return { error: 'authentication failure' };
  return r;
}

function* authenticate({ session, tag, word, args }: ImspContext): Step {
  const mech = getAtom(args);
  if (mech === null || !args.atEnd) return session.reply(tag, `BAD command '${word}' requires 1 properly formed argument(s)`);
  const m = lcase(mech);
  if (m !== 'plain' && m !== 'login') return session.reply(tag, 'NO no mechanism available');
  // Reads one client response; null ends the exchange (invalid base64 has been answered).
  const respond = function* (challenge: string): Step<string | null | undefined> {
    session.send(`+ ${to64(challenge)}\r\n`);
    const line = yield { kind: 'line' };
    if (line === null) return undefined;
    const data = from64(line);
    if (data === null) {
      session.reply(tag, 'BAD Invalid base64 string');
      return null;
    }
    return data;
  };
  let result: SaslResult;
  if (session.saslDone) {
    // The connection's SASL context has been used up by an earlier success.
    if (m === 'plain') {
      const r = yield* respond('');
      if (r === null) return;
      if (r === undefined) return session.logout();
    }
    result = { error: 'generic failure' };
  } else if (m === 'plain') {
    const r = yield* respond('');
    if (r === null) return;
    if (r === undefined) return session.logout();
    result = plain(session, r);
  } else {
    const user = yield* respond('Username:');
    if (user === null) return;
    if (user === undefined) return session.logout();
    const pass = yield* respond('Password:');
    if (pass === null) return;
    if (pass === undefined) return session.logout();
    result = checkUser(session, user, pass);
  }
  if ('error' in result) {
    yield* session.failureDelay();
    return session.reply(tag, `NO ${result.error}`);
  }
  const r = session.login(result.user, null);
  session.reply(tag, `${r.ok ? 'OK' : 'NO'} ${r.text}`);
  if (r.ok) session.saslDone = true;
}

export const authCommands: ImspCommandSpec[] = [
  { name: 'capability', syntax: 'CAPABILITY', ref: 'IMSP.md §4.1', run: capability },
  { name: 'noop', syntax: 'NOOP', ref: 'IMSP.md §4.2', run: noop },
  { name: 'logout', syntax: 'LOGOUT', ref: 'IMSP.md §4.3', run: logout },
  { name: 'login', syntax: 'LOGIN user password', ref: 'IMSP.md §4.4', run: login },
  { name: 'authenticate', syntax: 'AUTHENTICATE mechanism', ref: 'IMSP.md §4.5', run: authenticate },
];
