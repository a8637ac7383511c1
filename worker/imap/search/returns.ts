import type { Reader } from '../../wire/parser';
import { compactUidSet } from '../uidset';

/**
 * What `SEARCH RETURN (...)` asks for: RFC 4731 §3.1 (MIN MAX ALL COUNT), RFC 5182 §2 (SAVE),
 * RFC 5267 §4 (CONTEXT, UPDATE, PARTIAL). `RETURN ()` means ALL (RFC 4731 §3.1).
 */
export interface ReturnOptions {
  min: boolean;
  max: boolean;
  all: boolean;
  count: boolean;
  save: boolean;
  /** RFC 5267 §4: keep the search and report ADDTO/REMOVEFROM as the mailbox changes. */
  update: boolean;
  /** RFC 5267 §4.4: the lo-th to hi-th messages of the result, lo ≤ hi (written in either order). */
  partial?: [number, number];
}

/** The RETURN options a search command knows (ESORT's and CONDSTORE's grow this list). */
export const RETURN_OPTIONS = ['MIN', 'MAX', 'ALL', 'COUNT', 'SAVE', 'CONTEXT', 'UPDATE', 'PARTIAL'] as const;

const MAX_U32 = 0xffff_ffff;

/**
 * Reads `RETURN (option ...)` if the arguments continue with it (after the SP that follows the
 * command name); null when they do not. `known` limits the options (RFC 9051's SEARCH has no
 * UPDATE or PARTIAL without CONTEXT=SEARCH). Refusals word Dovecot's checks.
 */
export function readReturnOptions(args: Reader, known: readonly string[] = RETURN_OPTIONS): ReturnOptions | null {
  const save = args.pos;
  args.sp();
  if (!args.tryWord('RETURN') || args.peek() !== 0x20 || args.peek(1) !== 0x28 /* ( */) {
    args.pos = save;
    return null;
  }
  args.sp();
  const o: ReturnOptions = { min: false, max: false, all: false, count: false, save: false, update: false };
  args.list(() => {
    const start = args.pos;
    const w = args.atom('return option').toUpperCase();
    if (!known.includes(w)) throw args.error('Unknown SEARCH return option', start);
    switch (w) {
      case 'PARTIAL':
        if (o.partial) throw args.error('PARTIAL can be used only once', start);
        o.partial = readPartialRange(args);
        break;
      case 'CONTEXT':
        // RFC 5267 §4.2: a hint that the search will be asked again; nothing to do here.
        break;
      default:
        o[w.toLowerCase() as 'min' | 'max' | 'all' | 'count' | 'save' | 'update'] = true;
    }
  });
  // RFC 5267 §4.4: PARTIAL is a window on ALL, not something to combine with it.
  if (o.partial && o.all) throw args.error('PARTIAL conflicts with ALL', save);
  // RFC 4731 §3.1: `RETURN ()` is the same as `RETURN (ALL)`.
  if (!o.min && !o.max && !o.count && !o.save && !o.update && !o.partial) o.all = true;
  return o;
}

/** `SP lo:hi`, two non-zero 32-bit numbers in either order (RFC 5267 §4.4 `partial-range`). */
function readPartialRange(args: Reader): [number, number] {
  const start = args.pos;
  if (args.peek() !== 0x20) throw args.error('PARTIAL range missing', start);
  args.pos++;
  const token = args.takeWhile((b) => b !== 0x20 && b !== 0x29 /* ) */);
  const m = /^(\d{1,10}):(\d{1,10})$/.exec(token);
  const a = m ? Number(m[1]) : 0;
  const b = m ? Number(m[2]) : 0;
  if (!m || a < 1 || b < 1 || a > MAX_U32 || b > MAX_U32) throw args.error(token ? 'PARTIAL range broken' : 'PARTIAL range missing', start);
  return a <= b ? [a, b] : [b, a];
}

/** One result item of an ESEARCH response: `MIN 3`, `ALL 1:4`, `PARTIAL (1:2 3,5)`, `MODSEQ 9`. */
export type EsearchItem = [name: string, value: string];

/**
 * The result items RFC 4731 §3.1 / RFC 5267 §4.4 ask for, in the order Dovecot writes them
 * (MIN MAX ALL|PARTIAL COUNT). `numbers` are message numbers or UIDs in result order: ascending
 * for SEARCH; in sort order for SORT (RFC 5267 §3.2: ALL keeps the order, MIN and MAX are
 * still the lowest and highest). An empty result has no MIN, MAX or ALL (RFC 4731 §3.1).
 */
export function esearchItems(numbers: readonly number[], o: ReturnOptions): EsearchItem[] {
  const items: EsearchItem[] = [];
  if (numbers.length && (o.min || o.max)) {
    let lo = numbers[0];
    let hi = numbers[0];
    for (const n of numbers) {
      if (n < lo) lo = n;
      if (n > hi) hi = n;
    }
    if (o.min) items.push(['MIN', String(lo)]);
    if (o.max) items.push(['MAX', String(hi)]);
  }
  if (o.all && numbers.length) items.push(['ALL', compactUidSet([...numbers])]);
  if (o.partial) {
    const [lo, hi] = o.partial;
    const window = partialWindow(numbers, o.partial);
    items.push(['PARTIAL', `(${lo}:${hi} ${window.length ? compactUidSet([...window]) : 'NIL'})`]);
  }
  if (o.count) items.push(['COUNT', String(numbers.length)]);
  return items;
}

/** The lo-th to hi-th entries of a result (1-based, RFC 5267 §4.4). */
export function partialWindow<T>(result: readonly T[], [lo, hi]: [number, number]): readonly T[] {
  return result.slice(lo - 1, Math.min(hi, result.length));
}

/**
 * One `ESEARCH` response (RFC 4731 §3.1 `esearch-response`), without the leading `* `:
 * `ESEARCH (TAG "a1") UID MIN 2 COUNT 5`. The one writer every command that answers with
 * ESEARCH uses (SEARCH, UID SEARCH, ESORT, the updates of CONTEXT=SEARCH).
 */
export function esearchResponse(tag: string | null, uid: boolean, items: readonly EsearchItem[]): string {
  // A tag has no `"` or `\` (RFC 3501 `tag` is astring-chars without `+`), so it needs no escapes.
  const correlator = tag === null ? '' : ` (TAG "${tag}")`;
  return `ESEARCH${correlator}${uid ? ' UID' : ''}${items.map(([k, v]) => ` ${k} ${v}`).join('')}`;
}

/**
 * Which of the result `$` keeps (RFC 5182 §2.4): with MIN and/or MAX alone (no ALL, COUNT or
 * PARTIAL), only those messages; with PARTIAL, the window; otherwise the whole result.
 */
export function savedPart<T>(result: readonly T[], o: ReturnOptions): readonly T[] {
  if (o.partial) return partialWindow(result, o.partial);
  if (o.all || o.count || (!o.min && !o.max)) return result;
  const kept: T[] = [];
  if (o.min && result.length) kept.push(result[0]);
  if (o.max && result.length && (!o.min || result.length > 1)) kept.push(result[result.length - 1]);
  return kept;
}
