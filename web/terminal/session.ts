import type { ConnectionEvent, ConnectionHandle, EngineClient, HostConfig } from '../engine';
import { commandHead, firstArg } from '../imap/tokens';
import { ResponseSplitter, latin1 } from './splitter';

/**
 * One tab's conversation with one host: the transcript, and the client half of the protocol
 * that a person should not have to do by hand — numbering tags, waiting for `+` before a
 * literal, counting the literal's octets. Everything sent or received becomes an entry; the
 * terminal and the inspector only ever draw entries.
 */

export type Dir = 'C' | 'S' | 'N';
export type Kind = 'untagged' | 'ok' | 'no' | 'bad' | 'bye' | 'cont' | 'tagged' | 'info' | 'warn';

export interface Entry {
  n: number;
  dir: Dir;
  bytes: Uint8Array;
  time: number;
  kind?: Kind;
  /** Client: the length of a tag the terminal added (shown in its own colour). */
  autoTag?: number;
  /** Client: these bytes are (part of) a literal's octets. */
  literal?: boolean;
  /** Client: which command these bytes belong to (a command may span several entries). */
  cmd?: number;
}

export type Completion = { status: 'OK' | 'NO' | 'BAD' | 'BYE' | 'CLOSED'; line: string };

/** How much of a command's continuation (after literals) is kept in its args. */
const ARGS_KEPT = 4096;

interface Command {
  id: number;
  tag: string;
  name: string;
  args: string;
  done?: (c: Completion) => void;
  /** AUTHENTICATE: the lines sent in answer to the server's `+` (base64 SASL responses). */
  sasl?: string[];
  /** A literal was announced and its first octets are still to come (see moreArgs). */
  literalNext?: boolean;
}

type Item =
  | { kind: 'line'; text: string; done?: (c: Completion) => void }
  | { kind: 'bytes'; data: Uint8Array }
  /** A big paste: lines and literal octets mixed, sent as a few large writes, not line by line. */
  | { kind: 'text'; data: Uint8Array };

/**
 * What the terminal is waiting for. `open`: a command's literal is complete but its line is
 * not — the next line continues the same command. `command` names it (tag and name).
 */
export type PromptState = {
  mode: 'closed' | 'connecting' | 'command' | 'literal' | 'wait-plus' | 'continuation' | 'open';
  left: number;
  command?: string;
};

export type SessionStatus = 'connecting' | 'open' | 'closed';
export type SessionEvent = { kind: 'entry'; entry: Entry } | { kind: 'state' } | { kind: 'reset' };

const enc = new TextEncoder();
const LITERAL_AT_END = /~?\{(\d+)(\+?)\}$/;
const TRANSCRIPT_MAX = 4000;
/**
 * The transcript keeps at most this many octets (oldest entries go first): 40 fetches of a
 * 5 MB message must not hold 200 MB in the page (nor in the saved tabs).
 */
export const TRANSCRIPT_MAX_BYTES = 32 * 1024 * 1024;

export interface SessionOptions {
  autoTag(): boolean;
  commands(): Set<string>;
  remember(line: string): void;
  /** The host as configured now (its dialect may have been switched since the tab opened). */
  currentHost?(): HostConfig;
  /** A note for a refused command word (did you mean …), or null (web/terminal/didyoumean.ts). */
  suggest?(word: string): Promise<string | null>;
}

/** IMSP commands that change the server's databases (what cyrus-1.8 keeps in a session cache). */
const IMSP_WRITES = new Set([
  'SET', 'UNSET', 'STOREADDRESS', 'DELETEADDRESS', 'RENAMEADDRESSBOOK', 'SETACL', 'DELETEACL', 'LOCK', 'UNLOCK',
]);

let nextKey = 1;

