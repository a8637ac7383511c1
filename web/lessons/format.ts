/**
 * The lesson file format (content/lessons/*.md), platform-free:
 *
 *   ---
 *   id: imap2-first-login             (the file name without .md)
 *   title: …
 *   era: IMAP2
 *   year: 1990
 *   order: 2
 *   summary: one line for the course list
 *   scenario: default                 (the store a lesson starts from: default | empty)
 *   connections:                      (role: host spec — see parseHostSpec)
 *     main: imap2
 *     other: imap4rev1
 *   setup:                            (optional: lines run before the lesson, per role)
 *     - main: LOGIN alice wonderland
 *     - main: CREATE Lessons
 *   sources:
 *     - RFC 1176 §"Typical Scenario"
 *     - history.md Aug 1990
 *   ---
 *   Introduction (Markdown)…
 *
 *   ## Step: Log in
 *   Prose…
 *   ```try            the suggested command ("Show me" types it); several lines for literals
 *   ```check          the check (see checks.ts for the keys)
 *   ```solution       what the replay test sends, if not the `try` lines
 *   ```also           another right answer (the replay test proves it passes), repeatable
 *   ```wrong          a wrong answer (the replay test proves it fails), repeatable
 *   ```hint           a hint, revealed one at a time, repeatable
 *
 *   ## Wrap-up        (any other `##` heading after the steps: closing text)
 */
import { IMSP_MODES } from '../../worker/imsp/types';
import { parseMarkdown, type Block, type Fence } from './markdown';
import { parseSource, type Source } from './sources';

export type Protocol = 'imap' | 'imsp' | 'pop3';

/** Which host a lesson connection needs. */
export interface HostSpec {
  protocol: Protocol;
  /** An IMAP dialect (imap2 … imap4rev2), an IMSP mode (cyrus-1.8, draft-1995), or null for any. */
  dialect: string | null;
  /** A host name the role must use (when a lesson needs two distinct servers). */
  host: string | null;
  /** The spec as written. */
  text: string;
}

export interface Connection {
  role: string;
  spec: HostSpec;
}

export type Status = 'OK' | 'NO' | 'BAD' | 'continue';

/** A pattern from a check: a regular expression (/…/flags) or a case-insensitive substring. */
export interface Pattern {
  source: string;
  re: RegExp;
  /** What the student is told is missing, if the author gave a description (`-- …`). */
  describe: string | null;
}

export interface StatePredicate {
  name: string;
  args: string[];
  describe: string | null;
  text: string;
}

export interface CheckSpec {
  /** The connection the step is about (default: the first). */
  on: string;
  /** Accepted command names, upper case (`UID FETCH` for the UID form). Empty: any command. */
  command: string[];
  /** The tag must match (a lesson about choosing your own tags). */
  tag: Pattern | null;
  /** The arguments must match. */
  args: Pattern | null;
  /** Accepted outcomes; empty means any. Default OK when a command is named. */
  status: Status[];
  /** Data lines (after `*` or the tag) that must appear while the command runs. */
  data: Pattern[];
  /** Data lines that must not appear. */
  noData: Pattern[];
  /** The completion text (after OK/NO/BAD) must match. */
  text: Pattern | null;
  /** Conditions on the mail store or the connection after the command. */
  state: StatePredicate[];
}

export interface Step {
  index: number;
  title: string;
  body: Block[];
  role: string;
  /** Suggested lines ("Show me" types them). */
  tryLines: string[];
  /** What the replay sends (defaults to tryLines). */
  solution: string[];
  also: string[][];
  wrong: string[][];
  hints: Block[][];
  check: CheckSpec;
  /**
   * Lines a catch-up sends after bringing the connections back, when this step is reached
   * after a reload: what an earlier step did that a new connection cannot learn otherwise
   * (an expunge by another connection that this step's connection is to be told of).
   */
  afterReload: string[];
}

export interface SetupLine {
  role: string;
  line: string;
}

