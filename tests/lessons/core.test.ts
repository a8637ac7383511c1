/**
 * The lesson engine's platform-free core: the Markdown subset (and that nothing in it can
 * become markup), the lesson format, the exchange tracker, the checks (every right answer
 * accepted, wrong ones refused with the failing part named), host resolution.
 */
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from '../../web/lessons/markdown';
import { LessonFormatError, parseCheck, parseHostSpec, parseLesson } from '../../web/lessons/format';
import { ExchangeTracker, type Exchange } from '../../web/lessons/exchange';
import { evaluate, type StateProbe } from '../../web/lessons/checks';
import { answerCommands, catchUpCommands, catchUpLines, lineTarget, LessonRun, progressOf, resolveHosts } from '../../web/lessons/runner';
import { validateCourse } from '../../web/lessons/progress';
import { bodyTree } from '../../web/lessons/figures/bodytree';
import type { HostConfig } from '../../worker/network';

const enc = new TextEncoder();

describe('markdown subset', () => {
  it('parses blocks and inlines', () => {
    const b = parseMarkdown('# T\n\nA *b* **c** `d` [e](lesson:x) [RFC 3501 §6.3.1].\n\n- one\n- two\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n::figure states Cap\n\n```text\nraw <b>\n```');
    expect(b.map((x) => x.t)).toEqual(['h', 'p', 'ul', 'table', 'figure', 'code']);
    const p = b[1].t === 'p' ? b[1].c : [];
    expect(p.map((n) => n.t)).toEqual(['text', 'em', 'text', 'strong', 'text', 'code', 'text', 'link', 'text', 'cite', 'text']);
  });

  it('keeps HTML and script URLs as plain text', () => {
    const c = parseInline('<img src=x onerror=alert(1)> [x](javascript:alert(1)) [y](data:text/html,hi) [z](https://ok.example/a)');
    expect(c.filter((n) => n.t === 'link').map((n) => (n.t === 'link' ? n.href : ''))).toEqual(['https://ok.example/a']);
    expect(c.some((n) => n.t === 'text' && n.v.includes('<img'))).toBe(true);
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('lesson:idle')).toBe('lesson:idle');
    expect(safeHref('https://x.example/"onmouseover=')).toBeNull();
  });

  it('leaves snake_case and lone asterisks alone', () => {
    expect(parseInline('a_b_c * x').map((n) => n.t)).toEqual(['text']);
  });
});

const LESSON = `---
id: demo
title: A demo lesson
era: Test
year: 2003
order: 1
summary: Checks the format parser with one of everything.
connections:
  a: imap4rev1
  b: imsp/draft-1995
setup:
  - a: LOGIN alice wonderland
sources:
  - RFC 3501 §6.3.1
---
Intro.

## Step: First

Text.

\`\`\`try
SELECT INBOX
\`\`\`

\`\`\`check
command: SELECT | examine
data: /^\\d+ EXISTS$/ -- the EXISTS count
state: selected INBOX
\`\`\`

\`\`\`also
EXAMINE INBOX
\`\`\`

\`\`\`wrong
SELECT Inbx
\`\`\`

\`\`\`hint
A *hint*.
\`\`\`

## Step: Second

\`\`\`try
@b GET *
\`\`\`

\`\`\`check
on: b
command: GET
status: any
\`\`\`

## Wrap-up

Done.
`;

