/**
 * The input side of the wire: cuts a client's byte stream into whole commands.
 *
 * RFC 3501 §2.2 (and the IMSP draft, which copies it): a command is a line ending in CRLF,
 * except that a line ending in a literal header `{n}` continues after exactly n octets.
 * A synchronising literal `{n}` waits for the server's `+` (or a tagged refusal); a
 * non-synchronising one `{n+}` (LITERAL+, RFC 7888) is sent at once, so a refused one has to
 * be read and thrown away. BINARY's `~{n}` (RFC 3516, part of IMAP4rev2) is framed the same.
 *
 * The framer never interprets a command; it only knows where one ends. Everything it learns
 * goes out through synchronous hooks:
 *
 * - `command(bytes)`: one complete command, first line plus literals and continuation lines,
 *   without the final CRLF. Literals stay inline as `{n}\r\n<n octets>` (the header's line
 *   end is always written CRLF, even if the client sent a bare LF) so the parser can read them.
 * - `literal(info)`: a line ended in a literal header within the limits. Return true to
 *   accept (having already written `+ ...` for a synchronising one) or false to refuse
 *   (having written the tagged NO/BAD).
 * - `literalTooLarge(info)`: instead of `literal`, for a literal over `maxLiteralSize` or one
 *   that would take the command past `maxCommandSize`. The framer will not keep its octets
 *   whatever the hook does; the hook writes the reply. Returning true means "I let the client
 *   send it anyway" (wrote `+` for a synchronising literal, as Dovecot does for a huge APPEND):
 *   the framer then reads the octets and throws them away.
 * - `discarded(head)` (optional): a command whose octets the framer read without keeping
 *   (after a refused or too-large `{n+}`, or a too-large `{n}` let through) has been read to
 *   its end; `head` is its first line, so the session can answer the tag now.
 * - `tooLong(head, limit)`: a line grew past `maxLineLength` (or the command past
 *   `maxCommandSize`). Called once; the framer then discards up to the next LF and starts
 *   over with a new command.
 *
 * One place decides each thing: the size limits are applied here and nowhere else (every
 * literal header produces exactly one call, of `literal` or of `literalTooLarge`); whether
 * the client gets a `+`, and every other reason to refuse a literal, is the session's.
 *
 * Refusing a literal: a synchronising one drops the command (the client will not send the
 * octets); a non-synchronising one is skipped, exactly `size` octets, and the rest of that
 * command is discarded: the remainder of the line and, should it end in another `{m+}`,
 * those octets too. Nothing of a refused command reaches `command`.
 *
 * Cost is linear in the input: each byte is copied at most twice (into the command buffer,
 * then out), LF is found with the native `indexOf`, and only a line that ends in `}` is
 * looked at again (its own bytes, once). About 100–400 MiB/s in Node 20 depending on command
 * size. The bytes given to `command` are the session's to keep: nothing writes to them again
 * (a command with literals gets an allocation of its own; small literal-free ones are views
 * into a shared 16 KiB slab, since allocating a small Uint8Array costs more than framing it).
 */
import { MAX_COMMAND_SIZE, MAX_LINE_LENGTH, MAX_LITERAL_SIZE } from '../limits';

/** Longest line (excluding CRLF) before `tooLong`: 64 KiB, Dovecot's `imap_max_line_length`. */
export const DEFAULT_MAX_LINE_LENGTH = MAX_LINE_LENGTH;
/** Largest literal accepted: 50 MiB. */
export const DEFAULT_MAX_LITERAL_SIZE = MAX_LITERAL_SIZE;
/** Largest whole command (lines and literals): 64 MiB, room for one maximal literal. */
export const DEFAULT_MAX_COMMAND_SIZE = MAX_COMMAND_SIZE;

export interface FramerLimits {
  /** Octets in one line (after a literal: in the rest of the line), CRLF not counted. */
  maxLineLength: number;
  /** Octets in one literal. */
  maxLiteralSize: number;
  /** Octets in one command as delivered (lines, literal headers, CRLFs inside, literals). */
  maxCommandSize: number;
  /**
   * Whether a bare LF ends a line (as it does for Dovecot and Cyrus imapd). The IMSP server
   * only ends a line at CRLF; with false a lone LF is just a byte of the line.
   */
  acceptBareLf: boolean;
}