export interface Lesson {
  id: string;
  title: string;
  era: string;
  year: number;
  order: number;
  summary: string;
  scenario: string;
  connections: Connection[];
  setup: SetupLine[];
  sources: Source[];
  intro: Block[];
  steps: Step[];
  outro: Block[];
}

export class LessonFormatError extends Error {}

const fail = (file: string, msg: string): never => {
  throw new LessonFormatError(`${file}: ${msg}`);
};

// --- front matter: a YAML subset (scalars, lists of scalars, maps of scalars) ------------

type FrontValue = string | string[] | Record<string, string>;

export function parseFrontMatter(text: string, file = 'lesson'): Record<string, FrontValue> {
  const out: Record<string, FrontValue> = {};
  const lines = text.split('\n');
  let key: string | null = null;
  for (const raw of lines) {
    const line = raw.replace(/\s+$/, '');
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const top = /^([a-z][a-z0-9_-]*):\s*(.*)$/.exec(line);
    if (top) {
      key = top[1];
      if (key in out) fail(file, `front matter key ${key} appears twice`);
      out[key] = top[2] ? unquote(top[2]) : [];
      continue;
    }
    if (!key) fail(file, `front matter line outside a key: ${line}`);
    const cur = out[key!];
    const item = /^\s+-\s+(.*)$/.exec(line);
    if (item) {
      if (!Array.isArray(cur)) fail(file, `${key} mixes a list with other values`);
      (cur as string[]).push(unquote(item[1]));
      continue;
    }
    const pair = /^\s+([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
    if (pair) {
      let map = cur;
      if (Array.isArray(map)) {
        if (map.length) fail(file, `${key} mixes a list with a map`);
        map = out[key!] = {};
      }
      if (typeof map !== 'object') fail(file, `${key} mixes a value with a map`);
      (map as Record<string, string>)[pair[1]] = unquote(pair[2]);
      continue;
    }
    fail(file, `cannot read front matter line: ${line}`);
  }
  return out;
}

function unquote(v: string): string {
  const s = v.trim();
  if (s.length >= 2 && ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'")))) return s.slice(1, -1);
  return s;
}

// --- host specs --------------------------------------------------------------------------

const IMAP_DIALECTS = ['imap2', 'imap2bis', 'imap3', 'imap4', 'imap4rev1', 'imap4rev2'];

/**
 * `imap4rev1`, `imap2`, `imap` (any IMAP), `imsp` (any mode), `imsp/draft-1995`; with an
 * optional `@host.name` naming the host.
 */
export function parseHostSpec(text: string): HostSpec | null {
  const m = /^([a-z0-9.-]+?)(?:\/([a-z0-9.-]+))?(?:\s*@([a-z0-9.-]+))?$/.exec(text.trim());
  if (!m) return null;
  const [, a, b, host] = m;
  if (a === 'imsp') {
    if (b && !(IMSP_MODES as readonly string[]).includes(b)) return null;
    return { protocol: 'imsp', dialect: b ?? null, host: host ?? null, text };
  }
  if (b) return null;
  // POP3 (RFC 1939): one server, no dialects.
  if (a === 'pop3') return { protocol: 'pop3', dialect: null, host: host ?? null, text };
  if (a === 'imap') return { protocol: 'imap', dialect: null, host: host ?? null, text };
  if (IMAP_DIALECTS.includes(a)) return { protocol: 'imap', dialect: a, host: host ?? null, text };
  return null;
}

// --- checks -------------------------------------------------------------------------------

/** `/re/flags` is a regular expression; anything else a case-insensitive substring. `-- text` describes it. */
export function parsePattern(value: string): Pattern {
  let src = value.trim();
  let describe: string | null = null;
  const d = / -- (.+)$/.exec(src);
  if (d) {
    describe = d[1].trim();
    src = src.slice(0, d.index).trim();
  }
  const m = /^\/(.*)\/([imsu]*)$/.exec(src);
  if (m) return { source: src, re: new RegExp(m[1], m[2]), describe };
  const esc = src.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return { source: src, re: new RegExp(esc, 'i'), describe };
}

/** Splits a predicate's words; "double quotes" group words (no escapes). */
export function splitWords(s: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push(m[1] ?? m[2]);
  return out;
}

export const STATE_PREDICATES: Record<string, { args: [number, number]; help: string }> = {
  'logged-in': { args: [0, 1], help: 'logged-in [user]' },
  'not-logged-in': { args: [0, 0], help: 'not-logged-in' },
  selected: { args: [1, 1], help: 'selected MAILBOX' },
  'not-selected': { args: [0, 0], help: 'not-selected' },
  closed: { args: [0, 0], help: 'closed (the server ended the connection)' },
  mailbox: { args: [2, 2], help: 'mailbox USER NAME' },
  'no-mailbox': { args: [2, 2], help: 'no-mailbox USER NAME' },
  subscribed: { args: [2, 2], help: 'subscribed USER NAME' },
  'not-subscribed': { args: [2, 2], help: 'not-subscribed USER NAME' },
  flag: { args: [4, 4], help: 'flag USER MAILBOX UID FLAG' },
  'no-flag': { args: [4, 4], help: 'no-flag USER MAILBOX UID FLAG' },
  count: { args: [4, 4], help: 'count USER MAILBOX OP N' },
  'no-uid': { args: [3, 3], help: 'no-uid USER MAILBOX UID' },
  uidvalidity: { args: [4, 4], help: 'uidvalidity USER MAILBOX OP N' },
  option: { args: [3, 3], help: 'option USER NAME VALUE' },
  'no-option': { args: [2, 2], help: 'no-option USER NAME' },
  book: { args: [1, 1], help: 'book NAME' },
  'no-book': { args: [1, 1], help: 'no-book NAME' },
  entry: { args: [2, 2], help: 'entry BOOK NAME' },
  'no-entry': { args: [2, 2], help: 'no-entry BOOK NAME' },
  field: { args: [4, 4], help: 'field BOOK ENTRY FIELD VALUE' },
  acl: { args: [3, 3], help: 'acl BOOK IDENTIFIER RIGHTS' },
  location: { args: [3, 3], help: 'location USER MAILBOX HOST' },
  metadata: { args: [4, 4], help: 'metadata USER MAILBOX ENTRY VALUE ("" for the server)' },
  'no-metadata': { args: [3, 3], help: 'no-metadata USER MAILBOX ENTRY' },
};

export function parseStatePredicate(value: string): StatePredicate | null {
  let src = value.trim();
  let describe: string | null = null;
  const d = / -- (.+)$/.exec(src);
  if (d) {
    describe = d[1].trim();
    src = src.slice(0, d.index).trim();
  }
  const words = splitWords(src);
  const name = words.shift();
  if (!name) return null;
  const def = STATE_PREDICATES[name];
  if (!def || words.length < def.args[0] || words.length > def.args[1]) return null;
  return { name, args: words, describe, text: src };
}

/** `+OK` and `-ERR` are POP3's OK and NO (RFC 1939 §3); a check may name either. */
const STATUSES = ['OK', 'NO', 'BAD', 'CONTINUE', 'ANY', '+OK', '-ERR'];
const STATUS_ALIASES: Record<string, Status> = { '+OK': 'OK', '-ERR': 'NO', CONTINUE: 'continue' };

export function parseCheck(text: string, roles: string[], where: string): CheckSpec {
  const spec: CheckSpec = { on: roles[0], command: [], tag: null, args: null, status: [], data: [], noData: [], text: null, state: [] };
  let statusGiven = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-z-]+):\s*(.*)$/.exec(line);
    if (!m) fail(where, `check line is not "key: value": ${line}`);
    const [, key, value] = m!;
    switch (key) {
      case 'on':
        if (!roles.includes(value)) fail(where, `check names connection ${value}, which the lesson does not declare`);
        spec.on = value;
        break;
      case 'command':
        spec.command = value.split('|').map((c) => c.trim().toUpperCase().replace(/\s+/g, ' ')).filter(Boolean);
        break;
      case 'args':
        spec.args = parsePattern(value);
        break;
      case 'tag':
        spec.tag = parsePattern(value);
        break;
      case 'status': {
        const list = value.split('|').map((s) => s.trim().toUpperCase());
        for (const s of list) if (!STATUSES.includes(s)) fail(where, `unknown status ${s}`);
        spec.status = list.includes('ANY') ? [] : list.map((s) => STATUS_ALIASES[s] ?? (s as Status));
        statusGiven = true;
        break;
      }
      case 'data':
        spec.data.push(parsePattern(value));
        break;
      case 'no-data':
        spec.noData.push(parsePattern(value));
        break;
      case 'text':
        spec.text = parsePattern(value);
        break;
      case 'state': {
        const p = parseStatePredicate(value);
        if (!p) fail(where, `unknown or malformed state check: ${value}`);
        spec.state.push(p!);
        break;
      }
      default:
        fail(where, `unknown check key ${key}`);
    }
  }
  if (!statusGiven && spec.command.length) spec.status = ['OK'];
  if (!spec.command.length && !spec.state.length && !spec.data.length) fail(where, 'a check needs a command, a data line or a state condition');
  return spec;
}

