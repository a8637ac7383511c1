/**
 * The per-message values SORT compares (RFC 5256 §3, RFC 5957), worked out once per message
 * and kept beside it (a WeakMap: messages are immutable, and the entry goes with the message).
 * A client that sorts a large mailbox by subject, then by date, then by subject again pays
 * for reading the headers once.
 */
import { decodeEncodedWords } from '../../mime/decode';
import { findField, fullValue, unfoldedValue } from '../../mime/header';
import { parseAddressList } from '../../mime/address';
import type { Message } from '../../store/model';
import { headerOf } from '../mimecache';
import { sentDateOf } from '../search/text';
import { baseSubject, titlecase, type BaseSubject } from './base-subject';

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
function firstField(m: Message, name: string, how: 'unfolded' | 'full'): string | null {
  const h = headerOf(m);
  const f = findField(h.fields, name);
  if (!f) return null;
  return how === 'unfolded' ? unfoldedValue(h.raw, f) : fullValue(h.raw, f);
}

/** RFC 5256 §2.1 base subject of the message's (first) Subject: field; '' when it has none. */
export function subjectOf(m: Message): BaseSubject {
  const k = keysOf(m);
  if (!k.subject) {
    const v = firstField(m, 'Subject', 'unfolded');
    k.subject = v === null ? { base: '', replyOrForward: false } : baseSubject(decodeEncodedWords(v));
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
    const d = sentDateOf(m);
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
    const raw = firstField(m, field, 'full');
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
    const raw = firstField(m, field === 'DISPLAYFROM' ? 'From' : 'To', 'full');
    const first = raw === null ? undefined : parseAddressList(raw)[0];
    let shown = '';
    if (first) {
      const name = first.name === null ? '' : decodeEncodedWords(first.name);
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
