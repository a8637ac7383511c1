/**
 * Running a lesson, platform-free: which hosts of the network its connections use, its
 * set-up lines, and the step machine that advances when a check passes. The browser
 * (controller.svelte.ts) and the replay test (tests/lessons/) drive the same code.
 */
import type { HostConfig } from '../../worker/network';
import { evaluate, spacingNote, type CheckResult, type StateProbe } from './checks';
import type { ConnState, Exchange } from './exchange';
import type { HostSpec, Lesson, Step } from './format';
import { commandHead } from '../imap/tokens';

export interface Missing {
  role: string;
  spec: HostSpec;
  /** What the engine lacks, in words (shown in the lesson list and reported by the replay test). */
  reason: string;
}

export interface Resolution {
  /** The host each connection uses, as it will be once the switches are made. */
  hosts: Record<string, HostConfig>;
  /** Hosts whose dialect (or IMSP mode) the lesson changes before it starts. */
  switches: Array<{ host: string; dialect: HostConfig['dialect']; from: HostConfig['dialect'] }>;
  missing: Missing[];
}

export function specMatches(spec: HostSpec, h: HostConfig): boolean {
  return h.protocol === spec.protocol && (spec.dialect === null || h.dialect === spec.dialect) && (spec.host === null || h.name === spec.host);
}

export function describeSpec(spec: HostSpec): string {
  const what =
    spec.protocol === 'imsp'
      ? `an IMSP server${spec.dialect ? ` in ${spec.dialect} mode` : ''}`
      : spec.protocol === 'pop3'
        ? 'a POP3 server'
        : spec.dialect
        ? `an ${DIALECT_NAMES[spec.dialect] ?? spec.dialect} server`
        : 'an IMAP server';
  return spec.host ? `${what} named ${spec.host}` : what;
}

export const DIALECT_NAMES: Record<string, string> = {
  imap2: 'IMAP2 (RFC 1176)',
  imap2bis: 'IMAP2bis (RFC 1732, RFC 2061)',
  imap3: 'IMAP3 (RFC 1203)',
  imap4: 'IMAP4 (RFC 1730)',
  imap4rev1: 'IMAP4rev1 (RFC 3501)',
  imap4rev2: 'IMAP4rev2 (RFC 9051)',
  'cyrus-1.8': 'Cyrus IMSP 1.8',
  'draft-1995': 'IMSP draft (1995, reconstructed)',
};

/**
 * Picks a host of the network for every connection of the lesson. A host that speaks the
 * wanted dialect is used as it is; otherwise a host of the right protocol is switched to it
 * (hosts can change dialect or IMSP mode for new connections), preferring one the lesson
 * does not use for anything else. `dialects`, when given, lists the IMAP dialects the engine
 * can serve. What cannot be arranged is reported as missing.
 */
