/**
 * SORT and THREAD themselves: parsing their arguments and answering them. Loaded on demand in
 * the browser (./lazy.ts), statically in Node (./register.ts); the command table entries are
 * in ../commands/sort.ts.
 */
import { SequenceSet, type Reader } from '../../wire/parser';
import { parseSearchProgram, type SearchOptions } from '../search/parse';
import { searchView } from '../search/run';
import type { SearchKey } from '../search/keys';
import type { ImapSession } from '../session';
import { parseSortCriteria, sortMessages } from './program';
import { threadOrderedSubject } from '../thread/orderedsubject';
import { threadReferences } from '../thread/references';
import { writeThreads } from '../thread/write';
import { compactUidSet } from '../uidset';
import { remembered } from './memo';
import { no, ok, type CommandContext, type Completion } from '../types';

/** RFC 3501's search keys; IMAP4rev2 drops NEW, OLD and RECENT with \Recent (as in SEARCH). */
const REV2_DROPPED = new Set(['NEW', 'OLD', 'RECENT']);
const REV1_KEYS = new Set([
  'ALL', 'ANSWERED', 'BCC', 'BEFORE', 'BODY', 'CC', 'DELETED', 'DRAFT', 'FLAGGED', 'FROM', 'HEADER', 'KEYWORD', 'LARGER',
  'NEW', 'NOT', 'OLD', 'ON', 'OR', 'RECENT', 'SEEN', 'SENTBEFORE', 'SENTON', 'SENTSINCE', 'SINCE', 'SMALLER', 'SUBJECT',
  'TEXT', 'TO', 'UID', 'UNANSWERED', 'UNDELETED', 'UNDRAFT', 'UNFLAGGED', 'UNKEYWORD', 'UNSEEN',
]);
const REV2_KEYS = new Set([...REV1_KEYS].filter((k) => !REV2_DROPPED.has(k)));

/**
 * The charset argument SORT and THREAD require (RFC 5256 §3: unlike SEARCH's, it is not
 * optional): a decoder for the search strings, or the name when it cannot be decoded.
 */
function readRequiredCharset(args: Reader): TextDecoder | { unsupported: string } {
  args.sp('charset (e.g. UTF-8)');
  const charset = args.astring('charset (e.g. UTF-8)');
  try {
    return new TextDecoder(charset, { fatal: true });
  } catch {
    return { unsupported: charset };
  }
}

/** `charset search-key…` after the sort criteria or thread algorithm: the search program. */
function readSearch(session: ImapSession, args: Reader): SearchKey | Completion {
  const decoder = readRequiredCharset(args);
  // The rest of the line is not read: its strings are in a charset we cannot decode.
  // Dovecot names no charsets in the code (RFC 3501 §7.1 makes the list optional).
  if ('unsupported' in decoder) return no(`Unknown charset ${decoder.unsupported}: use UTF-8 or US-ASCII`, 'BADCHARSET');
  const opts: SearchOptions = { date: session.dialect.searchDate };
  if (session.dialect.searchRes) opts.saved = () => ({ op: 'uid', set: SequenceSet.of(session.savedSearch) });
  if (args.atEnd()) throw args.error('Missing search keys after the charset (e.g. ALL)');
  const program = parseSearchProgram(args, decoder, session.dialect.recent ? REV1_KEYS : REV2_KEYS, opts);
  args.end();
  return program;
}

const isCompletion = (x: SearchKey | Completion): x is Completion => 'status' in x;

/** ESORT's return options (RFC 5267 §3.2), with SAVE where SEARCHRES is (RFC 5182 §2.4). */
const RETURN_OPTIONS = ['MIN', 'MAX', 'ALL', 'COUNT', 'SAVE'];

/** `RETURN (option…)` before the sort criteria (ESORT), or null when the command has none. */
function readReturn(session: ImapSession, args: Reader): Set<string> | null {
  const save = args.pos;
  args.sp();
  if (!args.tryWord('RETURN')) {
    args.pos = save;
    return null;
  }
  const options = new Set<string>();
  args.sp();
  args.list(() => {
    const start = args.pos;
    const w = args.atom('return option').toUpperCase();
    if (!RETURN_OPTIONS.includes(w) || (w === 'SAVE' && !session.dialect.searchRes)) {
      throw args.error(`Unknown SORT return option ${w} (known: ${RETURN_OPTIONS.filter((o) => o !== 'SAVE' || session.dialect.searchRes).join(' ')})`, start);
    }
    options.add(w);
  });
  return options;
}