// --- the file -----------------------------------------------------------------------------

const REQUIRED = ['id', 'title', 'era', 'year', 'order', 'summary', 'connections', 'sources'];

export function parseLesson(text: string, file = 'lesson.md'): Lesson {
  const src = text.replace(/\r\n?/g, '\n');
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(src);
  if (!fm) fail(file, 'missing front matter (--- … ---)');
  const front = parseFrontMatter(fm![1], file);
  for (const k of REQUIRED) if (!(k in front)) fail(file, `front matter lacks ${k}`);
  const str = (k: string): string => {
    const v = front[k];
    if (typeof v !== 'string' || !v) fail(file, `${k} must be a single value`);
    return v as string;
  };
  const id = str('id');
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) fail(file, `id ${id} must be lower-case words joined by -`);
  const year = Number(str('year'));
  if (!Number.isInteger(year) || year < 1984 || year > 2030) fail(file, `year ${front.year} is not a year`); // 1984: RFC 918, the first POP
  const order = Number(str('order'));
  if (!Number.isInteger(order) || order < 1) fail(file, `order must be a positive integer`);

  const conns = front.connections;
  if (typeof conns !== 'object' || Array.isArray(conns) || !Object.keys(conns).length) fail(file, 'connections must map role names to host specs');
  const connections: Connection[] = Object.entries(conns as Record<string, string>).map(([role, v]) => {
    const spec = parseHostSpec(v);
    if (!spec) fail(file, `connection ${role}: cannot read host spec "${v}"`);
    return { role, spec: spec! };
  });
  const roles = connections.map((c) => c.role);

  const sourcesRaw = front.sources;
  if (!Array.isArray(sourcesRaw) || !sourcesRaw.length) fail(file, 'sources must be a non-empty list');
  const sources = (sourcesRaw as string[]).map((s) => parseSource(s) ?? fail(file, `source of a kind that is not allowed: ${s}`));

  const setupRaw = front.setup ?? [];
  if (!Array.isArray(setupRaw)) fail(file, 'setup must be a list of "role: line"');
  const setup = (setupRaw as string[]).map((s) => {
    const m = /^([A-Za-z][\w-]*):\s+(.+)$/.exec(s);
    if (!m || !roles.includes(m[1])) fail(file, `setup line needs a declared role: ${s}`);
    return { role: m![1], line: m![2] };
  });
  const scenario = typeof front.scenario === 'string' && front.scenario ? front.scenario : 'default';

  const body = src.slice(fm![0].length);
  const sections = splitSections(body);
  const intro = parseMarkdown(sections.intro);
  const steps: Step[] = [];
  const outro: Block[] = [];
  for (const sec of sections.sections) {
    const where = `${file} › ${sec.title}`;
    const stepTitle = /^Step:\s*(.+)$/.exec(sec.title);
    if (!stepTitle) {
      outro.push({ t: 'h', level: 2, c: [{ t: 'text', v: sec.title }] }, ...parseMarkdown(sec.text));
      continue;
    }
    if (outro.length) fail(where, 'a step after the closing section');
    steps.push(parseStep(sec.text, stepTitle[1], steps.length, roles, where));
  }
  if (!steps.length) fail(file, 'no steps (## Step: …)');
  return {
    id,
    title: str('title'),
    era: str('era'),
    year,
    order,
    summary: str('summary'),
    scenario,
    connections,
    setup,
    sources,
    intro,
    steps,
    outro,
  };
}