export function resolveHosts(lesson: Lesson, hosts: readonly HostConfig[], dialects?: readonly string[]): Resolution {
  const planned = new Map(hosts.map((h) => [h.name, h.dialect]));
  const owner = new Map<string, string>(); // host → the role whose dialect fixed it
  const used = new Set<string>();
  const out: Record<string, HostConfig> = {};
  const switches: Resolution['switches'] = [];
  const missing: Missing[] = [];
  const named = new Set(lesson.connections.map((c) => c.spec.host).filter((h): h is string => !!h));
  const now = (h: HostConfig): HostConfig => ({ ...h, dialect: planned.get(h.name)! });
  const usable = (d: string, protocol: string) => protocol !== 'imap' || !dialects || dialects.includes(d);
  const doSwitch = (h: HostConfig, d: HostConfig['dialect'], role: string) => {
    const cur = planned.get(h.name)!;
    if (cur !== d) {
      const prev = switches.find((s) => s.host === h.name);
      if (prev) prev.dialect = d;
      else switches.push({ host: h.name, dialect: d, from: cur });
      planned.set(h.name, d);
    }
    owner.set(h.name, role);
  };
  for (const c of lesson.connections) {
    const { spec, role } = c;
    const fail = (reason: string) => missing.push({ role, spec, reason });
    if (spec.dialect && !usable(spec.dialect, spec.protocol)) {
      fail(`the ${DIALECT_NAMES[spec.dialect] ?? spec.dialect} dialect is not in the engine yet (worker/dialects)`);
      continue;
    }
    const ofProtocol = hosts.filter((h) => h.protocol === spec.protocol && (!spec.host || h.name === spec.host));
    if (!ofProtocol.length) {
      fail(`no host in the network is ${describeSpec({ ...spec, dialect: null })} (worker/network.ts)`);
      continue;
    }
    // 1. a host that already speaks it (as planned so far)
    const speaking = ofProtocol.filter((h) => (spec.dialect === null ? usable(planned.get(h.name)!, h.protocol) : planned.get(h.name) === spec.dialect));
    let pick = speaking.find((h) => planned.get(h.name) === 'imap4rev1') ?? speaking.find((h) => used.has(h.name)) ?? speaking[0];
    if (!pick && spec.dialect) {
      // 2. a host to switch: not fixed by another role of this lesson, preferably unused and unnamed
      const free = ofProtocol.filter((h) => !owner.has(h.name));
      const rank = (h: HostConfig) => (used.has(h.name) ? 2 : 0) + (named.has(h.name) && spec.host !== h.name ? 1 : 0);
      pick = [...free].reverse().sort((a, b) => rank(a) - rank(b))[0];
      if (pick) doSwitch(pick, spec.dialect as HostConfig['dialect'], role);
    } else if (pick && spec.dialect) owner.set(pick.name, role);
    if (!pick) {
      fail(`no host can be ${describeSpec(spec)} alongside the lesson's other connections`);
      continue;
    }
    used.add(pick.name);
    out[role] = pick;
  }
  for (const role of Object.keys(out)) out[role] = now(out[role]);
  return { hosts: out, switches, missing };
}

// --- set-up -------------------------------------------------------------------------------

/** A bare connection for set-up lines: send a line, hear bytes. */
export interface RawConnector {
  connect(host: string, onBytes: (b: Uint8Array) => void, onClosed: () => void): Promise<{ send(line: string): Promise<void>; close(): Promise<void> }>;
}

/**
 * Runs the lesson's set-up lines, each on a fresh connection per role, tagging them `s1`,
 * `s2`… and waiting for each completion. Throws if a line does not end in OK: a lesson
 * must start from the state its author described.
 */
export async function runSetup(lesson: Lesson, hosts: Record<string, HostConfig>, connector: RawConnector, timeoutMs = 5000): Promise<void> {
  const conns = new Map<string, { send(line: string): Promise<void>; close(): Promise<void>; wait(tag: string): Promise<string> }>();
  try {
    let n = 0;
    for (const s of lesson.setup) {
      let c = conns.get(s.role);
      if (!c) {
        let buf = '';
        const waiters: Array<() => void> = [];
        let closed = false;
        const raw = await connector.connect(
          hosts[s.role].name,
          (b) => {
            buf += new TextDecoder().decode(b);
            for (const w of waiters.splice(0)) w();
          },
          () => {
            closed = true;
            for (const w of waiters.splice(0)) w();
          },
        );
        const wait = async (tag: string) => {
          const end = Date.now() + timeoutMs;
          const re = new RegExp(`(?:^|\\n)${tag} (OK|NO|BAD)\\b([^\\r\\n]*)`);
          for (;;) {
            const m = re.exec(buf);
            if (m) return m[1] + m[2];
            if (closed || Date.now() > end) return 'CLOSED';
            await new Promise<void>((r) => {
              waiters.push(r);
              setTimeout(r, 50);
            });
          }
        };
        c = { ...raw, wait };
        conns.set(s.role, c);
      }
      const tag = `s${++n}`;
      await c.send(`${tag} ${s.line}\r\n`);
      const res = await c.wait(tag);
      if (!res.startsWith('OK')) throw new Error(`set-up line "${s.line}" answered ${res}`);
    }
  } finally {
    for (const c of conns.values()) await c.close();
  }
}