describe('lesson format', () => {
  it('reads front matter, steps, checks and the closing section', () => {
    const l = parseLesson(LESSON, 'demo.md');
    expect(l.connections.map((c) => [c.role, c.spec.protocol, c.spec.dialect])).toEqual([
      ['a', 'imap', 'imap4rev1'],
      ['b', 'imsp', 'draft-1995'],
    ]);
    expect(l.setup).toEqual([{ role: 'a', line: 'LOGIN alice wonderland' }]);
    expect(l.steps).toHaveLength(2);
    const s = l.steps[0];
    expect(s.check.command).toEqual(['SELECT', 'EXAMINE']);
    expect(s.check.status).toEqual(['OK']);
    expect(s.check.data[0].describe).toBe('the EXISTS count');
    expect(s.also).toEqual([['EXAMINE INBOX']]);
    expect(s.wrong).toEqual([['SELECT Inbx']]);
    expect(s.hints).toHaveLength(1);
    expect(l.steps[1].role).toBe('b');
    expect(l.steps[1].check.status).toEqual([]);
    expect(l.outro[0].t).toBe('h');
  });

  it('refuses what would make a lesson unplayable or unsourced', () => {
    const bad = (from: string, to: string) => () => parseLesson(LESSON.replace(from, to), 'demo.md');
    expect(bad('  - RFC 3501 §6.3.1', '  - Wikipedia')).toThrow(LessonFormatError);
    expect(bad('on: b', 'on: c')).toThrow(/does not declare/);
    expect(bad('state: selected INBOX', 'state: teleported INBOX')).toThrow(/state check/);
    expect(bad('a: imap4rev1', 'a: imap5')).toThrow(/host spec/);
    expect(bad('year: 2003', 'year: 1066')).toThrow(/year/);
    expect(bad('```check\non: b\ncommand: GET\nstatus: any\n```', '')).toThrow(/without a check/);
    // What Catch up must redo: one block a step, on connections the lesson declares.
    const check = '```check\non: b\ncommand: GET\nstatus: any\n```';
    expect(bad(check, `${check}\n\n\`\`\`after-reload\n@c NOOP\n\`\`\``)).toThrow(/after-reload line names connection c/);
    expect(bad(check, `${check}\n\n\`\`\`after-reload\n@a NOOP\n\`\`\`\n\n\`\`\`after-reload\n@a NOOP\n\`\`\``)).toThrow(/two after-reload blocks/);
    expect(parseLesson(LESSON.replace(check, `${check}\n\n\`\`\`after-reload\n@a NOOP\n\`\`\``), 'demo.md').steps.some((st) => st.afterReload[0] === '@a NOOP')).toBe(true);
  });

  it('host specs', () => {
    expect(parseHostSpec('imap')).toMatchObject({ protocol: 'imap', dialect: null, host: null });
    expect(parseHostSpec('imap4rev1@imap.south.example')).toMatchObject({ dialect: 'imap4rev1', host: 'imap.south.example' });
    expect(parseHostSpec('imsp/cyrus-1.8')).toMatchObject({ protocol: 'imsp', dialect: 'cyrus-1.8' });
    expect(parseHostSpec('imsp/imap4rev1')).toBeNull();
    expect(parseHostSpec('pop3')).toMatchObject({ protocol: 'pop3', dialect: null, host: null });
    expect(parseHostSpec('pop3/rfc1939')).toBeNull();
  });
});

/** A transcript entry as the terminal makes them. */
const C = (text: string, cmd?: number, literal = false) => ({ dir: 'C' as const, bytes: enc.encode(text), cmd, literal });
const S = (text: string, kind: 'untagged' | 'ok' | 'no' | 'bad' | 'cont' | 'tagged' = 'untagged') => ({ dir: 'S' as const, bytes: enc.encode(text), kind });

