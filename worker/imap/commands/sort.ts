import { withSortThread } from '../sort/lazy';
import { SELECTED, type CommandSpec } from '../types';

/**
 * RFC 5256 §3 SORT, with RFC 5957's DISPLAYFROM/DISPLAYTO and RFC 5267's ESORT (`RETURN`).
 * The entry is here, in every table that has it; the code that answers is ../sort/impl.ts.
 */
export const SORT: CommandSpec = {
  name: 'SORT',
  states: SELECTED,
  syntax: 'SORT [RETURN (MIN MAX ALL COUNT)] ([REVERSE] ARRIVAL|CC|DATE|FROM|SIZE|SUBJECT|TO|DISPLAYFROM|DISPLAYTO ...) charset search-key ...',
  rfc: 'RFC 5256 §3, RFC 5957, RFC 5267 §3.2',
  holdsExpunges: true,
  run: (ctx) => withSortThread(SORT, ctx, (i, c) => i.runSort(c)),
};

/** RFC 5256 §4 THREAD: REFERENCES, ORDEREDSUBJECT, and Dovecot's REFS. */
export const THREAD: CommandSpec = {
  name: 'THREAD',
  states: SELECTED,
  syntax: 'THREAD REFERENCES|REFS|ORDEREDSUBJECT charset search-key ...',
  rfc: 'RFC 5256 §4',
  holdsExpunges: true,
  run: (ctx) => withSortThread(THREAD, ctx, (i, c) => i.runThread(c)),
};