function splitSections(body: string): { intro: string; sections: Array<{ title: string; text: string }> } {
  const lines = body.split('\n');
  const sections: Array<{ title: string; text: string[] }> = [];
  const intro: string[] = [];
  let inFence: string | null = null;
  for (const line of lines) {
    const f = /^\s*(```+|~~~+)/.exec(line);
    if (f) inFence = inFence ? (line.trim().startsWith(inFence) ? null : inFence) : f[1];
    const h = !inFence && /^## (.+)$/.exec(line);
    if (h) {
      sections.push({ title: h[1].trim(), text: [] });
      continue;
    }
    (sections.length ? sections[sections.length - 1].text : intro).push(line);
  }
  return { intro: intro.join('\n'), sections: sections.map((s) => ({ title: s.title, text: s.text.join('\n') })) };
}

/** A block's lines without the blank lines around them (blank lines inside a literal count). */
const linesOf = (text: string) => {
  const l = text.split('\n');
  while (l.length && !l[0].trim()) l.shift();
  while (l.length && !l[l.length - 1].trim()) l.pop();
  return l;
};

function parseStep(text: string, title: string, index: number, roles: string[], where: string): Step {
  let tryLines: string[] = [];
  let solution: string[] | null = null;
  let check: CheckSpec | null = null;
  const also: string[][] = [];
  const wrong: string[][] = [];
  const hints: Block[][] = [];
  let afterReload: string[] = [];
  const body = parseMarkdown(text, (f: Fence) => {
    switch (f.lang) {
      case 'try':
        if (tryLines.length) fail(where, 'two try blocks');
        tryLines = linesOf(f.text);
        return null;
      case 'check':
        if (check) fail(where, 'two check blocks');
        check = parseCheck(f.text, roles, where);
        return null;
      case 'solution':
        solution = linesOf(f.text);
        return null;
      case 'also':
        also.push(linesOf(f.text));
        return null;
      case 'wrong':
        wrong.push(linesOf(f.text));
        return null;
      case 'hint':
        hints.push(parseMarkdown(f.text));
        return null;
      case 'after-reload':
        if (afterReload.length) fail(where, 'two after-reload blocks');
        afterReload = linesOf(f.text);
        for (const l of afterReload) {
          const m = /^@(\S+) /.exec(l);
          if (m && !roles.includes(m[1])) fail(where, `after-reload line names connection ${m[1]}, which the lesson does not declare`);
        }
        return null;
      default:
        return { t: 'code', lang: f.lang, text: f.text };
    }
  });
  if (!check) fail(where, 'a step without a check block');
  const c = check as unknown as CheckSpec;
  const sol = solution ?? tryLines;
  if (!sol.length) fail(where, 'a step needs a try block or a solution block');
  return { index, title, body, role: c.on, tryLines, solution: sol, also, wrong, hints, check: c, afterReload };
}
