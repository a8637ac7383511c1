// Every lesson, driven through the page as a student drives it: typing in the terminal tab of
// the right connection, clicking the lesson's own buttons. The tests are made from the lesson
// files (content/lessons/*.md, read with web/lessons/format.ts), so a lesson added later is
// covered without touching this file. Per lesson:
//   - every step: each `wrong` answer is refused with a named failed part, then the solution
//     passes, and no "Not yet" ever follows a right command (a two-command step's first one is
//     progress); one step goes through "Show me" + Enter;
//   - a reload in the middle of the lesson, then "Catch up" (when offered) and the rest;
//   - the page never scrolls: the document fits the viewport and the wheel over the terminal
//     does not move the header;
//   - lessons with two connections: the step's command typed on the other tab is answered
//     "this is for connection X; you typed on Y", and then passes on the right tab.
// Waiting is on state (the session answered, the lesson judged every exchange), never on sleeps.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { assert } from '../helpers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const ts = (p) => tsImport(pathToFileURL(join(root, p)).href, import.meta.url);
const { parseLesson } = await ts('web/lessons/format.ts');
const { lineTarget, answerCommands, catchUpLines } = await ts('web/lessons/runner.ts');

const lessonDir = join(root, 'content/lessons');
export const lessons = readdirSync(lessonDir)
  .filter((f) => f.endsWith('.md'))
  .map((f) => parseLesson(readFileSync(join(lessonDir, f), 'utf8'), f))
  .sort((a, b) => a.order - b.order);

const panel = (page) => page.locator('#sidepanel-lessons');

/** Opens the page with `?lesson=ID` (a teacher's link) and waits until every connection has its greeting. */
export async function openLesson(page, base, lesson) {
  await page.goto(`${base}?lesson=${lesson.id}`);
  await lessonReady(page, lesson, 0);
}

/** The lesson is set up at `step` and its connections are up (after a reload, one the lesson logged out may stay closed). */
async function lessonReady(page, lesson, step, { reloaded = false } = {}) {
  await page.waitForFunction(
    ({ id, roles, step, reloaded }) => {
      const l = window.__mpp?.lessons;
      if (!window.__mpp?.app?.ready || !l?.course || l.busy || l.state.active !== id || l.step !== step) return false;
      return roles.every((r) => {
        const s = l.sessionFor(r);
        return (s?.status === 'open' && s.entries.some((e) => e.dir === 'S')) || (reloaded && s?.status === 'closed');
      });
    },
    { id: lesson.id, roles: lesson.connections.map((c) => c.role), step, reloaded },
    { timeout: 15_000 },
  );
}

/** Makes a role's tab the active one by clicking it (single-connection lessons have one tab). */
async function showTab(page, role) {
  const want = await page.evaluate((r) => window.__mpp.lessons.state.roles[r], role);
  assert(want, `the lesson has a tab for ${role}`);
  if ((await page.evaluate(() => window.__mpp.app.activeKey)) === want) return;
  await page.locator(`#tab-${want}`).click();
  await page.waitForFunction((k) => window.__mpp.app.activeKey === k, want);
}

/** Every exchange sent on a role's tab answered (or waiting for more) and judged by the lesson. */
async function settled(page, role, before) {
  await page.waitForFunction(
    ({ role, before }) => {
      const l = window.__mpp.lessons;
      const s = l.sessionFor(role);
      return !!s && (s.entries.length > before || s.status === 'closed') && l.isSettled(s);
    },
    { role, before },
    { timeout: 8000 },
  );
}

const entries = (page, role) => page.evaluate((r) => window.__mpp.lessons.sessionFor(r)?.entries.length ?? 0, role);

/** Types one line on a role's tab, as a person would, and waits until it is answered and judged. */
export async function typeOn(page, role, line) {
  TRACE(`type ${role}: ${line}`);
  await showTab(page, role);
  const before = await entries(page, role);
  await page.locator('.term-slot:not(.hidden) .xterm-helper-textarea').focus();
  // One input event per line (as a paste or an IME delivers text): the line editor takes it as
  // typed, and the suite stays fast enough to drive every lesson on every run.
  if (line) await page.keyboard.insertText(line);
  await page.keyboard.press('Enter');
  await settled(page, role, before);
}

