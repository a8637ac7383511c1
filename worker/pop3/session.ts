/**
 * One POP3 connection (RFC 1939, TCP port 110): the AUTHORIZATION state (USER/PASS, AUTH with
 * SASL per RFC 5034, CAPA per RFC 2449), then TRANSACTION on the user's maildrop (./maildrop.ts,
 * the INBOX of the shared store), then UPDATE at QUIT. Responses and limits follow Dovecot 2.3's
 * pop3-login and pop3 processes (tests/golden/pop3); docs/pop3-fidelity.md lists the differences.
 */
import type { SessionEnv } from '../session/env';
import { Autologout } from '../session/autologout';
import { POP3_MAX_BAD_COMMANDS, POP3_MAX_BAD_COMMANDS_BEFORE_LOGIN, POP3_MAX_LINE, POP3_MAX_LINE_BEFORE_LOGIN } from '../limits';
import { Maildrop } from './maildrop';
import { decodeSaslResponse } from '../wire/sasl';
import { MECHANISMS, start, type Credentials, type Exchange } from './sasl';
import { CAPA_TRANSACTION, TRANSACTION } from './transaction';
import { multiLine, statusLine, text } from './wire';

/** What a transport may limit per connection (values in worker/limits.ts). */
export interface Pop3Limits {
  /** Longest line, CRLF included, before / after login. */
  maxLineBeforeLogin: number;
  maxLine: number;
  /** Autologout before / after login, ms; 0 = never (the in-browser engine). */
  loginTimeoutMs: number;
  idleTimeoutMs: number;
  /** Delay before a failed PASS/AUTH is answered, ms; 0 = none. */
  authFailureDelayMs: number;
}

export const DEFAULT_POP3_LIMITS: Pop3Limits = {
  maxLineBeforeLogin: POP3_MAX_LINE_BEFORE_LOGIN,
  maxLine: POP3_MAX_LINE,
  loginTimeoutMs: 0,
  idleTimeoutMs: 0,
  authFailureDelayMs: 0,
};

/** CAPA before login: what Dovecot's pop3-login lists with `auth_mechanisms = plain login`. */
const CAPA_AUTHORIZATION = [...CAPA_TRANSACTION, 'USER', `SASL ${MECHANISMS.join(' ')}`];

export class Pop3Session {
  private limits: Pop3Limits;
  private input = '';
  private drop: Maildrop | null = null;
  /** The name given by USER, waiting for PASS. */
  private user: string | null = null;
  /** A SASL exchange waiting for the client's next response line. */
  private sasl: Exchange | null = null;
  private bad = 0;
  /** Input is not read while a failed login waits out its delay. */
  private held = false;
  /** The client is behind in reading (the bridge's flow control): commands wait for `drained()`. */
  private backedUp = false;
  private closed = false;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private autologout: Autologout;

  constructor(
    private env: SessionEnv,
    limits: Partial<Pop3Limits> = {},
  ) {
    this.limits = { ...DEFAULT_POP3_LIMITS, ...limits };
    this.autologout = new Autologout(
      () => (this.drop ? this.limits.idleTimeoutMs : this.limits.loginTimeoutMs),
      () => this.end('-ERR Disconnected for inactivity.'),
    );
    // The greeting's text is free (RFC 1939 §4); it names the server, not Dovecot.
    this.say('+OK Mail Protocol Playground ready (POP3, RFC 1939).');
  }

  receive(bytes: Uint8Array): void {
    if (this.closed) return;
    this.autologout.touch();
    this.input += text(bytes);
    this.pump();
  }

  /** The transport's output drained: the commands held back run now. */
  drained(): void {
    if (!this.backedUp || this.closed) return;
    this.backedUp = false;
    this.env.resumeInput?.();
    this.pump();
  }

  dispose(): void {
    // A connection that ends without QUIT never reaches UPDATE (RFC 1939 §6): nothing is removed.
    this.closed = true;
    this.autologout.stop();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.drop?.release();
  }

  private pump(): void {
    while (!this.closed && !this.held && !this.backedUp) {
      // PIPELINING lets a client send many RETRs without reading the answers: once it is
      // behind, stop answering (and reading) until its output drains, as the IMAP side does.
      if (this.env.congested?.()) {
        this.backedUp = true;
        this.env.pauseInput?.();
        return;
      }
      const lf = this.input.indexOf('\n');
      const limit = this.drop ? this.limits.maxLine : this.limits.maxLineBeforeLogin;
      if (lf < 0) {
        if (this.input.length > limit) this.tooLong();
        return;
      }
      if (lf + 1 > limit) return this.tooLong();
      const line = this.input.slice(0, lf).replace(/\r$/, '');
      this.input = this.input.slice(lf + 1);
      this.line(line);
    }
  }

  /** A line that cannot fit the input buffer ends the connection, with Dovecot's words. */
  private tooLong(): void {
    this.end(this.drop ? '-ERR Input line too long.' : '-ERR Input buffer full, aborting');
  }