// --- the step machine -----------------------------------------------------------------------

export interface Attempt {
  step: number;
  role: string;
  exchange: Exchange | null;
  result: CheckResult;
  advanced: boolean;
  /**
   * Set when the check did not pass yet but the exchange was one of the earlier commands of a
   * right answer (LOGIN before SELECT, or a line for the other connection): progress, not a
   * mistake. `next` is the answer's next command, if known.
   */
  progress?: { next: string | null; role: string };
}

export interface RunContext {
  probe: StateProbe;
  conn(role: string): ConnState | null;
}

/**
 * The progress of one lesson. `observe` takes every exchange of the lesson's connections;
 * the current step's check decides whether it moves on. Calls are queued, so two
 * exchanges arriving together are judged in order.
 */
export class LessonRun {
  step: number;
  last: Attempt | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private listeners = new Set<(a: Attempt) => void>();

  constructor(
    readonly lesson: Lesson,
    private ctx: RunContext,
    startStep = 0,
  ) {
    this.step = Math.max(0, Math.min(startStep, lesson.steps.length));
  }

  get done(): boolean {
    return this.step >= this.lesson.steps.length;
  }

  get current(): Step | null {
    return this.lesson.steps[this.step] ?? null;
  }

  onAttempt(fn: (a: Attempt) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** An exchange on one of the lesson's connections: completed, or waiting after a `+`. */
  observe(role: string, exchange: Exchange, kind: 'complete' | 'continue'): Promise<Attempt | null> {
    const p = this.queue.then(() => this.judge(role, exchange, kind));
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** Moves to a step (the "skip" and "back" buttons, and a restored session). */
  goTo(step: number): void {
    this.step = Math.max(0, Math.min(step, this.lesson.steps.length));
    this.last = null;
  }

  private async judge(role: string, exchange: Exchange, kind: 'complete' | 'continue'): Promise<Attempt | null> {
    const step = this.current;
    if (!step) return null;
    const c = step.check;
    const wantsContinue = c.status.includes('continue');
    if (kind === 'continue' && !wantsContinue) return null;
    // A check about a command judges that connection's commands; a state-only check any exchange.
    const aboutCommand = c.command.length > 0 || c.data.length > 0 || c.noData.length > 0 || c.text !== null || c.tag !== null || c.args !== null;
    const elsewhere = role !== c.on;
    // A command on another connection cannot pass a check about a command on this one.
    let result: CheckResult =
      aboutCommand && elsewhere
        ? { ok: false, parts: [], message: '' }
        : await evaluate(c, aboutCommand ? exchange : null, { probe: this.ctx.probe, conn: this.ctx.conn(c.on) });
    let progress: Attempt['progress'];
    if (!result.ok) {
      const p = progressOf(step, role, exchange);
      if (p) progress = p;
      else if (elsewhere && (aboutCommand || c.state.some((s) => CONNECTION_PREDICATES.has(s.name)))) result = wrongConnection(c.on, role);
      else if (aboutCommand && elsewhere) return null;
      // A BAD for a doubled space: the server's words do not say so; the lesson does.
      const note = result.parts.some((p) => p.part === 'connection') ? null : spacingNote(exchange);
      if (note) result = { ...result, message: `${result.message} ${note}` };
    }
    const attempt: Attempt = { step: this.step, role, exchange, result, advanced: result.ok, progress };
    if (result.ok && this.current === step) this.step++;
    this.last = attempt;
    for (const fn of [...this.listeners]) fn(attempt);
    return attempt;
  }
}

/** State conditions about the step's own connection (rather than the shared store). */
const CONNECTION_PREDICATES = new Set(['logged-in', 'not-logged-in', 'selected', 'not-selected', 'closed']);

function wrongConnection(want: string, got: string): CheckResult {
  return {
    ok: false,
    parts: [{ part: 'connection', ok: false, expected: `this step is for connection ${want}`, got: `you typed on ${got}` }],
    message: `This is for connection ${want}; you typed on ${got}. Switch to the tab “${want}”.`,
  };
}

/** The command name of a lesson line (`LOGIN …`, `UID FETCH …`, or with a tag of its own, `x1 NOOP`). */
function commandsOfLine(line: string): string[] {
  return [commandHead(`t ${line}`)?.name, commandHead(line)?.name].filter((n): n is string => !!n);
}

/**
 * The command lines of an answer, in order, with their connection: literal octets (the lines
 * after a `{n}`) belong to the command before them and are not commands themselves.
 */
export function answerCommands(lines: readonly string[], role: string): Array<{ role: string; line: string }> {
  return commandGroups(lines, role).map((g) => ({ role: g.role, line: g.lines[0] }));
}

/**
 * Whether an exchange that did not pass the check is one of the earlier commands of a right
 * answer (the suggested lines, the solution or an `also`): it succeeded, and it is not the
 * command the check judges (the last one on the check's connection).
 */
export function progressOf(step: Step, role: string, ex: Exchange | null): { next: string | null; role: string } | null {
  if (!ex || (ex.status !== 'OK' && ex.status !== 'continue')) return null;
  // Of the answers' commands the exchange could be, the likeliest: the same arguments, else the
  // same first argument (STORE 3 …, not STORE 1 …), else the first of that name.
  let best: { cmds: Array<{ role: string; line: string }>; i: number; score: number } | null = null;
  for (const answer of [step.tryLines, step.solution, ...step.also]) {
    const cmds = answerCommands(answer, step.role);
    let last = -1;
    cmds.forEach((c, i) => {
      if (c.role === step.check.on) last = i;
    });
    for (let i = 0; i < cmds.length; i++) {
      if (i === last || cmds[i].role !== role || !commandsOfLine(cmds[i].line).includes(ex.command)) continue;
      const score = argsLikeness(cmds[i].line, ex);
      if (!best || score > best.score) best = { cmds, i, score };
    }
  }
  if (!best) return null;
  const next = best.cmds[best.i + 1] ?? null;
  return { next: next ? next.line : null, role: next ? next.role : role };
}

/** 2 when a lesson line has the exchange's arguments, 1 when only their first word, else 0. */
function argsLikeness(line: string, ex: Exchange): number {
  const tagless = commandHead(`t ${line}`);
  const head = tagless?.name === ex.command ? tagless : commandHead(line);
  const args = head?.args ?? '';
  if (sameWords(args, ex.args)) return 2;
  const first = (s: string) => s.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
  return first(args) !== '' && first(args) === first(ex.args) ? 1 : 0;
}

/** Arguments alike but for letter case and runs of spaces. */
const sameWords = (a: string, b: string) => a.trim().replace(/\s+/g, ' ').toUpperCase() === b.trim().replace(/\s+/g, ' ').toUpperCase();

/** Commands that set a connection's mode for the rest of the session (kept by a catch-up). */
export const MODE_COMMANDS = new Set(['SELECT.VERSION', 'ENABLE']);

/**
 * The earlier steps' lines that put a connection where a later step needs it: a protocol
 * version chosen (IMAP3's SELECT.VERSION), the login, ENABLE, the selected mailbox (with
 * IMAP3's READONLY), and an IDLE still running. Steps whose check wants a refusal (a SELECT
 * before LOGIN, shown on purpose) changed nothing.
 */
export function catchUpLines(lesson: Lesson, stepIndex: number, role: string): string[] {
  return catchUpCommands(lesson, stepIndex, role).flat();
}

/** The same, one entry per command: its line and the literal lines that belong to it (`LOGIN alice {10}`, `wonderland`). */
export function catchUpCommands(lesson: Lesson, stepIndex: number, role: string): string[][] {
  let before: string[][] = [];
  let login: string[] | null = null;
  let after: string[][] = [];
  let select: string[] | null = null;
  let idle: string[] | null = null;
  // IMAP3 (RFC 1203): READONLY/READWRITE change the access of the selected mailbox, until the
  // next SELECT.
  let access: string[] | null = null;
  // POP3 (RFC 1939 §7): USER and PASS together are the login; a DELE marks a message only for
  // the session that sent it (done at QUIT, undone by RSET), so a new session marks it again.
  let user: string[] | null = null;
  let marks: string[][] = [];
  for (const s of lesson.steps.slice(0, stepIndex)) {
    if (s.check.status.length && !s.check.status.some((x) => x === 'OK' || x === 'continue')) continue;
    for (const cmd of commandGroups(s.tryLines, s.role)) {
      if (cmd.role !== role) continue;
      const line = cmd.lines[0];
      const head = commandsOfLine(line)[0] ?? line.trim().toUpperCase();
      if (MODE_COMMANDS.has(head)) (login ? after : before).push(cmd.lines);
      if (head === 'LOGIN' || head === 'AUTHENTICATE' || head === 'AUTH') {
        login = cmd.lines;
        after = [];
        select = null;
        marks = [];
      }
      if (head === 'USER') user = cmd.lines;
      if (head === 'PASS') {
        login = [...(user ?? []), ...cmd.lines];
        after = [];
        marks = [];
      }
      if (head === 'DELE') marks.push(cmd.lines);
      if (head === 'RSET') marks = [];
      if (head === 'SELECT' || head === 'EXAMINE') [select, access] = [cmd.lines, null];
      if (head === 'READONLY' || head === 'READWRITE') access = cmd.lines;
      if (head === 'CLOSE' || head === 'UNSELECT' || head === 'LOGOUT') [select, access] = [null, null];
      if (head === 'IDLE') idle = cmd.lines;
      if (line.trim().toUpperCase() === 'DONE') idle = null;
      if (head === 'LOGOUT' || head === 'QUIT') {
        login = null;
        before = [];
        after = [];
        idle = null;
        user = null;
        marks = [];
      }
    }
  }
  // A POP3 login is two commands (USER, then PASS): each its own entry.
  const logins = login && user && login.length === user.length + 1 && login[0] === user[0] ? [user, login.slice(user.length)] : login ? [login] : [];
  return [...before, ...logins, ...after, ...(login ? marks : []), ...(select ? [select, ...(access ? [access] : [])] : []), ...(idle ? [idle] : [])];
}

/** Lines grouped by command: a command line and the literal lines after it, with their connection. */
function commandGroups(lines: readonly string[], role: string): Array<{ role: string; lines: string[] }> {
  const out: Array<{ role: string; lines: string[] }> = [];
  const left = new Map<string, number>();
  const open = new Map<string, { role: string; lines: string[] }>();
  for (const raw of lines) {
    const t = lineTarget(raw, role);
    const l = left.get(t.role) ?? 0;
    if (l > 0) {
      left.set(t.role, l - (new TextEncoder().encode(t.line).length + 2));
      open.get(t.role)?.lines.push(t.line);
      continue;
    }
    const g = { role: t.role, lines: [t.line] };
    out.push(g);
    open.set(t.role, g);
    const lit = /\{(\d+)\+?\}$/.exec(t.line);
    if (lit) left.set(t.role, Number(lit[1]));
  }
  return out;
}

/** A suggested or solution line may start with `@role ` to go to another of the lesson's connections. */
export function lineTarget(line: string, role: string): { role: string; line: string } {
  // `@b` alone is an empty line for b (inside a literal: the blank line after a header).
  const m = /^@([A-Za-z][\w-]*)(?: (.*))?$/.exec(line.replace(/\s+$/, ''));
  return m ? { role: m[1], line: m[2] ?? '' } : { role, line };
}