async function typeLines(page, lines, role) {
  for (const raw of lines) {
    const t = lineTarget(raw, role);
    await typeOn(page, t.role, t.line);
  }
}

export const feedbackText = (page) => page.evaluate(() => document.querySelector('#sidepanel-lessons .feedback')?.innerText ?? '(no feedback shown)');
const stepOf = (page) => page.evaluate(() => window.__mpp.lessons.step);

async function noNotYet(page, where) {
  const t = await page.evaluate(() => document.querySelector('#sidepanel-lessons, .embed-lesson')?.textContent ?? '');
  assert(!/Not yet/.test(t), `${where}: a right command was answered "Not yet":\n${await feedbackText(page)}`);
}

/** The page does not scroll: it fits the viewport, and the wheel over the terminal leaves the header where it is. */
async function noPageScroll(page, where) {
  const m = await page.evaluate(() => ({
    doc: document.documentElement.scrollHeight,
    body: document.body.scrollHeight,
    vh: window.innerHeight,
    vw: window.innerWidth,
  }));
  assert(Math.max(m.doc, m.body) <= m.vh, `${where}: the page is ${Math.max(m.doc, m.body)} px tall in a ${m.vh} px viewport`);
  const header = page.locator('.shell > header').first();
  const box = await header.boundingBox();
  const top = box?.y;
  if (m.vw >= 1280) assert(box.height < 60, `${where}: the header wraps (${box.height} px tall at ${m.vw} px)`);
  const term = await page.locator('.term-slot:not(.hidden)').boundingBox();
  await page.mouse.move(term.x + term.width / 2, term.y + term.height / 2);
  await page.mouse.wheel(0, 800);
  // Two frames: a wheel scroll is applied on the next frame.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const after = (await header.boundingBox())?.y;
  const scrollY = await page.evaluate(() => window.scrollY + document.documentElement.scrollTop);
  assert(after === top && scrollY === 0, `${where}: the wheel over the terminal moved the page (header ${top} → ${after}, scrollY ${scrollY})`);
}

/** A step that "Show me" can finish: its suggested lines are its solution. */
const showMeStep = (lesson) =>
  lesson.steps.find((s) => s.tryLines.length > 1 && s.tryLines.join('\n') === s.solution.join('\n') && !s.wrong.length) ??
  lesson.steps.find((s) => s.tryLines.join('\n') === s.solution.join('\n') && !s.wrong.length);

const TRACE = process.env.LESSONS_TRACE ? (...a) => console.log(`    ${Date.now() % 100000}`, ...a) : () => undefined;

export async function solveStep(page, lesson, step, { showMe = false } = {}) {
  TRACE(`step ${step.index}`);
  const where = `${lesson.id} › step ${step.index + 1} “${step.title}”`;
  // On the normal path nothing needs catching up (a step that failed on purpose changed nothing).
  const warn = await page.evaluate(() => document.querySelector('#sidepanel-lessons .catchup')?.textContent ?? null);
  assert(warn === null, `${where}: "Catch up" is offered on the normal path: ${warn}`);
  for (const w of step.wrong) {
    await typeLines(page, w, step.role);
    await panel(page).locator('.feedback .no').waitFor({ timeout: 5000 });
    const fb = await feedbackText(page);
    assert(/Not yet\./.test(fb) && /✗/.test(fb), `${where}: the wrong answer ${JSON.stringify(w)} got no feedback naming a failed part:\n${fb}`);
    assert(!/Not yet\.\s*Not yet/.test(fb), `${where}: "Not yet" said twice:\n${fb}`);
    assert((await stepOf(page)) === step.index, `${where}: the wrong answer ${JSON.stringify(w)} passed`);
  }
  if (showMe) {
    const last = lineTarget(step.tryLines.at(-1), step.role);
    await panel(page).getByRole('button', { name: 'Show me' }).click();
    // Show me enters all lines but the last, which it leaves typed at the prompt.
    await page.waitForFunction(
      ({ role, line }) => {
        const l = window.__mpp.lessons;
        const s = l.sessionFor(role);
        return window.__mpp.app.activeKey === s?.key && l.isSettled(s) && window.__mpp.text().trimEnd().endsWith(line);
      },
      { role: last.role, line: last.line },
      { timeout: 8000 },
    );
    TRACE('shown');
    await noNotYet(page, `${where} after "Show me"`);
    const before = await entries(page, last.role);
    await page.keyboard.press('Enter');
    await settled(page, last.role, before);
  } else {
    const lines = step.solution;
    for (let i = 0; i < lines.length; i++) {
      const t = lineTarget(lines[i], step.role);
      const verdicts = await page.evaluate(() => window.__mpp.lessons.verdicts);
      await typeOn(page, t.role, t.line);
      // A verdict on the feedback of an earlier wrong answer is not one on this line.
      const fresh = (await page.evaluate(() => window.__mpp.lessons.verdicts)) > verdicts;
      if (i < lines.length - 1 && fresh) await noNotYet(page, `${where} after ${JSON.stringify(t.line)}`);
    }
  }
  TRACE('typed');
  await page
    .waitForFunction((n) => window.__mpp.lessons.step > n, step.index, { timeout: 5000 })
    .catch(async () => assert(false, `${where}: the solution did not pass:\n${await feedbackText(page)}`));
  TRACE('passed');
  await noNotYet(page, `${where} after passing`);
}

