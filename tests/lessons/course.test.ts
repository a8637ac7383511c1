/**
 * The course as a whole: a lesson's closing text that names the next lesson names the one its
 * "Next lesson" button opens (the next in course order) — issue 9 item 13.
 */
import { describe, expect, it } from 'vitest';
import type { Block, Inline } from '../../web/lessons/markdown';
import { loadLessons } from './harness';

/** The text of a block list, with lesson links kept as `[[lesson:ID]]`. */
function flat(blocks: Block[]): string {
  const inl = (n: Inline[]): string =>
    n.map((x) => (x.t === 'link' && x.href.startsWith('lesson:') ? `[[${x.href}]]` : 'c' in x && Array.isArray(x.c) ? inl(x.c as Inline[]) : 'v' in x ? String(x.v) : '')).join('');
  return blocks
    .map((b) => {
      if (b.t === 'p' || b.t === 'h') return inl(b.c);
      if (b.t === 'ul' || b.t === 'ol') return b.items.map(flat).join('\n');
      if (b.t === 'quote') return flat(b.c);
      return '';
    })
    .join('\n');
}

describe('the course order', () => {
  const lessons = loadLessons()
    .map((f) => f.lesson)
    .sort((a, b) => a.order - b.order);

  it.each(lessons.slice(0, -1).map((l, i) => [l.id, lessons[i + 1].id]))('%s: a "next" in the wrap-up names %s', (id, next) => {
    const l = lessons.find((x) => x.id === id)!;
    const m = /\bnext\b[^[]*\[\[lesson:([a-z0-9-]+)\]\]/i.exec(flat(l.outro));
    if (m) expect(m[1]).toBe(next);
  });
});
