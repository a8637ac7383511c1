/**
 * A small, safe Markdown subset for lesson text, parsed into plain data that the Svelte
 * components render as elements and text nodes. Nothing here ever becomes HTML: there is no
 * raw-HTML block or inline, `<` is just a character, and links only keep the few URL kinds
 * the site knows (lesson:, timeline:, https:). Platform-free (tests import it without a DOM).
 *
 * Blocks: paragraphs, `#`–`####` headings, `-`/`*` and `1.` lists (one level of nesting by
 * indentation), fenced code (```lang), `>` quotes, pipe tables, and `::figure NAME caption`.
 * Inlines: `code`, **strong**, *em* / _em_, [text](url), citations [RFC 3501 §6.3.1]
 * (square brackets holding a source in one of the allowed forms, see sources.ts).
 */
import { parseSource, type Source } from './sources';

export type Inline =
  | { t: 'text'; v: string }
  | { t: 'code'; v: string }
  | { t: 'em'; c: Inline[] }
  | { t: 'strong'; c: Inline[] }
  | { t: 'link'; href: string; c: Inline[] }
  | { t: 'cite'; source: Source };

export type Block =
  | { t: 'p'; c: Inline[] }
  | { t: 'h'; level: number; c: Inline[] }
  | { t: 'ul' | 'ol'; items: Block[][] }
  | { t: 'code'; lang: string; text: string }
  | { t: 'quote'; c: Block[] }
  | { t: 'table'; head: Inline[][]; rows: Inline[][][] }
  | { t: 'figure'; name: string; caption: Inline[] };

/** A fenced block as found in the source, before the lesson format decides what it is. */
export interface Fence {
  lang: string;
  text: string;
}

const FENCE = /^(\s*)(```+|~~~+)\s*([\w.+-]*)\s*(.*)$/;
const HEADING = /^(#{1,4})\s+(.*?)\s*#*\s*$/;
const BULLET = /^(\s*)([-*])\s+(.*)$/;
const ORDERED = /^(\s*)(\d{1,3})[.)]\s+(.*)$/;
const FIGURE = /^::figure\s+([a-z0-9-]+)\s*(.*)$/;
const TABLE_SEP = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/** Parses Markdown text into blocks. Fenced blocks are passed to `onFence`; returning null keeps them out of the output. */
export function parseMarkdown(src: string, onFence?: (f: Fence) => Block | null): Block[] {
  const lines = src.replace(/\r\n?/g, '\n').split('\n');
  return parseLines(lines, onFence);
}

function parseLines(lines: string[], onFence?: (f: Fence) => Block | null): Block[] {
  const out: Block[] = [];
  let i = 0;
  let para: string[] = [];
  const flush = () => {
    if (para.length) out.push({ t: 'p', c: parseInline(para.join(' ')) });
    para = [];
  };
  while (i < lines.length) {
    const line = lines[i];
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const indent = fence[1].length;
      const marker = fence[2];
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].trimStart().startsWith(marker)) {
        body.push(lines[i].slice(Math.min(indent, lines[i].length - lines[i].trimStart().length)));
        i++;
      }
      i++; // the closing fence (or the end)
      const f: Fence = { lang: fence[3].toLowerCase(), text: body.join('\n') };
      const b = onFence ? onFence(f) : { t: 'code' as const, lang: f.lang, text: f.text };
      if (b) out.push(b);
      continue;
    }
    if (!line.trim()) {
      flush();
      i++;
      continue;
    }
    const h = HEADING.exec(line);
    if (h) {
      flush();
      out.push({ t: 'h', level: h[1].length, c: parseInline(h[2]) });
      i++;
      continue;
    }
    const fig = FIGURE.exec(line.trim());
    if (fig) {
      flush();
      out.push({ t: 'figure', name: fig[1], caption: parseInline(fig[2]) });
      i++;
      continue;
    }
    if (line.trimStart().startsWith('>')) {
      flush();
      const body: string[] = [];
      while (i < lines.length && lines[i].trimStart().startsWith('>')) {
        body.push(lines[i].trimStart().replace(/^>\s?/, ''));
        i++;
      }
      out.push({ t: 'quote', c: parseLines(body, onFence) });
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && TABLE_SEP.test(lines[i + 1]) && lines[i + 1].includes('-')) {
      flush();
      const head = splitRow(line).map(parseInline);
      i += 2;
      const rows: Inline[][][] = [];
      while (i < lines.length && lines[i].includes('|') && lines[i].trim()) {
        rows.push(splitRow(lines[i]).map(parseInline));
        i++;
      }
      out.push({ t: 'table', head, rows });
      continue;
    }
    const li = BULLET.exec(line) ?? ORDERED.exec(line);
    if (li && li[1].length < 2) {
      flush();
      const ordered = !BULLET.test(line);
      const items: Block[][] = [];
      while (i < lines.length) {
        const m = (ordered ? ORDERED : BULLET).exec(lines[i]);
        if (!m || m[1].length >= 2) break;
        const body = [m[3]];
        i++;
        // Continuation lines and nested lists are indented; a blank line followed by an
        // indented line also continues the item.
        while (i < lines.length) {
          const next = lines[i];
          if (next.trim() && /^\s{2,}/.test(next)) {
            body.push(next.replace(/^\s{2,4}/, ''));
            i++;
          } else if (!next.trim() && i + 1 < lines.length && /^\s{2,}\S/.test(lines[i + 1])) {
            body.push('');
            i++;
          } else break;
        }
        items.push(parseItem(body, onFence));
        if (i < lines.length && !lines[i].trim() && i + 1 < lines.length && (ordered ? ORDERED : BULLET).test(lines[i + 1])) i++;
      }
      out.push({ t: ordered ? 'ol' : 'ul', items });
      continue;
    }
    para.push(line.trim());
    i++;
  }
  flush();
  return out;
}

/** A list item: its first lines are a paragraph; nested lists and fences are blocks. */
function parseItem(body: string[], onFence?: (f: Fence) => Block | null): Block[] {
  return parseLines(body, onFence);
}

function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let cur = '';
  let inCode = false;
  for (let k = 0; k < s.length; k++) {
    const ch = s[k];
    if (ch === '\\' && s[k + 1] === '|') {
      cur += '|';
      k++;
    } else if (ch === '`') {
      inCode = !inCode;
      cur += ch;
    } else if (ch === '|' && !inCode) {
      cells.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  cells.push(cur.trim());
  return cells;
}

