import type { Entry } from '../terminal/session';
import { visibleString } from '../terminal/visible';
import type { Explained, Node } from './explain';
import { BASE64_WARNING, decodeBase64 } from './sasl';

/**
 * The inspector's knowledge of POP3 (RFC 1939; CAPA and response codes RFC 2449; AUTH RFC
 * 5034; SASL PLAIN RFC 4616): each command with its arguments, each status line with its
 * response code, and the lines of multi-line answers, as the playground's POP3 host (Dovecot
 * 2.3's words, docs/pop3-fidelity.md) sends them.
 */

interface Word {
  text: string;
  rfc: string;
  /** The arguments, in order: [label, meaning]. */
  args?: Array<[string, string]>;
  syntax?: string;
}

export const POP3_COMMANDS: Record<string, Word> = {
  USER: { text: 'Names the mailbox (the user) to log in as; PASS follows. Dovecot answers +OK whatever the name, so it does not tell who exists.', rfc: 'RFC 1939 §7', syntax: 'USER name', args: [['name', 'the user name']] },
  PASS: { text: 'The password for the name given with USER. It travels in the clear. On success the session enters the TRANSACTION state and holds the maildrop’s exclusive lock.', rfc: 'RFC 1939 §7', syntax: 'PASS string', args: [['password', 'readable by anyone on the wire']] },
  APOP: { text: 'Login with an MD5 digest of the greeting’s timestamp and a shared secret. Not offered here: the greeting has no timestamp.', rfc: 'RFC 1939 §7', syntax: 'APOP name digest' },
  AUTH: { text: 'SASL login. Without a mechanism it lists them; with an initial response the exchange may finish in one line; otherwise the server asks with "+ " and the next line answers (base64; "*" cancels).', rfc: 'RFC 5034 §4', syntax: 'AUTH [mechanism [initial-response]]', args: [['mechanism', 'a SASL mechanism (PLAIN, LOGIN)'], ['initial response', 'base64 of the first client response ("=" for an empty one)']] },
  CAPA: { text: 'Lists what the server supports, one capability per line. The list shrinks after login (no USER, no SASL).', rfc: 'RFC 2449 §5', syntax: 'CAPA' },
  STAT: { text: 'The drop listing: how many messages (not marked deleted) and their total size in octets.', rfc: 'RFC 1939 §5', syntax: 'STAT' },
  LIST: { text: 'The scan listing: number and size of one message, or of every message not marked deleted (multi-line).', rfc: 'RFC 1939 §5', syntax: 'LIST [msg]', args: [['msg', 'a message number (1 is the first message of the maildrop at login)']] },
  RETR: { text: 'The whole message, multi-line, dot-stuffed. Dovecot marks it \\Seen when the session QUITs.', rfc: 'RFC 1939 §5', syntax: 'RETR msg', args: [['msg', 'a message number']] },
  DELE: { text: 'Marks the message deleted. Nothing is removed until QUIT (the UPDATE state); RSET unmarks.', rfc: 'RFC 1939 §5', syntax: 'DELE msg', args: [['msg', 'a message number']] },
  NOOP: { text: 'Does nothing; the server answers +OK.', rfc: 'RFC 1939 §5', syntax: 'NOOP' },
  RSET: { text: 'Unmarks every message marked deleted in this session.', rfc: 'RFC 1939 §5', syntax: 'RSET' },
  QUIT: { text: 'Ends the session. After login it enters the UPDATE state: marked messages are removed (IMAP sees them expunged) and the lock is released.', rfc: 'RFC 1939 §6', syntax: 'QUIT' },
  TOP: { text: 'The message’s header, the blank line, and the first n lines of its body (multi-line). Does not count as retrieving it.', rfc: 'RFC 1939 §7', syntax: 'TOP msg n', args: [['msg', 'a message number'], ['n', 'how many body lines']] },
  UIDL: { text: 'Unique ids that stay the same across sessions, so a client can tell which messages it already has. Here: the IMAP UID and UIDVALIDITY in hex (Dovecot’s %08Xu%08Xv).', rfc: 'RFC 1939 §7', syntax: 'UIDL [msg]', args: [['msg', 'a message number']] },
};

