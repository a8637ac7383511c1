import { ParseError, type Reader } from '../../wire/parser';
import { checkFlag } from '../flagargs';
import type { SearchKey } from './keys';
import { plainNeedle } from './text';

const FLAG_KEYS: Record<string, [string, boolean]> = {
  ANSWERED: ['\\Answered', true],
  DELETED: ['\\Deleted', true],
  DRAFT: ['\\Draft', true],
  FLAGGED: ['\\Flagged', true],
  SEEN: ['\\Seen', true],
  UNANSWERED: ['\\Answered', false],
  UNDELETED: ['\\Deleted', false],
  UNDRAFT: ['\\Draft', false],
  UNFLAGGED: ['\\Flagged', false],
  UNSEEN: ['\\Seen', false],
};

const ADDRESS_KEYS = ['BCC', 'CC', 'FROM', 'TO', 'SUBJECT'];

const DATE_KEYS: Record<string, ['internal' | 'sent', 'before' | 'on' | 'since']> = {
  BEFORE: ['internal', 'before'],
  ON: ['internal', 'on'],
  SINCE: ['internal', 'since'],
  SENTBEFORE: ['sent', 'before'],
  SENTON: ['sent', 'on'],
  SENTSINCE: ['sent', 'since'],
};

/**
 * A header key; `probe` is what the raw-header prefilter may look for (see search/text.ts).
 * An address key (FROM/TO/CC/BCC) matches the field as rewritten, where comments and spaces
 * inside an addr-spec are gone (`<user (c)@ (c) domain.org>` is `user@domain.org`), so only
 * its longest atom, which no rewriting splits, has to appear in the raw header.
 */
function headerKey(field: string, value: string, address: boolean): SearchKey {
  const v = value.toLowerCase();
  if (v === '' || !plainNeedle(v)) return { op: 'header', field, value: v, address };
  const rewritten = address && ADDRESS_FIELDS.has(field);
  const probe = rewritten ? v.split(/[@.:;,]/).reduce((a, b) => (b.length > a.length ? b : a), '') : v;
  return { op: 'header', field, value: v, address, probe: probe === '' ? undefined : probe };
}

const ADDRESS_FIELDS = new Set(['FROM', 'TO', 'CC', 'BCC']);

/** Nesting limit for parentheses and NOT/OR chains: deep enough for any real client. */
export const MAX_SEARCH_DEPTH = 64;

/** What a dialect changes in the search grammar. */
export interface SearchOptions {
  /** Reads a date argument (default RFC 3501 `date`; RFC 1730 also takes two-digit years). */
  date?: (args: Reader) => number;
  /** `$`, the saved result (RFC 9051 SEARCHRES), as a key. */
  saved?: () => SearchKey;
  /** OLDER and YOUNGER (RFC 5032 WITHIN). */
  within?: boolean;
  /** The MODSEQ key (RFC 7162 §3.1.5), where the dialect has CONDSTORE. */
  modseq?: boolean;
}

/** RFC 5032 `interval`: a non-zero 32-bit number of seconds. */
function readInterval(args: Reader): number {
  const start = args.pos;
  const token = args.takeWhile((b) => b !== 0x20 && b !== 0x29 /* ) */);
  const n = /^\d{1,10}$/.test(token) ? Number(token) : 0;
  if (n < 1 || n > 0xffff_ffff) throw args.error('Invalid search interval parameter (a number of seconds, 1 to 4294967295)', start);
  return n;
}

/** Reads search keys until the end of the command (or the closing parenthesis). */
export function parseSearchProgram(args: Reader, decoder: TextDecoder | null = null, allowed?: ReadonlySet<string>, opts: SearchOptions = {}): SearchKey {
  const keys: SearchKey[] = [];
  const str = () => {
    if (!decoder) return args.astring();
    try {
      return decoder.decode(args.astringBytes());
    } catch {
      throw args.error('String is not valid in the given charset');
    }
  };
  do {
    args.sp();
    keys.push(parseKey(args, 0, str, allowed, opts));
  } while (!args.atEnd());
  return keys.length === 1 ? keys[0] : { op: 'and', keys };
}

/** RFC 7162 §3.1.5 entry types: private, shared or both kinds of flag modseq. */
const ENTRY_TYPES = ['priv', 'shared', 'all'];

