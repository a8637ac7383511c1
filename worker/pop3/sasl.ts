/**
 * SASL for POP3's AUTH command (RFC 5034): the mechanisms Dovecot's lab instance offers,
 * PLAIN (RFC 4616) and LOGIN (the de-facto mechanism of older clients). Each mechanism is a
 * small exchange: the server's challenges and, at the end, the credentials to check.
 */

export const MECHANISMS = ['PLAIN', 'LOGIN'] as const;

export type Credentials = { user: string; password: string } | { invalid: true };

/** One exchange in progress: `next` takes the client's decoded response. */
export interface Exchange {
  /** The base64 challenge to send after "+ " (PLAIN's is empty). */
  challenge: string;
  /** The next challenge, or the credentials once the mechanism has all it needs. */
  next(response: string): Exchange | Credentials;
}

/** RFC 4616: [authzid] NUL authcid NUL passwd; an authzid other than the user is refused. */
function plain(response: string): Credentials {
  const parts = response.split('\0');
  if (parts.length !== 3) return { invalid: true };
  const [authz, user, password] = parts;
  if (authz && authz.toLowerCase() !== user.toLowerCase()) return { invalid: true };
  return { user, password };
}

export function start(mech: 'PLAIN' | 'LOGIN'): Exchange {
  if (mech === 'PLAIN') return { challenge: '', next: plain };
  return {
    challenge: btoa('Username:'),
    next: (user) => ({ challenge: btoa('Password:'), next: (password) => ({ user, password }) }),
  };
}
