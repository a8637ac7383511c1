/**
 * A SORT program (RFC 5256 §3): `sort-criteria = "(" sort-criterion *(SP sort-criterion) ")"`,
 * `sort-criterion = ["REVERSE" SP] sort-key`, read into a list of keys and applied as one
 * comparison: the first key decides, the next breaks its ties, and messages that tie on every
 * key keep their sequence order (RFC 5256: "sorted in the order given by the message sequence
 * number"; REVERSE turns a key around, never this last rule).
 */
import { ParseError, type Reader } from '../../wire/parser';
import type { Message } from '../../store/model';
import { SORT_CRITERIA, sortValue, type SortCriterion } from './keys';

export interface SortKey {
  key: SortCriterion;
  reverse: boolean;
}

/** The sort keys the server knows: RFC 5256's, and RFC 5957's when SORT=DISPLAY is on offer. */
const KNOWN = new Set<string>(SORT_CRITERIA);

/** Reads `(criterion ...)`. A key named twice counts once (its first place), as in Dovecot. */
export function parseSortCriteria(args: Reader): SortKey[] {
  const open = args.pos;
  if (args.peek() !== 0x28 /* ( */) throw args.error('Expected a parenthesized list of sort criteria, e.g. (REVERSE DATE)');
  const words = args.list((r) => {
    const start = r.pos;
    return { word: r.astring('sort key').toUpperCase(), start };
  });
  if (!words.length) throw new ParseError('Empty sort program: name at least one sort key (ARRIVAL, CC, DATE, FROM, SIZE, SUBJECT, TO, DISPLAYFROM, DISPLAYTO)', open);
  const program: SortKey[] = [];
  const seen = new Set<string>();
  let reverse = false;
  for (const { word, start } of words) {
    if (word === 'REVERSE') {
      // Twice is once undone (as in Dovecot; RFC 5256's grammar has it once at most).
      reverse = !reverse;
      continue;
    }
    if (!KNOWN.has(word)) throw new ParseError(`Unknown sort key ${word} (known: ${SORT_CRITERIA.join(' ')})`, start);
    if (!seen.has(word)) program.push({ key: word as SortCriterion, reverse });
    seen.add(word);
    reverse = false;
  }
  if (words[words.length - 1].word === 'REVERSE') throw new ParseError('Sort list ends with REVERSE: name the key it reverses', words[words.length - 1].start);
  return program;
}

/**
 * Sorts the found messages by the program; `found` is in sequence order. `budget` is called
 * once per message read (the session's work budget: a huge mailbox ends in NO [LIMIT]).
 */
export function sortMessages<T extends { m: Message; seq: number }>(found: T[], program: SortKey[], budget?: () => void): T[] {
  // The values are read once per message (and cached beside it) before sorting, so the
  // comparison itself only compares numbers and strings.
  const values = program.map((k) =>
    found.map((f) => {
      budget?.();
      return sortValue(f.m, k.key);
    }),
  );
  const order = found.map((_, i) => i);
  order.sort((a, b) => {
    for (let k = 0; k < program.length; k++) {
      const va = values[k][a];
      const vb = values[k][b];
      if (va !== vb) {
        const c = va < vb ? -1 : 1;
        return program[k].reverse ? -c : c;
      }
    }
    return found[a].seq - found[b].seq;
  });
  return order.map((i) => found[i]);
}