const CAPABILITIES: Record<string, string> = {
  CAPA: 'The CAPA command itself (RFC 2449 §6.0).',
  TOP: 'TOP is supported (RFC 2449 §6.1).',
  UIDL: 'UIDL is supported (RFC 2449 §6.6).',
  'RESP-CODES': 'Error lines may carry [CODE]s such as [IN-USE] (RFC 2449 §6.4).',
  PIPELINING: 'The client may send several commands without waiting (RFC 2449 §6.5).',
  'AUTH-RESP-CODE': 'A failed login says [AUTH] when the credentials were wrong (RFC 3206).',
  USER: 'USER/PASS login is offered (RFC 2449 §6.3).',
  SASL: 'The SASL mechanisms AUTH accepts (RFC 2449 §6.3, RFC 5034).',
};

const CODES: Record<string, Word> = {
  'IN-USE': { text: 'The maildrop is locked by another POP3 session (RFC 1939 §8’s exclusive access).', rfc: 'RFC 2449 §8.1.1' },
  AUTH: { text: 'The credentials were refused (not a temporary problem).', rfc: 'RFC 3206 §4' },
  'SYS/TEMP': { text: 'A temporary problem on the server: try again later.', rfc: 'RFC 3206 §5' },
  'LOGIN-DELAY': { text: 'Logged in again too soon.', rfc: 'RFC 2449 §8.1.2' },
};

const dec = new TextDecoder('latin1');
const lineOf = (e: Entry) => dec.decode(e.bytes.subarray(0, Math.min(e.bytes.length, 4000))).replace(/\r?\n$/, '');
const raw = (s: string) => visibleString(new TextEncoder().encode(s.length > 160 ? s.slice(0, 160) + '…' : s));
const ABOUT = { dialect: 'POP3 — RFC 1939 with CAPA, UIDL, TOP and SASL (as Dovecot 2.3)', dialectNote: 'One maildrop (the INBOX), messages numbered from 1 at login, deletions applied at QUIT.' };

/** The command `entry` belongs to: the nearest client line before it that is not a SASL response. */
function previousCommand(entries: Entry[], entry: Entry): { name: string; line: string } | null {
  const i = entries.indexOf(entry);
  for (let k = i - 1; k >= 0 && k >= i - 5000; k--) {
    const e = entries[k];
    if (e.dir !== 'C') continue;
    const prevServer = entries.slice(Math.max(0, k - 3), k).reverse().find((x) => x.dir === 'S');
    if (prevServer && /^\+ /.test(lineOf(prevServer))) continue; // an answer to a SASL challenge
    const line = lineOf(e);
    return { name: line.split(' ')[0].toUpperCase(), line };
  }
  return null;
}

function client(entries: Entry[], entry: Entry): Omit<Explained, 'bytes' | 'direction'> {
  const line = lineOf(entry);
  // A line after "+ " answers an AUTH challenge: base64 (or "*" to cancel).
  const i = entries.indexOf(entry);
  const before = entries.slice(Math.max(0, i - 3), i).reverse().find((e) => e.dir === 'S');
  if (before && /^\+ /.test(lineOf(before))) {
    if (line.trim() === '*') return { summary: 'Cancels the SASL exchange.', rfc: 'RFC 5034 §4', nodes: [{ label: 'cancel', raw: '*', kind: 'atom' }] };
    const b = decodeBase64(line);
    return {
      summary: 'A SASL response to the server’s "+ " challenge (base64).',
      rfc: 'RFC 5034 §4',
      warning: BASE64_WARNING,
      nodes: [{ label: 'response', raw: raw(line), kind: 'atom', text: b ? `Decodes to: ${visibleString(b)}` : 'Not valid base64: the server refuses it.' }],
    };
  }
  const [name, ...rest] = line.split(' ');
  const w = POP3_COMMANDS[name.toUpperCase()];
  if (!w) return { summary: `${name || '(empty line)'} is not a POP3 command: the server answers -ERR.`, rfc: 'RFC 1939 §3', nodes: [{ label: 'unknown command', raw: raw(line), kind: 'atom' }] };
  const args = rest.join(' ').trim().split(/ +/).filter(Boolean);
  const nodes: Node[] = [{ label: 'command', raw: raw(name), kind: 'atom', text: w.text, rfc: w.rfc }];
  args.forEach((a, k) => {
    const [label, text] = w.args?.[k] ?? ['extra argument', 'Not part of the syntax.'];
    const decoded = name.toUpperCase() === 'AUTH' && k === 1 ? decodeBase64(a) : null;
    nodes.push({ label, raw: raw(a), kind: /^\d+$/.test(a) ? 'number' : 'atom', text: decoded ? `${text}. Decodes to: ${visibleString(decoded)}` : text });
  });
  const secret = name.toUpperCase() === 'PASS' || (name.toUpperCase() === 'AUTH' && args.length > 1);
  return { summary: w.text, rfc: w.rfc, syntax: w.syntax, nodes, warning: secret ? (name.toUpperCase() === 'PASS' ? 'The password travels in the clear: anyone who can see this connection reads it.' : BASE64_WARNING) : undefined };
}

