/**
 * Turns one connection's transcript (the terminal's entries: what the client sent, what the
 * server answered) into exchanges — one per command: the command as sent, the data the
 * server sent while it ran, and how it completed — and follows the connection's state
 * (logged in as whom, which mailbox is selected). Lesson checks run on these, so they judge
 * the bytes that actually crossed the wire. Platform-free.
 */
import { commandHead, Tokenizer, type Tok } from '../imap/tokens';
import type { Entry } from '../terminal/session';
import type { Status } from './format';

export interface Exchange {
  tag: string;
  /** Upper case; `UID FETCH` for the UID form. */
  command: string;
  /** The arguments as sent, literal octets included (CRLFs inside literals kept). */
  args: string;
  /** Every line the client sent for this command (continuation answers like DONE too). */
  lines: string[];
  /** Server data lines while the command ran, without their `* ` (or, in IMAP3, tag) prefix. */
  data: string[];
  /** How it ended; `continue` while it waits after a `+` (IDLE, a literal, SASL); null if the connection closed first. */
  status: Status | null;
  /** The completion text after OK/NO/BAD. */
  text: string;
  /** The server sent at least one `+` for it. */
  continued: boolean;
  /** A POP3 exchange: `OK` stands for `+OK`, `NO` for `-ERR` (RFC 1939 §3), and there is no tag. */
  pop3?: boolean;
}

export interface ConnState {
  /** Login name (lower case) once LOGIN/AUTHENTICATE succeeded. */
  user: string | null;
  /** The mailbox selected (IMAP), as the client named it. */
  selected: string | null;
  readOnly: boolean;
  /** The server ended the connection. */
  closed: boolean;
  greeting: string | null;
}

export type ExchangeEvent = { kind: 'complete' | 'continue'; exchange: Exchange } | { kind: 'closed' };

const dec = new TextDecoder();

function text(bytes: Uint8Array): string {
  let s = dec.decode(bytes);
  if (s.endsWith('\r\n')) s = s.slice(0, -2);
  else if (s.endsWith('\n')) s = s.slice(0, -1);
  return s;
}

/** The arguments of a command as tokens (literals decoded), for reading names from them. */
export function argTokens(args: string): Tok[] {
  return new Tokenizer(new TextEncoder().encode(args)).all();
}

const argValue = (t: Tok | undefined): string | null => (t && t.kind !== 'list' && t.kind !== 'code' ? t.value : null);

interface Pending {
  ex: Exchange;
  cmd: number | undefined;
  raw: string[];
}

/**
 * POP3 commands whose `+OK` is followed by lines up to a lone `.` (RFC 1939 §3): LIST and UIDL
 * without an argument, RETR, TOP, CAPA (RFC 2449 §5); AUTH without a mechanism lists them.
 */
function pop3MultiLine(command: string, args: string): boolean {
  if (command === 'RETR' || command === 'TOP' || command === 'CAPA') return true;
  if (command === 'LIST' || command === 'UIDL' || command === 'AUTH') return args.trim() === '';
  return false;
}

export class ExchangeTracker {
  state: ConnState = { user: null, selected: null, readOnly: false, closed: false, greeting: null };
  /**
   * The protocol of the connection: IMAP and IMSP answer by tag; POP3 (RFC 1939) answers each
   * command in turn with `+OK` or `-ERR`, some with lines up to a lone `.` after it.
   */
  protocol: 'imap' | 'pop3' = 'imap';
  /** POP3: the name a `+OK` to USER accepted, which a `+OK` to PASS makes the user. */
  private pop3User: string | null = null;
  /** POP3: the command whose multi-line answer is still arriving. */
  private pop3Data: Pending | null = null;
  /** Completed exchanges, oldest first (the last 200). */
  readonly history: Exchange[] = [];
  private pending: Pending[] = [];
  private listeners = new Set<(e: ExchangeEvent) => void>();

  /** A command has been sent and not yet completed. */
  get busy(): boolean {
    return this.pending.length > 0;
  }

  /** The running command waits for the client after a `+` (IDLE, a literal, SASL). */
  get waiting(): boolean {
    return this.pending.some((p) => p.ex.continued);
  }