export const DEFAULT_FRAMER_LIMITS: Readonly<FramerLimits> = Object.freeze({
  maxLineLength: DEFAULT_MAX_LINE_LENGTH,
  maxLiteralSize: DEFAULT_MAX_LITERAL_SIZE,
  maxCommandSize: DEFAULT_MAX_COMMAND_SIZE,
  acceptBareLf: true,
});

export interface LiteralInfo {
  /** The announced octet count. */
  readonly size: number;
  /** `{n}` (true) or `{n+}` (false). */
  readonly sync: boolean;
  /** `~{n}`: a BINARY literal8, which may hold NUL. */
  readonly binary: boolean;
  /**
   * The command so far, up to and including the literal header (no CRLF): enough to read the
   * tag and the command name. A view into the framer's buffer, valid only during the call.
   */
  readonly head: Uint8Array;
}

export interface LiteralTooLarge extends LiteralInfo {
  /** Which limit it broke: `maxLiteralSize` or `maxCommandSize`. */
  readonly limit: 'literal' | 'command';
}

export interface FramerHooks {
  command(bytes: Uint8Array): void;
  literal(info: LiteralInfo): boolean;
  /** True: the client was told to send it anyway (`+`), so read and drop the octets. */
  literalTooLarge(info: LiteralTooLarge): boolean | void;
  /** The end of a command whose octets were read and dropped. `head`: its first line (a copy). */
  discarded?(head: Uint8Array): void;
  /** `head`: the command so far, its current line cut at the limit. Valid during the call. */
  tooLong(head: Uint8Array, limit: 'line' | 'command'): void;
}

/** What the framer is doing, for tests and the inspector. */
export type FramerState =
  | 'line' // reading a command line
  | 'literal' // reading the octets of an accepted literal
  | 'skip-literal' // discarding the octets of a literal not kept
  | 'discard' // reading the rest of a refused command, to throw it away
  | 'skip-line'; // discarding up to the next LF after an over-long line

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const DQUOTE = 0x22;
const LPAREN = 0x28;
const PLUS = 0x2b;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const TILDE = 0x7e;

/** Commands up to this size are copied out; larger ones take the buffer with them. */
const HANDOVER = 64 * 1024;
const INITIAL_CAPACITY = 4096;
/**
 * Allocating a small Uint8Array costs about a microsecond, more than framing the command
 * itself; so literal-free commands up to SLAB_ITEM octets are copied into a shared slab
 * and handed out as views of it. Commands with literals (which a session may keep, e.g.
 * an APPEND) always get an allocation of their own.
 */
const SLAB_SIZE = 16 * 1024;
/** The most the framer reserves ahead of octets that have not arrived. */
const PREALLOCATE = 8 * 1024 * 1024;
const SLAB_ITEM = 1024;

const enum Mode {
  Line,
  Literal,
  SkipLiteral,
  Discard,
  SkipLine,
}

export class CommandFramer {
  readonly limits: Readonly<FramerLimits>;
  /**
   * Deliver every line as it is (no literal detection) through `command`: for IDLE's `DONE`
   * and AUTHENTICATE's responses. Takes effect from the next line that starts a command.
   */
  rawLines = false;
  /**
   * While true, `push` keeps input instead of framing it (the session is waiting: its output
   * is not being read, or a failed login is being delayed). `resume()` frames what was kept.
   * Set from a hook, it takes effect right after that command: nothing after it is framed.
   */
  held = false;

