import type { Message } from '../../store/model';
import type { Reader } from '../../wire/parser';
import type { ImapSession } from '../session';
import { matches } from './evaluate';
import type { SearchKey } from './keys';

/**
 * `[CHARSET name]` before the search keys (RFC 3501 §6.4.4): the decoder for the strings that
 * follow, null when none was named (the reader is then left where it was), or the name when
 * the platform cannot decode it (the caller answers NO [BADCHARSET]).
 */
export function readCharset(args: Reader): TextDecoder | null | { unsupported: string } {
  const start = args.pos;
  args.sp();
  if (!args.tryWord('CHARSET')) {
    args.pos = start;
    return null;
  }
  args.sp();
  const charset = args.astring();
  try {
    return new TextDecoder(charset, { fatal: true });
  } catch {
    return { unsupported: charset };
  }
}

/** The messages of the session's view that match, with their sequence numbers, in order. */
export function searchView(session: ImapSession, program: SearchKey): Array<{ m: Message; seq: number }> {
  const sel = session.selected!;
  const view = sel.messages;
  const ctx = { count: view.length, maxUid: view.length ? view[view.length - 1].uid : 0, isRecent: (m: Message) => sel.recent.has(m.uid), now: Date.now() };
  const out: Array<{ m: Message; seq: number }> = [];
  for (let i = 0; i < view.length; i++) {
    // One message at a time against the command's work budget (NO [LIMIT] when spent).
    session.checkBudget();
    if (matches(program, view[i], i + 1, ctx)) out.push({ m: view[i], seq: i + 1 });
  }
  return out;
}