export class Session {
  readonly key: string;
  entries: Entry[] = [];
  status: SessionStatus = 'closed';
  user: string | null = null;
  selected: string | null = null;
  private handle: ConnectionHandle | null = null;
  /** POP3 has no literals: a line ending in `{5}` is just text (RETR of a message may hold one). */
  private splitter = new ResponseSplitter(() => this.host.protocol !== 'pop3');
  /** POP3 answers in order, untagged: its commands wait here for their `+OK` / `-ERR`. */
  private pop3Waiting: Command[] = [];
  /** POP3: the name given with USER, which a `+OK` to PASS makes the session's user. */
  private pop3User: string | null = null;
  private listeners = new Set<(e: SessionEvent) => void>();
  private n = 0;
  /** Octets held in `entries`. */
  private held = 0;
  tagCounter = 0;
  private cmdCounter = 0;
  private queue: Item[] = [];
  private pumping = false;
  private mode: 'command' | 'literal' | 'wait-plus' = 'command';
  private literalLeft = 0;
  private atCommandStart = true;
  private current: Command | null = null;
  private outstanding = new Map<string, Command>();
  private plusWaiter: (() => void) | null = null;
  /** The last thing the server said was a `+` for a command still running (IDLE, SASL). */
  private inContinuation = false;
  /** Which dialect each connection spoke, by the first entry number after it opened. */
  private dialectLog: Array<{ from: number; dialect: string }> = [];
  /**
   * IMSP: changes this connection made that a cyrus-1.8 server keeps in the session's cache
   * until the session ends (IMSP.md §3, docs/imsp-fidelity.md Q1). Cleared on (re)connect.
   */
  imspChanges: string[] = [];

  constructor(
    private engine: EngineClient,
    public host: HostConfig,
    private opts: SessionOptions,
    key?: string,
  ) {
    this.key = key ?? `t${Date.now().toString(36)}${nextKey++}`;
  }