  private buf = new Uint8Array(INITIAL_CAPACITY);
  private slab = new Uint8Array(0);
  private slabUsed = 0;
  /** Bytes of the current command (or, while discarding, of the current line) in `buf`. */
  private len = 0;
  /** Where the current line starts in `buf`: 0, or just after the last literal's octets. */
  private lineStart = 0;
  private mode = Mode.Line;
  /** Octets still to read (Literal) or to skip (SkipLiteral). */
  private remaining = 0;
  /** Where the first line ends in `buf` once a literal has been accepted, else -1. */
  private firstLineEnd = -1;
  /** While a command is being read to be dropped: its first line, for `discarded`. */
  private dropping: Uint8Array | null = null;
  /** SkipLine only: the last byte skipped was CR (for `acceptBareLf: false`). */
  private lastWasCr = false;
  private busy = false;
  /** Within push: where reading resumes once the hook being called returns. */
  private resumeAt = 0;
  /** Input left over when a hook threw; read first by the next push. */
  private backlog: Uint8Array | null = null;

  constructor(
    limits: Partial<FramerLimits> = {},
    private readonly hooks: FramerHooks,
  ) {
    const l: FramerLimits = {
      maxLineLength: limits.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH,
      maxLiteralSize: limits.maxLiteralSize ?? DEFAULT_MAX_LITERAL_SIZE,
      maxCommandSize: limits.maxCommandSize ?? DEFAULT_MAX_COMMAND_SIZE,
      acceptBareLf: limits.acceptBareLf ?? true,
    };
    for (const k of ['maxLineLength', 'maxLiteralSize', 'maxCommandSize'] as const) {
      if (!(l[k] >= 0) || !Number.isFinite(l[k])) throw new RangeError(`CommandFramer: ${k} must be a finite number ≥ 0`);
    }
    this.limits = Object.freeze(l);
  }

  get state(): FramerState {
    switch (this.mode) {
      case Mode.Line:
        return 'line';
      case Mode.Literal:
        return 'literal';
      case Mode.SkipLiteral:
        return 'skip-literal';
      case Mode.Discard:
        return 'discard';
      case Mode.SkipLine:
        return 'skip-line';
    }
  }

  /** Octets held for the command not yet complete (0 between commands). */
  get buffered(): number {
    return this.mode === Mode.Discard || this.mode === Mode.SkipLiteral || this.mode === Mode.SkipLine ? 0 : this.len;
  }

  /** Octets of the literal being read or skipped that have not arrived yet. */
  get literalRemaining(): number {
    return this.mode === Mode.Literal || this.mode === Mode.SkipLiteral ? this.remaining : 0;
  }

  /** Forgets any partial command (e.g. when a connection is reused). Keeps `rawLines`. */
  reset(): void {
    this.newCommand();
    this.backlog = null;
    if (this.buf.length > HANDOVER) this.buf = new Uint8Array(INITIAL_CAPACITY);
  }

  /**
   * Consumes bytes in any chunking. Hooks run synchronously from here; they must not call
   * `push` themselves. If a hook throws, the exception propagates and the unread rest of the
   * chunk is kept for the next `push`.
   */
  push(input: Uint8Array): void {
    if (this.busy) throw new Error('CommandFramer.push called from inside a hook');
    let chunk = input;
    if (this.backlog) {
      chunk = concat(this.backlog, input);
      this.backlog = null;
    }
    this.busy = true;
    this.resumeAt = 0;
    let pos = 0;
    const end = chunk.length;
    try {
      while (pos < end) {
        if (this.held) {
          this.backlog = chunk.slice(pos);
          break;
        }
        switch (this.mode) {
          case Mode.Line:
          case Mode.Discard:
            pos = this.readLine(chunk, pos, end);
            break;
          case Mode.Literal: {
            const n = Math.min(this.remaining, end - pos);
            this.append(chunk, pos, pos + n);
            pos += n;
            this.remaining -= n;
            if (this.remaining === 0) this.endLiteral();
            break;
          }
          case Mode.SkipLiteral: {
            const n = Math.min(this.remaining, end - pos);
            pos += n;
            this.remaining -= n;
            if (this.remaining === 0) this.endLiteral();
            break;
          }
          case Mode.SkipLine:
            pos = this.skipLine(chunk, pos, end);
            break;
        }
      }
    } catch (e) {
      // Hooks are only called with resumeAt past the bytes they concern.
      const at = Math.max(pos, this.resumeAt);
      if (at < end) this.backlog = chunk.slice(at);
      throw e;
    } finally {
      this.busy = false;
    }
  }

