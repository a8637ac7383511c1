import type { Dialect } from './dialect';
import type { Account, Message } from '../store/model';
import type { FlagSet } from '../store/flagsets';
import { hostsOf } from '../store/locations';
import { StoreError } from '../store/store';
import { ByteWriter, writeValue } from '../wire/encode';
import { CommandFramer, type FramerLimits } from '../wire/framer';
import { ParseError, Reader } from '../wire/parser';
import type { Value } from '../wire/values';
import { flagsFor } from './flags';
import { flagListLines } from './flaglist';
import { SelectedMailbox } from './tracker';
import type { Notifier } from './notifier';
import { PENDING, type CommandSpec, type Completion, type State } from './types';
import type { SessionEnv } from '../session/env';
import { wordingOf } from './wording';
import { Autologout } from '../session/autologout';
import { changeItems, qresyncOn } from './condstore';
import { COMMAND_BUDGET_MS, MAX_BAD_COMMANDS_BEFORE_LOGIN, MAX_COMMAND_BEFORE_LOGIN } from '../limits';

const enc = new TextEncoder();

export interface SessionLimits extends Partial<FramerLimits> {
  /** Invalid commands tolerated before login; the next one ends the connection (as Dovecot). */
  maxBadCommandsBeforeLogin: number;
  /** A whole command before login, literals included (see worker/limits.ts). */
  maxCommandBeforeLogin?: number;
  /** Milliseconds of work per command before `NO [LIMIT]`; 0 = no budget. */
  commandBudgetMs?: number;
  /** Autologout before login, ms; 0 = never (the in-browser engine). */
  loginTimeoutMs?: number;
  /** Autologout after login, ms; 0 = never. */
  idleTimeoutMs?: number;
  /** Delay before a failed login is answered, ms; 0 = none. */
  authFailureDelayMs?: number;
}

/** The engine's defaults: no timers (a student reading a lesson is not logged out). */
export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  maxBadCommandsBeforeLogin: MAX_BAD_COMMANDS_BEFORE_LOGIN,
  maxCommandBeforeLogin: MAX_COMMAND_BEFORE_LOGIN,
  commandBudgetMs: COMMAND_BUDGET_MS,
};

/** Thrown by `checkBudget` when a command has worked too long: it ends with `NO [LIMIT]`. */
export class BudgetExceeded extends StoreError {
  constructor(ms: number) {
    super('LIMIT', `Command stopped after ${ms} ms of work (this server's limit per command); ask for fewer messages or simpler search keys`);
  }
}

let nextSessionId = 1;

/** How long pushed updates are gathered before they go out (see pushUpdates). */
export const PUSH_COALESCE_MS = 25;

/**
 * One IMAP connection: the state machine of RFC 3501 §3, command dispatch through the
 * dialect's table, and the rules for when mailbox changes may be announced. Handlers live
 * in ./commands; they parse their arguments, call the store, and write untagged data here.
 */
export class ImapSession {
  readonly id = nextSessionId++;
  state: State = 'not-authenticated';
  account: Account | null = null;
  selected: SelectedMailbox | null = null;
  /** Extensions turned on with ENABLE (RFC 5161), or IMAP3 features (SELECT.FEATURES). */
  readonly enabled = new Set<string>();
  /** NOTIFY (RFC 5465): what the client asked to hear about, once it has said NOTIFY. */
  notify: Notifier | null = null;
  /** The UIDs a `SEARCH RETURN (SAVE)` kept for `$` (RFC 9051 §6.4.4.1; RFC 5182). */
  savedSearch: number[] = [];
  private framer: CommandFramer;
  /** While set, whole lines go here instead of being parsed as commands (IDLE, AUTHENTICATE). */
  private lineHandler: ((line: Uint8Array) => void) | null = null;
  private badCommands = 0;
  /** Set by a command after which the connection must end (e.g. its mailbox was deleted). */
  byeAfterCompletion: string | null = null;
  /** The client has sent CAPABILITY: it will want to hear when the list changes. */
  askedCapability = false;
  /**
   * What data lines start with: `*`, or (IMAP3's TAGGED.SOLICITED) the tag of the command
   * being answered while it runs.
   */
  private dataPrefix = '*';
  private closed = false;
  /** What the framer is being held for; input is framed again when this is empty. */
  private holds = new Set<'output' | 'auth' | 'extension'>();
  /** When the running command's work budget ends (performance.now() ms), or Infinity. */
  private deadline = Number.POSITIVE_INFINITY;
  /** Pending timers of this connection (the failed-login delay), cleared when it ends. */
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private autologout: Autologout | null = null;
  /** While a multi-line command waits: what to do with a line over the limit. */
  private lineTooLong: (() => void) | null = null;
  /** A command paused by pauseOutput, continued on drain. */
  private drainWaiter: (() => void) | null = null;

