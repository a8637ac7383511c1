/**
 * The timeline page (content/timeline.md): its dated rows, each with an event, a source and
 * links into the lessons, plus the text around them. Platform-free.
 */
import { parseMarkdown, type Block, type Inline } from './markdown';
import { dateAnchor } from './sources';

export interface TimelineRow {
  date: string;
  anchor: string;
  /** The year, for placing the row on the drawn axis. */
  year: number;
  event: Inline[];
  source: Inline[];
  lessons: Inline[];
}

export interface Timeline {
  title: string;
  rows: TimelineRow[];
  /** Everything after the dated table (ports, checked claims). */
  rest: Block[];
  intro: Block[];
}

export function parseTimeline(text: string): Timeline {
  const src = text.replace(/\r\n?/g, '\n');
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(src);
  const title = fm ? (/^title:\s*(.+)$/m.exec(fm[1])?.[1] ?? 'Timeline') : 'Timeline';
  const blocks = parseMarkdown(fm ? src.slice(fm[0].length) : src);
  const at = blocks.findIndex((b) => b.t === 'table' && b.head.length >= 4);
  if (at < 0) throw new Error('timeline: no dated table');
  const table = blocks[at] as Extract<Block, { t: 'table' }>;
  const rows = table.rows.map((r) => {
    const date = r[0].map((n) => (n.t === 'text' ? n.v : '')).join('').trim();
    const y = /(\d{4})/.exec(date);
    if (!y) throw new Error(`timeline: row without a year: ${date}`);
    return { date, anchor: dateAnchor(date), year: Number(y[1]), event: r[1], source: r[2], lessons: r[3] ?? [] };
  });
  return { title, rows, intro: blocks.slice(0, at), rest: blocks.slice(at + 1) };
}