  subscribe(fn: (e: SessionEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(e: SessionEvent): void {
    for (const fn of this.listeners) fn(e);
  }

  private add(e: Omit<Entry, 'n' | 'time'>): Entry {
    const entry: Entry = { ...e, n: ++this.n, time: Date.now() };
    this.entries.push(entry);
    this.held += entry.bytes.length;
    // Oldest first: past the entry count, then past the octet budget (the newest always stays).
    let drop = Math.max(0, this.entries.length - TRANSCRIPT_MAX);
    let freed = 0;
    for (let i = 0; i < drop; i++) freed += this.entries[i].bytes.length;
    while (this.held - freed > TRANSCRIPT_MAX_BYTES && drop < this.entries.length - 1) freed += this.entries[drop++].bytes.length;
    if (drop) {
      this.entries.splice(0, drop);
      this.held -= freed;
    }
    this.emit({ kind: 'entry', entry });
    return entry;
  }

  note(text: string, kind: 'info' | 'warn' = 'info'): void {
    this.add({ dir: 'N', bytes: enc.encode(text), kind });
  }

  async connect(): Promise<void> {
    const now = this.opts.currentHost?.();
    if (now && now.dialect !== this.host.dialect) {
      const was = this.host.dialect;
      this.host = now;
      this.note(`${now.name} now speaks ${now.dialect} (it spoke ${was} when this tab last connected).`);
    }
    this.status = 'connecting';
    this.resetProtocol();
    this.imspChanges = [];
    this.dialectLog.push({ from: this.n + 1, dialect: this.host.dialect });
    this.emit({ kind: 'state' });
    try {
      this.handle = await this.engine.connect(this.host.name, (ev) => this.onEvent(ev));
      this.status = 'open';
      void this.pump();
    } catch (e) {
      this.status = 'closed';
      this.note(`Could not connect to ${this.host.name}: ${(e as Error).message}`, 'warn');
    }
    this.emit({ kind: 'state' });
  }

  private resetProtocol(): void {
    this.splitter = new ResponseSplitter(() => this.host.protocol !== 'pop3');
    for (const c of this.pop3Waiting.splice(0)) c.done?.({ status: 'CLOSED', line: '' });
    this.mode = 'command';
    this.literalLeft = 0;
    this.atCommandStart = true;
    this.current = null;
    this.inContinuation = false;
    for (const c of this.outstanding.values()) c.done?.({ status: 'CLOSED', line: '' });
    this.outstanding.clear();
    this.plusWaiter?.();
    this.plusWaiter = null;
    this.user = null;
    this.selected = null;
  }

  async close(): Promise<void> {
    const h = this.handle;
    this.handle = null;
    if (h) await this.engine.close(h).catch(() => undefined);
    if (this.status !== 'closed') {
      this.status = 'closed';
      this.resetProtocol();
      this.emit({ kind: 'state' });
    }
  }

  private onEvent(ev: ConnectionEvent): void {
    if (ev.kind === 'output') {
      for (const unit of this.splitter.push(ev.bytes)) this.onUnit(unit);
      return;
    }
    const rest = this.splitter.pending();
    if (rest.length) this.add({ dir: 'S', bytes: rest, kind: 'untagged' });
    if (this.handle) this.engine.release(this.handle);
    this.handle = null;
    this.status = 'closed';
    this.queue = [];
    this.resetProtocol();
    if (ev.kind === 'lost') this.note('The connection was lost when the engine restarted.', 'warn');
    else this.note(`Connection closed by ${this.host.name}. Press Enter to connect again.`);
    this.emit({ kind: 'state' });
  }

  /**
   * POP3 (RFC 1939 §3): a status line `+OK` / `-ERR` answers the oldest command; `+ ` is a
   * SASL challenge (RFC 5034) whose answer is the next line; anything else is a line of a
   * multi-line answer.
   */
  private onPop3Unit(unit: Uint8Array): void {
    const head = latin1(unit, 0, Math.min(unit.length, 200));
    const status = /^\+OK\b/.test(head) ? 'OK' : /^-ERR\b/.test(head) ? 'NO' : null;
    const kind: Kind = status === 'OK' ? 'ok' : status ? 'no' : head.startsWith('+ ') ? 'cont' : 'untagged';
    this.add({ dir: 'S', bytes: unit, kind });
    if (kind === 'cont') this.inContinuation = true;
    if (!status) return;
    this.inContinuation = false;
    const cmd = this.pop3Waiting.shift();
    if (!cmd) return;
    if (status === 'NO') this.suggestFor(cmd);
    if (status === 'OK' && cmd.name === 'USER') this.pop3User = cmd.args.trim().toLowerCase() || null;
    if (status === 'OK' && cmd.name === 'PASS') this.user = this.pop3User;
    if (status === 'OK' && cmd.name === 'AUTH') this.user = this.pop3User = saslUser(cmd.args.split(/\s+/)[0], cmd.args.split(/\s+/)[1] ?? cmd.sasl?.[0]) ?? this.user;
    cmd.done?.({ status, line: head.replace(/\r?\n$/, '') });
    this.emit({ kind: 'state' });
  }

  private onUnit(unit: Uint8Array): void {
    if (this.host.protocol === 'pop3') return this.onPop3Unit(unit);
    const head = latin1(unit, 0, Math.min(unit.length, 200));
    let kind: Kind = 'untagged';
    if (head.startsWith('+')) kind = 'cont';
    else if (/^\* BYE\b/i.test(head)) kind = 'bye';
    else if (!head.startsWith('*')) {
      const m = /^(\S+) (OK|NO|BAD)\b/i.exec(head);
      kind = m ? (m[2].toLowerCase() as Kind) : 'tagged';
      if (m) this.completed(m[1], m[2].toUpperCase() as Completion['status'], head);
    }
    // RFC 7162 §3.2.11: the previous mailbox is closed (also when the new SELECT then fails).
    if (kind === 'untagged' && /^\* OK \[CLOSED\]/i.test(head)) this.selected = null;
    this.add({ dir: 'S', bytes: unit, kind });
    if (kind === 'cont') {
      if (this.mode === 'wait-plus') {
        this.mode = 'literal';
        this.resolvePlus();
      } else if (this.outstanding.size) this.inContinuation = true;
      this.emit({ kind: 'state' });
    }
  }

  private completed(tag: string, status: Completion['status'], line: string): void {
    const cmd = this.outstanding.get(tag);
    if (!cmd) return;
    this.outstanding.delete(tag);
    if (this.outstanding.size === 0) this.inContinuation = false;
    this.track(cmd, status);
    if (this.current === cmd && (this.mode !== 'command' || !this.atCommandStart)) {
      // The server refused the command before we finished sending it (e.g. a literal):
      // lines queued for its literal must not be taken as new commands.
      const dropped = this.queue.length;
      this.queue = [];
      this.mode = 'command';
      this.literalLeft = 0;
      this.atCommandStart = true;
      this.resolvePlus();
      if (dropped) this.note(`The server ended the command early; ${dropped} queued line(s) were not sent.`, 'warn');
    }
    if (status === 'BAD') this.suggestFor(cmd);
    cmd.done?.({ status, line: line.replace(/\r?\n$/, '') });
    this.emit({ kind: 'state' });
  }

  /** Under a refusal of an unknown word, what the student probably meant (after the server's line). */
  private suggestFor(cmd: Command): void {
    const suggest = this.opts.suggest;
    if (!cmd.name || !suggest) return;
    // `UID FTECH`: UID itself may be the unknown word (IMAP2), else the command after it.
    const [word, after] = cmd.name.split(' ');
    void (async () => (await suggest(word)) ?? (after ? await suggest(after) : null))().then((hint) => hint && this.note(hint), () => undefined);
  }

  /** Follows login and selection so the state panel and completion know the context. */
  private track(cmd: Command, status: Completion['status']): void {
    const name = cmd.name;
    if (this.host.protocol === 'imsp' && status === 'OK' && IMSP_WRITES.has(name)) {
      const line = `${name} ${cmd.args.replace(/\r\n/g, ' ')}`;
      this.imspChanges = [...this.imspChanges.slice(-19), line.length > 80 ? line.slice(0, 79) + '…' : line];
    }
    if (status === 'OK') {
      if (name === 'LOGIN') this.user = (firstArg(cmd.args) ?? '').toLowerCase() || null;
      else if (name === 'AUTHENTICATE') {
        // The identity is in the first response: on the command line (SASL-IR) or after `+`.
        const [mech, ir] = cmd.args.split(/\s+/);
        const first = ir ?? cmd.sasl?.[0];
        try {
          const parts = first && first !== '=' ? atob(first).split('\0') : [];
          const who = /^plain$/i.test(mech) ? (parts[1] ?? parts[0]) : parts[0];
          this.user = (who || '').toLowerCase() || this.user;
        } catch {
          /* not base64: the user name stays unknown */
        }
      } else if (name === 'SELECT' || name === 'EXAMINE') this.selected = firstArg(cmd.args);
      else if (name === 'CLOSE' || name === 'UNSELECT') this.selected = null;
    } else if ((name === 'SELECT' || name === 'EXAMINE') && status === 'NO') this.selected = null;
    // A BAD was never executed: the mailbox stays (a deselect, if any, came as [CLOSED]).
  }

  private resolvePlus(): void {
    const w = this.plusWaiter;
    this.plusWaiter = null;
    w?.();
  }

  // --- input ----------------------------------------------------------------------------

  /** A line the user entered (without its line end). */
  enter(text: string, done?: (c: Completion) => void): void {
    if (this.status === 'closed') {
      void this.connect();
      return;
    }
    this.queue.push({ kind: 'line', text, done });
    void this.pump();
  }

  /**
   * Text pasted in bulk (a message for APPEND, many commands): line ends become CRLF, literal
   * octets go out in one write each, and each command line is handled as if typed.
   */
  enterText(text: string): void {
    if (this.status === 'closed') {
      void this.connect();
      return;
    }
    this.queue.push({ kind: 'text', data: enc.encode(text.replace(/\r\n|\r|\n/g, '\r\n')) });
    void this.pump();
  }

  /** Raw octets, for a literal the editor composed. */
  enterBytes(data: Uint8Array): void {
    this.queue.push({ kind: 'bytes', data });
    void this.pump();
  }

  /** Sends a command and resolves with its tagged completion. */
  run(text: string): Promise<Completion> {
    return new Promise((resolve) => this.enter(text, resolve));
  }

  /** Ctrl-C: forget queued lines; a literal in progress cannot be taken back. */
  interrupt(): void {
    this.queue = [];
  }

  get queued(): number {
    return this.queue.length;
  }

  /** What the prompt should say. */
  promptState(): PromptState {
    if (this.status !== 'open') return { mode: this.status, left: 0 };
    if (this.mode === 'command' && this.inContinuation) return { mode: 'continuation', left: 0 };
    // A literal's octets are all sent but its command line is not finished: the next line
    // continues that command (often just Enter, to end it), it does not start a new one.
    if (this.mode === 'command' && !this.atCommandStart && this.current)
      return { mode: 'open', left: 0, command: `${this.current.tag} ${this.current.name}` };
    if (this.mode !== 'command' && this.current) return { mode: this.mode, left: this.literalLeft, command: `${this.current.tag} ${this.current.name}` };
    return { mode: this.mode, left: this.literalLeft };
  }

  /** A tag of the same series, for commands the page sends itself. */
  freshTag(): string {
    return `a${++this.tagCounter}`;
  }

  /** The tag the next tagless command will get. */
  nextTag(): string {
    return `a${this.tagCounter + 1}`;
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length && this.status === 'open') {
        if (this.mode === 'wait-plus') {
          await new Promise<void>((r) => (this.plusWaiter = r));
          continue;
        }
        await this.process(this.queue.shift()!);
      }
    } finally {
      this.pumping = false;
      this.emit({ kind: 'state' });
    }
  }

