/**
 * The index of the RFCs' example sessions: the ONE place they live is the transcripts the
 * dialect tests replay (tests/transcripts/<dialect>/NN-rfcNNNN-*.txt, checked byte for byte against
 * their .out files by tests/dialects/transcripts.test.ts). This module reads the annotations in
 * those files — the RFC's printed lines and the explanation of every difference — for the
 * site's `?rfc=NUMBER` view (web/rfc/) and for tests/transcripts/rfc-examples.test.ts.
 *
 * Annotations are transcript comments, so the replay ignores them:
 *   #= RFC SECTION [N]   an example of RFC (number) §SECTION starts; the client lines after it are
 *                        its own (id RFC-SECTION-N: N as the RFC numbers it, else counted)
 *   #| text             a line as the RFC prints it (C:/S: prefixes kept; other text is commentary)
 *   #! KEY :: why       explains every differing line (printed or live) that contains KEY
 *                        (case-insensitive); before the first `#=`, it applies to every example
 *   #~                  toggles hidden setup: lines replayed to prepare the store, not shown
 *   # anything else     a comment
 * Everything before the first `#=` (and any `#~` block) is setup: the replay of an example
 * starts from a fresh store and plays the whole file up to it, so its state is the session's.
 */

export interface Note {
  key: string;
  why: string;
}

export interface RfcExample {
  /** `RFC-SECTION-N`, e.g. `3501-6.3.1-1`. */
  id: string;
  rfc: number;
  section: string;
  n: number;
  /** The lines as the RFC prints them. */
  printed: string[];
  /** This example's notes, then the file-wide ones. */
  notes: Note[];
  /** The session (file) it is part of. */
  session: RfcSession;
}

export interface RfcSession {
  /** `<dialect folder>/<file>.txt`. */
  file: string;
  /** The dialect the lines are replayed against (the folder, or `# dialect: NAME`). */
  dialect: string;
  /** The whole transcript: the replay (web/rfc/replay.ts) reads the markers as it goes. */
  source: string;
  examples: RfcExample[];
}

const NOTE = /^#!\s*(.*?)\s*::\s*(.+)$/;

export function parseRfcSession(file: string, source: string): RfcSession {
  const folder = file.split('/')[0];
  const dialect = /^# dialect: (\S+)/m.exec(source)?.[1] ?? folder;
  const session: RfcSession = { file, dialect, source, examples: [] };
  const fileNotes: Note[] = [];
  const perSection = new Map<string, number>();
  let current: RfcExample | null = null;
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const head = /^#= (\d+) (\S+)(?: (\d+))?\s*$/.exec(line);
    if (head) {
      const rfc = Number(head[1]);
      const section = head[2];
      // The RFC's own example number when it numbers them (`#= 9051 6.4.4.4 5`), else the next.
      const n = head[3] ? Number(head[3]) : (perSection.get(`${rfc}-${section}`) ?? 0) + 1;
      perSection.set(`${rfc}-${section}`, n);
      current = { id: `${rfc}-${section}-${n}`, rfc, section, n, printed: [], notes: [], session };
      session.examples.push(current);
      continue;
    }
    if (line.startsWith('#|')) {
      if (!current) throw new Error(`${file}:${i + 1}: printed line before any "#= RFC SECTION"`);
      current.printed.push(line.slice(3));
      continue;
    }
    if (line.startsWith('#!')) {
      const m = NOTE.exec(line);
      if (!m) throw new Error(`${file}:${i + 1}: a note is "#! KEY :: explanation"`);
      (current ? current.notes : fileNotes).push({ key: m[1], why: m[2] });
      continue;
    }
  }
  for (const e of session.examples) e.notes.push(...fileNotes);
  return session;
}

/** The sessions, by file; loaded lazily (the site's view is its own chunk). */
const files = import.meta.glob('./*/*-rfc[0-9][0-9][0-9][0-9]-*.txt', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

export async function loadRfcSessions(): Promise<RfcSession[]> {
  const names = Object.keys(files).sort();
  const texts = await Promise.all(names.map((n) => files[n]()));
  return names.map((n, i) => parseRfcSession(n.replace(/^\.\//, ''), texts[i])).filter((s) => s.examples.length > 0);
}

/** Every example of one RFC, in the order of its sections (then as the files list them). */
export function examplesOf(sessions: RfcSession[], rfc: number): RfcExample[] {
  const all = sessions.flatMap((s) => s.examples).filter((e) => e.rfc === rfc);
  const key = (s: string) => s.split('.').map((p) => (/^\d+$/.test(p) ? p.padStart(4, '0') : p)).join('.');
  return all.sort((a, b) => (key(a.section) < key(b.section) ? -1 : key(a.section) > key(b.section) ? 1 : a.n - b.n));
}

/** The RFCs that have examples, ascending. */
export function rfcsWithExamples(sessions: RfcSession[]): number[] {
  return [...new Set(sessions.flatMap((s) => s.examples.map((e) => e.rfc)))].sort((a, b) => a - b);
}
