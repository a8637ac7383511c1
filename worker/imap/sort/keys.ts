/**
 * The per-message values SORT compares (RFC 5256 §3, RFC 5957), worked out once per message
 * and kept beside it (a WeakMap: messages are immutable, and the entry goes with the message).
 * A client that sorts a large mailbox by subject, then by date, then by subject again pays
 * for reading the headers once.
 */
import { decodeEncodedWords, parseRfc5322Date } from '../../mime/decode';
import { parseAddressList } from '../../mime/address';
import type { Message } from '../../store/model';
import { baseSubject, titlecase, type BaseSubject } from './base-subject';
import { headerValue, type SortField } from './headers';

/** The sort criteria of RFC 5256 §3 and RFC 5957 (DISPLAYFROM, DISPLAYTO). */
export const SORT_CRITERIA = ['ARRIVAL', 'CC', 'DATE', 'FROM', 'SIZE', 'SUBJECT', 'TO', 'DISPLAYFROM', 'DISPLAYTO'] as const;
export type SortCriterion = (typeof SORT_CRITERIA)[number];

interface Keys {
  subject?: BaseSubject;
  date?: number;
  CC?: string;
  FROM?: string;
  TO?: string;
  DISPLAYFROM?: string;
  DISPLAYTO?: string;
}

const cache = new WeakMap<Message, Keys>();

function keysOf(m: Message): Keys {
  let k = cache.get(m);
  if (!k) cache.set(m, (k = {}));
  return k;
}

/** A binary string (one character per octet) read as UTF-8 text. */
const utf8 = new TextDecoder();
function text(octets: string): string {
  if (!/[\x80-\xff]/.test(octets)) return octets;
  const b = new Uint8Array(octets.length);
  for (let i = 0; i < octets.length; i++) b[i] = octets.charCodeAt(i);
  return utf8.decode(b);
}

/** The first field named `name`, unfolded; null when the message has none. */
const firstField = (m: Message, name: SortField): string | null => headerValue(m, name);

/** Header text: encoded words decoded, other octets read as UTF-8 (plain ASCII as it is). */
const decoded = (v: string): string => (/^[\x00-\x7f]*$/.test(v) && v.indexOf('=?') === -1 ? v : decodeEncodedWords(v));

/** RFC 5256 §2.1 base subject of the message's (first) Subject: field; '' when it has none. */
export function subjectOf(m: Message): BaseSubject {
  const k = keysOf(m);
  if (!k.subject) {
    const v = firstField(m, 'subject');
    k.subject = v === null ? { base: '', replyOrForward: false } : baseSubject(decoded(v));
  }
  return k.subject;
}

/** Seconds, as RFC 5256 compares dates (and Dovecot keeps them): whole seconds since the epoch. */
const seconds = (ms: number): number => Math.floor(ms / 1000);

/** INTERNALDATE, for ARRIVAL. */
export const arrivalOf = (m: Message): number => seconds(m.internalDate);

/**
 * RFC 5256 §2.2 sent date: the Date: header in UTC, or INTERNALDATE when the header is
 * missing or cannot be read. Used by SORT (DATE) and by both THREAD algorithms.
 */
export function sentOf(m: Message): number {
  const k = keysOf(m);
  if (k.date === undefined) {
    // The Date: value with folding whitespace as one space, as SEARCH SENTON reads it.
    const v = firstField(m, 'date');
    const d = v === null ? null : parseRfc5322Date(v.replace(/\t/g, ' '));
    const s = d ? seconds(d.ms) : 0;
    // A Date: of the epoch itself reads as "no date" (Dovecot stores 0 for one it cannot parse).
    k.date = s > 0 ? s : arrivalOf(m);
  }
  return k.date;
}

/** RFC822.SIZE, for SIZE (the stored octets have CRLF line ends already). */
export const sizeOf = (m: Message): number => m.raw.length;

/**
 * FROM, TO, CC (RFC 5256 §3): the addr-mailbox (local part) of the first address, compared
 * case-insensitively; '' when the field is missing or empty. A group's first "address" is its
 * name, as in ENVELOPE.
 */
function mailboxOf(m: Message, field: 'FROM' | 'TO' | 'CC'): string {
  const k = keysOf(m);
  let v = k[field];
  if (v === undefined) {
    const raw = firstField(m, field.toLowerCase() as SortField);
    const first = raw === null ? undefined : parseAddressList(raw)[0];
    k[field] = v = titlecase(text(first?.mailbox ?? ''));
  }
  return v;
}

/**
 * DISPLAYFROM, DISPLAYTO (RFC 5957 §3): the display name of the first address, decoded; when
 * it has none (or it is empty), the addr-spec `mailbox@host` instead.
 */
function displayOf(m: Message, field: 'DISPLAYFROM' | 'DISPLAYTO'): string {
  const k = keysOf(m);
  let v = k[field];
  if (v === undefined) {
    const raw = firstField(m, field === 'DISPLAYFROM' ? 'from' : 'to');
    const first = raw === null ? undefined : parseAddressList(raw)[0];
    let shown = '';
    if (first) {
      const name = first.name === null ? '' : decoded(first.name);
      if (name !== '') shown = name;
      else if (first.mailbox !== null) shown = text(first.domain !== null ? `${first.mailbox}@${first.domain}` : first.mailbox);
    }
    k[field] = v = titlecase(shown);
  }
  return v;
}

/** The value a criterion compares for one message: a number, or a title-cased string. */
export function sortValue(m: Message, c: SortCriterion): number | string {
  switch (c) {
    case 'ARRIVAL':
      return arrivalOf(m);
    case 'DATE':
      return sentOf(m);
    case 'SIZE':
      return sizeOf(m);
    case 'SUBJECT':
      return subjectOf(m).base;
    case 'FROM':
    case 'TO':
    case 'CC':
      return mailboxOf(m, c);
    case 'DISPLAYFROM':
    case 'DISPLAYTO':
      return displayOf(m, c);
  }
}