  onEvent(fn: (e: ExchangeEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(e: ExchangeEvent): void {
    for (const fn of [...this.listeners]) fn(e);
  }

  /** A fresh connection: forget what the old one was doing. */
  reset(): void {
    this.state = { user: null, selected: null, readOnly: false, closed: false, greeting: null };
    this.pending = [];
    this.pop3User = null;
    this.pop3Data = null;
    // What the old connection did (a SELECT.VERSION, say) no longer holds on the new one.
    this.history.length = 0;
  }

  /** The connection ended (LOGOUT, BYE, or the tab closed it). */
  closed(): void {
    if (this.state.closed) return;
    for (const p of this.pending) {
      p.ex.status = null;
      this.finish(p, false);
    }
    this.pending = [];
    this.state = { ...this.state, closed: true, user: null, selected: null };
    this.emit({ kind: 'closed' });
  }

  /** One transcript entry, in order. */
  push(e: Pick<Entry, 'dir' | 'bytes' | 'kind' | 'cmd' | 'literal'>): void {
    if (this.protocol === 'pop3') {
      if (e.dir === 'C') this.pop3Client(e);
      else if (e.dir === 'S') this.pop3Server(e);
    } else if (e.dir === 'C') this.client(e);
    else if (e.dir === 'S') this.server(e);
  }

  /** POP3: a line is a command (`RETR 1`), unless it answers a SASL `+ ` (then it belongs to AUTH). */
  private pop3Client(e: Pick<Entry, 'bytes' | 'cmd'>): void {
    const line = dec.decode(e.bytes).replace(/\r?\n$/, '');
    const last = this.pending[this.pending.length - 1];
    if (last && last.ex.continued && last.ex.status === null && e.cmd === last.cmd) {
      last.ex.lines.push(line);
      return;
    }
    const m = /^\s*(\S+)(?: (.*))?$/.exec(line);
    if (!m) return;
    const ex: Exchange = { tag: '', command: m[1].toUpperCase(), args: m[2] ?? '', lines: [line], data: [], status: null, text: '', continued: false, pop3: true };
    this.pending.push({ ex, cmd: e.cmd, raw: [line] });
  }

  /** POP3: `+OK` / `-ERR` answers the oldest command; a multi-line answer ends with a lone `.`. */
  private pop3Server(e: Pick<Entry, 'bytes'>): void {
    for (const line of text(e.bytes).split(/\r?\n/)) this.pop3Line(line);
  }

  private pop3Line(line: string): void {
    if (this.pop3Data) {
      const p = this.pop3Data;
      if (line === '.') {
        this.pop3Data = null;
        this.pending = this.pending.filter((x) => x !== p);
        this.finish(p, true);
      } else p.ex.data.push(line.startsWith('..') ? line.slice(1) : line); // RFC 1939 §3 byte-stuffing
      return;
    }
    if (this.state.greeting === null && !this.pending.length && !this.history.length) {
      this.state.greeting = line;
      return;
    }
    const m = /^(\+OK|-ERR)\b ?(.*)$/.exec(line);
    const p = this.pending[0];
    if (!m) {
      // `+ ` (RFC 5034): a SASL challenge; AUTH goes on with the client's answer.
      if (p && /^\+( |$)/.test(line)) {
        p.ex.continued = true;
        this.emit({ kind: 'continue', exchange: { ...p.ex, lines: [...p.ex.lines], data: [...p.ex.data], status: 'continue' } });
      }
      return;
    }
    if (!p) return;
    p.ex.status = m[1] === '+OK' ? 'OK' : 'NO';
    p.ex.text = m[2];
    if (p.ex.status === 'OK' && pop3MultiLine(p.ex.command, p.ex.args) && !p.ex.continued) {
      this.pop3Data = p;
      return;
    }
    this.pending = this.pending.filter((x) => x !== p);
    this.finish(p, true);
  }

  private client(e: Pick<Entry, 'bytes' | 'cmd' | 'literal'>): void {
    const t = dec.decode(e.bytes);
    const known = e.cmd !== undefined ? this.pending.find((p) => p.cmd === e.cmd) : undefined;
    if (known) {
      known.raw.push(t);
      if (!e.literal) known.ex.lines.push(t.replace(/\r?\n$/, ''));
      known.ex.args = this.argsOf(known);
      return;
    }
    if (e.cmd === undefined && !e.literal && this.pending.length) {
      // A line answering a `+` (DONE, a SASL response): part of the running command.
      const last = this.pending[this.pending.length - 1];
      last.ex.lines.push(t.replace(/\r?\n$/, ''));
      return;
    }
    const line = t.replace(/\r?\n$/, '');
    const head = commandHead(line);
    if (!head) return;
    const ex: Exchange = { tag: head.tag, command: head.name, args: head.args, lines: [line], data: [], status: null, text: '', continued: false };
    this.pending.push({ ex, cmd: e.cmd, raw: [t] });
  }

  /** The arguments from everything sent so far (so a literal's octets are inside). */
  private argsOf(p: Pending): string {
    const all = p.raw.join('').replace(/\r?\n$/, '');
    const head = commandHead(all);
    return head ? head.args : p.ex.args;
  }

  private server(e: Pick<Entry, 'bytes' | 'kind'>): void {
    const line = text(e.bytes);
    if (this.state.greeting === null && !this.pending.length && !this.history.length) {
      this.state.greeting = line;
      if (/^\* PREAUTH\b/i.test(line)) this.state.user = '(preauth)';
      return;
    }
    if (e.kind === 'cont' || line.startsWith('+')) {
      const p = this.pending[this.pending.length - 1];
      if (p) {
        p.ex.continued = true;
        // A snapshot: the command goes on (more data, then its completion) after this.
        this.emit({ kind: 'continue', exchange: { ...p.ex, lines: [...p.ex.lines], data: [...p.ex.data], status: 'continue' } });
      }
      return;
    }
    const m = /^(\S+) (OK|NO|BAD)\b ?([\s\S]*)$/i.exec(line);
    const done = m && m[1] !== '*' ? this.pending.find((p) => p.ex.tag === m[1]) : undefined;
    if (done && m) {
      done.ex.status = m[2].toUpperCase() as Status;
      done.ex.text = m[3];
      this.pending = this.pending.filter((p) => p !== done);
      this.finish(done, true);
      return;
    }
    // Data: `* …`, or (IMAP3's TAGGED.SOLICITED) `<tag> …` for the command it answers.
    let data = line;
    let target: Pending[] = this.pending;
    if (line.startsWith('* ')) data = line.slice(2);
    else {
      const sp = line.indexOf(' ');
      const owner = sp > 0 ? this.pending.find((p) => p.ex.tag === line.slice(0, sp)) : undefined;
      if (owner) {
        data = line.slice(sp + 1);
        target = [owner];
      }
    }
    for (const p of target) {
      p.ex.data.push(data);
      // While a command waits after `+` (IDLE), each update is worth a look: a lesson can
      // react to mail arriving without the student typing anything.
      if (p.ex.continued) this.emit({ kind: 'continue', exchange: { ...p.ex, lines: [...p.ex.lines], data: [...p.ex.data], status: 'continue' } });
    }
  }

  private finish(p: Pending, track: boolean): void {
    if (track) this.track(p.ex);
    this.history.push(p.ex);
    if (this.history.length > 200) this.history.splice(0, this.history.length - 200);
    this.emit({ kind: 'complete', exchange: p.ex });
  }

  /** Follows login and selection from the exchange (RFC 3501 §3; the same shapes in IMAP2–IMSP). */
  private track(ex: Exchange): void {
    const s = this.state;
    const name = ex.command;
    if (ex.pop3) {
      // RFC 1939 §7: USER then PASS (or AUTH, RFC 5034) authorise; QUIT ends the session.
      if (ex.status === 'OK' && name === 'USER') this.pop3User = (ex.args.trim().split(/\s+/)[0] ?? '').toLowerCase() || null;
      else if (ex.status === 'OK' && name === 'PASS') s.user = this.pop3User;
      else if (ex.status === 'OK' && name === 'AUTH') s.user = saslUser(ex) ?? '(authenticated)';
      else if (name === 'QUIT') s.user = null;
      return;
    }
    if (ex.status === 'OK') {
      if (name === 'LOGIN') s.user = (argValue(argTokens(ex.args)[0]) ?? '').toLowerCase() || s.user;
      else if (name === 'AUTHENTICATE') s.user = saslUser(ex) ?? s.user ?? '(authenticated)';
      else if (name === 'SELECT' || name === 'EXAMINE' || name === 'BBOARD') {
        s.selected = argValue(argTokens(ex.args)[0]);
        s.readOnly = name === 'EXAMINE' || /\[READ-ONLY\]/i.test(ex.text);
      } else if (name === 'CLOSE' || name === 'UNSELECT') s.selected = null;
      else if (name === 'LOGOUT') {
        s.user = null;
        s.selected = null;
      }
      if (name === 'READONLY') s.readOnly = true;
      if (name === 'READWRITE') s.readOnly = false;
    } else if ((name === 'SELECT' || name === 'EXAMINE') && ex.status === 'NO') s.selected = null;
  }
}

/** The authorization identity of an AUTHENTICATE PLAIN exchange, if the client sent one. */
function saslUser(ex: Exchange): string | null {
  const cands = [ex.args.split(/\s+/)[1], ...ex.lines.slice(1)].filter(Boolean);
  for (const c of cands) {
    try {
      const parts = atob(c.trim()).split('\0');
      const u = parts[1] || parts[0];
      if (u) return u.toLowerCase();
    } catch {
      /* not base64 */
    }
  }
  return null;
}
