/**
 * ENVELOPE (RFC 3501 §7.4.2) built from a message header the way Dovecot 2.3 does it
 * (lib-mail/message-part-data.c + lib-imap/imap-envelope.c):
 *
 * - date, in-reply-to, message-id: the raw value, line breaks removed (NIL when absent);
 * - subject: the raw value cleaned for humans (whitespace runs collapsed), encoded words kept;
 * - address fields parsed with Dovecot's recovery rules; an absent or empty field is NIL;
 *   sender and reply-to fall back to from;
 * - when a field occurs more than once: the address lists are concatenated, for the other
 *   fields the last occurrence wins.
 */
import type { Value } from '../wire/values';
import { eqIgnoreCase } from './bytes';
import { type Address, parseAddressList } from './address';
import { type MessageHeader, fullValue } from './header';
import { humanString, nstring, nstringNoLf } from './istring';
import { NUL_REPLACEMENT } from './rfc822';
import { tight } from './tight';

export interface EnvelopeData {
  date: string | null;
  subject: string | null;
  from: Address[];
  sender: Address[];
  replyTo: Address[];
  to: Address[];
  cc: Address[];
  bcc: Address[];
  inReplyTo: string | null;
  messageId: string | null;
}

const strdup = (s: string): string => (s.indexOf('\0') === -1 ? s : s.split('\0').join(NUL_REPLACEMENT));

/**
 * Appends every item of `items` to `list`. Not `list.push(...items)`: a spread passes each
 * item as an argument, and a header with ~100,000 addresses overflows the call stack.
 */
function pushAll<T>(list: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) list.push(items[i]);
}

/**
 * The envelope fields of a header (binary strings, unquoted). `part` is a message's header: the
 * root's (parsed or read on its own), or that of `part.message` of a message/rfc822 body part.
 */
export function envelopeData(part: MessageHeader): EnvelopeData {
  const d: EnvelopeData = {
    date: null,
    subject: null,
    from: [],
    sender: [],
    replyTo: [],
    to: [],
    cc: [],
    bcc: [],
    inReplyTo: null,
    messageId: null,
  };
  const raw = part.raw;
  for (const f of part.fields) {
    const n = f.name;
    switch (n.length) {
      case 2:
        if (eqIgnoreCase(n, 'To')) pushAll(d.to, parseAddressList(fullValue(raw, f)));
        else if (eqIgnoreCase(n, 'Cc')) pushAll(d.cc, parseAddressList(fullValue(raw, f)));
        break;
      case 3:
        if (eqIgnoreCase(n, 'Bcc')) pushAll(d.bcc, parseAddressList(fullValue(raw, f)));
        break;
      case 4:
        if (eqIgnoreCase(n, 'Date')) d.date = strdup(fullValue(raw, f));
        else if (eqIgnoreCase(n, 'From')) pushAll(d.from, parseAddressList(fullValue(raw, f)));
        break;
      case 6:
        if (eqIgnoreCase(n, 'Sender')) pushAll(d.sender, parseAddressList(fullValue(raw, f)));
        break;
      case 7:
        if (eqIgnoreCase(n, 'Subject')) d.subject = strdup(fullValue(raw, f));
        break;
      case 8:
        if (eqIgnoreCase(n, 'Reply-To')) pushAll(d.replyTo, parseAddressList(fullValue(raw, f)));
        break;
      case 10:
        if (eqIgnoreCase(n, 'Message-ID')) d.messageId = strdup(fullValue(raw, f));
        break;
      case 11:
        if (eqIgnoreCase(n, 'In-Reply-To')) d.inReplyTo = strdup(fullValue(raw, f));
        break;
    }
  }
  return d;
}

function addresses(list: Address[]): Value {
  if (list.length === 0) return null;
  // `"(" 1*address ")"`: the addresses are written back to back (a tight list)
  return tight(list.map((a) => [
    a.name === null ? null : humanString(a.name),
    nstring(a.route),
    nstring(a.mailbox),
    nstring(a.domain),
  ]));
}

/** ENVELOPE value of a message header (see envelopeData for which part to pass). */
export function envelope(part: MessageHeader): Value {
  return envelopeValue(envelopeData(part));
}

export function envelopeValue(d: EnvelopeData): Value {
  return [
    nstringNoLf(d.date),
    d.subject === null ? null : humanString(d.subject),
    addresses(d.from),
    addresses(d.sender.length > 0 ? d.sender : d.from),
    addresses(d.replyTo.length > 0 ? d.replyTo : d.from),
    addresses(d.to),
    addresses(d.cc),
    addresses(d.bcc),
    nstringNoLf(d.inReplyTo),
    nstringNoLf(d.messageId),
  ];
}
