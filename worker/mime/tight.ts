/**
 * "Tight" lists: IMAP writes some sequences of lists with no space between them --
 * `body-type-mpart = 1*body SP media-subtype` (`("text" ...)("image" ...) "mixed"`) and
 * `env-from = "(" 1*address ")"` (`(("A" NIL "a" "x")("B" NIL "b" "y"))`). Dovecot does exactly
 * that, while worker/wire/encode.ts separates every list item with one space.
 *
 * A tight list is an ordinary `Value[]` carrying, under the global symbol `imap.tight`, how many
 * leading items are written back to back (items 0..n-1 with no separator; a space before item n
 * and every later one). Encoders that do not know the mark still produce a valid, readable list
 * (with spaces); `encodeMimeValue` below produces Dovecot's bytes and delegates every non-list
 * value to the project encoder, so quoting stays decided in one place.
 */
import { ByteWriter, writeValue } from '../wire/encode';
import type { Value } from '../wire/values';

export const TIGHT: unique symbol = Symbol.for('imap.tight') as never;

type Tagged = Value[] & { [TIGHT]?: number };

/** Marks `items` so that its first `count` items are written with no space between them. */
export function tight(items: Value[], count: number = items.length): Value[] {
  (items as Tagged)[TIGHT] = count;
  return items;
}

/** How many leading items of a list are written back to back (0 for an ordinary list). */
export function tightCount(list: Value[]): number {
  return (list as Tagged)[TIGHT] ?? 0;
}

/** Writes a value like writeValue(), honouring tight lists. */
export function writeMimeValue(w: ByteWriter, v: Value): void {
  if (!Array.isArray(v)) {
    writeValue(w, v);
    return;
  }
  const n = tightCount(v);
  w.text('(');
  for (let i = 0; i < v.length; i++) {
    if (i > 0 && i >= n) w.text(' ');
    writeMimeValue(w, v[i]);
  }
  w.text(')');
}

/** encodeValue() with tight lists: the exact bytes Dovecot sends for ENVELOPE / BODYSTRUCTURE. */
export function encodeMimeValue(v: Value): Uint8Array {
  const w = new ByteWriter();
  writeMimeValue(w, v);
  return w.finish();
}
