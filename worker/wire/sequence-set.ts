/**
 * RFC 3501 §9 `sequence-set`: message numbers or UIDs, `*` for "the largest in use".
 *
 * ```
 * seq-number      = nz-number / "*"
 * seq-range       = seq-number ":" seq-number
 * sequence-set    = (seq-number / seq-range) *("," sequence-set)
 * ```
 *
 * A set is kept as written, range by range, each normalised so that `from <= to` (`4:2` is
 * `2:4`, `*:5` is `5:*`): which number `*` stands for is only known when a command runs, so
 * `*` stays symbolic (`STAR`) until `resolve(star)`. Parsing is `Reader.sequenceSet()`.
 */

/** `*` in a range. Larger than every number, so `from <= to` holds with it too. */
export const STAR = Number.POSITIVE_INFINITY;

export interface SeqRange {
  /** 1 ≤ from ≤ to; may be STAR only if `to` is too. */
  readonly from: number;
  /** from ≤ to ≤ 4294967295, or STAR. */
  readonly to: number;
}

export class SequenceSet {
  constructor(readonly ranges: readonly SeqRange[]) {}

  /** The most compact set holding exactly these numbers (e.g. for COPYUID). */
  static of(numbers: Iterable<number>): SequenceSet {
    const sorted = [...new Set(numbers)].sort((a, b) => a - b);
    const ranges: SeqRange[] = [];
    for (const n of sorted) {
      const last = ranges[ranges.length - 1];
      if (last && last.to + 1 === n) ranges[ranges.length - 1] = { from: last.from, to: n };
      else ranges.push({ from: n, to: n });
    }
    return new SequenceSet(ranges);
  }

  /** Whether `*` appears anywhere. */
  get hasStar(): boolean {
    return this.ranges.some((r) => r.to === STAR);
  }

  /** The largest number written out (not counting `*`); 0 if there is none. */
  get largestNumber(): number {
    let max = 0;
    for (const r of this.ranges) {
      const n = r.to !== STAR ? r.to : r.from;
      if (n !== STAR && n > max) max = n;
    }
    return max;
  }

  /**
   * The set as sorted, disjoint, non-adjacent inclusive ranges `[lo, hi]`, with `*` standing
   * for `star` (the number of messages, or the highest UID). A range keeps its written ends
   * otherwise, so `2:10` with star 5 still reaches 10 (for message numbers that is the
   * caller's BAD; UIDs above the last simply match nothing), and `3291:*` with star 3000 is
   * `3000:3291` (RFC 3501 §6.4.8: it includes the last message). Numbers below 1 never
   * appear: with star 0 (empty mailbox) a lone `*` resolves to nothing.
   */
  resolve(star: number): Array<[number, number]> {
    const spans: Array<[number, number]> = [];
    for (const r of this.ranges) {
      const a = r.from === STAR ? star : r.from;
      const b = r.to === STAR ? star : r.to;
      const lo = Math.max(1, Math.min(a, b));
      const hi = Math.max(a, b);
      if (hi >= lo) spans.push([lo, hi]);
    }
    spans.sort((x, y) => x[0] - y[0]);
    const out: Array<[number, number]> = [];
    for (const s of spans) {
      const last = out[out.length - 1];
      if (last && s[0] <= last[1] + 1) {
        if (s[1] > last[1]) last[1] = s[1];
      } else out.push([s[0], s[1]]);
    }
    return out;
  }

  /** Whether n is in the set when `*` is `star`. */
  has(n: number, star: number): boolean {
    for (const r of this.ranges) {
      const a = r.from === STAR ? star : r.from;
      const b = r.to === STAR ? star : r.to;
      if (n >= Math.min(a, b) && n <= Math.max(a, b) && n >= 1) return true;
    }
    return false;
  }

  /** Every number in the set, ascending, each once. */
  *values(star: number): Generator<number> {
    for (const [lo, hi] of this.resolve(star)) for (let n = lo; n <= hi; n++) yield n;
  }

  /** How many numbers `values(star)` yields. */
  count(star: number): number {
    let n = 0;
    for (const [lo, hi] of this.resolve(star)) n += hi - lo + 1;
    return n;
  }

  /** Written form of the normalised ranges, e.g. `2:4,*`. */
  toString(): string {
    const fmt = (n: number) => (n === STAR ? '*' : String(n));
    return this.ranges.map((r) => (r.from === r.to ? fmt(r.from) : `${fmt(r.from)}:${fmt(r.to)}`)).join(',');
  }
}