describe('exchange tracker', () => {
  it('pairs commands with their data and completion, and follows login and selection', () => {
    const t = new ExchangeTracker();
    const got: Exchange[] = [];
    t.onEvent((e) => e.kind === 'complete' && got.push(e.exchange));
    t.push(S('* OK hello\r\n'));
    t.push(C('a1 LOGIN alice {10}\r\n', 1));
    t.push(S('+ OK\r\n', 'cont'));
    t.push(C('wonderland', 1, true));
    t.push(C('\r\n', 1));
    t.push(S('a1 OK Logged in\r\n', 'ok'));
    t.push(C('a2 SELECT "Tea Party"\r\n', 2));
    t.push(S('* 3 EXISTS\r\n'));
    t.push(S('a2 OK [READ-WRITE] done\r\n', 'ok'));
    expect(t.state.greeting).toBe('* OK hello');
    expect(got.map((e) => [e.command, e.status, e.continued])).toEqual([
      ['LOGIN', 'OK', true],
      ['SELECT', 'OK', false],
    ]);
    expect(got[0].args).toContain('wonderland');
    expect(got[1].data).toEqual(['3 EXISTS']);
    expect(t.state).toMatchObject({ user: 'alice', selected: 'Tea Party', readOnly: false });
  });

  it('names a command the same whatever its case, the UID prefix included', () => {
    const t = new ExchangeTracker();
    const got: Exchange[] = [];
    t.onEvent((e) => e.kind === 'complete' && got.push(e.exchange));
    t.push(S('* OK hello\r\n'));
    t.push(C('a1 uid search body rabbit\r\n', 1));
    t.push(S('a1 OK done\r\n', 'ok'));
    t.push(C('a2 Uid Fetch 5 envelope\r\n', 2));
    t.push(S('a2 OK done\r\n', 'ok'));
    expect(got.map((e) => e.command)).toEqual(['UID SEARCH', 'UID FETCH']);
  });

  it('strips IMAP3 tagged data, reports IDLE updates as they come, and takes DONE as part of IDLE', () => {
    const t = new ExchangeTracker();
    const events: string[] = [];
    t.onEvent((e) => events.push(e.kind === 'closed' ? 'closed' : `${e.kind}:${e.exchange.command}:${e.exchange.data.join('|')}`));
    t.push(S('* OK hi\r\n'));
    t.push(C('v4 SELECT INBOX\r\n', 1));
    t.push(S('v4 14 EXISTS\r\n', 'tagged'));
    t.push(S('v4 OK Select complete\r\n', 'ok'));
    t.push(C('a5 IDLE\r\n', 2));
    t.push(S('+ idling\r\n', 'cont'));
    t.push(S('* 15 EXISTS\r\n'));
    t.push(C('DONE\r\n'));
    t.push(S('a5 OK Idle completed\r\n', 'ok'));
    t.closed();
    expect(events).toEqual(['complete:SELECT:14 EXISTS', 'continue:IDLE:', 'continue:IDLE:15 EXISTS', 'complete:IDLE:15 EXISTS', 'closed']);
    expect(t.history[1].lines).toEqual(['a5 IDLE', 'DONE']);
  });

  it('POP3 (RFC 1939 §3): no tags; +OK/-ERR answer each command in turn; a multi-line answer ends at "." and is un-stuffed', () => {
    const t = new ExchangeTracker();
    t.protocol = 'pop3';
    const got: Exchange[] = [];
    t.onEvent((e) => e.kind === 'complete' && got.push(e.exchange));
    t.push(S('+OK ready\r\n', 'ok'));
    t.push(C('USER alice\r\n', 1));
    t.push(S('+OK\r\n', 'ok'));
    t.push(C('PASS wonderland\r\n', 2));
    t.push(S('+OK Logged in.\r\n', 'ok'));
    expect(t.state.user).toBe('alice');
    t.push(C('LIST\r\n', 3));
    t.push(S('+OK 2 messages:\r\n', 'ok'));
    t.push(S('1 120\r\n'));
    expect(got).toHaveLength(2); // LIST still runs: its lines have not ended
    t.push(S('2 340\r\n'));
    t.push(S('.\r\n'));
    t.push(C('RETR 1\r\n', 4));
    t.push(S('+OK 120 octets\r\nSubject: x\r\n\r\n..dot line\r\n.\r\n', 'ok'));
    t.push(C('LIST 9\r\n', 5));
    t.push(S('-ERR There\'s no message 9.\r\n', 'no'));
    t.push(C('QUIT\r\n', 6));
    t.push(S('+OK Logging out.\r\n', 'ok'));
    expect(t.state.greeting).toBe('+OK ready');
    expect(got.map((e) => [e.command, e.args, e.status, e.tag])).toEqual([
      ['USER', 'alice', 'OK', ''],
      ['PASS', 'wonderland', 'OK', ''],
      ['LIST', '', 'OK', ''],
      ['RETR', '1', 'OK', ''],
      ['LIST', '9', 'NO', ''],
      ['QUIT', '', 'OK', ''],
    ]);
    expect(got[2].data).toEqual(['1 120', '2 340']);
    expect(got[3].data).toEqual(['Subject: x', '', '.dot line']);
    expect(got[3].text).toBe('120 octets');
    expect(t.state.user).toBeNull();
  });

  it('POP3 AUTH (RFC 5034): the answer to "+ " belongs to AUTH, whose +OK logs the user in', () => {
    const t = new ExchangeTracker();
    t.protocol = 'pop3';
    const kinds: string[] = [];
    t.onEvent((e) => kinds.push(e.kind === 'closed' ? 'closed' : `${e.kind}:${e.exchange.command}`));
    t.push(S('+OK ready\r\n', 'ok'));
    t.push(C('AUTH PLAIN\r\n', 1));
    t.push(S('+ \r\n', 'cont'));
    t.push(C(btoa('\0alice\0wonderland') + '\r\n', 1));
    t.push(S('+OK Logged in.\r\n', 'ok'));
    expect(kinds).toEqual(['continue:AUTH', 'complete:AUTH']);
    expect(t.history[0].lines).toHaveLength(2);
    expect(t.state.user).toBe('alice');
  });
});

