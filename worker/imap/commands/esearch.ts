import { SequenceSet } from '../../wire/parser';
import { MAX_SEARCH_UPDATES } from '../../limits';
import { readCharset, searchView } from '../search/run';
import { parseSearchProgram } from '../search/parse';
import type { SearchKey } from '../search/keys';
import { esearchItems, esearchResponse, readReturnOptions, savedPart, type ReturnOptions } from '../search/returns';
import { AUTH, SELECTED, no, ok, type CommandContext, type CommandResult, type CommandSpec } from '../types';
import { usesModseq } from '../search/keys';
import { enableCondstore } from '../condstore';
import { highestModseqOf } from './search';

/** Every RFC 3501 search key, and RFC 5032's OLDER and YOUNGER; IMAP4rev2 drops NEW, OLD and RECENT with \Recent. */
const REV1_KEYS = [
  'ALL', 'ANSWERED', 'BCC', 'BEFORE', 'BODY', 'CC', 'DELETED', 'DRAFT', 'FLAGGED', 'FROM', 'HEADER', 'KEYWORD', 'LARGER',
  'NEW', 'NOT', 'OLD', 'OLDER', 'ON', 'OR', 'RECENT', 'SEEN', 'SENTBEFORE', 'SENTON', 'SENTSINCE', 'SINCE', 'SMALLER', 'SUBJECT',
  'TEXT', 'TO', 'UID', 'UNANSWERED', 'UNDELETED', 'UNDRAFT', 'UNFLAGGED', 'UNKEYWORD', 'UNSEEN', 'YOUNGER',
];
const REV2_KEYS = new Set([...REV1_KEYS.filter((k) => k !== 'NEW' && k !== 'OLD' && k !== 'RECENT'), 'MODSEQ']);
const ALL_KEYS = new Set([...REV1_KEYS, 'MODSEQ']);

/**
 * SEARCH with the extensions that grew around it, one handler for both dialects that have them:
 * RFC 4731 ESEARCH (`RETURN (MIN MAX ALL COUNT)` → `* ESEARCH`), RFC 5182 SEARCHRES (`SAVE`,
 * then `$`), RFC 5032 WITHIN (OLDER/YOUNGER) and RFC 5267 CONTEXT=SEARCH (`UPDATE`, `PARTIAL`).
 * In IMAP4rev1 a SEARCH without RETURN still answers RFC 3501's `* SEARCH`; IMAP4rev2
 * (RFC 9051 §6.4.4) always answers ESEARCH.
 */
function runSearch({ session, tag, args, uid }: CommandContext, rev2: boolean): CommandResult {
  const options = readReturnOptions(args);
  // RFC 5267 §4.3: the tag names the updates, so a tag still updating cannot start another.
  if (options?.update && session.selected!.searches.has(tag)) throw args.error('Duplicate search update tag');
  const decoder = readCharset(args);
  if (decoder && 'unsupported' in decoder) {
    // RFC 5182 §2.1: a SEARCH with SAVE that fails leaves `$` empty (Dovecot: only when it
    // fails after parsing, as here; a BAD keeps the old `$`).
    if (options?.save) session.savedSearch = [];
    return rev2 ? no(`${decoder.unsupported} is not supported`, 'BADCHARSET (US-ASCII UTF-8)') : no('Unknown charset', 'BADCHARSET');
  }
  const program = parseSearchProgram(args, decoder, session.dialect.recent ? ALL_KEYS : REV2_KEYS, {
    date: session.dialect.searchDate,
    saved: () => ({ op: 'uid', set: SequenceSet.of(session.savedSearch) }),
    within: true,
    modseq: session.dialect.condstore,
  });
  args.end();
  // RFC 7162 §3.1.5: the MODSEQ key turns CONDSTORE on, and the answer ends with the highest
  // modseq of what it returns.
  const modseq = usesModseq(program);
  if (modseq) enableCondstore(session);
  const found = searchView(session, program);
  const numbers = found.map(({ m, seq }) => (uid ? m.uid : seq));
  if (!options && !rev2) {
    // No trailing space when nothing matched: `* SEARCH` (some clients choke on `* SEARCH `).
    const tail = modseq && found.length ? ` (MODSEQ ${highestModseqOf(found.map((f) => f.m))})` : '';
    session.untagged(numbers.length ? `SEARCH ${numbers.join(' ')}${tail}` : 'SEARCH');
    return ok('Search completed.');
  }
  const o: ReturnOptions = options ?? { min: false, max: false, all: true, count: false, save: false, update: false };
  if (o.save) session.savedSearch = savedPart(found, o).map(({ m }) => m.uid);
  // SAVE alone asks for no data (RFC 5182 §2.4); anything else gets its ESEARCH, even empty.
  const saveOnly = o.save && !o.min && !o.max && !o.all && !o.count && !o.partial && !o.update;
  if (!saveOnly) {
    const items = esearchItems(numbers, o);
    // With RFC 4731: the highest modseq of all matches for ALL, COUNT or PARTIAL; of the MIN or
    // MAX message alone otherwise (as Dovecot answers).
    if (modseq && found.length) {
      const whole = o.all || o.count || !!o.partial;
      const returned = whole ? found : [o.min ? found[0] : null, o.max ? found[found.length - 1] : null].filter((x) => x !== null);
      if (returned.length) items.push(['MODSEQ', String(highestModseqOf(returned.map((x) => x.m)))]);
    }
    session.untagged(esearchResponse(tag, uid, items));
  }
  let kept = true;
  if (o.update) {
    const searches = session.selected!.searches;
    // RFC 5267 §4.3.1: a server may decline to keep a search updating: it answers the search,
    // says so in an untagged NO [NOUPDATE "tag"], and completes with OK.
    if (searches.size >= MAX_SEARCH_UPDATES && !searches.has(tag)) {
      kept = false;
      session.untagged(`NO [NOUPDATE "${tag}"] Too many searches kept updating (at most ${MAX_SEARCH_UPDATES}; CANCELUPDATE one)`);
    } else searches.add(tag, uid, frozen(program, session), found.map(({ m }) => m.uid));
  }
  if (!kept) return ok('Search completed, will not notify');
  if (rev2) return ok(o.save ? 'SEARCH completed, result saved' : 'SEARCH completed');
  return ok('Search completed.');
}