/**
 * `MODSEQ [entry-name entry-type-req] mod-sequence-valzer`. The entry (a flag's metadata
 * name such as "/flags/\\Seen") is read and checked, then ignored: this server, like Dovecot,
 * keeps one modseq per message, not one per flag.
 */
function modseqKey(args: Reader): SearchKey {
  args.sp();
  const c = args.peek();
  if (c === 0x22 /* " */ || c === 0x7b /* { */) {
    args.string('MODSEQ entry name');
    args.sp();
    const start = args.pos;
    const type = args.atom('MODSEQ entry type').toLowerCase();
    if (!ENTRY_TYPES.includes(type)) throw args.error(`Invalid MODSEQ entry type ${type}: priv, shared or all`, start);
    args.sp();
  }
  const start = args.pos;
  try {
    const n = args.number64('MODSEQ value');
    return { op: 'modseq', n: Number(n) };
  } catch {
    throw args.error('Invalid MODSEQ value: a number from 0 to 2^63-1 expected', start);
  }
}

function parseKey(args: Reader, depth: number, readString: () => string, allowed?: ReadonlySet<string>, opts: SearchOptions = {}): SearchKey {
  if (depth > MAX_SEARCH_DEPTH) throw new ParseError('Too deep nesting of search keys', args.pos);
  const c = args.peek();
  if (c === 0x28 /* ( */) {
    const keys = args.list(() => parseKey(args, depth + 1, readString, allowed, opts));
    if (!keys.length) throw args.error('Empty search key list');
    return keys.length === 1 ? keys[0] : { op: 'and', keys };
  }
  if ((c >= 0x30 && c <= 0x39) || c === 0x2a /* * */) return { op: 'seq', set: args.sequenceSet() };
  if (c === 0x24 /* $ */ && opts.saved) {
    args.pos++;
    return opts.saved();
  }
  const word = args.atom().toUpperCase();
  if (allowed && !allowed.has(word)) throw args.error(`Unknown search key ${word}`);
  const str = () => {
    args.sp();
    return readString();
  };
  if (word in FLAG_KEYS) return { op: 'flag', flag: FLAG_KEYS[word][0], set: FLAG_KEYS[word][1] };
  if (ADDRESS_KEYS.includes(word)) return headerKey(word, str(), true);
  if (word in DATE_KEYS) {
    args.sp();
    const [which, cmp] = DATE_KEYS[word];
    return { op: 'date', which, cmp, day: opts.date ? opts.date(args) : args.date().time };
  }
  switch (word) {
    case 'ALL':
      return { op: 'all' };
    case 'NEW':
      return { op: 'new' };
    case 'OLD':
      return { op: 'recent', set: false };
    case 'RECENT':
      return { op: 'recent', set: true };
    case 'BODY':
      return { op: 'body', value: str().toLowerCase() };
    case 'TEXT':
      return { op: 'text', value: str().toLowerCase() };
    case 'HEADER': {
      const field = str();
      return headerKey(field.toUpperCase(), str(), false);
    }
    case 'KEYWORD':
    case 'UNKEYWORD': {
      args.sp();
      const flag = checkFlag(args.atom());
      return { op: 'flag', flag, set: word === 'KEYWORD' };
    }
    case 'OLDER':
    case 'YOUNGER':
      if (!opts.within) throw args.error(`Unknown search key ${word}`);
      args.sp();
      return { op: 'within', older: word === 'OLDER', seconds: readInterval(args) };
    case 'LARGER':
    case 'SMALLER':
      args.sp();
      return { op: 'size', cmp: word === 'LARGER' ? 'larger' : 'smaller', n: args.number() };
    case 'NOT':
      args.sp();
      return { op: 'not', key: parseKey(args, depth + 1, readString, allowed, opts) };
    case 'OR': {
      args.sp();
      const a = parseKey(args, depth + 1, readString, allowed, opts);
      args.sp();
      return { op: 'or', a, b: parseKey(args, depth + 1, readString, allowed, opts) };
    }
    case 'MODSEQ':
      if (!opts.modseq) throw args.error(`Unknown search key ${word}`);
      return modseqKey(args);
    case 'UID':
      args.sp();
      if (args.peek() === 0x24 /* $ */ && opts.saved) {
        args.pos++;
        return opts.saved();
      }
      return { op: 'uid', set: args.sequenceSet() };
    default:
      throw args.error(`Unknown search key ${word}`);
  }
}
