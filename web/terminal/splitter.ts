/**
 * Cuts the server's byte stream into whole responses (RFC 3501 §2.2.2): a line ends at CRLF
 * unless it ends with a literal header `{n}`, in which case the next n octets belong to the
 * same response, which then continues to the next line end. The terminal colours and the
 * inspector parses whole responses, so a FETCH carrying a message stays one unit.
 */

const LITERAL_AT_END = /~?\{(\d+)\+?\}$/;

export class ResponseSplitter {
  private buf = new Uint8Array(0);
  /** Where the scan for the next line end resumes (after any literal already taken). */
  private scan = 0;

  /** `literals()` false: every line is a unit of its own (POP3 has no `{n}` literals). */
  constructor(private literals: () => boolean = () => true) {}

  push(bytes: Uint8Array): Uint8Array[] {
    const buf = new Uint8Array(this.buf.length + bytes.length);
    buf.set(this.buf);
    buf.set(bytes, this.buf.length);
    const units: Uint8Array[] = [];
    let unitStart = 0;
    let i = this.scan;
    for (;;) {
      const lf = buf.indexOf(0x0a, i);
      if (lf < 0) break;
      const lineEnd = lf > 0 && buf[lf - 1] === 0x0d ? lf - 1 : lf;
      const m = this.literals() ? LITERAL_AT_END.exec(latin1(buf, Math.max(i, lineEnd - 24), lineEnd)) : null;
      if (m) {
        const need = Number(m[1]);
        // Not all of the literal yet: look at this line again when more arrives.
        if (lf + 1 + need > buf.length) break;
        i = lf + 1 + need;
        continue;
      }
      units.push(buf.slice(unitStart, lf + 1));
      unitStart = i = lf + 1;
    }
    this.buf = buf.slice(unitStart);
    this.scan = i - unitStart;
    return units;
  }

  /** Bytes received but not yet a whole response (shown when the connection closes). */
  pending(): Uint8Array {
    return this.buf;
  }
}

export function latin1(b: Uint8Array, start = 0, end = b.length): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i]);
  return s;
}

/** The literal spans inside one unit: [start of the octets, their count]. */
export function literalSpans(unit: Uint8Array): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let i = 0;
  while (i < unit.length) {
    const lf = unit.indexOf(0x0a, i);
    if (lf < 0) break;
    const lineEnd = lf > 0 && unit[lf - 1] === 0x0d ? lf - 1 : lf;
    const m = LITERAL_AT_END.exec(latin1(unit, Math.max(i, lineEnd - 24), lineEnd));
    if (m) {
      const n = Math.min(Number(m[1]), unit.length - lf - 1);
      spans.push([lf + 1, n]);
      i = lf + 1 + n;
    } else i = lf + 1;
  }
  return spans;
}
