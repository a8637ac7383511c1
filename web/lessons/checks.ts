/**
 * Evaluates a step's check against an exchange the student's own connection just had, and
 * against the state it left behind. Every part is checked (not just the first) and reported
 * separately, so the lesson can say which part failed: the command, its outcome, the data
 * the server had to send, or the state after it. State is compared, not text, wherever the
 * store can answer (a mailbox exists, a message has a flag): any command that gets there is
 * a right answer. Platform-free: the state comes through a `StateProbe`.
 */
import type { MailboxView, MessageView } from '../../worker/api';
import type { ImspStateView } from '../../worker/store/imsp';
import type { CheckSpec, Pattern, StatePredicate } from './format';
import type { ConnState, Exchange } from './exchange';

/** Read-only questions about the engine's state (the Engine in Node, the worker in the browser). */
export interface StateProbe {
  mailboxes(user: string): Promise<MailboxView[] | null>;
  messages(user: string, mailbox: string): Promise<MessageView[]>;
  imsp(): Promise<ImspStateView | null>;
  /** METADATA entries (RFC 5464) of a mailbox, `""` for the server: [name, value] pairs; null if it does not exist. */
  metadata?(user: string, mailbox: string): Promise<Array<[string, string]> | null>;
}

export interface CheckContext {
  probe: StateProbe;
  /** The state of the step's connection (login, selection), as its exchanges left it. */
  conn: ConnState | null;
}

export interface PartResult {
  part: 'connection' | 'command' | 'tag' | 'args' | 'status' | 'data' | 'no-data' | 'text' | 'state';
  ok: boolean;
  /** What the check wanted, in words. */
  expected: string;
  /** What happened, when it did not. */
  got?: string;
}

export interface CheckResult {
  ok: boolean;
  parts: PartResult[];
  /** One sentence for the student: what passed, or the first thing that did not. */
  message: string;
}

const STATUS_WORDS: Record<string, string> = {
  OK: 'OK',
  NO: 'NO',
  BAD: 'BAD',
  continue: 'a “+” continuation (the command keeps running)',
};

const POP3_WORDS: Record<string, string> = { OK: '+OK', NO: '-ERR', continue: 'a “+ ” SASL challenge' };

const describe = (p: Pattern, what: string) => p.describe ?? `${what} matching ${p.source}`;
const short = (s: string, n = 120) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

export async function evaluate(spec: CheckSpec, ex: Exchange | null, ctx: CheckContext): Promise<CheckResult> {
  const parts: PartResult[] = [];
  if (spec.command.length) {
    const got = ex?.command ?? '(no command)';
    parts.push({
      part: 'command',
      ok: !!ex && spec.command.includes(ex.command),
      expected: spec.command.join(' or '),
      got,
    });
  }
  if (spec.tag && ex) parts.push({ part: 'tag', ok: spec.tag.re.test(ex.tag), expected: describe(spec.tag, 'a tag'), got: ex.tag });
  if (spec.args && ex) {
    parts.push({ part: 'args', ok: spec.args.re.test(ex.args), expected: describe(spec.args, 'arguments'), got: short(ex.args) || '(none)' });
  }
  if (spec.status.length && ex) {
    const ok = ex.status !== null && spec.status.includes(ex.status);
    // POP3 says +OK and -ERR (RFC 1939 §3): the student is told in those words.
    const word = (s: string) => (ex.pop3 ? (POP3_WORDS[s] ?? s) : (STATUS_WORDS[s] ?? s));
    parts.push({
      part: 'status',
      ok,
      expected: `the server to answer ${spec.status.map(word).join(' or ')}`,
      got: ex.status === null ? 'the connection closed first' : `${ex.status === 'continue' ? '+' : word(ex.status)} ${short(ex.text)}`.trim(),
    });
  }
  for (const p of spec.data) {
    const lines = ex?.data ?? [];
    const ok = lines.some((l) => p.re.test(l));
    parts.push({ part: 'data', ok, expected: describe(p, 'a data line'), got: ok ? undefined : lines.length ? `${lines.length} data line(s), none of them like that` : 'no data lines' });
  }
  for (const p of spec.noData) {
    const hit = (ex?.data ?? []).find((l) => p.re.test(l));
    // An author may already have written the "no" (`-- no deeper level`): do not say it twice.
    const what = describe(p, 'data line');
    parts.push({ part: 'no-data', ok: !hit, expected: /^no\b/i.test(what) ? what : `no ${what}`, got: hit ? short(hit) : undefined });
  }
  if (spec.text && ex) parts.push({ part: 'text', ok: spec.text.re.test(ex.text), expected: describe(spec.text, 'completion text'), got: short(ex.text) });
  for (const pred of spec.state) parts.push(await evalState(pred, ctx));
  const ok = parts.every((p) => p.ok);
  return { ok, parts, message: summary(parts, ok) };
}

function summary(parts: PartResult[], ok: boolean): string {
  if (ok) return 'Check passed.';
  const f = parts.find((p) => !p.ok)!;
  return sentence(f).replace(/([.!?…])\.$/, '$1');
}

