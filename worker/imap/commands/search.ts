import { parseSearchProgram } from '../search/parse';
import { readCharset, searchView } from '../search/run';
import { SELECTED, no, ok, type CommandSpec } from '../types';

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
    const program = parseSearchProgram(args, decoder, undefined, { date: session.dialect.searchDate });
    args.end();
    const hits = searchView(session, program).map(({ m, seq }) => (uid ? m.uid : seq));
    // No trailing space when nothing matched: `* SEARCH` (some clients choke on `* SEARCH `).
    session.untagged(hits.length ? `SEARCH ${hits.join(' ')}` : 'SEARCH');
    return ok('Search completed.');
  },
};
