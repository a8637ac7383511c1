/**
 * Running a lesson, platform-free: which hosts of the network its connections use, its
 * set-up lines, and the step machine that advances when a check passes. The browser
 * (controller.svelte.ts) and the replay test (tests/lessons/) drive the same code.
 */
import type { HostConfig } from '../../worker/network';
import { evaluate, type CheckResult, type StateProbe } from './checks';
import type { ConnState, Exchange } from './exchange';
import type { HostSpec, Lesson, Step } from './format';

export interface Missing {
  role: string;
  spec: HostSpec;
  /** What the engine lacks, in words (shown in the lesson list and reported by the replay test). */
  reason: string;
}

export interface Resolution {
  hosts: Record<string, HostConfig>;
  missing: Missing[];
}

export function specMatches(spec: HostSpec, h: HostConfig): boolean {
  return h.protocol === spec.protocol && (spec.dialect === null || h.dialect === spec.dialect) && (spec.host === null || h.name === spec.host);
}

export function describeSpec(spec: HostSpec): string {
  const what =
    spec.protocol === 'imsp'
      ? `an IMSP server${spec.dialect ? ` in ${spec.dialect} mode` : ''}`
      : spec.dialect
        ? `an ${DIALECT_NAMES[spec.dialect] ?? spec.dialect} server`
        : 'an IMAP server';
  return spec.host ? `${what} named ${spec.host}` : what;
}

export const DIALECT_NAMES: Record<string, string> = {
  imap2: 'IMAP2 (RFC 1176)',
  imap3: 'IMAP3 (RFC 1203)',
  imap4: 'IMAP4 (RFC 1730)',
  imap4rev1: 'IMAP4rev1 (RFC 3501)',
  imap4rev2: 'IMAP4rev2 (RFC 9051)',
};

/**
 * Picks a host of the network for every connection of the lesson, or says which is missing.
 * `dialects`, when given, lists the IMAP dialects the engine can serve: a host whose dialect
 * is not among them cannot be connected to yet.
 */
export function resolveHosts(lesson: Lesson, hosts: readonly HostConfig[], dialects?: readonly string[]): Resolution {
  const out: Record<string, HostConfig> = {};
  const missing: Missing[] = [];
  for (const c of lesson.connections) {
    // Prefer IMAP4rev1 when any IMAP dialect will do: the lessons' commands are written for it.
    const cands = hosts.filter((h) => specMatches(c.spec, h));
    const usable = cands.filter((h) => h.protocol !== 'imap' || !dialects || dialects.includes(h.dialect));
    const pick = usable.find((h) => h.dialect === 'imap4rev1') ?? usable[0];
    if (pick) out[c.role] = pick;
    else if (cands.length)
      missing.push({ role: c.role, spec: c.spec, reason: `the ${DIALECT_NAMES[cands[0].dialect] ?? cands[0].dialect} dialect is not in the engine yet (worker/dialects)` });
    else missing.push({ role: c.role, spec: c.spec, reason: `no host in the network is ${describeSpec(c.spec)} (worker/network.ts)` });
  }
  return { hosts: out, missing };
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
    const aboutCommand = c.command.length > 0 || c.data.length > 0 || c.noData.length > 0 || c.text !== null;
    if (aboutCommand && role !== c.on) return null;
    const result = await evaluate(c, aboutCommand ? exchange : null, { probe: this.ctx.probe, conn: this.ctx.conn(c.on) });
    const attempt: Attempt = { step: this.step, role, exchange, result, advanced: result.ok };
    if (result.ok && this.current === step) this.step++;
    this.last = attempt;
    for (const fn of [...this.listeners]) fn(attempt);
    return attempt;
  }
}

/** The earlier steps that put a connection where a later step needs it (log in, select). */
export function catchUpLines(lesson: Lesson, stepIndex: number, role: string): string[] {
  const out: string[] = [];
  let login: string | null = null;
  let select: string | null = null;
  for (const s of lesson.steps.slice(0, stepIndex)) {
    for (const raw of s.tryLines) {
      const { role: r, line } = lineTarget(raw, s.role);
      if (r !== role) continue;
      const head = line.trim().split(/\s+/)[0].toUpperCase();
      if (head === 'LOGIN' || head === 'AUTHENTICATE') {
        login = line;
        select = null;
      }
      if (head === 'SELECT' || head === 'EXAMINE') select = line;
      if (head === 'CLOSE' || head === 'UNSELECT' || head === 'LOGOUT') select = null;
      if (head === 'LOGOUT') login = null;
    }
  }
  if (login) out.push(login);
  if (select) out.push(select);
  return out;
}

/** A suggested or solution line may start with `@role ` to go to another of the lesson's connections. */
export function lineTarget(line: string, role: string): { role: string; line: string } {
  const m = /^@([A-Za-z][\w-]*) (.*)$/.exec(line);
  return m ? { role: m[1], line: m[2] } : { role, line };
}