  constructor(
    readonly env: SessionEnv,
    public dialect: Dialect,
    readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS,
  ) {
    this.framer = new CommandFramer(limits, {
      command: (bytes) => this.onCommand(bytes),
      literal: (req) => this.onLiteral(req.sync, req.size, req.head, req.binary),
      literalTooLarge: (req) => this.onLiteralTooLarge(req.sync, req.size, req.head),
      tooLong: (head) => this.onTooLong(head),
    });
    this.untagged(dialect.greeting(this));
    if (limits.loginTimeoutMs || limits.idleTimeoutMs) {
      this.autologout = new Autologout(
        () => ((this.state === 'not-authenticated' ? limits.loginTimeoutMs : limits.idleTimeoutMs) ?? 0),
        () => {
          this.untagged('BYE Disconnected for inactivity.');
          this.disconnect();
        },
      );
    }
  }

  get store() {
    return this.env.store;
  }

  /** Bytes from the client, in any chunking. */
  receive(bytes: Uint8Array): void {
    if (this.closed) return;
    this.autologout?.touch();
    this.framer.push(bytes);
  }

  // --- flow control ---------------------------------------------------------------------

  /**
   * Stops framing input until `release(reason)`: later commands wait, in order, and the
   * transport is asked to stop reading (so kept input stays small).
   */
  hold(reason: 'output' | 'auth' | 'extension'): void {
    this.holds.add(reason);
    this.framer.held = true;
    this.env.pauseInput?.();
  }

  release(reason: 'output' | 'auth' | 'extension'): void {
    if (!this.holds.delete(reason) || this.holds.size || this.closed) return;
    this.env.resumeInput?.();
    this.framer.resume();
  }

  /**
   * For a command that writes a lot (FETCH of many big messages): if the client is behind in
   * reading, stop here. Returns true, and calls `resume` once the output has drained; until
   * then no other command is read. False: go on writing.
   */
  pauseOutput(resume: () => void): boolean {
    if (this.closed || !this.env.congested?.()) return false;
    this.drainWaiter = resume;
    this.hold('output');
    return true;
  }