  /** Stops holding input and frames what was kept. Not from inside a hook. */
  resume(): void {
    this.held = false;
    if (this.backlog && !this.busy) this.push(new Uint8Array(0));
  }

  /** Octets kept while held (or after a hook threw), not framed yet. */
  get backlogged(): number {
    return this.backlog?.length ?? 0;
  }

  /** The size of the buffer the framer holds on to between commands. */
  get capacity(): number {
    return this.buf.length;
  }

  // --- lines ----------------------------------------------------------------------------

  /** Reads line bytes from chunk[pos..end); returns the new position. */
  private readLine(chunk: Uint8Array, pos: number, end: number): number {
    const stop = this.findEol(chunk, pos);
    if (stop >= 0 && this.len === 0 && this.mode === Mode.Line) {
      // Fast path: a whole line in this chunk, nothing buffered before it.
      const contentEnd = stop > pos && chunk[stop - 1] === CR ? stop - 1 : stop;
      const n = contentEnd - pos;
      if (n <= this.limits.maxLineLength && n <= this.limits.maxCommandSize && (this.rawLines || chunk[contentEnd - 1] !== RBRACE || !literalHeader(chunk, pos, contentEnd))) {
        this.resumeAt = stop + 1;
        this.hooks.command(this.carve(chunk, pos, contentEnd));
        return stop + 1;
      }
    }
    const segEnd = stop >= 0 ? stop : end;
    const room = this.room();
    if (segEnd - pos > room) {
      this.append(chunk, pos, pos + room);
      this.resumeAt = pos + room;
      return this.overflow(pos + room);
    }
    this.append(chunk, pos, segEnd);
    if (stop < 0) return end;
    // A complete line: drop its CR, then check the limits without the slack.
    if (this.len > this.lineStart && this.buf[this.len - 1] === CR) this.len--;
    const { maxLineLength, maxCommandSize } = this.limits;
    this.resumeAt = stop + 1;
    if (this.len - this.lineStart > maxLineLength) {
      this.len = this.lineStart + maxLineLength;
      this.overflowAtEol('line');
    } else if (this.len > maxCommandSize && this.mode !== Mode.Discard) {
      this.len = maxCommandSize;
      this.overflowAtEol('command');
    } else this.lineDone();
    return stop + 1;
  }

  /** The LF that ends the current line, or -1 if it is not in this chunk. */
  private findEol(chunk: Uint8Array, pos: number): number {
    if (this.limits.acceptBareLf) return chunk.indexOf(LF, pos);
    for (let from = pos; ; ) {
      const lf = chunk.indexOf(LF, from);
      if (lf < 0) return -1;
      const prev = lf > pos ? chunk[lf - 1] : this.len > this.lineStart ? this.buf[this.len - 1] : -1;
      if (prev === CR) return lf;
      from = lf + 1; // a lone LF is just a byte of the line
    }
  }

  /** How many more octets the current line may take before a limit is broken (with slack). */
  private room(): number {
    const { maxLineLength, maxCommandSize } = this.limits;
    const line = maxLineLength + 1 - (this.len - this.lineStart);
    if (this.mode === Mode.Discard) return line;
    return Math.min(line, maxCommandSize + 1 - this.len);
  }

  /** A limit broke in the middle of a line: report it and skip to the line's end. */
  private overflow(pos: number): number {
    const lineTooLong = this.len - this.lineStart > this.limits.maxLineLength;
    const discarding = this.mode === Mode.Discard;
    this.lastWasCr = this.len > this.lineStart && this.buf[this.len - 1] === CR;
    const head = this.buf.subarray(0, Math.min(this.len, this.lineStart + this.limits.maxLineLength, this.limits.maxCommandSize));
    this.mode = Mode.SkipLine;
    if (!discarding) {
      this.dropping = null;
      this.hooks.tooLong(head, lineTooLong ? 'line' : 'command');
    }
    return pos;
  }