/** Reloads the page and uses "Catch up" if the lesson offers it; the next step then starts on a clean prompt. */
export async function reloadAndCatchUp(page, lesson, step) {
  await page.evaluate(() => window.__mpp.flush());
  await page.reload();
  await lessonReady(page, lesson, step.index, { reloaded: true });
  const catchUp = panel(page).locator('.catchup button');
  if (await catchUp.count()) {
    const roles = lesson.connections.map((c) => c.role);
    const lastLine = await page.evaluate(() => window.__mpp.lessons.catchUp().at(-1).lines.at(-1));
    await catchUp.click();
    await page.waitForFunction(
      (roles) => {
        const l = window.__mpp.lessons;
        return !l.catchingUp && !l.catchUp() && roles.every((r) => l.isSettled(l.sessionFor(r)));
      },
      roles,
      { timeout: 8000 },
    );
    await noNotYet(page, `${lesson.id}: after "Catch up"`);
    // Nothing is left typed at the prompt: the next command starts on its own.
    const prompt = await page.evaluate(() => window.__mpp.text().trimEnd().split('\n').at(-1));
    assert(!prompt.endsWith(lastLine), `${lesson.id}: "Catch up" left its last line at the prompt: ${JSON.stringify(prompt)}`);
    await noPageScroll(page, `${lesson.id} after "Catch up"`);
  }
}

/** The role a step's suggested lines are typed on. */
const typedOn = (s) => (s.tryLines.length ? lineTarget(s.tryLines[0], s.role).role : s.role);

/** IMSP commands that only read: anything else changes what a cyrus-1.8 session keeps until it ends. */
const IMSP_READS = new Set(['LOGIN', 'AUTHENTICATE', 'LOGOUT', 'CAPABILITY', 'NOOP', 'GET', 'FETCHADDRESS', 'SEARCHADDRESS', 'ADDRESSBOOK', 'GETACL', 'MYRIGHTS', 'LIST', 'LSUB']);

/**
 * True if a reload before step k loses nothing the lesson needs later: no IMSP connection has
 * changes it has not saved by logging out. (The Cyrus IMSP server keeps a session's changes
 * until the session ends — docs/imsp-fidelity.md Q1 — and a page reload ends the session
 * without that save; see the lessons report. A reload there is a known loss, not a test case.)
 */
function safeReload(lesson, k) {
  const imsp = new Set(lesson.connections.filter((c) => c.spec.protocol === 'imsp').map((c) => c.role));
  const dirty = new Set();
  for (const s of lesson.steps.slice(0, k)) {
    for (const c of answerCommands(s.tryLines, s.role)) {
      if (!imsp.has(c.role)) continue;
      const w = c.line.trim().split(/\s+/)[0].toUpperCase();
      if (w === 'LOGOUT') dirty.delete(c.role);
      else if (!IMSP_READS.has(w)) dirty.add(c.role);
    }
  }
  return dirty.size === 0;
}