/** Which link targets survive: in-site lesson and timeline links, and https pages. */
export function safeHref(href: string): string | null {
  const h = href.trim();
  if (/^lesson:[a-z0-9-]+$/.test(h)) return h;
  if (/^timeline:([a-z0-9-]*)$/.test(h)) return h;
  if (/^https:\/\/[^\s"'<>`]+$/.test(h)) return h;
  return null;
}

/** Parses inline Markdown. Unknown or unsafe constructs stay as text. */
export function parseInline(src: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const push = (n: Inline) => {
    if (text) out.push({ t: 'text', v: text });
    text = '';
    out.push(n);
  };
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '\\' && i + 1 < src.length && /[\\`*_[\]()#|>-]/.test(src[i + 1])) {
      text += src[i + 1];
      i += 2;
      continue;
    }
    if (ch === '`') {
      let n = 1;
      while (src[i + n] === '`') n++;
      const fence = '`'.repeat(n);
      const end = src.indexOf(fence, i + n);
      if (end > 0) {
        let v = src.slice(i + n, end);
        if (n > 1 && v.startsWith(' ') && v.endsWith(' ')) v = v.slice(1, -1);
        push({ t: 'code', v });
        i = end + n;
        continue;
      }
    }
    if ((ch === '*' || ch === '_') && src[i + 1] === ch) {
      const end = src.indexOf(ch + ch, i + 2);
      if (end > i + 2) {
        push({ t: 'strong', c: parseInline(src.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if ((ch === '*' || ch === '_') && src[i + 1] !== ' ' && src[i + 1] !== undefined) {
      // `_` only at word boundaries (snake_case words stay as they are).
      const okStart = ch === '*' || i === 0 || /[\s(]/.test(src[i - 1]);
      let end = src.indexOf(ch, i + 1);
      while (end > 0 && ch === '_' && end + 1 < src.length && /\w/.test(src[end + 1])) end = src.indexOf(ch, end + 1);
      if (okStart && end > i + 1 && src[end - 1] !== ' ') {
        push({ t: 'em', c: parseInline(src.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (ch === '[') {
      const close = matchBracket(src, i);
      if (close > 0) {
        const inner = src.slice(i + 1, close);
        if (src[close + 1] === '(') {
          const end = src.indexOf(')', close + 2);
          if (end > 0) {
            const href = safeHref(src.slice(close + 2, end));
            const c = parseInline(inner);
            if (href) push({ t: 'link', href, c });
            else for (const n of c) push(n);
            i = end + 1;
            continue;
          }
        }
        const source = parseSource(inner);
        if (source) {
          push({ t: 'cite', source });
          i = close + 1;
          continue;
        }
      }
    }
    text += ch;
    i++;
  }
  if (text) out.push({ t: 'text', v: text });
  return out;
}

function matchBracket(src: string, open: number): number {
  let depth = 0;
  for (let k = open; k < src.length; k++) {
    if (src[k] === '\\') {
      k++;
      continue;
    }
    if (src[k] === '`') {
      const end = src.indexOf('`', k + 1);
      if (end < 0) return -1;
      k = end;
      continue;
    }
    if (src[k] === '[') depth++;
    else if (src[k] === ']' && --depth === 0) return k;
  }
  return -1;
}

/** The plain text of inlines (for accessible labels and for tests). */
export function inlineText(c: Inline[]): string {
  return c
    .map((n) => {
      switch (n.t) {
        case 'text':
        case 'code':
          return n.v;
        case 'cite':
          return `[${n.source.label}]`;
        default:
          return inlineText(n.c);
      }
    })
    .join('');
}

/** Every inline node in a block tree, depth first (tests walk citations and links with it). */
export function* walkInlines(blocks: Block[]): Generator<Inline> {
  const inl = function* (c: Inline[]): Generator<Inline> {
    for (const n of c) {
      yield n;
      if (n.t === 'em' || n.t === 'strong' || n.t === 'link') yield* inl(n.c);
    }
  };
  for (const b of blocks) {
    switch (b.t) {
      case 'p':
      case 'h':
        yield* inl(b.c);
        break;
      case 'figure':
        yield* inl(b.caption);
        break;
      case 'ul':
      case 'ol':
        for (const it of b.items) yield* walkInlines(it);
        break;
      case 'quote':
        yield* walkInlines(b.c);
        break;
      case 'table':
        for (const cell of b.head) yield* inl(cell);
        for (const row of b.rows) for (const cell of row) yield* inl(cell);
        break;
    }
  }
}

/** The text units a "dated claim" lives in: each paragraph, list item, heading, table row and caption. */
export function* textUnits(blocks: Block[]): Generator<Inline[]> {
  for (const b of blocks) {
    switch (b.t) {
      case 'p':
      case 'h':
        yield b.c;
        break;
      case 'figure':
        yield b.caption;
        break;
      case 'ul':
      case 'ol':
        for (const it of b.items) yield* textUnits(it);
        break;
      case 'quote':
        yield* textUnits(b.c);
        break;
      case 'table':
        for (const row of b.rows) yield row.flat();
        break;
    }
  }
}
