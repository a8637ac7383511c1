import { parseSearchProgram } from '../search/parse';
import { matches } from '../search/evaluate';
import { SELECTED, no, ok, type CommandSpec } from '../types';

/** A charset SEARCH strings may be written in: any the platform's TextDecoder knows. */
function decoderFor(charset: string): TextDecoder | null {
  try {
    return new TextDecoder(charset, { fatal: true });
  } catch {
    return null;
  }
}

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
    let decoder: TextDecoder | null = null;
    if (args.tryWord('CHARSET')) {
      args.sp();
      const charset = args.astring();
      decoder = decoderFor(charset);
      // The rest of the line is not read: its strings are in a charset we cannot decode.
      if (!decoder) return no('Unknown charset', 'BADCHARSET');
    } else args.pos = save;
    const program = parseSearchProgram(args, decoder, undefined, { date: session.dialect.searchDate });
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