/**
 * Where the reload goes: the middle step; in a lesson with several connections, the step where
 * the student first turns to another connection (a natural pause — a reload in the middle of
 * an exchange between two live sessions would lose what only those sessions know, such as an
 * update one of them has not been told yet). If that would lose unsaved IMSP changes, the
 * nearest earlier step that does not.
 */
function reloadPoint(lesson) {
  const mid = Math.floor(lesson.steps.length / 2);
  const first = typedOn(lesson.steps[0]);
  const want = lesson.connections.length < 2 ? mid : (lesson.steps.find((s) => typedOn(s) !== first)?.index ?? mid);
  for (let k = want; k >= 1; k--) if (safeReload(lesson, k)) return k;
  return want;
}

/**
 * The wrong-tab case of a lesson with several connections: a step whose command is typed on
 * the connection it checks, typed instead on another connection that is open and at a prompt
 * (not logged out, not idling) — preferably the first step that moves away from the first
 * connection, where a student most easily stays on the old tab.
 */
function wrongTabCase(lesson) {
  const roles = lesson.connections.map((c) => c.role);
  const cases = [];
  for (const s of lesson.steps) {
    const right = s.check.on;
    const cmd = answerCommands(s.solution, s.role).find((c) => c.role === right && !/\{\d+\+?\}$/.test(c.line));
    if (!cmd || typedOn(s) !== right) continue;
    const wrong = roles.find((r) => {
      if (r === right) return false;
      const earlier = lesson.steps.slice(0, s.index).flatMap((p) => p.tryLines.map((l) => lineTarget(l, p.role))).filter((t) => t.role === r);
      // Not a connection that has ended: IMAP's LOGOUT, POP3's QUIT (RFC 1939 §6).
      return !earlier.some((t) => /^(LOGOUT|QUIT)\b/i.test(t.line)) && catchUpLines(lesson, s.index, r).at(-1) !== 'IDLE';
    });
    if (wrong) cases.push({ at: s, right, wrong, line: cmd.line });
  }
  return cases.find((c) => c.right !== lesson.steps[0].check.on) ?? cases[0];
}

/**
 * A POP3 connection keeps state only in its session (the login, the DELE marks, RFC 1939 §5): a
 * lesson with one also reloads where that session holds the most — the step whose catch-up for
 * it is longest — so "Catch up" must bring back USER, PASS and the marks.
 */
function pop3ReloadPoint(lesson) {
  let best = null;
  for (const c of lesson.connections.filter((x) => x.spec.protocol === 'pop3')) {
    for (const s of lesson.steps) {
      const n = catchUpLines(lesson, s.index, c.role).length;
      if (n > (best?.n ?? 0)) best = { at: s.index, n };
    }
  }
  return best?.at ?? null;
}

export const tests = [];

for (const lesson of lessons) {
  tests.push({
    name: `lesson ${lesson.order} ${lesson.id}: every step through the page, wrong answers, a reload and catch-up`,
    async run({ page, base }) {
      await openLesson(page, base, lesson);
      await noPageScroll(page, `${lesson.id} at the start`);
      const reloads = new Set([reloadPoint(lesson), pop3ReloadPoint(lesson)].filter((k) => k !== null && k > 0));
      const showMe = showMeStep(lesson);
      for (const step of lesson.steps) {
        if (reloads.has(step.index)) {
          await reloadAndCatchUp(page, lesson, step);
          await noPageScroll(page, `${lesson.id} after the reload`);
        }
        await solveStep(page, lesson, step, { showMe: step === showMe });
      }
      TRACE('complete?');
      await panel(page).getByText('✓ Lesson complete.').waitFor();
      TRACE('scroll?');
      await noPageScroll(page, `${lesson.id} at the end`);
    },
  });

  if (lesson.connections.length > 1) {
    const { at, right, wrong, line } = wrongTabCase(lesson);
    tests.push({
      name: `lesson ${lesson.order} ${lesson.id}: step ${at.index + 1}'s command typed on ${wrong} instead of ${right}`,
      async run({ page, base }) {
        await openLesson(page, base, lesson);
        for (const s of lesson.steps.slice(0, at.index)) await solveStep(page, lesson, s);
        await typeOn(page, wrong, line);
        await panel(page).locator('.feedback .no').waitFor({ timeout: 5000 });
        const fb = await feedbackText(page);
        assert(new RegExp(`for connection ${right}; you typed on ${wrong}`).test(fb), `the feedback names both connections:\n${fb}`);
        assert((await stepOf(page)) === at.index, 'the step did not pass on the wrong tab');
        // The step's own header takes the student to the right tab.
        await panel(page).locator('.current .role').getByRole('button', { name: 'Go to its tab' }).click();
        await page.waitForFunction((r) => window.__mpp.app.activeKey === window.__mpp.lessons.state.roles[r], right);
        await solveStep(page, lesson, { ...at, wrong: [] });
      },
    });
  }
}