  /** A limit broke on a line that is already complete: report it; the next line is new. */
  private overflowAtEol(limit: 'line' | 'command'): void {
    if (this.mode === Mode.Discard) return this.endDrop();
    const head = this.buf.subarray(0, this.len);
    this.newCommand();
    this.hooks.tooLong(head, limit);
  }

  private skipLine(chunk: Uint8Array, pos: number, end: number): number {
    for (let from = pos; ; ) {
      const lf = chunk.indexOf(LF, from);
      if (lf < 0) {
        if (end > from) this.lastWasCr = chunk[end - 1] === CR;
        return end;
      }
      if (this.limits.acceptBareLf || (lf > pos ? chunk[lf - 1] === CR : this.lastWasCr)) {
        this.resumeAt = lf + 1;
        this.endDrop();
        return lf + 1;
      }
      this.lastWasCr = false;
      from = lf + 1;
    }
  }

  /** The current line is complete (in buf[lineStart..len), no CRLF). */
  private lineDone(): void {
    if (this.mode === Mode.Line && this.rawLines && this.lineStart === 0) return this.deliver();
    const lit = literalHeader(this.buf, this.lineStart, this.len);
    if (this.mode === Mode.Discard) {
      // The rest of a refused command: only a non-synchronising literal keeps it going.
      if (lit && !lit.sync) this.skip(lit.size);
      else this.endDrop();
      return;
    }
    if (!lit) return this.deliver();
    const info = { size: lit.size, sync: lit.sync, binary: lit.binary, head: this.buf.subarray(0, this.len) };
    const { maxLiteralSize, maxCommandSize } = this.limits;
    let limit: 'literal' | 'command' | null = null;
    if (lit.size > maxLiteralSize) limit = 'literal';
    else if (this.len + 2 + lit.size > maxCommandSize) limit = 'command';
    let accepted = false;
    let sent = !lit.sync;
    if (limit) sent = this.hooks.literalTooLarge({ ...info, limit }) === true || sent;
    else accepted = this.hooks.literal(info);
    if (accepted) {
      if (this.firstLineEnd < 0) this.firstLineEnd = this.len;
      // Room for the whole literal up front (so no doubling copies), up to a sane amount.
      this.ensure(this.len + 2 + Math.min(lit.size, PREALLOCATE) + 256);
      this.buf[this.len++] = CR;
      this.buf[this.len++] = LF;
      this.mode = Mode.Literal;
      this.remaining = lit.size;
      if (lit.size === 0) this.endLiteral();
    } else if (sent) this.drop(lit.size);
    else this.newCommand();
  }

  /** Start dropping the command: `size` octets, then the rest of it. */
  private drop(size: number): void {
    if (this.hooks.discarded) this.dropping = this.buf.slice(0, this.firstLineEnd >= 0 ? this.firstLineEnd : this.len);
    this.skip(size);
  }

  /** Throw away `size` octets and then the rest of the command. */
  private skip(size: number): void {
    this.len = 0;
    this.lineStart = 0;
    this.mode = Mode.SkipLiteral;
    this.remaining = size;
    if (size === 0) this.endLiteral();
  }

  private endLiteral(): void {
    if (this.mode === Mode.Literal) {
      this.mode = Mode.Line;
      this.lineStart = this.len;
    } else {
      // Only the current line matters while discarding (to spot a trailing `{n+}`).
      this.mode = Mode.Discard;
      this.len = 0;
      this.lineStart = 0;
    }
  }

  private deliver(): void {
    let bytes: Uint8Array;
    if (this.lineStart === 0) bytes = this.carve(this.buf, 0, this.len);
    else if (this.len > HANDOVER && this.buf.length - this.len <= this.len >> 2) {
      // Big and the buffer is nearly full: hand the buffer over instead of copying it.
      bytes = this.buf.subarray(0, this.len);
      this.buf = new Uint8Array(INITIAL_CAPACITY);
    } else bytes = this.buf.slice(0, this.len);
    this.newCommand();
    this.hooks.command(bytes);
  }