  private async send(bytes: Uint8Array, meta: Partial<Entry>): Promise<void> {
    if (!this.handle) return;
    this.add({ dir: 'C', bytes, ...meta });
    await this.engine.send(this.handle, bytes).catch(() => undefined);
  }

  private async processText(data: Uint8Array): Promise<void> {
    let at = 0;
    while (at < data.length && this.status === 'open') {
      if (this.mode === 'wait-plus') {
        await new Promise<void>((r) => (this.plusWaiter = r));
        // Refused before the +: the rest of the paste was meant for that literal.
        // (TypeScript cannot see that the + or a completion changed `mode` meanwhile.)
        if ((this.mode as Session['mode']) !== 'literal') {
          this.note(`The server ended the command early; ${(data.length - at).toLocaleString('en')} pasted octets were not sent.`, 'warn');
          return;
        }
        continue;
      }
      if (this.mode === 'literal') {
        const take = Math.min(this.literalLeft, data.length - at);
        this.literalLeft -= take;
        // A copy, not a view: a view would carry (and post to the worker) the whole paste.
        const octets = data.slice(at, at + take);
        this.moreArgs(octets, true);
        await this.send(octets, { cmd: this.current?.id, literal: true });
        at += take;
        if (this.literalLeft === 0) {
          this.mode = 'command';
          this.emit({ kind: 'state' });
        }
        continue;
      }
      let end = at;
      while (end < data.length && !(data[end] === 0x0d && data[end + 1] === 0x0a)) end++;
      const line = new TextDecoder().decode(data.subarray(at, end));
      at = Math.min(data.length, end + 2);
      await this.process({ kind: 'line', text: line });
    }
  }

