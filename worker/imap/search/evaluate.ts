import { dayOf } from '../../store/dates';
import type { Message } from '../../store/model';
import { headerMayContain, headerText, sentDateOf, textMatches } from './text';
import type { SearchKey } from './keys';

/** What a key needs to know about the session besides the message. */
export interface SearchContext {
  /** Number of messages in the session's view (for `*` in sequence sets). */
  count: number;
  maxUid: number;
  isRecent(m: Message): boolean;
  /** When the search runs (ms since the epoch), for OLDER and YOUNGER (RFC 5032). */
  now?: number;
}


/**
 * Evaluates a SEARCH program against one message (RFC 3501 §6.4.4). Strings compare as
 * case-insensitive substrings of the decoded text; dates compare by calendar day, INTERNALDATE
 * in the server's zone (UTC) and the Date: header in its own zone.
 */
export function matches(key: SearchKey, m: Message, seq: number, ctx: SearchContext): boolean {
  switch (key.op) {
    case 'all':
      return true;
    case 'and':
      return key.keys.every((k) => matches(k, m, seq, ctx));
    case 'or':
      return matches(key.a, m, seq, ctx) || matches(key.b, m, seq, ctx);
    case 'not':
      return !matches(key.key, m, seq, ctx);
    case 'flag':
      return hasFlag(m, key.flag) === key.set;
    case 'recent':
      return ctx.isRecent(m) === key.set;
    case 'new':
      return ctx.isRecent(m) && !m.flags.has('\\Seen');
    case 'size':
      return key.cmp === 'larger' ? m.raw.length > key.n : m.raw.length < key.n;
    case 'seq':
      return key.set.resolve(ctx.count).some(([lo, hi]) => seq >= lo && seq <= hi);
    case 'uid':
      return key.set.resolve(ctx.maxUid).some(([lo, hi]) => m.uid >= lo && m.uid <= hi);
    case 'within': {
      // As Dovecot: OLDER n is BEFORE (now − n), YOUNGER n is SINCE (now − n), to the second.
      const edge = (ctx.now ?? Date.now()) - key.seconds * 1000;
      return key.older ? m.internalDate < edge : m.internalDate >= edge;
    }
    case 'modseq':
      return m.modseq >= key.n;
    case 'date': {
      const day = key.which === 'internal' ? dayOf(m.internalDate, 0) : sentDay(m);
      if (day === null) return false;
      return key.cmp === 'before' ? day < key.day : key.cmp === 'on' ? day === key.day : day >= key.day;
    }
    // Strings compare case-insensitively as substrings; both sides are lower-cased (the
    // message side once, in ./text.ts; the key side when parsed).
    case 'header': {
      if (key.probe !== undefined && !headerMayContain(m, key.probe)) return false;
      const values = headerText(m, key.field, key.address !== false);
      return key.value === '' ? values.length > 0 : values.some((v) => v.includes(key.value));
    }
    case 'body':
      return textMatches(m, key.value, 'body');
    case 'text':
      return textMatches(m, key.value, 'text');
  }
}

/** Keywords compare case-insensitively; system flags are stored canonical already. */
function hasFlag(m: Message, flag: string): boolean {
  if (flag.startsWith('\\') || m.flags.has(flag)) return m.flags.has(flag);
  const lower = flag.toLowerCase();
  for (const f of m.flags) if (f.toLowerCase() === lower) return true;
  return false;
}

/** The Date: header's calendar day, falling back to INTERNALDATE when it is missing or broken. */
function sentDay(m: Message): number {
  const d = sentDateOf(m);
  return d ? dayOf(d.ms, d.zone) : dayOf(m.internalDate, 0);
}
