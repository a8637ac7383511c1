import type { Dialect, Wording } from './dialect';
import type { State } from './types';

/** Dovecot's wording, the rev1 reference (docs/dovecot-observations.md). */
export const DOVECOT_WORDING: Wording = {
  unknownCommand: (name) => `Error in IMAP command ${name}: Unknown command.`,
  badSyntax: (name, message, syntax) => `Error in IMAP command ${name}: ${message} (syntax: ${syntax})`,
  wrongState: (name, state, allowed) => ({ status: 'BAD', text: `Error in IMAP command ${name}: ${stateReason(state, allowed)}` }),
  loggedIn: () => 'Logged in',
  bye: 'Logging out',
  logout: 'Logout completed.',
};

export function stateReason(state: State, allowed: readonly State[]): string {
  if (state === 'not-authenticated') return 'Not logged in yet.'; // not allowed before login
  if (allowed.includes('selected')) return 'No mailbox selected.';
  if (allowed.includes('not-authenticated')) return 'Already logged in.';
  return 'Not allowed in this state.';
}

/** The dialect's wording, falling back to Dovecot's for what it does not say. */
export function wordingOf(d: Dialect): Wording {
  return d.wording ? { ...DOVECOT_WORDING, ...d.wording } : DOVECOT_WORDING;
}