  private async process(item: Item): Promise<void> {
    if (item.kind === 'text') {
      await this.processText(item.data);
      return;
    }
    if (this.mode === 'literal') {
      await this.feedLiteral(item.kind === 'line' ? enc.encode(item.text + '\r\n') : item.data, item.kind === 'line');
      return;
    }
    if (item.kind === 'bytes') {
      await this.send(item.data, { cmd: this.current?.id });
      return;
    }
    let line = item.text;
    let autoTag: number | undefined;
    if (this.host.protocol === 'pop3') return this.processPop3(line, item.done);
    if (!this.atCommandStart) this.moreArgs(line, false);
    if (this.atCommandStart) {
      if (!line.trim()) return;
      if (this.shouldTag(line)) {
        const tag = `a${++this.tagCounter}`;
        line = `${tag} ${line}`;
        autoTag = tag.length + 1;
      }
      if (!this.inContinuation) this.opts.remember(item.text);
      const head = commandHead(line);
      // A replayed or hand-typed `aN` tag moves the series on, so auto tags stay unique.
      const own = head && /^a(\d+)$/.exec(head.tag);
      if (own && Number(own[1]) > this.tagCounter) this.tagCounter = Number(own[1]);
      if (head && !this.inContinuation) {
        const cmd: Command = { id: ++this.cmdCounter, tag: head.tag, name: head.name, args: head.args, done: item.done };
        this.outstanding.set(cmd.tag, cmd);
        this.current = cmd;
      } else {
        // A line inside IDLE or SASL, or not a command at all: no completion to wait for.
        for (const c of this.outstanding.values()) if (c.name === 'AUTHENTICATE' && this.inContinuation) (c.sasl ??= []).push(item.text.trim());
        this.current = null;
        item.done?.({ status: 'OK', line: '' });
      }
    }
    await this.sendLine(line, autoTag);
  }

