/**
 * Drives lessons in Node exactly as the page does: the terminal's own Session class (auto
 * tags, waiting for `+` before a literal) over the engine's API, the same exchange tracker,
 * the same step machine. Only the transport differs: the engine runs in-process and its
 * output is delivered on a microtask, as Comlink delivers it in the browser.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine, type EngineEvent } from '../../worker/api';
import { DEFAULT_HOSTS, type HostConfig } from '../../worker/network';
import { readScenarioDir } from '../../worker/node/scenarios';
import type { ScenarioFiles } from '../../worker/scenario';
import { Session } from '../../web/terminal/session';
import type { ConnectionEvent, ConnectionHandle, EngineClient } from '../../web/engine';
import { IMAP3_V3_COMMANDS, IMSP_COMMANDS } from '../../web/imap/keywords';
import { parseLesson, type Lesson } from '../../web/lessons/format';
import { ExchangeTracker } from '../../web/lessons/exchange';
import { watchSession } from '../../web/lessons/bind';
import { LessonRun, lineTarget, resolveHosts, runSetup, type Attempt, type Missing, type RawConnector } from '../../web/lessons/runner';
import type { StateProbe } from '../../web/lessons/checks';
import { DIALECT_NAMES } from '../../worker/imap/dialect';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const LESSON_DIR = join(ROOT, 'content/lessons');

export interface LessonFile {
  file: string;
  text: string;
  lesson: Lesson;
}

export function lessonFiles(): string[] {
  return readdirSync(LESSON_DIR)
    .filter((f) => f.endsWith('.md'))
    .sort();
}

export function loadLessons(): LessonFile[] {
  return lessonFiles().map((file) => {
    const text = readFileSync(join(LESSON_DIR, file), 'utf8');
    return { file, text, lesson: parseLesson(text, file) };
  });
}

let scenarioCache: Record<string, ScenarioFiles> | null = null;
export function scenarios(): Record<string, ScenarioFiles> {
  if (scenarioCache) return scenarioCache;
  const root = join(ROOT, 'content/scenarios');
  const out: Record<string, ScenarioFiles> = {};
  for (const d of readdirSync(root)) if (statSync(join(root, d)).isDirectory()) out[d] = readScenarioDir(join(root, d));
  return (scenarioCache = out);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(cond: () => boolean, ms = 2000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) return false;
    await sleep(2);
  }
  return true;
}

/** The EngineClient surface a Session uses, over an in-process Engine. */
function clientFor(engine: Engine): EngineClient {
  const sinks = new Map<number, (ev: ConnectionEvent) => void>();
  const route = (ev: EngineEvent) => queueMicrotask(() => sinks.get(ev.id)?.(ev));
  const c = {
    async connect(host: string, sink: (ev: ConnectionEvent) => void): Promise<ConnectionHandle> {
      await engine.prepare(host); // as the page's EngineClient does: POP3 and IMSP load on demand
      const id = engine.connect(host, route);
      sinks.set(id, sink);
      return { id, generation: 1 };
    },
    async send(h: ConnectionHandle, data: Uint8Array | string): Promise<void> {
      engine.send(h.id, data);
    },
    async close(h: ConnectionHandle): Promise<void> {
      sinks.delete(h.id);
      engine.close(h.id);
    },
    release(h: ConnectionHandle): void {
      sinks.delete(h.id);
    },
  };
  return c as unknown as EngineClient;
}

export function probeFor(engine: Engine): StateProbe {
  return {
    async mailboxes(user) {
      return engine.inspect().accounts.find((a) => a.user === user.toLowerCase())?.mailboxes ?? null;
    },
    async messages(user, mailbox) {
      return engine.messages(user, mailbox);
    },
    async imsp() {
      return engine.imspView();
    },
    async metadata(user, mailbox) {
      return engine.metadata(user, mailbox);
    },
  };
}

export interface Role {
  session: Session;
  tracker: ExchangeTracker;
  host: HostConfig;
}

/** One lesson, live: its connections (one terminal session per role) and its step machine. */
export class LessonDriver {
  engine: Engine;
  roles = new Map<string, Role>();
  run!: LessonRun;
  attempts: Attempt[] = [];
  missing: Missing[] = [];

