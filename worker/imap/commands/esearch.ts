import { SequenceSet } from '../../wire/parser';
import { readCharset, searchView } from '../search/run';
import { parseSearchProgram } from '../search/parse';
import { compactUidSet } from '../uidset';
import { SELECTED, no, ok, type CommandSpec } from '../types';
import { usesModseq } from '../search/keys';
import { enableCondstore } from '../condstore';
import { highestModseqOf } from './search';

/** Every RFC 3501 search key; IMAP4rev2 drops NEW, OLD and RECENT with \Recent. */
const REV1_KEYS = [
  'ALL', 'ANSWERED', 'BCC', 'BEFORE', 'BODY', 'CC', 'DELETED', 'DRAFT', 'FLAGGED', 'FROM', 'HEADER', 'KEYWORD', 'LARGER',
  'NEW', 'NOT', 'OLD', 'ON', 'OR', 'RECENT', 'SEEN', 'SENTBEFORE', 'SENTON', 'SENTSINCE', 'SINCE', 'SMALLER', 'SUBJECT',
  'TEXT', 'TO', 'UID', 'UNANSWERED', 'UNDELETED', 'UNDRAFT', 'UNFLAGGED', 'UNKEYWORD', 'UNSEEN',
];
const REV2_KEYS = new Set([...REV1_KEYS.filter((k) => k !== 'NEW' && k !== 'OLD' && k !== 'RECENT'), 'MODSEQ']);
const ALL_KEYS = new Set([...REV1_KEYS, 'MODSEQ']);

const RETURN_OPTIONS = ['MIN', 'MAX', 'ALL', 'COUNT', 'SAVE'];

/**
 * SEARCH as RFC 9051 §6.4.4 defines it (RFC 4731 ESEARCH and RFC 5182 SEARCHRES folded in):
 * `SEARCH [RETURN (MIN MAX ALL COUNT SAVE)] [CHARSET cs] keys`, answered with
 * `* ESEARCH (TAG "t") [UID] MIN n MAX n ALL set COUNT n` and never with `* SEARCH`.
 */
export const ESEARCH: CommandSpec = {
  name: 'SEARCH',
  states: SELECTED,
  syntax: 'SEARCH [RETURN (MIN MAX ALL COUNT SAVE)] [CHARSET charset] search-key ...',
  rfc: 'RFC 9051 §6.4.4, §7.3.4',
  holdsExpunges: true,
  run({ session, tag, args, uid }) {
    const options = new Set<string>();
    const save = args.pos;
    args.sp();
    if (args.tryWord('RETURN')) {
      args.sp();
      args.list(() => {
        const start = args.pos;
        const w = args.atom('return option').toUpperCase();
        if (!RETURN_OPTIONS.includes(w)) throw args.error(`Unknown SEARCH return option ${w}`, start);
        options.add(w);
      });
    } else args.pos = save;
    const decoder = readCharset(args);
    if (decoder && 'unsupported' in decoder) {
      // RFC 9051 §6.4.4.1: a failed SEARCH with SAVE empties the saved result.
      if (options.has('SAVE')) session.savedSearch = [];
      return no(`${decoder.unsupported} is not supported`, 'BADCHARSET (US-ASCII UTF-8)');
    }
    const program = parseSearchProgram(args, decoder, session.dialect.recent ? ALL_KEYS : REV2_KEYS, {
      date: session.dialect.searchDate,
      modseq: session.dialect.condstore,
      saved: () => ({ op: 'uid', set: SequenceSet.of(session.savedSearch) }),
    });
    args.end();
    const modseq = usesModseq(program);
    if (modseq) enableCondstore(session);
    const found = searchView(session, program).map(({ m, seq }) => ({ m, n: uid ? m.uid : seq }));
    const numbers = found.map((f) => f.n);
    // No RETURN, or RETURN (): ALL.
    if (!options.size) options.add('ALL');
    const parts: string[] = [];
    if (options.has('MIN') && numbers.length) parts.push(`MIN ${numbers[0]}`);
    if (options.has('MAX') && numbers.length) parts.push(`MAX ${numbers[numbers.length - 1]}`);
    if (options.has('ALL') && numbers.length) parts.push(`ALL ${compactUidSet(numbers)}`);
    if (options.has('COUNT')) parts.push(`COUNT ${numbers.length}`);
    // RFC 7162 §3.1.5 with RFC 4731: the highest modseq of what was returned (of all matches
    // for ALL or COUNT; of the MIN/MAX message otherwise), as Dovecot answers.
    if (modseq && numbers.length) {
      const returned = options.has('ALL') || options.has('COUNT') ? found : [options.has('MIN') ? found[0] : null, options.has('MAX') ? found[found.length - 1] : null].filter((f) => f !== null);
      if (returned.length) parts.push(`MODSEQ ${highestModseqOf(returned.map((f) => f.m))}`);
    }
    if (options.has('SAVE')) {
      // Table 4 of RFC 9051: with MIN and/or MAX alone, `$` holds just those messages.
      const keepAll = options.has('ALL') || options.has('COUNT') || (!options.has('MIN') && !options.has('MAX'));
      const kept = keepAll ? found : [found[0], found[found.length - 1]].filter((f, i) => f && (i === 0 ? options.has('MIN') : options.has('MAX')));
      session.savedSearch = [...new Set(kept.map((f) => f.m.uid))].sort((a, b) => a - b);
    }
    // SAVE alone asks for no data (RFC 9051 §6.4.4.4, example 1).
    if (!(options.size === 1 && options.has('SAVE'))) {
      session.untagged(`ESEARCH (TAG "${tag}")${uid ? ' UID' : ''}${parts.map((p) => ' ' + p).join('')}`);
    }
    return ok(options.has('SAVE') ? 'SEARCH completed, result saved' : 'SEARCH completed');
  },
};
