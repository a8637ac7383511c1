// Lessons on a POP3 connection (pop.example): the student types POP3 itself — no tags, answers
// `+OK` / `-ERR` (RFC 1939 §3) — and the lesson judges each line. lessons.mjs drives every
// step of every lesson (POP3 ones included); this file checks what is POP3's own: feedback in
// POP3's words, a multi-line answer judged only once its "." has come, and a reload in the
// middle of a POP3 session, whose "Catch up" brings back the login and the DELE marks, so that
// QUIT still removes the marked message.
import { assert } from '../helpers.mjs';
import { feedbackText, lessons, openLesson, reloadAndCatchUp, solveStep, typeOn } from './lessons.mjs';

const lesson = lessons.find((l) => l.id === 'pop-other-road');
const step = (re) => lesson.steps.find((s) => re.test(s.title));
const panel = (page) => page.locator('#sidepanel-lessons');
const popText = (page) => page.evaluate(() => window.__mpp.lessons.sessionFor('pop').entries.map((e) => `${e.dir}: ${new TextDecoder().decode(e.bytes)}`).join(''));

export const tests = [
  {
    name: 'lessons on POP3: a refused PASS is told as -ERR; LIST is judged on its lines; reload before QUIT, Catch up, and the DELE still holds',
    async run({ page, base }) {
      assert(lesson, 'the lesson pop-other-road exists');
      assert(lesson.connections.some((c) => c.role === 'pop' && c.spec.protocol === 'pop3'), 'it has a POP3 connection');
      await openLesson(page, base, lesson);
      const host = await page.evaluate(() => window.__mpp.lessons.sessionFor('pop').host.name);
      assert(host === 'pop.example', `the pop tab is on pop.example: ${host}`);

      // A wrong password: POP3's own words in the feedback.
      await typeOn(page, 'pop', 'USER alice');
      await typeOn(page, 'pop', 'PASS rabbit');
      await panel(page).locator('.feedback .no').waitFor({ timeout: 5000 });
      const fb = await feedbackText(page);
      assert(/\+OK/.test(fb) && /-ERR/.test(fb), `the feedback speaks POP3 (+OK, -ERR):\n${fb}`);
      assert(!/answer OK\b/.test(fb), `not IMAP's words:\n${fb}`);

      // The rest of the POP3 half up to the step before QUIT.
      const quit = step(/pop: QUIT/);
      for (const s of lesson.steps.slice(0, quit.index)) await solveStep(page, lesson, s);
      const list = await popText(page);
      assert(/S: \+OK 14 messages:/.test(list) && /S: 14 \d+\r\n/.test(list), 'LIST was answered with its lines');

      // The POP3 session holds the login and the DELE mark only in itself: a reload loses them,
      // "Catch up" sends USER, PASS and DELE 1 again.
      await reloadAndCatchUp(page, lesson, quit);
      const again = await popText(page);
      assert(/C: USER alice/.test(again) && /C: PASS wonderland/.test(again) && /C: DELE 1/.test(again), `Catch up replayed the POP3 session:\n${again}`);
      await solveStep(page, lesson, quit);
      const count = await page.evaluate(async () => (await window.__mpp.app.engine.messages('alice', 'INBOX')).length);
      assert(count === 13, `QUIT removed the message marked before the reload (INBOX holds ${count})`);
    },
  },
];
