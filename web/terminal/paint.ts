import type { Entry } from './session';
import { latin1, literalSpans } from './splitter';
import { lineRanges, visiblePieces } from './visible';

/**
 * Turns transcript entries into terminal text. The only escape sequences in the result are
 * the SGR colours written here; every byte of the entry passes through `visiblePieces`.
 */

const RESET = '\x1b[0m';
/** Literals longer than this are folded: their first FOLD_HEAD octets, then one line with the size. */
export const FOLD_AT = 8192;
const FOLD_HEAD = 1024;
/** A line (outside literals) longer than this is cut, with the count of what is left out. */
export const LINE_MAX = 16384;
const FOLD = '\x1b[2;7m';
const CTL = '\x1b[4;1m';
const CTL_END = '\x1b[24;22m';

export const SGR = {
  client: '\x1b[36m',
  autoTag: '\x1b[35m',
  untagged: '\x1b[39m',
  ok: '\x1b[32m',
  no: '\x1b[33m',
  bad: '\x1b[31m',
  bye: '\x1b[31m',
  cont: '\x1b[35m',
  tagged: '\x1b[39m',
  literal: '\x1b[39m',
  info: '\x1b[2;3m',
  warn: '\x1b[33;3m',
  dim: '\x1b[2m',
};

function pieces(bytes: Uint8Array, s: number, e: number, colour: string): string {
  let out = colour;
  for (const p of visiblePieces(bytes, s, e)) out += p.ctl ? CTL + p.text + CTL_END : p.text;
  return out;
}

const fmt = (n: number) => n.toLocaleString('en');

/** The line that stands for octets not drawn (the Inspector shows the entry in full). */
function foldLine(text: string): string {
  return `${FOLD} ${text} ${RESET}\r\n`;
}

/**
 * Paints `bytes` line by line; `colourOf` picks the colour of each byte range. Literals over
 * FOLD_AT octets show their first FOLD_HEAD octets and a fold line with their size; lines over
 * LINE_MAX are cut. So a 5 MB FETCH paints a few kilobytes, not five million cells.
 */
function paintRange(bytes: Uint8Array, colourOf: (start: number, end: number) => Array<[number, number, string]>, literals: Array<[number, number]> = []): string {
  let out = '';
  let pos = 0;
  const part = (from: number, to: number) => {
    for (const [s, e] of lineRanges(bytes, from, to)) {
      const cut = e - s > LINE_MAX ? s + LINE_MAX : e;
      for (const [a, b, colour] of colourOf(s, cut)) out += pieces(bytes, a, b, colour);
      out += RESET + '\r\n';
      if (cut < e) out += foldLine(`… ${fmt(e - cut)} more octets on this line — click to open it in the Inspector`);
    }
  };
  for (const [ls, n] of literals) {
    if (n <= FOLD_AT || ls < pos) continue;
    part(pos, ls + FOLD_HEAD);
    // The header's count: a saved entry is kept cut (unload-save.ts), the literal was not.
    const header = /\{(\d+)\+?\}\r?\n$/.exec(latin1(bytes, Math.max(0, ls - 24), ls));
    const all = Math.max(n, Number(header?.[1] ?? 0));
    out += foldLine(`▸ ${fmt(all)} octets in this literal (${fmt(all - FOLD_HEAD)} not shown) — click to open it in the Inspector`);
    pos = ls + n;
  }
  part(pos, bytes.length);
  return out;
}

/**
 * The playground's own notes (not server bytes) reflowed at spaces to the terminal's width, so
 * a word is never split across rows.
 */
export function wrapNote(text: string, cols: number): string {
  if (cols < 20) return text;
  return text
    .split('\n')
    .map((para) => {
      const rows: string[] = [];
      let row = '';
      for (const word of para.split(' ')) {
        if (row && row.length + 1 + word.length > cols - 1) {
          rows.push(row);
          row = word;
        } else row = row ? `${row} ${word}` : word;
      }
      rows.push(row);
      return rows.join('\n');
    })
    .join('\n');
}

const utf8 = new TextEncoder();
const utf8Text = new TextDecoder();

/** An entry as terminal output; `cols`, when given, reflows the playground's notes to fit. */
export function paint(entry: Entry, cols = 0): string {
  let b = entry.bytes;
  if (entry.dir === 'N') {
    const colour = entry.kind === 'warn' ? SGR.warn : SGR.info;
    if (cols) b = utf8.encode(wrapNote(utf8Text.decode(b), cols));
    return paintRange(b, (s, e) => [[s, e, colour]]).replace(/^/, '') || '\r\n';
  }
  if (entry.dir === 'C') {
    // A lone CRLF ends a command after its literal: show it rather than an empty row.
    if (b.length === 2 && b[0] === 0x0d && b[1] === 0x0a) return `${SGR.dim}↵${RESET}\r\n`;
    const tagEnd = entry.autoTag ?? 0;
    return paintRange(
      b,
      (s, e) => {
        if (s < tagEnd) return [[s, Math.min(e, tagEnd), SGR.autoTag], [Math.min(e, tagEnd), e, SGR.client]];
        return [[s, e, SGR.client]];
      },
      // A literal's octets the client sent: the whole entry is the literal.
      entry.literal ? [[0, b.length]] : [],
    );
  }
  const colour = SGR[(entry.kind ?? 'untagged') as keyof typeof SGR] ?? SGR.untagged;
  const spans = literalSpans(b);
  if (!spans.length) return paintRange(b, (s, e) => [[s, e, colour]]);
  // Literal octets (a message) in the normal colour, the protocol around them coloured.
  return paintRange(b, (s, e) => {
    const parts: Array<[number, number, string]> = [];
    let pos = s;
    for (const [ls, n] of spans) {
      const le = ls + n;
      if (le <= pos || ls >= e) continue;
      if (ls > pos) parts.push([pos, ls, colour]);
      parts.push([Math.max(pos, ls), Math.min(e, le), SGR.literal]);
      pos = Math.min(e, le);
    }
    if (pos < e) parts.push([pos, e, colour]);
    return parts;
  }, spans);
}

/** The transcript as plain text (for copying and for shares): stand-ins instead of controls. */
export function plainText(entries: Entry[]): string {
  return entries
    .map((en) => {
      const prefix = en.dir === 'C' ? 'C: ' : en.dir === 'S' ? 'S: ' : '-- ';
      return lineRanges(en.bytes)
        .map(([s, e]) => prefix + visiblePieces(en.bytes, s, e).map((p) => p.text).join(''))
        .join('\n');
    })
    .join('\n');
}