  constructor(
    readonly lesson: Lesson,
    readonly hosts: HostConfig[] = DEFAULT_HOSTS,
  ) {
    this.engine = new Engine(scenarios(), hosts);
  }

  /** Resets to the lesson's scenario, runs its set-up, opens its connections. Returns what is missing. */
  async start(): Promise<Missing[]> {
    // As the page does: every dialect the engine can serve (an earlier era's loads on connect).
    const res = resolveHosts(this.lesson, this.engine.hosts(), DIALECT_NAMES);
    this.missing = res.missing;
    if (res.missing.length) return res.missing;
    for (const sw of res.switches) this.engine.setHostDialect(sw.host, sw.dialect);
    this.engine.reset(this.lesson.scenario);
    const connector: RawConnector = {
      connect: async (host, onBytes, onClosed) => {
        await this.engine.prepare(host);
        const id = this.engine.connect(host, (ev) => queueMicrotask(() => (ev.kind === 'output' ? onBytes(ev.bytes) : onClosed())));
        return {
          send: async (line) => this.engine.send(id, line),
          close: async () => this.engine.close(id),
        };
      },
    };
    await runSetup(this.lesson, res.hosts, connector);
    const client = clientFor(this.engine);
    // As the page does (AppState.tagWords): any command word of any dialect gets an auto tag.
    const words = new Set<string>([...IMSP_COMMANDS, ...IMAP3_V3_COMMANDS]);
    await this.engine.loadDialects(); // the page lists every dialect's words once they arrive
    for (const d of this.engine.dialectInfo()) for (const c of d.commands) words.add(c.name);
    for (const m of await this.engine.imspModes()) for (const c of m.commands) words.add(c.name);
    for (const c of this.lesson.connections) {
      const host = res.hosts[c.role];
      const session = new Session(client, host, { autoTag: () => true, commands: () => words, remember: () => undefined, currentHost: () => host });
      const tracker = new ExchangeTracker();
      watchSession(session, tracker);
      this.roles.set(c.role, { session, tracker, host });
    }
    this.run = new LessonRun(this.lesson, { probe: probeFor(this.engine), conn: (role) => this.roles.get(role)?.tracker.state ?? null });
    for (const [role, r] of this.roles) {
      r.tracker.onEvent((e) => {
        if (e.kind !== 'closed') void this.run.observe(role, e.exchange, e.kind);
      });
    }
    this.run.onAttempt((a) => this.attempts.push(a));
    for (const r of this.roles.values()) await r.session.connect();
    for (const r of this.roles.values()) await waitFor(() => r.tracker.state.greeting !== null, 2000);
    return [];
  }

  /** Types lines into a role's terminal, as the student would (`@role line` goes to another connection). */
  type(role: string, lines: string[]): void {
    for (const raw of lines) {
      const t = lineTarget(raw, role);
      const r = this.roles.get(t.role);
      if (!r) throw new Error(`no connection ${t.role}`);
      r.session.enter(t.line);
    }
  }

  /** Sends a step's solution and waits for the step to pass. Returns the last attempt on failure. */
  async solve(stepIndex: number, lines = this.lesson.steps[stepIndex].solution): Promise<{ ok: boolean; last: Attempt | null }> {
    const step = this.lesson.steps[stepIndex];
    const before = this.attempts.length;
    this.type(step.role, lines);
    const ok = await waitFor(() => this.run.step > stepIndex, 3000);
    const last = this.attempts.slice(before).pop() ?? null;
    return { ok, last };
  }

  /** Sends a wrong answer and waits until the server has answered it; the step must not pass. */
  async tryWrong(stepIndex: number, lines: string[]): Promise<{ passed: boolean; last: Attempt | null }> {
    const step = this.lesson.steps[stepIndex];
    const before = this.attempts.length;
    this.type(step.role, lines);
    await waitFor(() => this.attempts.length > before && ![...this.roles.values()].some((r) => r.tracker.busy && !r.tracker.waiting), 3000);
    await sleep(5);
    return { passed: this.run.step > stepIndex, last: this.attempts.slice(before).pop() ?? null };
  }

  close(): void {
    for (const r of this.roles.values()) void r.session.close();
  }
}