const probe = (flags: Record<number, string[]> = {}): StateProbe => ({
  async mailboxes(user) {
    return user === 'alice'
      ? [{ name: 'INBOX', noselect: false, specialUse: null, subscribed: true, uidValidity: 1, uidNext: 3, messages: 2, unseen: 1 }]
      : null;
  },
  async messages() {
    return Object.entries(flags).map(([uid, f], i) => ({ uid: Number(uid), seq: i + 1, flags: f, size: 1, internalDate: 0, subject: '', from: '' }));
  },
  async imsp() {
    return { options: [], users: [{ user: 'alice', options: [{ name: 'mail.signature', type: 'W', value: 'hi' }], books: [], locks: [] }], books: [], mailboxLocations: [] };
  },
});

const ex = (o: Partial<Exchange>): Exchange => ({ tag: 'a1', command: 'STORE', args: '', lines: [], data: [], status: 'OK', text: 'done', continued: false, ...o });

describe('checks', () => {
  const spec = parseCheck('command: STORE | UID STORE\nstate: flag alice INBOX 3 \\Flagged -- message 3 is flagged', ['main'], 't');

  it('accept any command that reaches the state', async () => {
    const p = probe({ 3: ['\\Flagged', '\\Seen'] });
    for (const c of ['STORE', 'UID STORE']) expect((await evaluate(spec, ex({ command: c }), { probe: p, conn: null })).ok).toBe(true);
  });

  it('refuse, and name the part that failed', async () => {
    const r1 = await evaluate(spec, ex({ command: 'FETCH' }), { probe: probe({ 3: ['\\Flagged'] }), conn: null });
    expect(r1.ok).toBe(false);
    expect(r1.parts.filter((p) => !p.ok).map((p) => p.part)).toEqual(['command']);
    expect(r1.message).toMatch(/STORE or UID STORE; that was FETCH/);
    const r2 = await evaluate(spec, ex({}), { probe: probe({ 3: ['\\Seen'] }), conn: null });
    expect(r2.parts.filter((p) => !p.ok).map((p) => p.part)).toEqual(['state']);
    expect(r2.message).toMatch(/message 3 is flagged/);
    const r3 = await evaluate(spec, ex({ status: 'NO', text: '[READ-ONLY] no' }), { probe: probe({ 3: [] }), conn: null });
    expect(r3.parts.filter((p) => !p.ok).map((p) => p.part)).toEqual(['status', 'state']);
    expect(r3.message).toMatch(/it said NO \[READ-ONLY\]/);
  });

  it('data, no-data, text, tag and connection state', async () => {
    const s = parseCheck('command: SELECT\ndata: /^\\d+ EXISTS$/\nno-data: /UIDVALIDITY/\ntext: /READ-WRITE/\ntag: /^x/\nstate: selected INBOX\nstate: logged-in alice', ['m'], 't');
    const conn = { user: 'alice', selected: 'inbox', readOnly: false, closed: false, greeting: '' };
    const good = ex({ tag: 'x1', command: 'SELECT', data: ['3 EXISTS'], text: '[READ-WRITE] ok' });
    expect((await evaluate(s, good, { probe: probe(), conn })).ok).toBe(true);
    const bad = await evaluate(s, { ...good, tag: 'a1', data: ['3 EXISTS', 'OK [UIDVALIDITY 1]'] }, { probe: probe(), conn: { ...conn, selected: null } });
    expect(bad.parts.filter((p) => !p.ok).map((p) => p.part)).toEqual(['tag', 'no-data', 'state']);
  });

  it('IMSP state and mailbox state', async () => {
    const s = parseCheck('state: option alice mail.signature hi\nstate: mailbox alice INBOX\nstate: no-mailbox alice Nowhere\nstate: count alice INBOX >= 1', ['m'], 't');
    expect((await evaluate(s, null, { probe: probe({ 1: [] }), conn: null })).ok).toBe(true);
    const s2 = parseCheck('state: option alice mail.signature bye', ['m'], 't');
    expect((await evaluate(s2, null, { probe: probe(), conn: null })).parts[0]).toMatchObject({ ok: false, got: 'it is “hi”' });
  });
});