function sentence(f: PartResult): string {
  switch (f.part) {
    case 'connection':
      return `This is for ${f.expected.replace(/^this step is for /, '')}; ${f.got}.`;
    case 'command':
      return `This step wants ${f.expected}; that was ${f.got}.`;
    case 'status':
      return `Expected ${f.expected}; it said ${f.got}.`;
    case 'tag':
      return `Expected ${f.expected}; the command went with the tag ${f.got}.`;
    case 'args':
      return `The command is right, but the arguments are not: expected ${f.expected}, sent ${f.got}.`;
    case 'data':
      return `The server did not send ${f.expected} (${f.got}).`;
    case 'no-data':
      return `The server sent ${f.got}, which this step should not produce.`;
    case 'text':
      return `Expected ${f.expected}; the completion said ${f.got}.`;
    case 'state':
      return `Expected: ${f.expected}${f.got ? ` (${f.got})` : ''}.`;
  }
}

/**
 * A note for a command the server refused as BAD whose line has two spaces in a row outside a
 * quoted string (`login  alice  wonderland`): the server's "Expected astring" does not say that
 * the extra space is the trouble. Every IMAP grammar, and IMSP's, puts exactly one space
 * between a command's words (RFC 3501 §9: SP). Null when that is not it.
 */
export function spacingNote(ex: Exchange | null): string | null {
  if (!ex || ex.pop3 || ex.status !== 'BAD') return null;
  const line = ex.lines[0] ?? '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && c === ' ' && line[i + 1] === ' ') {
      return 'Look at the spaces: the line has two in a row, and IMAP puts exactly one space between the words of a command.';
    }
  }
  return null;
}

// --- state ----------------------------------------------------------------------------------

const lc = (s: string) => s.toLowerCase();
/** INBOX is case-insensitive (RFC 3501 §5.1); other names are compared as written. */
const sameMailbox = (a: string, b: string) => (a.toUpperCase() === 'INBOX' || b.toUpperCase() === 'INBOX' ? a.toUpperCase() === b.toUpperCase() : a === b);

function compare(a: number, op: string, b: number): boolean {
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
  return false;
}

async function evalState(p: StatePredicate, ctx: CheckContext): Promise<PartResult> {
  const a = p.args;
  const res = (ok: boolean, expected: string, got?: string): PartResult => ({ part: 'state', ok, expected: p.describe ?? expected, got: ok ? undefined : got });
  const conn = ctx.conn;
  switch (p.name) {
    case 'logged-in': {
      const u = conn?.user ?? null;
      const ok = !!u && (!a[0] || lc(u) === lc(a[0]) || u === '(preauth)');
      return res(ok, a[0] ? `this connection is logged in as ${a[0]}` : 'this connection is logged in', u ? `logged in as ${u}` : 'not logged in');
    }
    case 'not-logged-in':
      return res(!conn?.user, 'this connection is not logged in', `logged in as ${conn?.user}`);
    case 'selected': {
      const s = conn?.selected ?? null;
      return res(!!s && sameMailbox(s, a[0]), `${a[0]} is selected on this connection`, s ? `${s} is selected` : 'no mailbox is selected');
    }
    case 'not-selected':
      return res(!conn?.selected, 'no mailbox is selected on this connection', `${conn?.selected} is selected`);
    case 'closed':
      return res(!!conn?.closed, 'the server has closed the connection', 'the connection is still open');
    case 'mailbox':
    case 'no-mailbox': {
      const boxes = (await ctx.probe.mailboxes(a[0])) ?? [];
      const mb = boxes.find((m) => sameMailbox(m.name, a[1]));
      const exists = !!mb && !mb.noselect;
      return p.name === 'mailbox'
        ? res(exists, `the mailbox ${a[1]} exists`, mb ? `${a[1]} is only a \\Noselect placeholder` : `${a[0]} has no mailbox ${a[1]}`)
        : res(!exists, `the mailbox ${a[1]} is gone`, `${a[1]} still exists`);
    }
    case 'subscribed':
    case 'not-subscribed': {
      const mb = ((await ctx.probe.mailboxes(a[0])) ?? []).find((m) => sameMailbox(m.name, a[1]));
      const sub = !!mb?.subscribed;
      return p.name === 'subscribed' ? res(sub, `${a[0]} is subscribed to ${a[1]}`, 'not subscribed') : res(!sub, `${a[0]} is not subscribed to ${a[1]}`, 'still subscribed');
    }
    case 'flag':
    case 'no-flag': {
      const msgs = await ctx.probe.messages(a[0], a[1]);
      const m = msgs.find((x) => x.uid === Number(a[2]));
      if (!m) return res(false, `the message with UID ${a[2]} in ${a[1]} ${p.name === 'flag' ? 'has' : 'does not have'} ${a[3]}`, `there is no UID ${a[2]} in ${a[1]}`);
      const has = m.flags.some((f) => lc(f) === lc(a[3]));
      return p.name === 'flag'
        ? res(has, `the message with UID ${a[2]} in ${a[1]} has ${a[3]}`, `its flags are (${m.flags.join(' ')})`)
        : res(!has, `the message with UID ${a[2]} in ${a[1]} does not have ${a[3]}`, `its flags are (${m.flags.join(' ')})`);
    }
    case 'no-uid': {
      const msgs = await ctx.probe.messages(a[0], a[1]);
      return res(!msgs.some((x) => x.uid === Number(a[2])), `the message with UID ${a[2]} is gone from ${a[1]}`, 'it is still there');
    }
    case 'count': {
      const n = (await ctx.probe.messages(a[0], a[1])).length;
      return res(compare(n, a[2], Number(a[3])), `${a[1]} holds ${a[2] === '=' ? '' : a[2] + ' '}${a[3]} message(s)`, `it holds ${n}`);
    }
    case 'uidvalidity': {
      const mb = ((await ctx.probe.mailboxes(a[0])) ?? []).find((m) => sameMailbox(m.name, a[1]));
      if (!mb || mb.noselect) return res(false, `${a[1]} exists with UIDVALIDITY ${a[2]} ${a[3]}`, `${a[1]} does not exist`);
      return res(compare(mb.uidValidity, a[2], Number(a[3])), `the UIDVALIDITY of ${a[1]} is ${a[2]} ${a[3]}`, `it is ${mb.uidValidity}`);
    }
    case 'metadata':
    case 'no-metadata': {
      const where = a[1] === '' ? 'the server' : a[1];
      const entries = (await ctx.probe.metadata?.(a[0], a[1])) ?? null;
      if (!entries) return res(false, `${where} has the METADATA entry ${a[2]}`, a[1] === '' ? `${a[0]} has no account` : `${a[1]} does not exist`);
      const e = entries.find(([k]) => k === a[2].toLowerCase());
      if (p.name === 'no-metadata') return res(!e, `${where} has no METADATA entry ${a[2]}`, `it is “${e?.[1]}”`);
      return res(!!e && e[1] === a[3], `the METADATA entry ${a[2]} of ${where} is “${a[3]}”`, e ? `it is “${e[1]}”` : 'it is not set');
    }
    default:
      return evalImsp(p, ctx, res);
  }
}