function server(entries: Entry[], entry: Entry): Omit<Explained, 'bytes' | 'direction'> {
  const line = lineOf(entry);
  const status = /^(\+OK|-ERR)(?: \[([^\]]*)\])?(?: (.*))?$/.exec(line);
  if (status) {
    const ok = status[1] === '+OK';
    const cmd = previousCommand(entries, entry);
    const nodes: Node[] = [{ label: 'status', raw: status[1], kind: 'status', text: ok ? 'Success.' : 'Failure; the text says why.', rfc: 'RFC 1939 §3' }];
    if (status[2]) {
      const c = CODES[status[2].toUpperCase()];
      nodes.push({ label: 'response code', raw: raw(`[${status[2]}]`), kind: 'code', text: c?.text ?? 'A response code (RFC 2449 §8).', rfc: c?.rfc ?? 'RFC 2449 §8' });
    }
    if (status[3]) nodes.push({ label: 'text', raw: raw(status[3]), kind: 'text', text: 'Free text for a person (Dovecot’s wording).' });
    const multi = ok && cmd && (['CAPA', 'RETR', 'TOP'].includes(cmd.name) || (['LIST', 'UIDL', 'AUTH'].includes(cmd.name) && cmd.line.trim().split(/ +/).length === 1));
    return {
      summary: !cmd ? 'The greeting: the server is ready for USER, AUTH or CAPA.' : `${ok ? 'Success' : 'Failure'} of ${cmd.name}${multi ? '; lines follow, up to a line with a single "."' : ''}.`,
      rfc: 'RFC 1939 §3',
      nodes,
    };
  }
  if (/^\+ /.test(line)) {
    const b = decodeBase64(line.slice(2));
    return { summary: 'A SASL challenge: the next client line answers it (base64), or "*" cancels.', rfc: 'RFC 5034 §4', nodes: [{ label: 'challenge', raw: raw(line), kind: 'atom', text: b ? `Decodes to: ${visibleString(b)}` : 'Empty: the client sends its first response now.' }] };
  }
  if (line === '.') return { summary: 'The end of a multi-line answer.', rfc: 'RFC 1939 §3', nodes: [{ label: 'terminator', raw: '.', kind: 'atom' }] };
  const cmd = previousCommand(entries, entry);
  const first = line.split(' ')[0];
  if (cmd?.name === 'CAPA') return { summary: CAPABILITIES[first.toUpperCase()] ?? 'A capability.', rfc: 'RFC 2449 §6', nodes: [{ label: 'capability', raw: raw(line), kind: 'atom' }] };
  if (cmd?.name === 'LIST' && /^\d+ \d+$/.test(line)) return { summary: 'Scan listing: message number and size in octets.', rfc: 'RFC 1939 §5', nodes: line.split(' ').map((v, k) => ({ label: k ? 'size' : 'msg', raw: v, kind: 'number' as const })) };
  if (cmd?.name === 'UIDL' && /^\d+ \S+$/.test(line)) return { summary: 'Unique-id listing: message number and its unique id.', rfc: 'RFC 1939 §7', nodes: line.split(' ').map((v, k) => ({ label: k ? 'unique id' : 'msg', raw: v, kind: k ? ('atom' as const) : ('number' as const), text: k ? 'Here: UID then UIDVALIDITY, 8 hex digits each.' : undefined })) };
  return {
    summary: `A line of the message${line.startsWith('..') ? ' (it begins with "." on the wire: one more "." is added, byte-stuffing, and the client removes it)' : ''}.`,
    rfc: 'RFC 1939 §3',
    nodes: [{ label: 'message line', raw: raw(line), kind: 'text' }],
  };
}

export function explainPop3(entries: Entry[], entry: Entry): Explained {
  if (entry.dir === 'N') return { direction: 'note', summary: 'A note from the playground (not on the wire).', nodes: [], bytes: entry.bytes };
  const direction = entry.dir === 'C' ? 'client' : 'server';
  try {
    return { direction, bytes: entry.bytes, ...ABOUT, ...(entry.dir === 'C' ? client(entries, entry) : server(entries, entry)) };
  } catch (e) {
    return { direction, bytes: entry.bytes, summary: `Could not take this apart: ${(e as Error).message}`, nodes: [], ...ABOUT };
  }
}