const H = (name: string, protocol: 'imap' | 'imsp', dialect: string): HostConfig => ({ name, protocol, dialect: dialect as HostConfig['dialect'], port: 1 });
const NET = [H('imap.north.example', 'imap', 'imap4rev1'), H('imap.south.example', 'imap', 'imap2'), H('imsp.example', 'imsp', 'cyrus-1.8')];

describe('host resolution', () => {
  const lesson = (conns: string) => parseLesson(LESSON.replace('  a: imap4rev1\n  b: imsp/draft-1995', conns), 'demo.md');

  it('uses hosts that already speak the dialect', () => {
    const r = resolveHosts(lesson('  a: imap4rev1\n  b: imsp'), NET);
    expect(r.missing).toEqual([]);
    expect(r.switches).toEqual([]);
    expect(r.hosts.a.name).toBe('imap.north.example');
    expect(r.hosts.b.name).toBe('imsp.example');
  });

  it('switches a host the lesson does not otherwise use', () => {
    const r = resolveHosts(lesson('  a: imap3\n  b: imsp/draft-1995'), NET);
    expect(r.switches).toEqual([
      { host: 'imap.south.example', dialect: 'imap3', from: 'imap2' },
      { host: 'imsp.example', dialect: 'draft-1995', from: 'cyrus-1.8' },
    ]);
    expect(r.hosts.a).toMatchObject({ name: 'imap.south.example', dialect: 'imap3' });
  });

  it('two roles on two named hosts, and what cannot be arranged', () => {
    const r = resolveHosts(lesson('  a: imap4rev1@imap.north.example\n  b: imap4rev2@imap.south.example'), NET);
    expect(r.switches).toEqual([{ host: 'imap.south.example', dialect: 'imap4rev2', from: 'imap2' }]);
    const clash = resolveHosts(lesson('  a: imap2@imap.north.example\n  b: imap3@imap.north.example'), NET);
    expect(clash.missing.map((m) => m.role)).toEqual(['b']);
    const nodialect = resolveHosts(lesson('  a: imap3\n  b: imsp'), NET, ['imap4rev1']);
    expect(nodialect.missing[0].reason).toMatch(/not in the engine yet/);
  });
});

