import type { Message } from '../../store/model';
import type { Reader } from '../../wire/parser';
import { decodedHeaderLine } from '../../mime/decode';
import { mimeOf } from '../mimecache';
import { headerText } from '../search/text';
import { matches, type SearchContext } from '../search/evaluate';
import type { SearchKey } from '../search/keys';
import { checkFlag } from '../flagargs';
import { readOldDate } from '../olddates';
import { SELECTED, ok, type CommandSpec } from '../types';
import { keyFields } from './fetch-legacy';
import type { ImapSession } from '../session';

/**
 * SEARCH before RFC 1730: a flat list of criteria, all of which must match (no OR, NOT,
 * parentheses, sequence sets or CHARSET), dates with two-digit years (RFC 1176). RFC 1203
 * (IMAP3) adds `~` to negate a criterion, the HEADER key and any key with a string, and
 * answers `SEARCH (numbers) (criteria)`.
 */
export interface LegacySearchGrammar {
  /** RFC 1203: `~key`, HEADER, and `key string` for any header field or `$CANONICAL` key. */
  imap3: boolean;
}

/** One criterion: a key of the shared evaluator, or a test the old protocols had alone. */
type Criterion = { neg: boolean; key: SearchKey } | { neg: boolean; test: (m: Message) => boolean };

const FLAG_KEYS: Record<string, [string, boolean]> = {
  ANSWERED: ['\\Answered', true],
  DELETED: ['\\Deleted', true],
  FLAGGED: ['\\Flagged', true],
  SEEN: ['\\Seen', true],
  UNANSWERED: ['\\Answered', false],
  UNDELETED: ['\\Deleted', false],
  UNFLAGGED: ['\\Flagged', false],
  UNSEEN: ['\\Seen', false],
};

/** RFC 1176 keys that take a string and compare it with an envelope field. */
const STRING_KEYS = ['BCC', 'CC', 'FROM', 'SUBJECT', 'TO'];

const DATE_KEYS: Record<string, 'before' | 'on' | 'since'> = { BEFORE: 'before', ON: 'on', SINCE: 'since' };

function criterion(args: Reader, g: LegacySearchGrammar): Criterion {
  let neg = false;
  if (g.imap3 && args.peek() === 0x7e /* ~ */) {
    args.pos++;
    neg = true;
  }
  const start = args.pos;
  const word = args.atom('search key').toUpperCase();
  const str = () => {
    args.sp();
    return args.astring().toLowerCase();
  };
  if (word in FLAG_KEYS) return { neg, key: { op: 'flag', flag: FLAG_KEYS[word][0], set: FLAG_KEYS[word][1] } };
  if (STRING_KEYS.includes(word)) return { neg, key: { op: 'header', field: word, value: str() } };
  if (word in DATE_KEYS) {
    args.sp();
    return { neg, key: { op: 'date', which: 'internal', cmp: DATE_KEYS[word], day: readOldDate(args) } };
  }
  switch (word) {
    case 'ALL':
      return { neg, key: { op: 'all' } };
    case 'NEW':
      return { neg, key: { op: 'new' } };
    case 'OLD':
      return { neg, key: { op: 'recent', set: false } };
    case 'RECENT':
      return { neg, key: { op: 'recent', set: true } };
    case 'BODY':
      return { neg, key: { op: 'body', value: str() } };
    case 'TEXT':
      return { neg, key: { op: 'text', value: str() } };
    case 'KEYWORD':
    case 'UNKEYWORD': {
      args.sp();
      const flag = checkFlag(args.atom('keyword'));
      return { neg, key: { op: 'flag', flag, set: word === 'KEYWORD' } };
    }
  }
  if (g.imap3) {
    if (word === 'HEADER') {
      // RFC 1203's generic key: the header as a whole contains the string.
      const v = str();
      return { neg, test: (m) => headerOf(m).includes(v) };
    }
    if (word === 'SIZE') {
      args.sp();
      const n = args.number('size');
      return { neg, test: (m) => m.raw.length === n };
    }
    // A canonical (`$FROM`) or concrete (any header name) key with a string.
    const v = str();
    const fields = keyFields(word).map((f) => f.toUpperCase());
    return { neg, test: (m) => fields.some((f) => headerText(m, f).some((x) => x.includes(v))) };
  }
  throw args.error(`Unknown search key ${word}`, start);
}

const headers = new WeakMap<Message, string>();

/** The message header's decoded text, lower-cased (kept beside the message). */
function headerOf(m: Message): string {
  let h = headers.get(m);
  if (h === undefined) {
    const root = mimeOf(m);
    h = root.fields.map((f) => decodedHeaderLine(root.raw, f)).join('\r\n').toLowerCase();
    headers.set(m, h);
  }
  return h;
}

export function legacySearch(g: LegacySearchGrammar): CommandSpec {
  return {
    name: 'SEARCH',
    states: SELECTED,
    syntax: g.imap3 ? 'SEARCH [~]criterion ...' : 'SEARCH criterion ...',
    rfc: g.imap3 ? 'RFC 1203 "SEARCH criteria"' : 'RFC 1176 "tag SEARCH search_criteria"',
    holdsExpunges: true,
    run({ session, args }) {
      const start = args.pos + 1;
      const criteria: Criterion[] = [];
      do {
        args.sp();
        criteria.push(criterion(args, g));
      } while (!args.atEnd());
      const text = new TextDecoder().decode(args.bytes.subarray(start));
      const hits = evaluate(session, criteria);
      if (g.imap3) session.untagged(`SEARCH (${hits.join(' ')}) (${text})`);
      else session.untagged(hits.length ? `SEARCH ${hits.join(' ')}` : 'SEARCH');
      return ok('Search completed');
    },
  };
}

function evaluate(session: ImapSession, criteria: Criterion[]): number[] {
  const sel = session.selected!;
  const view = sel.messages;
  const ctx: SearchContext = { count: view.length, maxUid: view.length ? view[view.length - 1].uid : 0, isRecent: (m) => sel.recent.has(m.uid) };
  const hits: number[] = [];
  view.forEach((m, i) => {
    session.checkBudget();
    const all = criteria.every((c) => ('key' in c ? matches(c.key, m, i + 1, ctx) : c.test(m)) !== c.neg);
    if (all) hits.push(i + 1);
  });
  return hits;
}
