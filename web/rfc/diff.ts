import type { Note } from '../../tests/transcripts/rfc-examples';
import type { LiveLine } from './replay';

/**
 * Lines as the RFC prints them set beside the lines our server sent: which match, which differ,
 * and the one-line explanation of each difference (the example's `#!` notes).
 */

export interface Item {
  /** `C`/`S` for protocol lines, `-` for the RFC's commentary (`<TLS negotiation…>`, `. . .`). */
  dir: 'C' | 'S' | '-';
  text: string;
  /** Matched on the other side. Commentary always counts as matched. */
  same: boolean;
  /** Why it differs (set only when `same` is false and a note covers it). */
  why?: string;
}

const PREFIX = /^\s*([CS]):\s?\s*(.*)$/;
const COMMENTARY = /^\s*(<.*>|\(.*\)|\[.*\]|\/\/.*|\.\s?\.\s?\.|\.{3}.*)\s*$/;
/** A protocol line the RFC wrapped for the page: indented further, or one capitalised word (RFC 3501 §6.1.1). */
const WRAPPED = /^\s+\S|^[A-Z][A-Z0-9=+/.-]*$/;

/** The RFC's printed lines as items: wrapped lines joined, a literal kept with its line. */
export function printedItems(printed: string[]): Item[] {
  const items: Item[] = [];
  /** Octets still owed to an open literal, per direction. */
  const owed = { C: 0, S: 0 } as Record<'C' | 'S', number>;
  const last: Partial<Record<'C' | 'S', Item>> = {};
  let prev: Item | null = null;
  /** The server literal just ended: a `)` line closes its response. */
  let closing = false;
  for (const raw of printed) {
    const m = PREFIX.exec(raw);
    if (m) {
      const dir = m[1] as 'C' | 'S';
      const text = m[2].trimEnd();
      const open = last[dir];
      // A server literal stays with its line (as the live side shows it), and so does the `)` after it.
      if (dir === 'S' && open && (owed.S > 0 || (closing && text.startsWith(')')))) {
        open.text += '\n' + text;
        closing = owed.S > 0 && owed.S - text.length - 2 <= 0;
        owed.S = Math.max(0, owed.S - text.length - 2);
        prev = open;
        continue;
      }
      closing = false;
      const item: Item = { dir, text, same: false };
      items.push(item);
      last[dir] = item;
      prev = item;
      const lit = /\{(\d+)\+?\}$/.exec(text);
      if (lit && dir === 'S') owed.S = Number(lit[1]);
      continue;
    }
    if (COMMENTARY.test(raw) || !prev || raw.trim() === '' || !WRAPPED.test(raw)) {
      items.push({ dir: '-', text: raw.trim(), same: true });
      prev = null;
      continue;
    }
    // A protocol line the RFC wrapped for the page.
    prev.text += (/[=+/A-Za-z0-9]$/.test(prev.text) && /^\S{40,}$/.test(raw.trim()) ? '' : ' ') + raw.trim();
  }
  return items;
}

const norm = (dir: string, text: string) => `${dir}: ${text.replace(/\s+/g, ' ').trim()}`;

/** Pairs identical lines (in any order: servers may order untagged data freely), then explains the rest. */
export function compare(printed: string[], live: LiveLine[], notes: Note[]): { printed: Item[]; live: Item[] } {
  const p = printedItems(printed);
  const l: Item[] = live.map((x) => ({ dir: x.dir, text: x.text, same: false }));
  const pool = new Map<string, Item[]>();
  for (const it of p) if (it.dir !== '-') (pool.get(norm(it.dir, it.text)) ?? pool.set(norm(it.dir, it.text), []).get(norm(it.dir, it.text))!).push(it);
  for (const it of l) {
    const match = pool.get(norm(it.dir, it.text))?.shift();
    if (match) {
      match.same = true;
      it.same = true;
    }
  }
  for (const it of [...p, ...l]) if (!it.same) it.why = explain(norm(it.dir, it.text), notes);
  return { printed: p, live: l };
}

/** The first note whose key the line contains (case-insensitive). */
export function explain(line: string, notes: Note[]): string | undefined {
  const low = line.toLowerCase();
  return notes.find((n) => low.includes(n.key.toLowerCase()))?.why;
}