describe('runner helpers', () => {
  it('lineTarget and catch-up lines', () => {
    expect(lineTarget('@b LOGIN x y', 'a')).toEqual({ role: 'b', line: 'LOGIN x y' });
    expect(lineTarget('LOGIN x y', 'a')).toEqual({ role: 'a', line: 'LOGIN x y' });
    const l = parseLesson(LESSON, 'demo.md');
    expect(catchUpLines(l, 1, 'a')).toEqual(['SELECT INBOX']);
  });

  it('the step machine advances only on a passing exchange of the right connection', async () => {
    const l = parseLesson(LESSON, 'demo.md');
    const conn = { user: 'alice', selected: 'INBOX', readOnly: false, closed: false, greeting: '' };
    const run = new LessonRun(l, { probe: probe(), conn: () => conn });
    // The right command on the wrong connection: refused, and the student is told where to type.
    const wrongTab = await run.observe('b', ex({ command: 'SELECT', data: ['1 EXISTS'] }), 'complete');
    expect(wrongTab?.advanced).toBe(false);
    expect(wrongTab?.result.message).toMatch(/^This is for connection a; you typed on b\./);
    expect((await run.observe('a', ex({ command: 'SELECT', status: 'NO' }), 'complete'))?.advanced).toBe(false);
    expect((await run.observe('a', ex({ command: 'SELECT', data: ['1 EXISTS'] }), 'continue'))).toBeNull();
    expect((await run.observe('a', ex({ command: 'EXAMINE', data: ['1 EXISTS'] }), 'complete'))?.advanced).toBe(true);
    expect(run.step).toBe(1);
    expect((await run.observe('b', ex({ command: 'GET', status: 'NO' }), 'complete'))?.advanced).toBe(true);
    expect(run.done).toBe(true);
  });
});

describe('saved progress', () => {
  it('keeps what is valid and drops the rest', () => {
    const v = validateCourse({ active: 'idle', roles: { a: 'tab1', 'bad role!': 'x', b: '<script>' }, progress: { idle: { step: 2, done: false, skipped: [1, 'x'] }, 'Bad Id': { step: 1 } }, extra: 1 });
    expect(v).toEqual({ active: 'idle', roles: { a: 'tab1' }, progress: { idle: { step: 2, done: false, skipped: [1] } } });
    expect(validateCourse('nonsense')).toEqual({ active: null, roles: {}, progress: {} });
  });
});

describe('BODYSTRUCTURE tree', () => {
  it('numbers the parts as BODY[section] does', () => {
    const t = bodyTree('((("text" "plain" NIL NIL NIL "7bit" 5 1)("text" "html" NIL NIL NIL "7bit" 7 1) "alternative" ("boundary" "b") NIL NIL)("image" "png" ("name" "x.png") NIL NIL "base64" 9 NIL) "mixed" ("boundary" "a") NIL NIL)');
    const flat: string[] = [];
    const walk = (n: typeof t) => {
      flat.push(`${n.part || '-'} ${n.type}`);
      n.children.forEach(walk);
    };
    walk(t);
    expect(flat).toEqual(['- multipart/mixed', '1 multipart/alternative', '1.1 text/plain', '1.2 text/html', '2 image/png']);
  });
});

const TWO_STEP = `---
id: two
title: Two commands
era: Test
year: 2003
order: 1
summary: A step that needs two commands.
connections:
  a: imap4rev1
  b: imap4rev1
sources:
  - RFC 3501 §6.3.1
---
## Step: Refused on purpose

\`\`\`try
SELECT INBOX
\`\`\`

\`\`\`check
command: SELECT
status: BAD | NO
\`\`\`

## Step: Log in and select

\`\`\`try
LOGIN alice wonderland
SELECT INBOX
\`\`\`

\`\`\`check
state: logged-in alice
state: selected INBOX
\`\`\`

## Step: Deliver on b, watch a

\`\`\`try
@b APPEND INBOX {8}
@b Hi there
\`\`\`

\`\`\`check
on: a
command: IDLE
status: continue
data: /EXISTS/
\`\`\`
`;

