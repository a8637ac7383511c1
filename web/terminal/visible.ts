/**
 * Server bytes become terminal text here, and nowhere else. Nothing a server (or a message it
 * relays) sends may reach xterm's parser as a control character: ESC, CSI, BEL, backspace…
 * would move the cursor, recolour the screen or worse. Each such byte is replaced by a visible
 * stand-in and marked so the painter can show it in a distinct style.
 */

export interface Piece {
  text: string;
  /** True for a stand-in (a control character, an invalid byte, an invisible code point). */
  ctl: boolean;
}

/** U+2400 block: ␀ … ␟, and ␡ for DEL. */
const picture = (b: number) => String.fromCharCode(b === 0x7f ? 0x2421 : 0x2400 + b);
const hex = (n: number, w: number) => n.toString(16).toUpperCase().padStart(w, '0');

/** Code points that are not control characters but are invisible or reorder text. */
function invisible(cp: number): boolean {
  return (
    (cp >= 0x80 && cp <= 0x9f) || // C1 controls: xterm would act on CSI (0x9B) and friends
    cp === 0xad ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2028 && cp <= 0x2029) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    cp === 0xfeff ||
    (cp >= 0xfff9 && cp <= 0xfffb) ||
    (cp >= 0xe0000 && cp <= 0xe007f)
  );
}

/**
 * Decodes `bytes[start, end)` as UTF-8 into pieces. Line ends are the caller's business:
 * CR and LF given here are shown as ␍ and ␊.
 */
export function visiblePieces(bytes: Uint8Array, start = 0, end = bytes.length): Piece[] {
  const out: Piece[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push({ text: plain, ctl: false });
    plain = '';
  };
  const stand = (text: string) => {
    flush();
    const last = out[out.length - 1];
    if (last?.ctl) last.text += text;
    else out.push({ text, ctl: true });
  };
  let i = start;
  while (i < end) {
    const b = bytes[i];
    if (b < 0x20 || b === 0x7f) {
      stand(picture(b));
      i++;
      continue;
    }
    if (b < 0x80) {
      plain += String.fromCharCode(b);
      i++;
      continue;
    }
    const [cp, len] = decodeUtf8(bytes, i, end);
    if (cp < 0) {
      stand(`<${hex(b, 2)}>`);
      i++;
      continue;
    }
    if (invisible(cp)) stand(`<U+${hex(cp, 4)}>`);
    else plain += String.fromCodePoint(cp);
    i += len;
  }
  flush();
  return out;
}

/** One UTF-8 sequence at `i`: [code point, length], or [-1, 1] if it is not well formed. */
function decodeUtf8(b: Uint8Array, i: number, end: number): [number, number] {
  const lead = b[i];
  let len: number;
  let cp: number;
  let min: number;
  if (lead >= 0xc2 && lead <= 0xdf) [len, cp, min] = [2, lead & 0x1f, 0x80];
  else if (lead >= 0xe0 && lead <= 0xef) [len, cp, min] = [3, lead & 0x0f, 0x800];
  else if (lead >= 0xf0 && lead <= 0xf4) [len, cp, min] = [4, lead & 0x07, 0x10000];
  else return [-1, 1];
  if (i + len > end) return [-1, 1];
  for (let k = 1; k < len; k++) {
    const c = b[i + k];
    if ((c & 0xc0) !== 0x80) return [-1, 1];
    cp = (cp << 6) | (c & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return [-1, 1];
  return [cp, len];
}

/** The same for text the user typed (a JS string): control characters become stand-ins. */
export function visibleText(s: string): Piece[] {
  return visiblePieces(new TextEncoder().encode(s));
}

/** Plain text with stand-ins, for places that show text without styling (inspector, lists). */
export function visibleString(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return visiblePieces(bytes, start, end)
    .map((p) => p.text)
    .join('');
}

/**
 * Splits bytes into display lines at CRLF (or a bare LF); a bare CR stays visible as ␍.
 * Returns the lines' byte ranges without their line ends.
 */
export function lineRanges(bytes: Uint8Array, start = 0, end = bytes.length): Array<[number, number]> {
  const lines: Array<[number, number]> = [];
  let s = start;
  for (let i = start; i < end; i++) {
    if (bytes[i] === 0x0a) {
      const e = i > s && bytes[i - 1] === 0x0d ? i - 1 : i;
      lines.push([s, e]);
      s = i + 1;
    }
  }
  if (s < end) lines.push([s, end]);
  return lines;
}

/**
 * A label for the page (state panel, lists): control characters and invisible or reordering
 * code points (bidi overrides such as U+202E) become the same stand-ins the terminal shows, so
 * `CREATE "&IC4-gpj.exe"` reads `<U+202E>gpj.exe`, never reversed.
 */
export function visibleLabel(s: string): string {
  return visibleText(s)
    .map((p) => p.text)
    .join('');
}