// --- the lesson controls (issue 9 items 9, 10, 11, 13, 15, 18) -------------------------------

const byId = (id) => lessons.find((l) => l.id === id);
const anyLesson = lessons[0];

async function skipAll(page, lesson) {
  for (let i = 0; i < lesson.steps.length; i++) {
    await panel(page).getByRole('button', { name: 'Skip', exact: true }).click();
    await page.waitForFunction((n) => window.__mpp.lessons.step === n, i + 1);
  }
}

/**
 * Solves a lesson up to its NOOP step that names what a catch-up must redo (`after-reload`),
 * reloads and catches up there, and solves that step: the NOOP must still bring what another
 * connection did. Returns the step's index.
 */
async function reloadBeforeNoop(page, base, lesson) {
  const at = lesson.steps.findIndex((st) => st.afterReload.length && st.tryLines[0] === 'NOOP');
  assert(at > 0, `${lesson.id}: the NOOP step says what a catch-up must redo`);
  await openLesson(page, base, lesson);
  for (const st of lesson.steps.slice(0, at)) await solveStep(page, lesson, { ...st, wrong: [] });
  await reloadAndCatchUp(page, lesson, lesson.steps[at]);
  // Catch up ends with the step's own tab in front, where the student types next.
  const front = await page.evaluate((r) => window.__mpp.app.activeKey === window.__mpp.lessons.state.roles[r], lesson.steps[at].role);
  assert(front, `${lesson.id}: after Catch up the tab of connection ${lesson.steps[at].role} is in front`);
  await solveStep(page, lesson, { ...lesson.steps[at], wrong: [] });
  return at;
}

