import { StoreError, canonicalName } from '../store/store';
import type { Reader } from '../wire/parser';
import { decodeMailboxName, encodeMailboxName } from '../wire/mutf7';
import { atom, type Value } from '../wire/values';
import { isAtomText } from '../wire/encode';
import type { ImapSession } from './session';

/**
 * Mailbox names are stored as Unicode. On the wire they are modified UTF-7 (RFC 3501
 * §5.1.3) unless the session speaks UTF-8 (RFC 9051 / UTF8=ACCEPT), so conversion happens
 * here and nowhere else.
 */
export function utf8Names(session: ImapSession): boolean {
  return session.dialect.name === 'imap4rev2' || session.enabled.has('UTF8=ACCEPT') || session.enabled.has('IMAP4REV2');
}

export function fromWire(session: ImapSession, name: string): string {
  if (utf8Names(session)) return canonicalName(name);
  try {
    return canonicalName(decodeMailboxName(name));
  } catch {
    throw new StoreError(null, 'Mailbox name is not valid mUTF-7');
  }
}

/** Reads a `mailbox` argument and returns its stored (Unicode, canonical) name. */
export function readMailbox(session: ImapSession, args: Reader): string {
  return fromWire(session, args.mailbox());
}

export function toWire(session: ImapSession, name: string): string {
  return utf8Names(session) ? name : encodeMailboxName(name);
}

/**
 * A mailbox name as a response value, written as Dovecot writes an astring: an atom when it
 * can be one, else a quoted string (escaping `"` and `\`), a literal only for CR, LF or 8-bit.
 */
export function mailboxValue(session: ImapSession, name: string): Value {
  const wire = toWire(session, name);
  if (isAtomText(wire) && wire.toUpperCase() !== 'NIL') return atom(wire);
  if (/^[\x01-\x09\x0b\x0c\x0e-\x7f]*$/.test(wire)) return atom(`"${wire.replace(/["\\]/g, '\\$&')}"`);
  // RFC 9051 §9 QUOTED-CHAR takes UTF-8: a UTF-8 session gets the name quoted, not a literal.
  if (utf8Names(session) && !/[\x00\r\n]/.test(wire)) return atom(`"${wire.replace(/["\\]/g, '\\$&')}"`);
  return wire;
}
