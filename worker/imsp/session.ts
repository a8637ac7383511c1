/**
 * One IMSP connection (TCP port 406), after cyrus-imspd's imsp_server.c and dispatch.c.
 *
 * Input is handled as the real server does it, which the IMAP framer cannot reproduce:
 * - a line ends only at CRLF (a bare LF is an ordinary octet); a line that does not fit the
 *   4096-octet input buffer (4095 octets or more before CRLF) ends the connection silently;
 * - arguments are parsed while the command runs, so `+ go` for a literal is sent only when
 *   the parser reaches it (FETCHADDRESS may already have answered earlier entries), and a
 *   refused literal's octets are read as the next command line, as the real server reads them.
 * Each command is therefore a generator (worker/imsp/wire.ts `Step`) that yields what input it
 * needs; `receive()` feeds it.
 *
 * Every command goes through the session's database layer (./db/sdb.ts): in cyrus-1.8 mode a
 * private cache written back when the session ends, in draft-1995 mode the shared store.
 */
import type { ImspMode } from './types';
import type { SessionEnv } from '../session/env';
import { canonifyId } from './db/acl';
import { AUTH_ADMIN, AUTH_NONE, AUTH_USER, type AbookEnv, type Identity } from './db/abook';
import { LockList } from './db/alock';
import { optionCheck, optionCreate, optionLookup, optionTest, OPT_ADMINS, OPT_NEWUSERS } from './db/options';
import { Sdb } from './db/sdb';
import { imspDialect } from './dialects';
import type { ImspDialect } from './types';
import { Autologout } from '../session/autologout';
import { IMSP_INPUT_BUFFER, IMSP_MAX_LITERAL, IMSP_MAX_LITERAL_BEFORE_LOGIN } from '../limits';
import { Args, bytesOf, FatalInput, getAtom, lcase, pretty, stringOf, type Need, type Step } from './wire';

/** cyrus-imspd's input buffer (MAX_BUF): a line and its CRLF must fit. */
export const INPUT_BUFFER = IMSP_INPUT_BUFFER;

/** What a transport may limit per connection (values in worker/limits.ts). */
export interface ImspLimits {
  /** Largest literal after login. */
  maxLiteral: number;
  /** Largest literal before login. */
  maxLiteralBeforeLogin: number;
  /** Autologout before / after login, ms; 0 = never (the in-browser engine). */
  loginTimeoutMs: number;
  idleTimeoutMs: number;
  /** Delay before a failed LOGIN/AUTHENTICATE is answered, ms; 0 = none. */
  authFailureDelayMs: number;
}

export const DEFAULT_IMSP_LIMITS: ImspLimits = {
  maxLiteral: IMSP_MAX_LITERAL,
  maxLiteralBeforeLogin: IMSP_MAX_LITERAL_BEFORE_LOGIN,
  loginTimeoutMs: 0,
  idleTimeoutMs: 0,
  authFailureDelayMs: 0,
};

export interface ImspSessionOptions {
  /** The names of the network's IMAP hosts: the servers of the draft-1995 mailbox location table. */
  imapHosts?: () => string[];
  /** The clock `common.date` reads. */
  now?: () => Date;
  /** The client's host name as the server would look it up (lock holders are `user@host`). */
  clientHost?: string;
  limits?: Partial<ImspLimits>;
}

const ANONYMOUS: Identity = Object.freeze({ user: 'anonymous', level: AUTH_NONE, aclUser: 'anonymous' });

let nextSessionId = 1;

export class ImspSession {
  readonly id = nextSessionId++;
  readonly dialect: ImspDialect;
  /** The authenticated identity (auth_id); null before the first successful login. */
  identity: Identity | null = null;
  /** A SASL exchange has succeeded on this connection (the SASL context cannot be reused). */
  saslDone = false;
  readonly sdb: Sdb;
  readonly locks: LockList;
  /** What the option and address-book code needs: the database layer and the clock. */
  readonly db: AbookEnv;
  readonly clientHost: string;
  private pending = '';
  private running: Step | null = null;
  private need: Need | null = null;
  private pumping = false;
  private closed = false;
  readonly limits: ImspLimits;
  private autologout: Autologout | null = null;
  /** The client is behind in reading: no new command starts until drained(). */
  private outputHeld = false;
  private delayTimer: ReturnType<typeof setTimeout> | null = null;
  private delayOver = false;

