import { parseSearchProgram } from '../search/parse';
import { matches } from '../search/evaluate';
import { SELECTED, no, ok, type CommandSpec } from '../types';

const CHARSETS = ['US-ASCII', 'UTF-8'];

/** RFC 3501 §6.4.4: SEARCH [CHARSET name] key ... → `* SEARCH n ...`. */
export const SEARCH: CommandSpec = {
  name: 'SEARCH',
  states: SELECTED,
  syntax: 'SEARCH [CHARSET charset] search-key ...',
  rfc: 'RFC 3501 §6.4.4',
  holdsExpunges: true,
  run({ session, args, uid }) {
    const save = args.pos;
    args.sp();
    if (args.tryWord('CHARSET')) {
      args.sp();
      const charset = args.astring().toUpperCase();
      if (!CHARSETS.includes(charset)) {
        // The rest of the line is not read: its strings are in a charset we cannot decode.
        return no(`Unsupported charset ${charset}`, `BADCHARSET (${CHARSETS.join(' ')})`);
      }
    } else args.pos = save;
    const program = parseSearchProgram(args);
    args.end();
    const sel = session.selected!;
    const view = sel.messages;
    const ctx = { count: view.length, maxUid: view.length ? view[view.length - 1].uid : 0, isRecent: (m: { uid: number }) => sel.recent.has(m.uid) };
    const hits: number[] = [];
    for (let i = 0; i < view.length; i++) if (matches(program, view[i], i + 1, ctx)) hits.push(uid ? view[i].uid : i + 1);
    // No trailing space when nothing matched: `* SEARCH` (some clients choke on `* SEARCH `).
    session.untagged(hits.length ? `SEARCH ${hits.join(' ')}` : 'SEARCH');
    return ok('Search completed.');
  },
};
