/**
 * The values an IMAP (or IMSP) response is made of, as RFC 3501 §4 names them.
 * Handlers and the MIME layer build these; only the encoder (encode.ts) decides how a string
 * goes on the wire (atom, quoted or literal), so that choice is made in exactly one place.
 */
export type Value =
  | null // NIL
  | number // number: digits
  | string // string: quoted or literal, chosen by the encoder
  | Uint8Array // string of raw octets (always a literal unless empty rules apply)
  | Atom // atom, written verbatim (flags, keywords, response items like ENVELOPE)
  | Value[]; // parenthesised list

export class Atom {
  constructor(readonly text: string) {}
}

/** An atom written verbatim, e.g. `atom('\\Seen')`, `atom('BODY[1]')`. */
export const atom = (text: string): Atom => new Atom(text);

/**
 * Some IMAP lists write their leading items back to back, with no space: RFC 3501's
 * `body-type-mpart = 1*body SP media-subtype` (`("text" …)("image" …) "mixed"`) and
 * `env-from = "(" 1*address ")"` (`(("A" NIL "a" "x")("B" NIL "b" "y"))`). Such a list is an
 * ordinary array marked with how many leading items are tight; the encoder honours the mark.
 */
export const TIGHT: unique symbol = Symbol.for('imap.tight') as never;

type TightList = Value[] & { [TIGHT]?: number };

/** Marks `items` so that its first `count` items are written with no space between them. */
export function tight(items: Value[], count: number = items.length): Value[] {
  (items as TightList)[TIGHT] = count;
  return items;
}

/** How many leading items of a list are written back to back (0 for an ordinary list). */
export function tightCount(list: Value[]): number {
  return (list as TightList)[TIGHT] ?? 0;
}
