import type { Entry } from './session';
import { literalSpans } from './splitter';
import { lineRanges, visiblePieces } from './visible';

/**
 * Turns transcript entries into terminal text. The only escape sequences in the result are
 * the SGR colours written here; every byte of the entry passes through `visiblePieces`.
 */

const RESET = '\x1b[0m';
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

/** Paints [s, e) of `bytes` line by line; `colourAt` picks the colour of each byte range. */
function paintRange(bytes: Uint8Array, colourOf: (start: number, end: number) => Array<[number, number, string]>): string {
  let out = '';
  for (const [s, e] of lineRanges(bytes)) {
    for (const [a, b, colour] of colourOf(s, e)) out += pieces(bytes, a, b, colour);
    out += RESET + '\r\n';
  }
  return out;
}

export function paint(entry: Entry): string {
  const b = entry.bytes;
  if (entry.dir === 'N') {
    const colour = entry.kind === 'warn' ? SGR.warn : SGR.info;
    return paintRange(b, (s, e) => [[s, e, colour]]).replace(/^/, '') || '\r\n';
  }
  if (entry.dir === 'C') {
    // A lone CRLF ends a command after its literal: show it rather than an empty row.
    if (b.length === 2 && b[0] === 0x0d && b[1] === 0x0a) return `${SGR.dim}↵${RESET}\r\n`;
    const tagEnd = entry.autoTag ?? 0;
    return paintRange(b, (s, e) => {
      if (s < tagEnd) return [[s, Math.min(e, tagEnd), SGR.autoTag], [Math.min(e, tagEnd), e, SGR.client]];
      return [[s, e, SGR.client]];
    });
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
  });
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