  /** The transport's output has drained (see SessionEnv.congested). */
  drained(): void {
    const resume = this.drainWaiter;
    this.drainWaiter = null;
    if (resume && !this.closed) resume();
    // Still writing, or already behind again (the transport calls drained() once more).
    if (this.drainWaiter || this.env.congested?.()) return;
    this.release('output');
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Ends the running command with `NO [LIMIT]` once its work budget is spent. */
  checkBudget(): void {
    if (performance.now() > this.deadline) throw new BudgetExceeded(this.limits.commandBudgetMs ?? 0);
  }

  /**
   * A failed LOGIN/AUTHENTICATE: answered after the failure delay, during which nothing else
   * from this client is read (as Dovecot's auth_failure_delay), so password guessing is slow.
   */
  failLogin(tag: string, c: Completion): typeof PENDING | Completion {
    const ms = this.limits.authFailureDelayMs ?? 0;
    if (!ms) return c;
    this.hold('auth');
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.finish(tag, c);
      this.release('auth');
    }, ms);
    this.timers.add(t);
    return PENDING;
  }

  // --- output -------------------------------------------------------------------------

  send(bytes: Uint8Array): void {
    if (!this.closed) this.env.send(bytes);
  }

  /**
   * `* <text>`: data for the client. While a command runs this is the data it asked for,
   * which IMAP3 may send tagged (see `dataPrefix`); `unsolicited` is always `*`.
   */
  untagged(text: string): void {
    this.send(enc.encode(`${this.dataPrefix} ${text}\r\n`));
  }

  /** `* <text>` even while a command runs: data no command asked for (IMAP3's MAILBOX notice). */
  unsolicited(text: string): void {
    this.send(enc.encode(`* ${text}\r\n`));
  }

  /** What a data line starts with now: `*` or, in IMAP3's tagged mode, the command's tag. */
  get prefix(): string {
    return this.dataPrefix;
  }

  /** `* <prefix><value>` where value is encoded (strings become quoted or literals). */
  untaggedValue(prefix: string, value: Value): void {
    const w = new ByteWriter().text(`${this.dataPrefix} ${prefix}`);
    writeValue(w, value);
    this.send(w.text('\r\n').finish());
  }

  /** `* <prefix> v1 v2 …`: several values separated by spaces (LIST, STATUS, FETCH). */
  untaggedValues(prefix: string, values: Value[]): void {
    const w = new ByteWriter().text(`${this.dataPrefix} ${prefix}`);
    for (const v of values) {
      w.text(' ');
      writeValue(w, v);
    }
    this.send(w.text('\r\n').finish());
  }

  continuation(text: string): void {
    this.send(enc.encode(`+ ${text}\r\n`));
  }

  complete(tag: string, c: Completion): void {
    // A code the dialect does not know yet (APPENDUID in RFC 1730, …) is left out.
    const known = this.dialect.responseCodes;
    const code = c.code && (!known || known.has(c.code.split(' ')[0])) ? `[${c.code}] ` : '';
    this.send(enc.encode(`${tag} ${c.status} ${code}${c.text}\r\n`));
  }

  /** Ends the connection after the bytes already written. */
  disconnect(): void {
    if (this.closed) return;
    this.state = 'logout';
    this.setNotify(null);
    this.unselect();
    this.closed = true;
    this.stopTimers();
    this.env.close();
  }

  /** The client went away (socket closed, tab closed). */
  dispose(): void {
    this.setNotify(null);
    this.unselect();
    this.closed = true;
    this.stopTimers();
  }

  private stopTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.autologout?.stop();
  }

  // --- line-level hooks for multi-step commands ---------------------------------------

  /** Routes the next client lines to `handler` until `endLineMode()` (IDLE's DONE, SASL). */
  takeLines(handler: (line: Uint8Array) => void, tooLong: () => void): void {
    this.lineHandler = handler;
    this.lineTooLong = tooLong;
    this.framer.rawLines = true;
  }

  endLineMode(): void {
    this.lineHandler = null;
    this.lineTooLong = null;
    this.framer.rawLines = false;
  }

  // --- selected mailbox ---------------------------------------------------------------

  select(selected: SelectedMailbox): void {
    this.unselect();
    this.selected = selected;
    this.state = 'selected';
    this.savedSearch = [];
    // A new keyword is announced in the session's dialect (IMAP2 has no PERMANENTFLAGS).
    selected.flagLines = () => flagListLines(this, selected.mailbox, selected.readOnly);
  }

  unselect(): void {
    if (this.selected) {
      this.selected.close();
      this.selected = null;
    }
    if (this.state === 'selected') this.state = 'authenticated';
  }

  /**
   * Whether a mailbox is on this host. Only a network whose IMSP server keeps the 1995
   * mailbox location table spreads mailboxes over hosts; everywhere else all are here.
   */
  isHere(name: string): boolean {
    if (!this.env.locationsActive?.() || !this.account) return true;
    const hosts = hostsOf(this.store, this.account.user, name);
    return hosts === null || hosts.includes(this.env.host);
  }

  /** Refuses a mailbox the location table puts on another host, saying where it is. */
  requireHere(name: string): void {
    if (this.isHere(name)) return;
    const hosts = hostsOf(this.store, this.account!.user, name)!;
    throw new StoreError(null, `Mailbox ${name} is on ${hosts.join(', ')}, not here (IMSP's mailbox location table)`);
  }

  /** The `FLAGS (...)` item of a message as this session sees it (\Recent is per session). */
  flagsItem(m: Message): string {
    const recent = this.selected?.recent.has(m.uid) ?? false;
    // Messages share their flag sets (store/flagsets.ts), so the text is made once per set.
    // ENABLE IMAP4rev2 and IMAP3's SELECT.VERSION change the dialect (and so the text) mid-session.
    if (this.flagsDialect !== this.dialect) {
      this.flagsText = new WeakMap();
      this.flagsDialect = this.dialect;
    }
    let text = this.flagsText.get(m.flags);
    if (!text) this.flagsText.set(m.flags, (text = {}));
    const key = recent ? 'recent' : 'plain';
    return (text[key] ??= `FLAGS (${flagsFor(m, recent, this.dialect.recent, this.dialect.systemFlags).join(' ')})`);
  }

  private flagsText = new WeakMap<FlagSet, { plain?: string; recent?: string }>();
  private flagsDialect: Dialect | null = null;

  /**
   * Pushes changes to the selected mailbox as they happen, without waiting for a command
   * (IDLE, IMAP3's NEW.MAIL.NOTIFY), gathered for PUSH_COALESCE_MS so that a burst (STORE then
   * EXPUNGE) goes out as one, as Dovecot's IDLE does. Returns the function that stops it.
   */
  pushUpdates(): () => void {
    const sel = this.selected;
    if (!sel) return () => {};
    let timer: ReturnType<typeof setTimeout> | null = null;
    const push = () => {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        if (this.selected === sel) this.flushPushed();
      }, PUSH_COALESCE_MS);
    };
    sel.onUpdate = push;
    return () => {
      if (timer !== null) clearTimeout(timer);
      if (sel.onUpdate === push) sel.onUpdate = null;
    };
  }

  /** NOTIFY SET / NONE (RFC 5465): replaces what the session listens to; null stops it. */
  setNotify(notifier: Notifier | null): void {
    this.notify?.stop();
    this.notify = notifier;
  }

  /** Updates sent while no command is running (IDLE): see syncedModseqCode. */
  flushPushed(): void {
    this.flushUpdates(true);
    const code = this.syncedModseqCode();
    if (code) this.untagged(`OK [${code}] Highest`);
  }

  /** The highest MODSEQ this session sent in a FETCH response since its last sync. */
  private fetchModseq = 0;

  /** Called for every MODSEQ a FETCH response carries (worker/imap/condstore.ts). */
  sentModseq(n: number): void {
    if (n > this.fetchModseq) this.fetchModseq = n;
  }

  /**
   * RFC 7162 §3.2.10, as Dovecot decides it after each sync of a QRESYNC session: a client that
   * keeps its HIGHESTMODSEQ from the MODSEQs it is sent must not skip expunges. So when
   * expunges are held back (during FETCH, STORE, SEARCH) and a FETCH carried a higher MODSEQ,
   * it is told the modseq of its last full sync; otherwise, when the mailbox went past both
   * that and every MODSEQ it was sent (VANISHED, EXISTS), the new HIGHESTMODSEQ. Null: nothing
   * to tell.
   */
  private syncedModseqCode(): string | null {
    const sel = this.selected;
    if (!sel) return null;
    const highest = sel.mailbox.highestModseq;
    const held = sel.holdsExpunges;
    let send = 0;
    if (held && this.fetchModseq > sel.syncedModseq) send = sel.syncedModseq;
    else if (!held && highest > sel.syncedModseq && highest > this.fetchModseq) send = highest;
    if (!held) sel.syncedModseq = highest;
    this.fetchModseq = 0;
    return send && qresyncOn(this) ? `HIGHESTMODSEQ ${send}` : null;
  }

  /** Announces what other sessions changed in the selected mailbox (RFC 3501 §7.4.1, §5.2). */
  flushUpdates(expunges: boolean, claimRecent = true): void {
    const sel = this.selected;
    if (!sel) return;
    if (sel.deleted) {
      this.untagged('BYE Selected mailbox was deleted, have to disconnect.');
      this.disconnect();
      return;
    }
    // RFC 5465 §6.1: once NOTIFY is set without SELECTED, the selected mailbox is silent: as on
    // Dovecot its changes are applied without a word (a FETCH then sees the new numbering);
    // without FlagChange, flag changes are kept back.
    const notify = this.notify;
    const silent = !!notify && !notify.selectedFilter;
    const lines = sel.flush({
      expunges,
      flags: notify ? notify.tellsFlags : true,
      recentResponse: this.dialect.recent,
      // RFC 9051 §7.5.2: an unsolicited FETCH carries the UID; RFC 7162: and MODSEQ with CONDSTORE.
      flagsLine: (seq, m) => `${seq} FETCH (${changeItems(this, m, !!this.dialect.unsolicitedUid)}${this.flagsItem(m)})`,
      vanished: qresyncOn(this),
      claimRecent,
    });
    if (silent) return;
    for (const l of lines) this.untagged(l);
    notify?.fetchNew(sel.lastAnnounced);
  }

  // --- dispatch -----------------------------------------------------------------------

  private onLiteral(sync: boolean, size: number, head: Uint8Array, binary = false): boolean {
    if (this.state === 'not-authenticated' && head.length + size > (this.limits.maxCommandBeforeLogin ?? Infinity)) {
      // Before login nobody has a reason to send more than a few hundred octets; Dovecot's
      // imap-login hangs up on a command that would not fit its 8 KiB buffer.
      this.literalTooLargeBye();
      return false;
    }
    if (!this.lineHandler) {
      // A command that cannot run is refused before the client uploads anything (as Dovecot).
      const r = new Reader(head, { syntax: this.dialect.syntax });
      const c = this.resolve(r);
      if ('refusal' in c) {
        if (c.tag === null) return sync ? (this.continuation('OK'), true) : true;
        this.badInput(c.tag, c.refusal, c.status);
        return false;
      }
      // RFC 3516 §4.4: literal8 is for APPEND's message data; elsewhere it is refused (as Dovecot).
      if (binary && !(c.spec.literal8 && this.dialect.binary)) {
        this.finish(c.tag, { status: 'BAD', text: `Error in IMAP command ${c.name}: literal8 not allowed here` });
        return false;
      }
      const early = this.checkBeforeLiteral(c, r, size);
      if (early) {
        if (early.status === 'BAD' && this.state === 'not-authenticated' && this.countBad()) return false;
        this.finish(c.tag, early);
        return false;
      }
    }
    if (sync) this.continuation('OK');
    return true;
  }

  /** Lets the command refuse early (see CommandSpec.beforeLiteral). */
  private checkBeforeLiteral(c: { tag: string; name: string; uid: boolean; spec: CommandSpec }, r: Reader, size: number): Completion | null {
    const { tag, name, uid, spec } = c;
    if (!spec.beforeLiteral) return null;
    try {
      return spec.beforeLiteral({ session: this, tag, name, uid, args: r }, size);
    } catch (e) {
      if (e instanceof ParseError) return { status: 'BAD', text: `Error in IMAP command ${name}: ${e.message}` };
      if (e instanceof StoreError) return { status: 'NO', code: e.code ?? undefined, text: e.message };
      throw e;
    }
  }

  /** `* BYE Literal size too large` and the end of the connection, as Dovecot does. */
  private literalTooLargeBye(): void {
    this.untagged('BYE Literal size too large');
    this.disconnect();
  }

  private onLiteralTooLarge(sync: boolean, size: number, head: Uint8Array): void {
    // A non-synchronising literal is on its way whatever we answer, and one whose size cannot
    // even be counted (20 digits) would never end: hang up, as Dovecot does, rather than
    // read and throw away up to that many octets. So before login, for any literal.
    if (!sync || !Number.isSafeInteger(size) || this.state === 'not-authenticated') return this.literalTooLargeBye();
    const tag = tagOf(head);
    const text = `Literal too large: ${size} octets (this server accepts at most ${this.framer.limits.maxLiteralSize})`;
    if (tag) this.complete(tag, { status: 'BAD', text });
    else this.untagged(`BAD ${text}`);
  }

  private onTooLong(head: Uint8Array): void {
    // During IDLE or AUTHENTICATE the line is the client's answer, not a command: it has no
    // tag of its own. The pending command decides how it ends.
    if (this.lineHandler) return this.lineTooLong?.();
    // Only a tag that ended (a space follows it) is one: 64 KiB of `xxx…` is not a tag, and
    // echoing it back would send the client its own junk (Dovecot answers untagged too).
    const sp = head.indexOf(0x20);
    const tag = sp > 0 ? tagOf(head.subarray(0, sp + 1)) : null;
    const text = `Command line too long (this server accepts at most ${this.framer.limits.maxLineLength} octets)`;
    if (tag) this.complete(tag, { status: 'BAD', text });
    else this.untagged(`BAD ${text}`);
  }

  private onCommand(bytes: Uint8Array): void {
    if (this.lineHandler) {
      this.lineHandler(bytes);
      return;
    }
    if (this.state === 'logout' || this.closed) return;
    const r = new Reader(bytes, { syntax: this.dialect.syntax });
    const c = this.resolve(r);
    if ('refusal' in c) return this.badInput(c.tag, c.refusal, c.status);
    this.run(c.spec, c.tag, c.name, c.uid, r);
    // A client that does not read its responses gets no more of them for now (the bridge
    // resumes once they drain): pipelined FETCHes cannot pile up output without end.
    if (!this.closed && this.env.congested?.()) this.hold('output');
  }

  /** Reads the tag and command name (and UID's sub-command) and finds the spec, or says why not. */
  private resolve(
    r: Reader,
  ): { tag: string; name: string; uid: boolean; spec: CommandSpec } | { tag: string | null; refusal: string; status?: 'BAD' | 'NO' } {
    const words = wordingOf(this.dialect);
    let tag: string;
    try {
      tag = r.tag();
    } catch {
      return { tag: null, refusal: 'Error in IMAP tag' };
    }
    let spec: CommandSpec | undefined;
    let uid = false;
    let name = '';
    try {
      r.sp();
      name = r.atom().toUpperCase();
      spec = this.dialect.commands.get(name);
      if (name === 'UID' && spec) {
        r.sp();
        name = r.atom().toUpperCase();
        uid = true;
        spec = this.dialect.uidCommands.get(name);
        if (!spec) return { tag, refusal: words.unknownCommand(`UID ${name}`) };
      }
    } catch {
      return { tag, refusal: 'Error in IMAP command received by server.' };
    }
    if (!spec) {
      const hint = this.dialect.removed?.[name];
      return { tag, refusal: hint ? `${words.unknownCommand(name)} ${hint}` : words.unknownCommand(name) };
    }
    if (!spec.states.includes(this.state)) {
      const c = words.wrongState(name, this.state, spec.states);
      return { tag, refusal: c.text, status: c.status === 'NO' ? 'NO' : 'BAD' };
    }
    return { tag, name, uid, spec };
  }

  private run(spec: CommandSpec, tag: string, name: string, uid: boolean, args: Reader): void {
    let result;
    this.dataPrefix = this.dialect.solicitedPrefix?.(this, tag) ?? '*';
    const budget = this.limits.commandBudgetMs ?? 0;
    this.deadline = budget > 0 ? performance.now() + budget : Number.POSITIVE_INFINITY;
    // NOTIFY's events that are still gathering go out before the command's own output.
    this.notify?.deliver();
    try {
      result = spec.run({ session: this, tag, name, uid, args });
    } catch (e) {
      if (e instanceof ParseError) {
        result = { status: 'BAD' as const, text: wordingOf(this.dialect).badSyntax(`${uid ? 'UID ' : ''}${name}`, e.message, spec.syntax) };
      } else if (e instanceof StoreError) {
        result = { status: 'NO' as const, code: e.code ?? undefined, text: e.message };
      } else {
        // A bug in a handler must not take the connection down: report it and carry on.
        console.error(e);
        result = { status: 'NO' as const, code: 'SERVERBUG', text: `Internal error: ${(e as Error)?.message ?? e}` };
      }
    }
    this.deadline = Number.POSITIVE_INFINITY;
    if (result === PENDING) return;
    // Before login, every refused command counts toward the disconnect (as on Dovecot).
    if (result.status === 'BAD' && this.state === 'not-authenticated' && this.countBad()) return;
    this.finish(tag, result, !(spec.holdsExpunges && !uid), !spec.holdsExpunges);
  }

  /** Sends pending mailbox updates, then the tagged completion. */
  finish(tag: string, c: Completion, expunges = true, claimRecent = true): void {
    if (this.closed) return;
    if (c.status !== 'BAD') {
      this.flushUpdates(expunges, claimRecent);
      c = this.withSyncedModseq(c);
    }
    this.dataPrefix = '*';
    if (this.closed) return;
    this.complete(tag, c);
    this.autologout?.touch(); // LOGIN changes which timeout applies
    if (this.byeAfterCompletion) {
      this.untagged(`BYE ${this.byeAfterCompletion}`);
      this.disconnect();
    }
    if (this.state === 'logout') this.disconnect();
  }

  /**
   * A plain tagged OK carries the [HIGHESTMODSEQ n] of syncedModseqCode; a NO, or an OK with a
   * code of its own (APPENDUID, COPYUID), is preceded by an untagged OK with it (as Dovecot).
   */
  private withSyncedModseq(c: Completion): Completion {
    const code = this.syncedModseqCode();
    if (!code) return c;
    if (c.status === 'OK' && !c.code) return { ...c, code };
    this.untagged(`OK [${code}] Highest`);
    return c;
  }

  /** Counts an invalid command before login; true (and the connection is gone) past the limit. */
  private countBad(): boolean {
    if (++this.badCommands <= this.limits.maxBadCommandsBeforeLogin) return false;
    this.untagged('BYE Too many invalid IMAP commands.');
    this.disconnect();
    return true;
  }

  private badInput(tag: string | null, text: string, status: 'BAD' | 'NO' = 'BAD'): void {
    if (this.state === 'not-authenticated' && this.countBad()) return;
    if (tag) this.complete(tag, { status, text });
    else this.untagged(`BAD ${text}`);
  }
}

/** The tag of a command whose bytes start with it, if it has a valid one. */
function tagOf(head: Uint8Array): string | null {
  try {
    return new Reader(head).tag();
  } catch {
    return null;
  }
}