/**
 * RFC 5267 §4.3: message numbers in a search kept updating are taken as the command saw them:
 * they become the UIDs they named then, so renumbering does not change the search.
 */
function frozen(key: SearchKey, session: CommandContext['session']): SearchKey {
  switch (key.op) {
    case 'seq': {
      const view = session.selected!.messages;
      const uids = key.set.resolve(view.length).flatMap(([lo, hi]) => view.slice(lo - 1, Math.min(hi, view.length)).map((m) => m.uid));
      return { op: 'uid', set: SequenceSet.of(uids) };
    }
    case 'and':
      return { op: 'and', keys: key.keys.map((k) => frozen(k, session)) };
    case 'or':
      return { op: 'or', a: frozen(key.a, session), b: frozen(key.b, session) };
    case 'not':
      return { op: 'not', key: frozen(key.key, session) };
    default:
      return key;
  }
}

const SYNTAX = 'SEARCH [RETURN (MIN MAX ALL COUNT SAVE CONTEXT UPDATE PARTIAL lo:hi)] [CHARSET charset] search-key ...';
/** What tab completion offers beyond RFC 3501's keys: RETURN and its options, WITHIN's keys, `$`. */
const WORDS = ['RETURN', 'MIN', 'MAX', 'COUNT', 'SAVE', 'CONTEXT', 'UPDATE', 'PARTIAL', 'OLDER', 'YOUNGER', '$'];

/** IMAP4rev1's SEARCH with ESEARCH, SEARCHRES, WITHIN and CONTEXT=SEARCH (as Dovecot 2.3 has them). */
export const SEARCH_EXTENDED: CommandSpec = {
  name: 'SEARCH',
  states: SELECTED,
  syntax: SYNTAX,
  rfc: 'RFC 3501 §6.4.4, RFC 4731, RFC 5182, RFC 5032, RFC 5267 §4',
  holdsExpunges: true,
  words: WORDS,
  run: (ctx) => runSearch(ctx, false),
};

/**
 * SEARCH as RFC 9051 §6.4.4 defines it (RFC 4731 ESEARCH and RFC 5182 SEARCHRES folded in),
 * with RFC 5032 and RFC 5267 on top: always answered with `* ESEARCH`, never `* SEARCH`.
 */
export const ESEARCH: CommandSpec = {
  name: 'SEARCH',
  states: SELECTED,
  syntax: SYNTAX,
  rfc: 'RFC 9051 §6.4.4, §7.3.4; RFC 5032, RFC 5267 §4',
  holdsExpunges: true,
  words: WORDS,
  run: (ctx) => runSearch(ctx, true),
};

/**
 * RFC 5267 §4.3.5: `CANCELUPDATE "tag" ...` stops the updates of searches started with
 * `RETURN (UPDATE)`. Each tag is a string (quoted), as the ESEARCH responses write it.
 */
export const CANCELUPDATE: CommandSpec = {
  name: 'CANCELUPDATE',
  states: AUTH,
  syntax: 'CANCELUPDATE "tag" ...',
  rfc: 'RFC 5267 §4.3.5',
  run({ session, args }) {
    const tags: string[] = [];
    do {
      args.sp();
      const c = args.peek();
      if (c !== 0x22 /* " */ && c !== 0x7b /* { */) throw args.error('Invalid parameters: each tag is a quoted string, e.g. CANCELUPDATE "a5"');
      tags.push(args.string('tag'));
    } while (!args.atEnd());
    args.end();
    for (const t of tags) {
      if (!session.selected?.searches.cancel(t)) return no(`Unknown tag: no search ${t} is being updated`);
    }
    return ok('Updates cancelled');
  },
};
