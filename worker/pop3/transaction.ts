/**
 * The TRANSACTION state's commands (RFC 1939 §5, §7; CAPA from RFC 2449), answered as
 * Dovecot 2.3's POP3 answers them, texts included (tests/golden/pop3 holds its bytes).
 */
import type { Maildrop } from './maildrop';
import { messageBody, multiLine, statusLine, topOf } from './wire';

/** What a command produced: the bytes, and whether it failed (failures count as bad commands). */
export interface Reply {
  out: Uint8Array;
  failed: boolean;
}

const ok = (line: string): Reply => ({ out: statusLine(line), failed: false });
const err = (text: string): Reply => ({ out: statusLine('-ERR ' + text), failed: true });

/** CAPA after login (RFC 2449 §5): no USER or SASL any more, as Dovecot lists it. */
export const CAPA_TRANSACTION = ['CAPA', 'TOP', 'UIDL', 'RESP-CODES', 'PIPELINING', 'AUTH-RESP-CODE'];

const UINT32_MAX = 0xffffffffn;
const UINT64_MAX = 0xffffffffffffffffn;

/**
 * A message number argument (Dovecot's get_msgnum): digits, a message that exists and is not
 * marked deleted; with `more`, a space must follow (TOP's line count comes next), otherwise
 * nothing may. The error text is Dovecot's, which shows the unparsed rest.
 */
function msgnum(drop: Maildrop, args: string, more: boolean): { n: number; rest: string } | string {
  const digits = /^[0-9]+/.exec(args)?.[0];
  if (!digits) return `Invalid message number: ${args}`;
  let rest = args.slice(digits.length);
  if (BigInt(digits) > UINT32_MAX) return `Message number too large: ${rest}`;
  const n = Number(digits);
  if (n === 0 || n > drop.count) return `There's no message ${n}.`;
  if (drop.isDeleted(n)) return 'Message is deleted.';
  if (more) {
    if (!rest.startsWith(' ')) return `Noise after message number: ${rest}`;
    rest = rest.replace(/^ +/, '');
  } else if (rest !== '') return `Noise after message number: ${rest}`;
  return { n, rest };
}

/** TOP's line count (Dovecot's get_size). */
function lineCount(args: string): number | string {
  const digits = /^[0-9]+/.exec(args)?.[0];
  if (!digits) return `Invalid size: ${args}`;
  if (BigInt(digits) > UINT64_MAX) return `Size too large: ${args}`;
  const rest = args.slice(digits.length);
  if (rest !== '') return `Noise after size: ${rest}`;
  // More lines than any message has: the whole body.
  return Number(digits);
}

type Command = (drop: Maildrop, args: string) => Reply;

export const TRANSACTION: Record<string, Command> = {
  CAPA: () => ({ out: multiLine('+OK', CAPA_TRANSACTION), failed: false }),

  NOOP: () => ok('+OK'),

  STAT(drop) {
    const [count, size] = drop.stat();
    return ok(`+OK ${count} ${size}`);
  },

  LIST(drop, args) {
    if (args === '') {
      const live = drop.live();
      return { out: multiLine(`+OK ${live.length} messages:`, live.map((n) => `${n} ${drop.sizes[n - 1]}`)), failed: false };
    }
    const m = msgnum(drop, args, false);
    return typeof m === 'string' ? err(m) : ok(`+OK ${m.n} ${drop.sizes[m.n - 1]}`);
  },

  UIDL(drop, args) {
    if (args === '') return { out: multiLine('+OK', drop.live().map((n) => `${n} ${drop.uidl(n)}`)), failed: false };
    const m = msgnum(drop, args, false);
    return typeof m === 'string' ? err(m) : ok(`+OK ${m.n} ${drop.uidl(m.n)}`);
  },

  RETR(drop, args) {
    const m = msgnum(drop, args, false);
    if (typeof m === 'string') return err(m);
    if (drop.isExpunged(m.n)) return err(`Message ${m.n} expunged.`);
    return { out: messageBody(`+OK ${drop.sizes[m.n - 1]} octets`, drop.retr(m.n).raw), failed: false };
  },

  TOP(drop, args) {
    const m = msgnum(drop, args, true);
    if (typeof m === 'string') return err(m);
    const lines = lineCount(m.rest);
    if (typeof lines === 'string') return err(lines);
    if (drop.isExpunged(m.n)) return err(`Message ${m.n} expunged.`);
    // TOP does not count as retrieving: the message is not flagged \Seen at QUIT.
    return { out: messageBody('+OK', topOf(drop.messages[m.n - 1].raw, lines)), failed: false };
  },

  DELE(drop, args) {
    const m = msgnum(drop, args, false);
    if (typeof m === 'string') return err(m);
    drop.dele(m.n);
    return ok('+OK Marked to be deleted.');
  },

  RSET(drop) {
    drop.rset();
    return ok('+OK');
  },
};