  /** POP3: no tags and no literals; a line after a SASL `+ ` is the client's response. */
  private async processPop3(line: string, done?: (c: Completion) => void): Promise<void> {
    if (this.inContinuation) {
      this.inContinuation = false;
      const auth = this.pop3Waiting.find((c) => c.name === 'AUTH');
      (auth ? (auth.sasl ??= []) : []).push(line.trim());
      done?.({ status: 'OK', line: '' });
    } else {
      if (!line.trim()) return;
      this.opts.remember(line);
      const [name, ...rest] = line.split(' ');
      const cmd: Command = { id: ++this.cmdCounter, tag: '', name: name.toUpperCase(), args: rest.join(' '), done };
      this.pop3Waiting.push(cmd);
      this.current = null;
    }
    await this.send(enc.encode(line + '\r\n'), { cmd: this.cmdCounter });
    this.emit({ kind: 'state' });
  }

  /** Sends one line of a command and notes whether a literal follows. */
  private async sendLine(line: string, autoTag?: number): Promise<void> {
    // Decide the mode before sending: the server's `+` can arrive before send() resolves.
    const m = LITERAL_AT_END.exec(line);
    const cmd = this.current?.id;
    if (m && this.current) {
      this.current.literalNext = true;
      this.literalLeft = Number(m[1]);
      this.atCommandStart = false;
      this.mode = m[2] ? 'literal' : 'wait-plus';
      if (this.mode === 'literal' && this.literalLeft === 0) this.mode = 'command';
    } else {
      this.atCommandStart = true;
      this.current = null;
    }
    await this.send(enc.encode(line + '\r\n'), { cmd, autoTag });
    this.emit({ kind: 'state' });
  }