  constructor(
    readonly env: SessionEnv,
    mode: ImspMode = 'cyrus-1.8',
    readonly options: ImspSessionOptions = {},
  ) {
    this.dialect = imspDialect(mode);
    const q = this.dialect.quirks;
    this.sdb = new Sdb(() => env.store.imsp, !q.cachedSessions, () => env.store.version++);
    this.locks = new LockList(this.sdb, q.lockHolderTruncated);
    const now = options.now ?? (() => new Date());
    this.db = { sdb: this.sdb, now, defaultAclNamesRequester: q.defaultAclNamesRequester };
    this.clientHost = options.clientHost ?? 'localhost';
    this.limits = { ...DEFAULT_IMSP_LIMITS, ...options.limits };
    this.send(this.dialect.greeting);
    const { loginTimeoutMs, idleTimeoutMs } = this.limits;
    if (loginTimeoutMs || idleTimeoutMs) {
      this.autologout = new Autologout(
        () => (this.identity ? idleTimeoutMs : loginTimeoutMs),
        () => {
          // Not cyrus-imspd's (it has no timer): the bridge's, worded like the IMAP one.
          this.send('* BYE Disconnected for inactivity.\r\n');
          this.terminate();
        },
      );
    }
  }

  get store() {
    return this.env.store;
  }

  get mode(): ImspMode {
    return this.dialect.mode;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** auth_username: `anonymous` before login. */
  get user(): string {
    return (this.identity ?? ANONYMOUS).user;
  }

  get level(): number {
    return (this.identity ?? ANONYMOUS).level;
  }

  /** The identity for permission checks. */
  get who(): Identity {
    return this.identity ?? ANONYMOUS;
  }

  /** Parsing rules for this mode. */
  get parse() {
    // Before login only LOGIN/AUTHENTICATE can take a literal: a few KiB is plenty, and a
    // stranger cannot make the server hold megabytes.
    return { lenientAtoms: this.dialect.quirks.lenientAtoms, maxLiteral: this.identity ? this.limits.maxLiteral : this.limits.maxLiteralBeforeLogin };
  }

  // --- input ---------------------------------------------------------------------------------

  /** Octets from the client, in any chunking. */
  receive(bytes: Uint8Array): void {
    if (this.closed) return;
    this.autologout?.touch();
    this.pending += stringOf(bytes);
    this.pump();
  }

  /** What this session's caches would write back if its client went away now (Sdb.pendingWrites). */
  pendingWrites() {
    return this.closed ? [] : this.sdb.pendingWrites();
  }

  /** The client went away: release locks and write back the cached databases. */
  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.autologout?.stop();
    if (this.delayTimer !== null) clearTimeout(this.delayTimer);
    this.running = null;
    this.endSession();
  }

  /** The transport's output has drained: commands may run again. */
  drained(): void {
    if (!this.outputHeld || this.closed) return;
    this.outputHeld = false;
    if (this.delayTimer === null) this.env.resumeInput?.();
    this.pump();
  }

  /** A failed login: wait the bridge's delay before answering (none in the browser). */
  *failureDelay(): Step {
    if (this.limits.authFailureDelayMs > 0) yield { kind: 'delay', ms: this.limits.authFailureDelayMs };
  }

