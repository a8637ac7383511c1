import { parseSearchProgram } from '../search/parse';
import { readCharset, searchView } from '../search/run';
import { SELECTED, no, ok, type CommandSpec } from '../types';
import { usesModseq } from '../search/keys';
import { enableCondstore } from '../condstore';
import type { Message } from '../../store/model';

/** The highest modseq among messages (RFC 7162 §3.1.5's search-sort-mod-seq). */
export const highestModseqOf = (messages: Message[]): number => messages.reduce((n, m) => Math.max(n, m.modseq), 0);

/** RFC 3501 §6.4.4: SEARCH [CHARSET name] key ... → `* SEARCH n ...`. */
export const SEARCH: CommandSpec = {
  name: 'SEARCH',
  states: SELECTED,
  syntax: 'SEARCH [CHARSET charset] search-key ...',
  rfc: 'RFC 3501 §6.4.4',
  holdsExpunges: true,
  run({ session, args, uid }) {
    const decoder = readCharset(args);
    // The rest of the line is not read: its strings are in a charset we cannot decode.
    if (decoder && 'unsupported' in decoder) return no('Unknown charset', 'BADCHARSET');
    const program = parseSearchProgram(args, decoder, undefined, { date: session.dialect.searchDate, modseq: session.dialect.condstore });
    args.end();
    const modseq = usesModseq(program);
    if (modseq) enableCondstore(session);
    const found = searchView(session, program);
    const hits = found.map(({ m, seq }) => (uid ? m.uid : seq));
    // RFC 7162 §3.1.5: with MODSEQ, the highest modseq of the matches ends the answer.
    const tail = modseq && found.length ? ` (MODSEQ ${highestModseqOf(found.map((f) => f.m))})` : '';
    // No trailing space when nothing matched: `* SEARCH` (some clients choke on `* SEARCH `).
    session.untagged(hits.length ? `SEARCH ${hits.join(' ')}${tail}` : 'SEARCH');
    return ok('Search completed.');
  },
};
