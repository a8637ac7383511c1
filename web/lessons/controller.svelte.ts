/**
 * The lesson panel's state, bound to the page's AppState: which lesson is open, which tab plays
 * which of its connections, the step machine (runner.ts) fed by each tab's exchanges
 * (exchange.ts), progress saved with the rest of the page's state, and the sandbox the
 * student returns to when leaving a lesson.
 */
import { untrack } from 'svelte';
import type { AppState } from '../app.svelte';
import type { HostConfig, StoreSnapshot } from '../engine';
import { kv } from '../persist/db';
import { validateSnapshot } from '../persist/exchange';
import type { Session } from '../terminal/session';
import { watchSession } from './bind';
import type { CheckResult, StateProbe } from './checks';
import type { Course } from './content';
import { ExchangeTracker, type ConnState } from './exchange';
import type { Lesson, Step } from './format';
import { validateCourse, type CourseState, type LessonProgress } from './progress';
import { commandHead } from '../imap/tokens';
import { DIALECT_NAMES } from '../../worker/imap/dialect';
import { catchUpCommands, lineTarget, MODE_COMMANDS, LessonRun, resolveHosts, runSetup, type Attempt, type Missing, type RawConnector } from './runner';

export type PanelView = 'course' | 'lesson' | 'timeline';

interface Binding {
  role: string;
  key: string;
  tracker: ExchangeTracker;
  unwatch: () => void;
}

export class LessonController {
  course = $state.raw<Course | null>(null);
  view = $state<PanelView>('course');
  /** The lesson shown (active, or being previewed from the list). */
  shown = $state<string | null>(null);
  state = $state<CourseState>({ active: null, roles: {}, progress: {} });
  step = $state(0);
  feedback = $state.raw<{ step: number; result: CheckResult; command: string; role: string; progress: Attempt['progress'] } | null>(null);
  hints = $state(0);
  busy = $state<string | null>(null);
  error = $state<string | null>(null);
  missing = $state.raw<Missing[]>([]);
  /** Bumped when a role's connection state changes (for the live state diagram). */
  tick = $state(0);
  /** A `?lesson=ID` that names no lesson of this course (shown instead of silently ignored). */
  unknownLesson = $state<string | null>(null);
  /** The timeline row to scroll to when the timeline opens. */
  timelineAnchor = $state<string | null>(null);
  /** Exchanges handed to the step machine and not judged yet (the page's tests wait for 0). */
  judging = 0;
  /** Check results shown so far (the page's tests tell a new verdict from an old one). */
  verdicts = 0;
  /** True while "Catch up" is sending its lines (the page's tests wait for false). */
  catchingUp = false;
  private run: LessonRun | null = null;
  private bindings = new Map<string, Binding>();
  private loaded = false;

  constructor(private app: AppState) {}

  get lesson(): Lesson | null {
    return this.course?.lessons.find((l) => l.id === this.state.active) ?? null;
  }

  lessonById(id: string | null): Lesson | null {
    return (id && this.course?.lessons.find((l) => l.id === id)) || null;
  }

  progressOf(id: string): LessonProgress | null {
    return this.state.progress[id] ?? null;
  }

  get currentStep(): Step | null {
    return this.lesson?.steps[this.step] ?? null;
  }