async function evalImsp(p: StatePredicate, ctx: CheckContext, res: (ok: boolean, expected: string, got?: string) => PartResult): Promise<PartResult> {
  const a = p.args;
  const v = await ctx.probe.imsp();
  if (!v) return res(false, p.text, 'this engine has no IMSP data');
  const book = (name: string) => v.books.find((b) => lc(b.name) === lc(name));
  switch (p.name) {
    case 'option':
    case 'no-option': {
      const u = v.users.find((x) => x.user === a[0]);
      const opts = a[0] === '*' ? v.options : (u?.options ?? []);
      const o = opts.find((x) => lc(x.name) === lc(a[1]));
      if (p.name === 'no-option') return res(!o, `the option ${a[1]} is not set for ${a[0]}`, `it is “${o?.value}”`);
      return res(!!o && o.value === a[2], `the option ${a[1]} is “${a[2]}” for ${a[0] === '*' ? 'the whole site' : a[0]} (saved on the server)`, o ? `it is “${o.value}”` : 'it is not saved on the server (yet)');
    }
    case 'book':
      return res(!!book(a[0]), `the address book ${a[0]} exists`, 'it does not exist');
    case 'no-book':
      return res(!book(a[0]), `the address book ${a[0]} is gone`, 'it still exists');
    case 'entry':
    case 'no-entry': {
      const e = book(a[0])?.entries.find((x) => lc(x.name) === lc(a[1]));
      return p.name === 'entry' ? res(!!e, `${a[0]} has an entry “${a[1]}” (saved on the server)`, 'no such entry is saved (yet)') : res(!e, `${a[0]} has no entry “${a[1]}”`, 'the entry is still there');
    }
    case 'field': {
      const e = book(a[0])?.entries.find((x) => lc(x.name) === lc(a[1]));
      const f = e?.fields.find((x) => lc(x.name) === lc(a[2]));
      return res(!!f && f.value === a[3], `the entry “${a[1]}” in ${a[0]} has ${a[2]} “${a[3]}”`, f ? `${a[2]} is “${f.value}”` : e ? `it has no ${a[2]}` : 'no such entry is saved (yet)');
    }
    case 'acl': {
      const b = book(a[0]);
      const entry = b?.acl?.find((x) => x.identifier === a[1]);
      const want = [...a[2]].sort().join('');
      const got = entry ? [...entry.rights].sort().join('') : null;
      return res(got === want, `${a[1]} holds the rights ${a[2]} on ${a[0]}`, entry ? `${a[1]} holds ${entry.rights}` : b ? `${a[1]} is not in its ACL` : `${a[0]} does not exist`);
    }
    case 'location': {
      const key = `${a[0]}/${a[1]}`;
      const row = v.mailboxLocations.find((r) => r.mailbox === key);
      return res(!!row && row.hosts.includes(a[2]), `the mailbox location table says ${a[1]} is on ${a[2]}`, row ? `it says ${row.hosts.join(', ')}` : 'it has no row for it');
    }
  }
  return res(false, p.text, 'unknown condition');
}