/**
 * RFC 5256 §3: `SORT (criteria) charset search-key…` → `* SORT n…` in sorted order; with
 * ESORT (RFC 5267 §3.2), `SORT RETURN (MIN MAX ALL COUNT) …` → `* ESEARCH (TAG "t") …`, where
 * MIN and MAX are the first and last message in sort order and ALL lists them in that order.
 */
export function runSort({ session, tag, args, uid }: CommandContext): Completion {
  const options = readReturn(session, args);
  args.sp('sort criteria');
  const criteria = parseSortCriteria(args);
  const program = readSearch(session, args);
  if (isCompletion(program)) {
    if (options?.has('SAVE')) session.savedSearch = [];
    return program;
  }
  const matched = searchView(session, program);
  // The sorted order, as indexes into the matches (kept for a repeated SORT: ./memo.ts).
  const key = `SORT ${criteria.map((c) => (c.reverse ? `-${c.key}` : c.key)).join(' ')}`;
  const order = remembered(key, matched.map((f) => f.m), matched.map((f) => f.seq), () => {
    const index = new Map(matched.map((f, i) => [f, i]));
    return sortMessages(matched, criteria, () => session.checkBudget()).map((f) => index.get(f)).join(' ');
  });
  const found = order === '' ? [] : order.split(' ').map((i) => matched[Number(i)]);
  const numbers = found.map(({ m, seq }) => (uid ? m.uid : seq));
  if (!options) {
    session.untagged(numbers.length ? `SORT ${numbers.join(' ')}` : 'SORT');
    return ok('Sort completed');
  }
  if (!options.size) options.add('ALL');
  if (options.has('SAVE')) session.savedSearch = [...new Set(found.map((f) => f.m.uid))].sort((a, b) => a - b);
  if (options.size === 1 && options.has('SAVE')) return ok('Sort completed, result saved');
  const parts: string[] = [];
  if (numbers.length) {
    if (options.has('MIN')) parts.push(`MIN ${numbers[0]}`);
    if (options.has('MAX')) parts.push(`MAX ${numbers[numbers.length - 1]}`);
    // Runs that ascend by one inside the sort order become ranges; the order itself is kept.
    if (options.has('ALL')) parts.push(`ALL ${compactUidSet(numbers)}`);
  }
  if (options.has('COUNT')) parts.push(`COUNT ${numbers.length}`);
  session.untagged(`ESEARCH (TAG "${tag}")${uid ? ' UID' : ''}${parts.map((p) => ' ' + p).join('')}`);
  return ok('Sort completed');
}

/** The thread algorithms this server has, as THREAD= capabilities name them. */
export const THREAD_ALGORITHMS = ['REFERENCES', 'REFS', 'ORDEREDSUBJECT'] as const;

/** RFC 5256 §4: `THREAD algorithm charset search-key…` → `* THREAD (…)(…)`. */
export function runThread({ session, args, uid }: CommandContext): Completion {
  args.sp('thread algorithm');
  const start = args.pos;
  const algorithm = args.astring('thread algorithm').toUpperCase();
  if (!(THREAD_ALGORITHMS as readonly string[]).includes(algorithm)) {
    throw args.error(`Unknown thread algorithm ${algorithm} (known: ${THREAD_ALGORITHMS.join(' ')})`, start);
  }
  const program = readSearch(session, args);
  if (isCompletion(program)) return program;
  const found = searchView(session, program).map(({ m, seq }) => ({ m, seq, n: uid ? m.uid : seq }));
  const budget = () => session.checkBudget();
  // Kept for a repeated THREAD over the same messages with the same numbers (./memo.ts).
  const answer = remembered(`THREAD ${algorithm}`, found.map((f) => f.m), found.map((f) => f.n), () =>
    writeThreads(algorithm === 'ORDEREDSUBJECT' ? threadOrderedSubject(found, budget) : threadReferences(found, algorithm as 'REFERENCES' | 'REFS', budget)),
  );
  session.untagged(`THREAD ${answer}`);
  return ok('Thread completed');
}
