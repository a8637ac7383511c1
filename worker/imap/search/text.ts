import { headerValues, searchableBody, searchableText, sentDate } from '../../mime/decode';
import type { Message } from '../../store/model';
import { mimeOf } from '../mimecache';

/**
 * What SEARCH compares strings against, per message, decoded and lower-cased once and kept
 * beside the message (a WeakMap, so it goes when the message does). Matching is then a plain
 * substring scan, which keeps SEARCH on 100,000 messages interactive after the first pass.
 */
interface SearchText {
  headers: Map<string, string[]>;
  body?: string;
  text?: string;
  sent?: { ms: number; zone: number } | null;
}

const cache = new WeakMap<Message, SearchText>();

function entry(m: Message): SearchText {
  let e = cache.get(m);
  if (!e) {
    e = { headers: new Map() };
    cache.set(m, e);
  }
  return e;
}

/**
 * Decoded, lower-cased values of a header field (`field` upper-case, as the parser gives it):
 * for the FROM/TO/CC/BCC/SUBJECT keys as Dovecot rewrites them, for HEADER as written.
 */
export function headerText(m: Message, field: string, asKey = true): string[] {
  const e = entry(m);
  const slot = asKey ? field : `HEADER ${field}`;
  let v = e.headers.get(slot);
  if (!v) {
    v = headerValues(mimeOf(m), field, asKey ? 'key' : 'header').map((s) => s.toLowerCase());
    e.headers.set(slot, v);
  }
  return v;
}

export function bodyText(m: Message): string {
  const e = entry(m);
  return (e.body ??= searchableBody(mimeOf(m)).toLowerCase());
}

export function fullText(m: Message): string {
  const e = entry(m);
  return (e.text ??= searchableText(mimeOf(m)).toLowerCase());
}

export function sentDateOf(m: Message): { ms: number; zone: number } | null {
  const e = entry(m);
  if (e.sent === undefined) e.sent = sentDate(mimeOf(m));
  return e.sent;
}
