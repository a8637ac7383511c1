import type { Account } from '../store/model';
import type { Reader } from '../wire/parser';
import type { ImapSession } from './session';

/** RFC 3501 §3: the four states of a connection. */
export type State = 'not-authenticated' | 'authenticated' | 'selected' | 'logout';

export const ANY: readonly State[] = ['not-authenticated', 'authenticated', 'selected'];
export const NOT_AUTH: readonly State[] = ['not-authenticated'];
export const AUTH: readonly State[] = ['authenticated', 'selected'];
export const SELECTED: readonly State[] = ['selected'];

/** The tagged status response that ends a command (RFC 3501 §7.1). */
export interface Completion {
  status: 'OK' | 'NO' | 'BAD';
  /** Response code without brackets, e.g. `TRYCREATE` or `UIDNEXT 15`. */
  code?: string;
  text: string;
}

export const ok = (text: string, code?: string): Completion => ({ status: 'OK', code, text });
export const no = (text: string, code?: string): Completion => ({ status: 'NO', code, text });
export const bad = (text: string, code?: string): Completion => ({ status: 'BAD', code, text });

/** A command whose completion comes later (IDLE, AUTHENTICATE waiting for the client). */
export const PENDING = Symbol('pending');
export type CommandResult = Completion | typeof PENDING;

export interface CommandContext {
  readonly session: ImapSession;
  readonly tag: string;
  /** Canonical upper-case name, e.g. `FETCH` (also for `UID FETCH`). */
  readonly name: string;
  /** True for the UID form (RFC 3501 §6.4.8). */
  readonly uid: boolean;
  /** The arguments, positioned after the command name. */
  readonly args: Reader;
}

/** One command as a dialect knows it: where it is allowed, its syntax and its handler. */
export interface CommandSpec {
  name: string;
  states: readonly State[];
  /** The argument grammar in one line, shown in BAD replies and in the inspector. */
  syntax: string;
  /** Where it is defined, e.g. `RFC 3501 §6.4.5`. */
  rfc: string;
  /**
   * Words the arguments may use beyond the site's base tables (tab completion): an extension's
   * search keys and RETURN options, for example.
   */
  words?: readonly string[];
  /** RFC 3501 §7.4.1: the non-UID form must not be answered with EXPUNGE responses. */
  holdsExpunges?: boolean;
  /**
   * Checks a command before the client sends a literal it announced (`args` holds the
   * command up to the `{n}`): a completion here refuses the literal, so a client never
   * uploads a message that would be refused anyway (RFC 3501 §7.5).
   */
  beforeLiteral?(ctx: CommandContext, size: number): Completion | null;
  /**
   * Whether a literal8 (`~{n}`, RFC 3516) may appear in this command (APPEND, SETMETADATA; where the dialect
   * has BINARY); anywhere else it is refused before the client uploads it, as Dovecot does.
   */
  literal8?: boolean;
  run(ctx: CommandContext): CommandResult;
}

export interface Authenticated {
  account: Account;
}