  private line(line: string): void {
    if (this.sasl) return this.saslResponse(line);
    const space = line.indexOf(' ');
    const name = (space < 0 ? line : line.slice(0, space)).toUpperCase();
    const args = space < 0 ? '' : line.slice(space + 1).replace(/^ +/, '');
    if (this.drop) this.transaction(name, line, args);
    else this.authorization(name, args);
  }

  // --- TRANSACTION --------------------------------------------------------------------

  private transaction(name: string, line: string, args: string): void {
    if (name === 'QUIT') {
      const drop = this.drop!;
      const removed = drop.update();
      drop.release();
      return this.end(removed || drop.anyDeleted ? '+OK Logging out, messages deleted.' : '+OK Logging out.');
    }
    const command = Object.hasOwn(TRANSACTION, name) ? TRANSACTION[name] : null;
    if (!command) {
      const word = line.split(' ')[0];
      return this.failed(word ? `-ERR Unknown command: ${word}` : '-ERR Unknown command.', POP3_MAX_BAD_COMMANDS, '-ERR Too many bad commands.');
    }
    const reply = command(this.drop!, args);
    this.env.send(reply.out);
    if (reply.failed) this.countBad(POP3_MAX_BAD_COMMANDS, '-ERR Too many bad commands.');
    else this.bad = 0;
  }

  /** A failed command: said, then counted; past `max` in a row the connection ends. */
  private failed(line: string, max: number, bye: string): void {
    this.say(line);
    this.countBad(max, bye);
  }

  private countBad(max: number, bye: string): void {
    if (++this.bad >= max) this.end(bye);
  }

  // --- AUTHORIZATION ------------------------------------------------------------------

  private authorization(name: string, args: string): void {
    // Only unknown commands count towards the limit here; any known one starts the count again.
    if (!['CAPA', 'USER', 'PASS', 'AUTH', 'APOP', 'QUIT'].includes(name)) {
      return this.failed('-ERR Unknown command.', POP3_MAX_BAD_COMMANDS_BEFORE_LOGIN, '-ERR Too many invalid bad commands.');
    }
    this.bad = 0;
    switch (name) {
      case 'CAPA':
        return this.env.send(multiLine('+OK', CAPA_AUTHORIZATION));
      case 'QUIT':
        return this.end('+OK Logging out');
      case 'USER':
        this.user = args;
        return this.say('+OK');
      case 'PASS': {
        if (this.user === null) return this.say('-ERR No username given.');
        const user = this.user;
        this.user = null;
        return this.login({ user, password: args });
      }
      case 'APOP':
        // APOP needs a shared secret and a timestamp in the greeting; neither is offered.
        return this.say('-ERR APOP not enabled.');
      case 'AUTH':
        return this.auth(args);
    }
  }

  private auth(args: string): void {
    if (args === '') return this.env.send(multiLine('+OK', [...MECHANISMS]));
    const [mech, initial] = args.split(' ');
    const m = mech.toUpperCase();
    if (m !== 'PLAIN' && m !== 'LOGIN') return this.say('-ERR [AUTH] Unsupported authentication mechanism.');
    const exchange = start(m);
    if (initial !== undefined) return this.saslStep(exchange, initial);
    this.sasl = exchange;
    this.say('+ ' + exchange.challenge);
  }

  private saslResponse(line: string): void {
    const exchange = this.sasl!;
    this.sasl = null;
    if (line === '*') return this.say('-ERR Authentication aborted by client.');
    this.saslStep(exchange, line);
  }

  private saslStep(exchange: Exchange, b64: string): void {
    const response = decodeSaslResponse(b64);
    if (response === null) return this.say('-ERR [AUTH] Invalid base64 in response');
    const next = exchange.next(response);
    if ('challenge' in next) {
      this.sasl = next;
      return this.say('+ ' + next.challenge);
    }
    this.login(next);
  }

  private login(creds: Credentials): void {
    const account = 'invalid' in creds ? null : this.env.store.authenticate(creds.user, creds.password);
    if (!account) return this.loginFailed();
    const drop = Maildrop.open(this.env.store, account);
    // RFC 1939 §8: the maildrop is another session's until it QUITs; Dovecot then ends this one.
    if (!drop) return this.end('-ERR [IN-USE] Mailbox is locked by another POP3 session.');
    this.drop = drop;
    this.autologout.touch();
    this.say('+OK Logged in.');
  }

  /** Answered after the failure delay; nothing else is read meanwhile (Dovecot's auth_failure_delay). */
  private loginFailed(): void {
    const ms = this.limits.authFailureDelayMs;
    if (!ms) return this.say('-ERR [AUTH] Authentication failed.');
    this.held = true;
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.held = false;
      this.say('-ERR [AUTH] Authentication failed.');
      this.pump();
    }, ms);
    this.timers.add(t);
  }

  // --- output ---------------------------------------------------------------------------

  private say(line: string): void {
    if (!this.closed) this.env.send(statusLine(line));
  }

  /** Sends a last line and ends the connection. */
  private end(line: string): void {
    if (this.closed) return;
    this.say(line);
    this.dispose();
    this.env.close();
  }
}
