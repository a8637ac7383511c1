import type { Entry } from './session';
import { literalSpans } from './splitter';
import { visibleString } from './visible';

/** How much of one response a screen reader hears; the Inspector has the rest. */
const MAX_SPOKEN = 600;
/** Literals longer than this are named, not read out. */
const SPOKEN_LITERAL = 200;

/**
 * The text announced for one transcript entry in screen-reader mode: each server response and
 * each note once, line ends as spaces, long literals as "a literal of N octets". The client's
 * own lines are not repeated (the person just typed them).
 */
export function announcement(e: Entry): string | null {
  if (e.dir === 'C') return null;
  const b = e.bytes;
  let out = '';
  let pos = 0;
  for (const [start, n] of literalSpans(b)) {
    if (n <= SPOKEN_LITERAL) continue;
    out += visibleString(b, pos, start) + ` [a literal of ${n.toLocaleString('en')} octets] `;
    pos = start + n;
    if (out.length > MAX_SPOKEN) break;
  }
  if (out.length <= MAX_SPOKEN) out += visibleString(b, pos, Math.min(b.length, pos + MAX_SPOKEN * 2));
  out = out.replace(/␍␊|␊/g, ' ').replace(/\s+/g, ' ').trim();
  return out.length > MAX_SPOKEN ? out.slice(0, MAX_SPOKEN) + '… (the rest is in the Inspector)' : out;
}