  /** Loads the course text and the saved progress; resumes the open lesson. */
  async load(course: Course): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    this.state = validateCourse(await kv.get('lessons').catch(() => undefined));
    this.course = course;
    const want = new URLSearchParams(location.search).get('lesson');
    if (want && !this.lessonById(want)) this.unknownLesson = want.slice(0, 80);
    if (want && this.lessonById(want) && want !== this.state.active) {
      await this.start(want);
      return;
    }
    if (this.lesson) {
      this.resume();
      this.view = 'lesson';
      this.shown = this.lesson.id;
    }
  }

  /** Re-reads the saved state (after an import). */
  async reload(): Promise<void> {
    this.unbindAll();
    this.run = null;
    this.state = validateCourse(await kv.get('lessons').catch(() => undefined));
    if (this.lesson) this.resume();
    else this.view = 'course';
  }

  private resume(): void {
    const lesson = this.lesson!;
    const p = this.state.progress[lesson.id];
    this.makeRun(lesson, p?.step ?? 0);
    this.sync();
  }

  private async save(): Promise<void> {
    await kv.set('lessons', $state.snapshot(this.state)).catch(() => undefined);
  }

  // --- the engine, as the checks see it ------------------------------------------------

  private probe: StateProbe = {
    mailboxes: async (user) => (await this.app.engine.inspect()).accounts.find((a) => a.user === user.toLowerCase())?.mailboxes ?? null,
    messages: (user, mailbox) => this.app.engine.messages(user, mailbox),
    imsp: () => this.app.engine.imspView(),
    metadata: (user, mailbox) => this.app.engine.metadata(user, mailbox),
  };

  private makeRun(lesson: Lesson, step: number): void {
    this.run = new LessonRun(lesson, { probe: this.probe, conn: (role) => this.connState(role) }, step);
    this.step = this.run.step;
    this.feedback = null;
    this.hints = 0;
    this.run.onAttempt((a) => this.onAttempt(a));
  }

  private onAttempt(a: Attempt): void {
    const lesson = this.lesson;
    if (!lesson || !this.run) return;
    if (this.catchingUp && !a.advanced) return;
    this.verdicts++;
    this.feedback = { step: a.step, result: a.result, command: a.exchange ? `${a.exchange.tag} ${a.exchange.command}` : '', role: a.role, progress: a.progress };
    if (a.advanced) {
      this.step = this.run.step;
      this.hints = 0;
      this.record(lesson.id, { step: this.run.step, done: this.run.done });
    }
  }

  private record(id: string, p: Partial<LessonProgress>): void {
    const cur = this.state.progress[id] ?? { step: 0, done: false, skipped: [] };
    this.state.progress[id] = { ...cur, ...p, done: cur.done || !!p.done };
    void this.save();
  }

  connState(role: string): ConnState | null {
    const key = this.state.roles[role];
    return (key && this.bindings.get(key)?.tracker.state) || null;
  }

  // --- roles and tabs --------------------------------------------------------------------

  /** Binds each role to its tab's session (called when the tabs change). */
  sync(): void {
    const lesson = this.lesson;
    const labels: Record<string, string> = {};
    if (lesson && lesson.connections.length > 1) for (const [role, key] of Object.entries(this.state.roles)) labels[key] = role;
    if (JSON.stringify(labels) !== untrack(() => JSON.stringify(this.app.tabRoles))) this.app.tabRoles = labels;
    if (!lesson || !this.run) return;
    const live = new Set(this.app.sessions.map((s) => s.key));
    for (const [key, b] of this.bindings) {
      if (!live.has(key) || this.state.roles[b.role] !== key) {
        b.unwatch();
        this.bindings.delete(key);
      }
    }
    for (const [role, key] of Object.entries(this.state.roles)) {
      if (this.bindings.has(key)) continue;
      const s = this.app.sessions.find((x) => x.key === key);
      if (s) this.bind(role, s);
    }
  }

  private bind(role: string, s: Session): void {
    const tracker = new ExchangeTracker();
    const unwatch = watchSession(s, tracker);
    tracker.onEvent((e) => {
      this.tick++;
      if (e.kind === 'closed' || !this.run) return;
      this.judging++;
      void this.run.observe(role, e.exchange, e.kind).finally(() => this.judging--);
    });
    this.bindings.set(s.key, { role, key: s.key, tracker, unwatch });
  }

  private unbindAll(): void {
    for (const b of this.bindings.values()) b.unwatch();
    this.bindings.clear();
  }

  sessionFor(role: string): Session | undefined {
    const key = this.state.roles[role];
    return key ? this.app.sessions.find((s) => s.key === key) : undefined;
  }

  /** The host a role needs, as it is configured now. */
  hostFor(role: string): HostConfig | null {
    const lesson = this.lesson;
    if (!lesson) return null;
    return resolveHosts(lesson, this.app.hosts, DIALECT_NAMES).hosts[role] ?? null;
  }

  /** Shows a role's tab, opening a connection for it if it has none. */
  async focusRole(role: string): Promise<Session | undefined> {
    let s = this.sessionFor(role);
    if (!s) {
      const host = this.hostFor(role);
      if (!host) return undefined;
      s = await this.app.openTab(host.name);
      if (!s) return undefined;
      this.state.roles[role] = s.key;
      void this.save();
      this.sync();
    } else this.app.select(s.key);
    return s;
  }

  // --- starting, restarting, leaving -------------------------------------------------------

  /** What a lesson would need switched or lacks on this network, before starting it. */
  plan(lesson: Lesson) {
    return resolveHosts(lesson, this.app.hosts, DIALECT_NAMES);
  }

  /**
   * Starts (or restarts) a lesson from its own starting point: the hosts get the dialects it
   * needs, the store is reset to its scenario and its set-up lines run, and one tab opens per
   * connection. Coming from the sandbox, the sandbox is saved first, to be given back on leave.
   */
  async start(id: string): Promise<void> {
    const lesson = this.lessonById(id);
    if (!lesson || this.busy) return;
    const plan = this.plan(lesson);
    this.missing = plan.missing;
    this.shown = id;
    this.view = 'lesson';
    if (plan.missing.length) {
      this.error = `This lesson cannot run here: ${plan.missing.map((m) => m.reason).join('; ')}.`;
      return;
    }
    this.busy = `Setting up “${lesson.title}”…`;
    this.error = null;
    try {
      if (!this.state.active) await this.saveSandbox();
      else if (await this.restoreSandboxDialects()) {
        // Coming from another lesson: its dialect switches are undone first, so this lesson's
        // hosts (and its network figure) show only what this lesson needs.
        Object.assign(plan, this.plan(lesson));
      }
      this.unbindAll();
      this.run = null;
      for (const sw of plan.switches) await this.app.setHostDialect(sw.host, sw.dialect);
      await this.app.swapStore(async () => {
        await this.app.engine.reset(lesson.scenario);
        await runSetup(lesson, plan.hosts, this.connector());
      });
      this.state.active = id;
      this.state.roles = {};
      this.record(id, { step: 0, skipped: [] });
      for (const c of lesson.connections) {
        const s = await this.app.openTab(plan.hosts[c.role].name);
        if (s) {
          this.state.roles[c.role] = s.key;
          s.note(`Lesson “${lesson.title}”: this tab is the connection “${c.role}” (${s.host.name}).`);
        }
      }
      await this.save();
      this.makeRun(lesson, 0);
      this.sync();
      const first = this.sessionFor(lesson.steps[0].role);
      if (first) this.app.select(first.key);
    } catch (e) {
      this.error = `The lesson could not be set up: ${(e as Error).message}`;
    } finally {
      this.busy = null;
    }
  }

  restart(): Promise<void> {
    return this.state.active ? this.start(this.state.active) : Promise.resolve();
  }

  /** Leaves the lesson (progress is kept) and gives the sandbox back. */
  async leave(): Promise<void> {
    if (this.busy) return;
    this.busy = 'Returning to the sandbox…';
    try {
      this.unbindAll();
      this.run = null;
      this.state.active = null;
      this.state.roles = {};
      await this.save();
      await this.restoreSandbox();
      this.view = 'course';
    } finally {
      this.busy = null;
    }
  }

  private async saveSandbox(): Promise<void> {
    // The student's own mail (not a shared replay's throwaway sandbox) is what leaving gives back.
    const snapshot = await this.app.ownSnapshot();
    const dialects: Record<string, string> = {};
    for (const h of this.app.hosts) dialects[h.name] = h.dialect;
    await kv.set('lessonSandbox', { snapshot, dialects }).catch(() => undefined);
  }

  /** Gives every host the dialect it had in the sandbox. True if one changed. */
  private async restoreSandboxDialects(): Promise<boolean> {
    const saved = (await kv.get<{ dialects: Record<string, string> }>('lessonSandbox').catch(() => undefined)) ?? null;
    let changed = false;
    for (const [name, d] of Object.entries(saved?.dialects ?? {})) {
      const h = this.app.hosts.find((x) => x.name === name);
      if (h && typeof d === 'string' && h.dialect !== d) {
        await this.app.setHostDialect(name, d as HostConfig['dialect']).catch(() => undefined);
        changed = true;
      }
    }
    return changed;
  }

  private async restoreSandbox(): Promise<void> {
    const saved = (await kv.get<{ snapshot: StoreSnapshot; dialects: Record<string, string> }>('lessonSandbox').catch(() => undefined)) ?? null;
    await this.restoreSandboxDialects();
    await this.app.swapStore(async () => {
      let snap: StoreSnapshot | null = null;
      try {
        snap = saved?.snapshot ? validateSnapshot(saved.snapshot) : null;
      } catch (e) {
        snap = null;
        await this.app.keepAside('lessonSandbox', saved, e);
      }
      if (snap) await this.app.engine.restore(snap);
      else await this.app.engine.reset('default');
    });
    await kv.del('lessonSandbox').catch(() => undefined);
    const first = this.app.hosts[0];
    if (first) {
      const s = await this.app.openTab(first.name);
      s?.note('Back in the sandbox: your mail is as you left it before the lesson.');
    }
  }

  private connector(): RawConnector {
    const engine = this.app.engine;
    return {
      async connect(host, onBytes, onClosed) {
        const h = await engine.connect(host, (ev) => (ev.kind === 'output' ? onBytes(ev.bytes) : onClosed()));
        return { send: (line) => engine.send(h, line), close: () => engine.close(h) };
      },
    };
  }

  // --- the student's controls --------------------------------------------------------------

  /** Types the current step's suggested lines into the right terminal(s); the last one is left for Enter. */
  async showMe(): Promise<void> {
    const step = this.currentStep;
    if (!step) return;
    await this.typeLines(step.tryLines, step.role);
  }

  /** Sends the catch-up lines — all of them: the student's next command must start on a clean prompt. */
  async catchUpNow(): Promise<void> {
    const all = this.catchUp();
    if (!all) return;
    // Its commands bring the connections back; they are not the student's answer to the step.
    this.catchingUp = true;
    try {
      for (const c of all) await this.typeLines(c.lines, c.role, true);
      // The step's own tab in front again (an after-reload line may have run on another).
      const step = this.currentStep;
      if (step) await this.focusRole(step.role);
    } finally {
      this.catchingUp = false;
    }
  }

  /** Types lines as the student would; the last one is left at the prompt for Enter unless `enterLast`. */
  async typeLines(lines: string[], defaultRole: string, enterLast = false): Promise<void> {
    for (let i = 0; i < lines.length; i++) {
      const t = lineTarget(lines[i], defaultRole);
      const s = await this.focusRole(t.role);
      if (!s) return;
      // A closed connection (the lesson's own LOGOUT, a QUIT) is opened again first: typed
      // into, its line would only reconnect it and be lost.
      if (s.status === 'closed') await this.reopen(s);
      const type = this.app.typers.get(s.key);
      const enter = enterLast || i < lines.length - 1;
      // The line left for the student goes where the student types: on a phone (or in
      // screen-reader mode) that is the plain command line, whose Send then sends it.
      if (!enter && this.app.lineFieldInUse()) {
        this.app.lineDraft = t.line;
        document.getElementById('mobile-line')?.focus();
      } else if (type) await type(t.line, enter);
      else if (enter) s.enter(t.line);
      if (enter) await this.settle(s);
    }
  }

  /**
   * True when a session has answered everything sent to it (or asks for more, as with a
   * literal or IDLE) and the lesson has judged every exchange.
   */
  isSettled(s: Session): boolean {
    const mode = s.promptState().mode;
    if (s.queued !== 0 || this.judging !== 0) return false;
    // Waiting for the student: the octets of a literal (after a `+`, or at once with LITERAL+), or an answer to a `+`.
    if (mode === 'literal' || mode === 'continuation' || mode === 'closed') return true;
    if (mode !== 'command') return false;
    const b = this.bindings.get(s.key);
    return !b || !b.tracker.busy || b.tracker.waiting;
  }

  /** Connects a closed session again and waits for the server's greeting. */
  private async reopen(s: Session): Promise<void> {
    const seen = s.entries.at(-1)?.n ?? 0;
    await s.connect();
    const end = Date.now() + 3000;
    while (Date.now() < end && !s.entries.some((e) => e.n > seen && e.dir === 'S')) await new Promise((r) => setTimeout(r, 30));
  }

  /** Waits until a session has answered what was sent (or asks for more, as with a literal). */
  private async settle(s: Session): Promise<void> {
    const end = Date.now() + 3000;
    await new Promise((r) => setTimeout(r, 30));
    while (Date.now() < end) {
      if (this.isSettled(s)) return;
      await new Promise((r) => setTimeout(r, 30));
    }
  }

  /**
   * Lines that bring reopened connections back to where the current step expects them (after
   * a reload every connection is new): for each of the lesson's connections, the earlier
   * steps' login, version, selection and IDLE that its connection does not have now. The
   * current step's connection comes last, so its tab is the one left in front.
   */
  catchUp(): Array<{ role: string; lines: string[] }> | null {
    const lesson = this.lesson;
    const step = this.currentStep;
    if (!lesson || !step) return null;
    const roles = [...lesson.connections.map((c) => c.role).filter((r) => r !== step.role), step.role];
    const out: Array<{ role: string; lines: string[] }> = [];
    for (const role of roles) {
      const conn = this.connState(role);
      const tracker = this.bindings.get(this.state.roles[role] ?? '')?.tracker;
      const done = (cmd: string) => !!tracker?.history.some((e) => e.command === cmd && e.status === 'OK');
      const lines = catchUpCommands(lesson, step.index, role)
        .filter(([l]) => {
          const w = (commandHead(`t ${l}`)?.name ?? l.trim().split(/\s+/)[0]).toUpperCase();
          if (w === 'LOGIN' || w === 'AUTHENTICATE') return !conn?.user;
          // POP3: the login (USER, PASS or AUTH) and the session's DELE marks (RFC 1939 §6).
          if (w === 'USER' || w === 'PASS' || w === 'AUTH' || w === 'DELE') return !conn?.user;
          if (MODE_COMMANDS.has(w)) return !done(w);
          if (w === 'IDLE') return !tracker?.waiting;
          return !conn?.selected;
        })
        .flat();
      if (lines.length) out.push({ role, lines });
    }
    if (!out.length) return null;
    // Then what the step says a new connection cannot learn otherwise, once all are back
    // (consecutive lines for one connection in one entry).
    const back = out.length;
    for (const raw of step.afterReload) {
      const t = lineTarget(raw, step.role);
      const last = out.length > back ? out[out.length - 1] : null;
      if (last?.role === t.role) last.lines.push(t.line);
      else out.push({ role: t.role, lines: [t.line] });
    }
    return out;
  }

  showHint(): void {
    const step = this.currentStep;
    if (step && this.hints < step.hints.length) this.hints++;
  }

  /** Passes over the current step (marked as skipped in the progress). */
  skip(): void {
    const lesson = this.lesson;
    if (!lesson || !this.run || this.run.done) return;
    const at = this.run.step;
    this.run.goTo(at + 1);
    this.step = this.run.step;
    this.feedback = null;
    this.hints = 0;
    const p = this.state.progress[lesson.id] ?? { step: 0, done: false, skipped: [] };
    this.record(lesson.id, { step: this.run.step, done: this.run.done, skipped: [...new Set([...p.skipped, at])] });
  }

  /**
   * Moves the running lesson forward to a step (a shared "start here" link): the steps before
   * it are neither done nor skipped; a run already past it stays where it is.
   */
  goTo(step: number): void {
    const lesson = this.lesson;
    if (!lesson || !this.run || this.run.done) return;
    const to = Math.min(Math.max(0, step), lesson.steps.length - 1);
    if (this.run.step >= to) return;
    this.run.goTo(to);
    this.step = this.run.step;
    this.feedback = null;
    this.hints = 0;
    this.record(lesson.id, { step: this.run.step, done: this.run.done });
  }

  openTimeline(anchor: string | null = null): void {
    this.timelineAnchor = anchor;
    this.view = 'timeline';
  }

  /** Follows an in-site link from lesson text: `lesson:ID` or `timeline:ANCHOR`. */
  follow(href: string): void {
    if (href.startsWith('lesson:')) {
      this.shown = href.slice(7);
      this.view = 'lesson';
    } else if (href.startsWith('timeline:')) this.openTimeline(href.slice(9) || null);
  }

  dispose(): void {
    this.unbindAll();
  }
}