  /**
   * The rest of the current command after its first line goes into its args as the server
   * reads it: a literal's octets after the CRLF that announced it, then the text after them.
   * So `LOGIN {5}` + `alice …` is read as the user alice (prompt, completion, state panel).
   */
  private moreArgs(part: Uint8Array | string, literal: boolean): void {
    const c = this.current;
    // What is read from args (a user, a mailbox) comes first; an APPEND's megabytes need not follow.
    if (!c || (literal && !part.length) || c.args.length >= ARGS_KEPT) return;
    const room = ARGS_KEPT - c.args.length;
    const text = typeof part === 'string' ? part.slice(0, room) : new TextDecoder().decode(part.subarray(0, room));
    c.args += literal && c.literalNext ? `\r\n${text}` : text;
    if (literal) c.literalNext = false;
  }

  private async feedLiteral(data: Uint8Array, fromLine: boolean): Promise<void> {
    const take = data.subarray(0, this.literalLeft);
    this.literalLeft -= take.length;
    this.moreArgs(take, true);
    if (take.length) await this.send(take, { cmd: this.current?.id, literal: true });
    if (this.literalLeft > 0) return;
    this.mode = 'command';
    const rest = data.subarray(take.length);
    if (!rest.length) {
      this.emit({ kind: 'state' });
      return;
    }
    // What follows the literal's octets continues the command line (often just CRLF).
    let text = new TextDecoder().decode(rest);
    if (fromLine) text = text.replace(/\r\n$/, '');
    this.moreArgs(text, false);
    await this.sendLine(text);
  }

  private shouldTag(line: string): boolean {
    if (!this.opts.autoTag() || this.inContinuation) return false;
    return !ownTag(line, this.opts.commands());
  }

  // --- persistence ----------------------------------------------------------------------


  /** The dialect (or IMSP mode) of the connection an entry was exchanged on. */
  dialectAt(n: number): string {
    for (let i = this.dialectLog.length - 1; i >= 0; i--) if (this.dialectLog[i].from <= n) return this.dialectLog[i].dialect;
    return this.host.dialect;
  }

  /** The first entry number of the connection an entry was exchanged on (0: before any we know of). */
  connectionStart(n: number): number {
    for (let i = this.dialectLog.length - 1; i >= 0; i--) if (this.dialectLog[i].from <= n) return this.dialectLog[i].from;
    return 0;
  }

  restoreEntries(entries: Entry[], tagCounter: number): void {
    this.entries = entries;
    this.held = entries.reduce((n, x) => n + x.bytes.length, 0);
    this.n = entries.length ? entries[entries.length - 1].n : 0;
    this.tagCounter = tagCounter;
    this.emit({ kind: 'reset' });
  }

  clearTranscript(): void {
    this.entries = [];
    this.held = 0;
    this.emit({ kind: 'reset' });
  }
}

/**
 * With auto tags on, does the line start with a tag the student typed on purpose? Yes when its
 * first word is not a command and is followed by one (`x1 NOOP`, `mytag LOGIN …`), or looks
 * like a tag of the usual shape (a few letters then digits: `a1`, `A001`) with more after it.
 * A first word that is a command always starts the command (`AUTHENTICATE LOGIN`, `CREATE
 * Search`), and any other first word — a misspelt command (`CAPABILITES`) — gets an auto tag,
 * so a typo is answered "unknown command" instead of being taken for a tag. The welcome text
 * states this rule.
 */
export function ownTag(line: string, cmds: Set<string>): boolean {
  const words = line.trim().split(/\s+/);
  const w0 = words[0].toUpperCase();
  const w1 = words[1]?.toUpperCase();
  // One word alone is a command: a tag with nothing after it would be no command at all.
  if (w1 === undefined || cmds.has(w0)) return false;
  return cmds.has(w1) || /^[A-Z]{0,4}\d+$/.test(w0);
}

/** The user a SASL PLAIN or LOGIN exchange names (its first response), if it can be read. */
function saslUser(mech: string | undefined, first: string | undefined): string | null {
  try {
    const parts = first && first !== '=' ? atob(first).split('\0') : [];
    const who = /^plain$/i.test(mech ?? '') ? (parts[1] ?? parts[0]) : parts[0];
    return (who || '').toLowerCase() || null;
  } catch {
    return null;
  }
}