describe('progress, wrong connections, catch-up (issue 9 items 6–10)', () => {
  const l = parseLesson(TWO_STEP, 'two.md');
  const conn = { user: null as string | null, selected: null as string | null, readOnly: false, closed: false, greeting: '' };

  it('a BAD for a line with two spaces in a row says so (the server only says "Expected astring")', async () => {
    const run = new LessonRun(l, { probe: probe(), conn: () => conn }, 1);
    const text = 'Error in IMAP command LOGIN: Expected astring (syntax: LOGIN userid password)';
    const doubled = await run.observe('a', ex({ command: 'LOGIN', args: ' alice  wonderland', lines: ['a1 login  alice  wonderland'], status: 'BAD', text }), 'complete');
    expect(doubled?.advanced).toBe(false);
    expect(doubled?.result.message).toMatch(/two in a row/);
    // Not for one space, not inside a quoted string, not for another refusal.
    const single = await run.observe('a', ex({ command: 'LOGIN', lines: ['a2 LOGIN alice'], status: 'BAD', text }), 'complete');
    expect(single?.result.message).not.toMatch(/two in a row/);
    const quoted = await run.observe('a', ex({ command: 'LOGIN', lines: ['a3 LOGIN "alice  b" "x \\"  y"'], status: 'BAD', text }), 'complete');
    expect(quoted?.result.message).not.toMatch(/two in a row/);
    const no = await run.observe('a', ex({ command: 'LOGIN', lines: ['a4 LOGIN alice  rabbit'], status: 'NO', text: 'Login failed' }), 'complete');
    expect(no?.result.message).not.toMatch(/two in a row/);
  });

  it('the first of two right commands is progress, not a failure', async () => {
    const run = new LessonRun(l, { probe: probe(), conn: () => conn }, 1);
    const a = await run.observe('a', ex({ command: 'LOGIN', tag: 'a1' }), 'complete');
    expect(a?.advanced).toBe(false);
    expect(a?.progress).toEqual({ next: 'SELECT INBOX', role: 'a' });
    // A refused LOGIN is no progress; neither is the final command when the check fails.
    expect((await run.observe('a', ex({ command: 'LOGIN', status: 'NO' }), 'complete'))?.progress).toBeUndefined();
    expect((await run.observe('a', ex({ command: 'SELECT' }), 'complete'))?.progress).toBeUndefined();
  });

  it('a state check about a connection names the connection typed on', async () => {
    const run = new LessonRun(l, { probe: probe(), conn: () => conn }, 1);
    const a = await run.observe('b', ex({ command: 'NOOP' }), 'complete');
    expect(a?.result.message).toMatch(/^This is for connection a; you typed on b/);
    expect(a?.result.parts).toEqual([{ part: 'connection', ok: false, expected: 'this step is for connection a', got: 'you typed on b' }]);
  });

  it('a line for the other connection of the step is progress', async () => {
    const run = new LessonRun(l, { probe: probe(), conn: () => conn }, 2);
    const a = await run.observe('b', ex({ command: 'APPEND' }), 'complete');
    expect(a?.progress).toBeTruthy();
    expect(answerCommands(l.steps[2].tryLines, 'a')).toEqual([{ role: 'b', line: 'APPEND INBOX {8}' }]);
    expect(progressOf(l.steps[2], 'a', ex({ command: 'APPEND' }))).toBeNull();
  });

  it('progress names the next command after the one the student sent, when the answer has two of the same name', async () => {
    const { loadLessons } = await import('./harness');
    const cs = loadLessons().find((x) => x.lesson.id === 'condstore-resync')!.lesson;
    const step = cs.steps.find((st) => /more changes while the phone/.test(st.title))!;
    const role = step.check.on;
    expect(progressOf(step, role, ex({ command: 'STORE', args: '3 +flags (\\deleted)' }))?.next).toBe('EXPUNGE');
    expect(progressOf(step, role, ex({ command: 'STORE', args: '1 +FLAGS (\\Answered)' }))?.next).toBe('STORE 3 +FLAGS (\\Deleted)');
    // Not the same words, but the same message: still that STORE.
    expect(progressOf(step, role, ex({ command: 'STORE', args: '3 +FLAGS.SILENT (\\Deleted)' }))?.next).toBe('EXPUNGE');
  });

  it('catch-up skips a step whose command was meant to be refused', () => {
    expect(catchUpLines(l, 1, 'a')).toEqual([]);
    expect(catchUpLines(l, 2, 'a')).toEqual(['LOGIN alice wonderland', 'SELECT INBOX']);
  });

  it('IMAP3 catch-up: READONLY (RFC 1203) is replayed after the SELECT it applies to', async () => {
    const { loadLessons } = await import('./harness');
    const imap3 = loadLessons().find((x) => x.lesson.id === 'imap3-counter-proposal')!.lesson;
    const at = (title: RegExp) => imap3.steps.findIndex((s) => title.test(s.title));
    const role = imap3.steps[0].role;
    expect(catchUpCommands(imap3, at(/A change is now refused/), role).map((c) => c[0])).toEqual(['SELECT.VERSION (3 0)', 'LOGIN alice wonderland', 'SELECT INBOX', 'READONLY']);
    expect(catchUpCommands(imap3, at(/Make the mailbox read-only/), role).map((c) => c[0]).at(-1)).toBe('SELECT INBOX');
  });

  it('POP3 catch-up: USER and PASS (two commands), then the DELE marks of the session; QUIT ends them', async () => {
    const { loadLessons } = await import('./harness');
    const pop = loadLessons().find((x) => x.lesson.id === 'pop-other-road')!.lesson;
    const at = (title: RegExp) => pop.steps.findIndex((s) => title.test(s.title));
    expect(catchUpCommands(pop, at(/pop: STAT/), 'pop')).toEqual([['USER alice'], ['PASS wonderland']]);
    expect(catchUpCommands(pop, at(/pop: QUIT/), 'pop')).toEqual([['USER alice'], ['PASS wonderland'], ['DELE 1']]);
    expect(catchUpCommands(pop, at(/imap: SELECT/), 'pop')).toEqual([]);
    expect(catchUpCommands(pop, at(/imap: SELECT/), 'imap')).toEqual([['LOGIN alice wonderland']]);
  });

  it('POP3 checks speak POP3: a -ERR is named as such, and "status: -ERR" is NO', async () => {
    const spec = parseCheck('command: PASS\nstatus: +OK', ['pop'], 'x');
    expect(spec.status).toEqual(['OK']);
    expect(parseCheck('command: RETR\nstatus: -ERR', ['pop'], 'x').status).toEqual(['NO']);
    const r = await evaluate(spec, { ...ex({ command: 'PASS', status: 'NO' }), text: '[AUTH] Authentication failed.', pop3: true, tag: '' }, { probe: probe(), conn: null });
    expect(r.message).toBe('Expected the server to answer +OK; it said -ERR [AUTH] Authentication failed.');
  });

  it('METADATA state: an entry of a mailbox or of the server ("") has a value, or is absent', async () => {
    const md: StateProbe = {
      ...probe(),
      async metadata(user, mailbox) {
        if (user !== 'alice') return null;
        return mailbox === '' ? [['/private/vendor/vendor.example/sent-mailbox', 'Sent']] : mailbox === 'Sent' ? [['/private/specialuse', '\\Sent']] : null;
      },
    };
    const check = async (text: string) => evaluate(parseCheck(text, ['a'], 'x'), null, { probe: md, conn: null });
    expect((await check('state: metadata alice "" /private/vendor/vendor.example/sent-mailbox Sent')).ok).toBe(true);
    expect((await check('state: metadata alice "" /PRIVATE/vendor/vendor.example/sent-mailbox Sent')).ok).toBe(true);
    expect((await check('state: metadata alice "" /private/vendor/vendor.example/sent-mailbox Drafts')).message).toBe('Expected: the METADATA entry /private/vendor/vendor.example/sent-mailbox of the server is “Drafts” (it is “Sent”).');
    expect((await check('state: no-metadata alice Sent /private/comment')).ok).toBe(true);
    expect((await check('state: metadata alice Nope /private/comment x')).message).toMatch(/Nope does not exist/);
  });

  it('a no-data description that already says "no" is not doubled', async () => {
    const spec = parseCheck('command: LIST\nno-data: /Deep/ -- no deeper level', ['a'], 'x');
    const r = await evaluate(spec, ex({ command: 'LIST', data: ['LIST () "/" Deep'] }), { probe: probe(), conn: null });
    expect(r.parts.find((p) => p.part === 'no-data')?.expected).toBe('no deeper level');
  });
});