tests.push(
  {
    name: 'lessons: a command typed in lower case is the same command, UID prefix included (uid search …)',
    async run({ page, base }) {
      const lesson = byId('search');
      const at = lesson.steps.findIndex((st) => /^UID SEARCH/.test(st.solution[0] ?? ''));
      assert(at > 0, 'the search lesson has a UID SEARCH step');
      await openLesson(page, base, lesson);
      for (const st of lesson.steps.slice(0, at)) await solveStep(page, lesson, { ...st, wrong: [] });
      await typeOn(page, lesson.steps[at].role, lesson.steps[at].solution[0].toLowerCase());
      await page
        .waitForFunction((n) => window.__mpp.lessons.step > n, at, { timeout: 5000 })
        .catch(async () => assert(false, `lower-case UID SEARCH did not pass:\n${await feedbackText(page)}`));
    },
  },
  {
    name: 'lessons: two-clients reloaded before "NOOP delivers it": the catch-up expunges again after both reconnect, and NOOP brings * 1 EXPUNGE',
    run: ({ page, base }) => reloadBeforeNoop(page, base, byId('two-clients')),
  },
  {
    name: 'lessons: after a LOGOUT the student typed, one click on "Catch up" reconnects, logs in and selects again',
    async run({ page, base }) {
      const lesson = byId('search');
      await openLesson(page, base, lesson);
      await solveStep(page, lesson, { ...lesson.steps[0], wrong: [] });
      await typeOn(page, lesson.steps[1].role, 'LOGOUT');
      const banner = panel(page).locator('.catchup');
      await banner.waitFor();
      assert(!/after a reload/.test(await banner.innerText()), `no reload happened: ${await banner.innerText()}`);
      await banner.getByRole('button').click();
      await page.waitForFunction(
        (role) => {
          const l = window.__mpp.lessons;
          const s = l.sessionFor(role);
          return !l.catchingUp && !l.catchUp() && s?.status === 'open' && l.isSettled(s);
        },
        lesson.steps[1].role,
        { timeout: 8000 },
      );
      await solveStep(page, lesson, { ...lesson.steps[1], wrong: [] });
    },
  },
  {
    name: 'lessons: condstore-resync reloaded before "VANISHED instead of EXPUNGE": the catch-up SELECT (QRESYNC) already reports the earlier expunge, the laptop deletes one more, and NOOP brings VANISHED',
    async run({ page, base }) {
      const lesson = byId('condstore-resync');
      const at = await reloadBeforeNoop(page, base, lesson);
      // The step after it (UID FETCH … CHANGEDSINCE … VANISHED) still passes.
      await solveStep(page, lesson, lesson.steps[at + 1]);
    },
  },
  {
    name: 'lessons: copy link and embed snippet open the lesson; an unknown lesson id is named',
    async run({ page, context, base }) {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.goto(`${base}?lesson=no-such-lesson`);
      await page.waitForFunction(() => window.__mpp?.app?.ready && window.__mpp.lessons?.course);
      const alert = await panel(page).getByRole('alert').innerText();
      assert(/no lesson “no-such-lesson”/.test(alert), `the unknown id is named: ${alert}`);
      assert((await page.evaluate(() => window.__mpp.lessons.state.active)) === null, 'no lesson was started');

      await openLesson(page, base, anyLesson);
      await panel(page).getByRole('button', { name: 'Copy link' }).click();
      const link = await page.evaluate(() => navigator.clipboard.readText());
      assert(link === `${base}?lesson=${anyLesson.id}`, `the link opens the lesson: ${link}`);
      await panel(page).getByRole('button', { name: 'Copy embed snippet' }).click();
      const snippet = await page.evaluate(() => navigator.clipboard.readText());
      const m = /^<iframe src="([^"]+)" title="([^"]*)"[^>]*><\/iframe>$/.exec(snippet);
      assert(m, `an iframe snippet: ${snippet}`);
      const src = m[1].replace(/&amp;/g, '&');
      assert(src === `${base}?embed=1&lesson=${anyLesson.id}`, `the snippet embeds the lesson: ${src}`);
      // The snippet's address opens the embedded terminal with the lesson.
      await page.goto(src);
      await page.locator('.embed-lesson').getByText(anyLesson.title).first().waitFor({ timeout: 15_000 });
      assert((await page.evaluate(() => window.__mpp.lessons.state.active)) === anyLesson.id, 'the embedded page runs the lesson');
    },
  },
  {
    name: 'lessons: a lesson whose steps were all skipped is shown as skipped, not completed',
    async run({ page, base }) {
      await openLesson(page, base, anyLesson);
      await skipAll(page, anyLesson);
      const meta = await panel(page).locator('.meta').innerText();
      assert(/skipped/.test(meta) && !/completed/.test(meta), `the lesson reads as skipped: ${meta}`);
      assert(/\d+ steps · /.test(meta), `"steps ·" keeps its space: ${meta}`);
      await panel(page).getByRole('button', { name: 'Course', exact: true }).click();
      const mark = panel(page).locator('.list li').first().locator('.mark');
      assert((await mark.getAttribute('aria-label')) === 'skipped (every step)', `the course list marks it skipped: ${await mark.getAttribute('aria-label')}`);
      assert(/\b0 of \d+ completed/.test(await panel(page).locator('#course-title').innerText()), 'a skipped lesson is not counted as completed');
    },
  },
  {
    name: 'lessons: the live state diagram stays in view; a step that judges one tab and is typed on another says so',
    async run({ page, base }) {
      const states = lessons.find((l) => l.intro.some((b) => b.t === 'figure' && b.name === 'states'));
      await openLesson(page, base, states);
      await solveStep(page, states, states.steps[0]);
      const diagram = panel(page).locator('svg[aria-label^="State diagram"]');
      assert(await diagram.isVisible(), 'the state diagram is still shown after step 1');
      // UNSELECT (RFC 3691, 2004) is named only for a server that has it; RFC 1730's answers it BAD.
      const arrows = await diagram.textContent();
      const before2004 = ['imap2', 'imap2bis', 'imap3', 'imap4'].includes(states.connections[0].spec.dialect);
      assert(/CLOSE/.test(arrows) && /UNSELECT/.test(arrows) === !before2004, `the selected → authenticated arrow fits the ${states.connections[0].spec.dialect} server: ${arrows}`);
      // A step whose suggested lines go to another connection than the one it checks.
      const lesson = lessons.find((l) => l.steps.some((s) => lineTarget(s.tryLines[0] ?? '', s.role).role !== s.check.on));
      const step = lesson.steps.find((s) => lineTarget(s.tryLines[0] ?? '', s.role).role !== s.check.on);
      const typed = lineTarget(step.tryLines[0], step.role).role;
      await openLesson(page, base, lesson);
      for (let i = 0; i < step.index; i++) {
        await panel(page).getByRole('button', { name: 'Skip', exact: true }).click();
        await page.waitForFunction((n) => window.__mpp.lessons.step === n, i + 1);
      }
      const head = await panel(page).locator('.current .role').innerText();
      assert(new RegExp(`Type on connection ${typed}\\b`).test(head) && new RegExp(`watches ${step.check.on}\\b`).test(head), `the header names where to type: ${head}`);
    },
  },
  {
    name: 'lessons: the host picker shows the lesson tab\'s host; a new lesson undoes the last one\'s dialect switches',
    async run({ page, base }) {
      // A lesson whose tab is on another host than the first (the sandbox's default).
      const lesson = byId('imap2-first-login') ?? lessons.find((l) => l.connections[0].spec.dialect === 'imap2');
      await openLesson(page, base, lesson);
      const active = await page.evaluate(() => window.__mpp.app.active.host.name);
      assert((await page.locator('#host-select').inputValue()) === active, `the picker shows ${active}`);
      // Then one that switches a host's dialect, then another: the switch is undone.
      const switching = lessons.find((l) => l.connections.some((c) => c.spec.dialect === 'imap4rev2'));
      await openLesson(page, base, switching);
      const after = lessons.find((l) => l.order > switching.order && !l.connections.some((c) => c.spec.dialect === 'imap4rev2'));
      await panel(page).getByRole('button', { name: 'Course', exact: true }).click();
      await panel(page).getByRole('button', { name: `Start lesson: ${after.title}` }).click();
      await lessonReady(page, after, 0);
      const hosts = await page.evaluate(() => window.__mpp.app.hosts.map((h) => `${h.name}=${h.dialect}`));
      assert(!hosts.some((h) => h.endsWith('=imap4rev2')), `no host keeps the earlier lesson's IMAP4rev2: ${hosts}`);
    },
  },
  {
    name: 'lessons: on a phone the terminal and the current step are on screen together, every panel tab fits',
    viewport: { width: 390, height: 844 },
    async run({ page, base }) {
      const lesson = lessons.find((l) => l.steps.length > 3 && l.connections.length === 1);
      await openLesson(page, base, lesson);
      await solveStep(page, lesson, lesson.steps[0]);
      await solveStep(page, lesson, lesson.steps[1]);
      const m = await page.evaluate(() => {
        const box = (sel) => {
          const r = document.querySelector(sel)?.getBoundingClientRect();
          return r ? { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height } : null;
        };
        return {
          vh: innerHeight,
          vw: innerWidth,
          doc: document.documentElement.scrollHeight,
          term: box('.term-slot:not(.hidden)'),
          step: box('#sidepanel-lessons li[aria-current="step"] .step-title'),
          tabs: [...document.querySelectorAll('.side [role="tab"]')].map((t) => ({ name: t.textContent.trim(), ...t.getBoundingClientRect().toJSON() })),
        };
      });
      assert(m.doc <= m.vh, `the page fits the phone's screen (${m.doc} px in ${m.vh})`);
      assert(m.term && m.term.height >= 120 && m.term.top >= 0 && m.term.bottom <= m.vh, `the terminal is on screen: ${JSON.stringify(m.term)}`);
      assert(m.step && m.step.top >= 0 && m.step.bottom <= m.vh, `the current step is on screen with it: ${JSON.stringify(m.step)}`);
      for (const t of m.tabs) assert(t.left >= 0 && t.right <= m.vw, `the ${t.name} tab is not cut off: ${t.left}–${t.right} of ${m.vw}`);
    },
  },
);