  /** A copy of src[from..to) that nothing else will write to (a slab view if small). */
  private carve(src: Uint8Array, from: number, to: number): Uint8Array {
    const n = to - from;
    if (n > SLAB_ITEM) return src.slice(from, to);
    if (this.slabUsed + n > this.slab.length) {
      this.slab = new Uint8Array(SLAB_SIZE);
      this.slabUsed = 0;
    }
    const at = this.slabUsed;
    const slab = this.slab;
    if (n <= 64) for (let i = 0; i < n; i++) slab[at + i] = src[from + i];
    else slab.set(src.subarray(from, to), at);
    this.slabUsed = at + n;
    return slab.subarray(at, at + n);
  }

  /** A dropped command (or an over-long line) has been read to its end. */
  private endDrop(): void {
    const head = this.dropping;
    this.newCommand();
    if (head) this.hooks.discarded?.(head);
  }

  private newCommand(): void {
    // A big literal grew the buffer: let it go rather than keep megabytes per idle connection.
    if (this.buf.length > HANDOVER) this.buf = new Uint8Array(INITIAL_CAPACITY);
    this.dropping = null;
    this.firstLineEnd = -1;
    this.len = 0;
    this.lineStart = 0;
    this.remaining = 0;
    this.mode = Mode.Line;
  }

  // --- buffer ---------------------------------------------------------------------------

  private append(src: Uint8Array, from: number, to: number): void {
    if (to <= from) return;
    const n = to - from;
    this.ensure(this.len + n);
    const buf = this.buf;
    // A view for `set` costs more than a short copy by hand.
    if (n <= 64) for (let i = 0, at = this.len; i < n; i++) buf[at + i] = src[from + i];
    else buf.set(src.subarray(from, to), this.len);
    this.len += n;
  }

  private ensure(capacity: number): void {
    if (capacity <= this.buf.length) return;
    const next = new Uint8Array(Math.max(capacity, this.buf.length * 2));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
}

export interface LiteralHeader {
  size: number;
  sync: boolean;
  binary: boolean;
  /** Where the header (`{` or `~`) starts. */
  start: number;
}

/**
 * Whether bytes[from..to) ends in a literal header, by the grammar: `"{" number ["+"] "}"`
 * (RFC 3501 `literal`, RFC 7888 `{n+}`) or BINARY's `"~{" ...`, standing as an argument of
 * its own (after SP or `(`), and not inside a quoted string. `{}`, `{abc}`, `{+}`, `x{3}`
 * and `"a {3}` are not headers.
 */
export function literalHeader(bytes: Uint8Array, from: number, to: number): LiteralHeader | null {
  let i = to - 1;
  if (i < from || bytes[i] !== RBRACE) return null;
  i--;
  let sync = true;
  if (i >= from && bytes[i] === PLUS) {
    sync = false;
    i--;
  }
  const digitsEnd = i + 1;
  while (i >= from && bytes[i] >= 0x30 && bytes[i] <= 0x39) i--;
  if (i === digitsEnd - 1 || i < from || bytes[i] !== LBRACE) return null;
  let start = i;
  let binary = false;
  if (start - 1 >= from && bytes[start - 1] === TILDE) {
    binary = true;
    start--;
  }
  // An argument of its own: `x{3}` is an atom with a stray brace, not a literal.
  if (start - 1 < from || (bytes[start - 1] !== SP && bytes[start - 1] !== LPAREN)) return null;
  let size = 0;
  for (let k = i + 1; k < digitsEnd; k++) size = size * 10 + (bytes[k] - 0x30);
  // Too big to count exactly: no limit can allow it, and a skip would never end anyway.
  if (size > Number.MAX_SAFE_INTEGER) size = Number.POSITIVE_INFINITY;
  // And not inside a quoted string that runs to the end of the line.
  let quoted = false;
  for (let k = from; k < start; k++) {
    const b = bytes[k];
    if (quoted) {
      if (b === BACKSLASH) k++;
      else if (b === DQUOTE) quoted = false;
    } else if (b === DQUOTE) quoted = true;
  }
  if (quoted) return null;
  return { size, sync, binary, start };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
