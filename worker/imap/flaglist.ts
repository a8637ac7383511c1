import { SYSTEM_FLAGS, type Mailbox } from '../store/model';
import type { ImapSession } from './session';

/**
 * The flags a mailbox offers, as the session's dialect lists them in `* FLAGS (...)`: the
 * dialect's system flags and the mailbox's keywords (IMAP2's sample lists keywords first).
 */
export function mailboxFlags(session: ImapSession, mb: Mailbox): string[] {
  const d = session.dialect;
  const system = [...(d.systemFlags ?? SYSTEM_FLAGS)];
  return d.keywordsFirst ? [...mb.keywords, ...system] : [...system, ...mb.keywords];
}

/**
 * `FLAGS (...)` and, where the dialect has it (RFC 1730 on), `OK [PERMANENTFLAGS (...)]`:
 * sent at SELECT and again whenever a new keyword appears (RFC 3501 §7.2.6).
 */
export function flagListLines(session: ImapSession, mb: Mailbox, readOnly: boolean): string[] {
  const flags = mailboxFlags(session, mb).join(' ');
  const lines = [`FLAGS (${flags})`];
  if (session.dialect.permanentFlags !== false) {
    lines.push(readOnly ? 'OK [PERMANENTFLAGS ()] Read-only mailbox.' : `OK [PERMANENTFLAGS (${flags} \\*)] Flags permitted.`);
  }
  return lines;
}