  /** dispatch_readline: a line without CRLF; undefined = wait; null = it cannot fit (fatal). */
  private takeLine(): string | null | undefined {
    const head = this.pending.length > INPUT_BUFFER ? this.pending.slice(0, INPUT_BUFFER) : this.pending;
    const i = head.indexOf('\r\n');
    if (i >= 0) {
      const line = this.pending.slice(0, i);
      this.pending = this.pending.slice(i + 2);
      return line;
    }
    return this.pending.length >= INPUT_BUFFER ? null : undefined;
  }

  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.closed) {
        if (!this.running) {
          if (this.outputHeld) return;
          const line = this.takeLine();
          if (line === undefined) return;
          if (line === null) {
            // The input buffer is full without a line end: the real server's read fails and it
            // closes the connection without a word.
            this.terminate();
            return;
          }
          this.running = this.dispatch(line);
          this.advance(null);
          continue;
        }
        const need = this.need!;
        let input: string | null;
        if (need.kind === 'prompt') {
          this.send(need.text);
          input = '';
        } else if (need.kind === 'delay') {
          if (!this.delayOver) {
            if (this.delayTimer === null) {
              this.env.pauseInput?.();
              this.delayTimer = setTimeout(() => {
                this.delayTimer = null;
                this.delayOver = true;
                if (!this.outputHeld) this.env.resumeInput?.();
                this.pump();
              }, need.ms);
            }
            return;
          }
          this.delayOver = false;
          input = '';
        } else if (need.kind === 'bytes') {
          if (this.pending.length < need.n) return;
          input = this.pending.slice(0, need.n);
          this.pending = this.pending.slice(need.n);
        } else {
          const line = this.takeLine();
          if (line === undefined) return;
          input = line;
        }
        this.advance(input);
      }
    } finally {
      this.pumping = false;
    }
  }

  private advance(input: string | null): void {
    const step = this.running!;
    try {
      const r = step.next(input);
      if (r.done) {
        this.running = null;
        this.need = null;
        // A client that does not read its responses gets no more for now (the bridge).
        if (!this.closed && this.env.congested?.()) {
          this.outputHeld = true;
          this.env.pauseInput?.();
        }
      } else this.need = r.value;
    } catch (e) {
      this.running = null;
      this.need = null;
      if (e instanceof FatalInput) {
        // fatal(): the server says goodbye and exits.
        this.send('* BYE IMSP server exiting (probably out of memory)\r\n');
        this.terminate();
        return;
      }
      console.error(e);
      this.send(`* NO Internal error in routine 'im_start'\r\n`);
    }
  }

  /** The main loop of im_start: tag, command word, dispatch. */
  private *dispatch(line: string): Step {
    const args = new Args(line);
    const tag = getAtom(args);
    if (tag === null || tag.length > 64) {
      this.send('* BAD 7-bit ASCII tag required\r\n');
      return;
    }
    const command = getAtom(args);
    if (command === null) {
      this.send(`${tag} BAD 7-bit ASCII command required\r\n`);
      return;
    }
    const word = lcase(command);
    const spec = this.dialect.commands.get(word);
    if (!spec) {
      this.send(`${tag} BAD command '${word}' unknown\r\n`);
      return;
    }
    try {
      yield* spec.run({ session: this, tag, word, args });
    } catch (e) {
      if (e instanceof FatalInput) throw e;
      // A bug in a handler must not take the engine down: answer the way the server reports
      // its own internal errors and carry on.
      console.error(e);
      this.reply(tag, `NO Internal error in routine 'imsp_${word}'`);
    }
  }

  // --- output --------------------------------------------------------------------------------

  /** Sends a byte string as is. */
  send(s: string): void {
    if (!this.closed) this.env.send(bytesOf(s));
  }

  /** `<tag> <text>` CRLF */
  reply(tag: string, text: string): void {
    this.send(`${tag} ${text}\r\n`);
  }

  /** `<tag> OK <word> completed` */
  completed(tag: string, word: string): void {
    this.reply(tag, `OK ${word} completed`);
  }

  /** LOGOUT: the tagged reply is out; the connection ends. */
  logout(): void {
    this.terminate();
  }

  private terminate(): void {
    if (this.closed) return;
    this.closed = true;
    this.autologout?.stop();
    if (this.delayTimer !== null) clearTimeout(this.delayTimer);
    this.running = null;
    this.endSession();
    this.env.close();
  }

  /** imsp_clean_abort: locks released, changed databases written back. */
  private endSession(): void {
    this.locks.releaseAll();
    this.sdb.done();
  }

  // --- identity ------------------------------------------------------------------------------

  /** Whether `user`/`password` is a valid login (store accounts by exact name, IMSP logins). */
  checkPassword(user: string, password: string): boolean {
    const acc = this.store.accounts.get(user);
    if (acc && acc.user === user && acc.password === password) return true;
    return this.store.imsp.logins.get(user) === password;
  }

  /** Whether SASL knows the user at all. */
  userExists(user: string): boolean {
    const acc = this.store.accounts.get(user);
    return (acc !== undefined && acc.user === user) || this.store.imsp.logins.has(user);
  }

  /**
   * auth_login and the account check that follows it in imsp_login/imsp_authenticate. The
   * identity is changed in place if there is one (as in C: even when the account check then
   * fails); a new one is kept only on success. Returns the reply text and whether it worked.
   */
  login(user: string, olduser: string | null): { ok: boolean; text: string } {
    const id: Identity = this.identity ?? { user: 'anonymous', level: AUTH_NONE, aclUser: 'anonymous' };
    id.user = user;
    id.level = optionLookup(this.db, '', OPT_ADMINS, true, user) ? AUTH_ADMIN : AUTH_USER;
    const canon = canonifyId(user);
    id.aclUser = canon && !canon.startsWith('group:') ? canon : 'anonymous';
    const text =
      olduser !== null
        ? `Administrator switch from user \`${pretty(olduser)}' to user \`${pretty(user)}' successful.`
        : `User \`${pretty(user)}' Logged in`;
    if (optionCheck(this.db, user) < 0 && (!optionTest(this.db, '', OPT_NEWUSERS, true, false) || optionCreate(this.db, user) < 0)) {
      return { ok: false, text: 'User does not have an account on this server' };
    }
    this.identity = id;
    return { ok: true, text };
  }

  /** The IMAP hosts of the network (draft-1995 mailbox locations). */
  imapHosts(): string[] {
    return this.options.imapHosts?.() ?? [];
  }
}

export { AUTH_ADMIN, AUTH_NONE, AUTH_USER };
