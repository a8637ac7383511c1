// Issue 10's new chapters, done in the browser as a student does them: a SASL exchange typed
// line by line (the base64 answer after the server's `+`), an advisory citation that links out,
// and the timeline's new rows.
import { assert, command, open, type, waitText, startLesson } from '../helpers.mjs';

const step = (page) => page.evaluate(() => window.__mpp.lessons.step);

async function openLesson(page, base, id, title) {
  await open(page, base);
  const panel = await startLesson(page, id, title);
  await waitText(page, /\* OK/);
  return panel;
}

export const tests = [
  {
    name: "authentication's road: CRAM-MD5 refused, PLAIN cancelled with *, then PLAIN answered after the +",
    async run({ page, base, shot }) {
      const panel = await openLesson(page, base, 'auth-road', "Authentication's road: from RFC 1731 to SASL, CRAM-MD5 and SCRAM");
      await command(page, 'CAPABILITY');
      await page.waitForFunction(() => window.__mpp.lessons.step === 1);
      // A wrong answer first: a failed PLAIN is refused with the failed part named.
      await command(page, 'AUTHENTICATE PLAIN AGFsaWNlAHdyb25n', 'NO');
      await panel.getByText('Not yet.').waitFor();
      assert((await step(page)) === 1, 'a failed login does not pass the CRAM-MD5 step');
      await command(page, 'AUTHENTICATE CRAM-MD5', 'NO');
      await page.waitForFunction(() => window.__mpp.lessons.step === 2);
      // Cancel: the `*` line goes after the server's `+`, without a tag.
      await type(page, 'AUTHENTICATE PLAIN');
      await waitText(page, /^\+\s*$/m);
      await type(page, '*');
      await waitText(page, /^a\d+ BAD /m);
      await page.waitForFunction(() => window.__mpp.lessons.step === 3);
      // The real thing, in two lines.
      await type(page, 'AUTHENTICATE PLAIN');
      await page.waitForFunction(() => (window.__mpp.text().match(/^\+\s*$/gm) ?? []).length >= 2);
      await type(page, 'AGFsaWNlAHdvbmRlcmxhbmQ=');
      await waitText(page, /^a\d+ OK .*Logged in/m);
      await panel.getByText('✓ Lesson complete.').waitFor();
      await shot('content-01-auth-road');
    },
  },
  {
    name: 'the IMSP overflow lesson links BID 9227 out, and the timeline starts with POP in 1984',
    async run({ page, base, shot }) {
      const panel = await openLesson(page, base, 'imsp-vulnerability', 'A real IMSP hole: the 2003 address-book overflow (BID 9227)');
      const bid = panel.locator('a.cite[href="https://www.securityfocus.com/bid/9227"]');
      assert((await bid.count()) >= 1, 'the BID 9227 citation is a link to its advisory');
      assert((await bid.first().getAttribute('rel')) === 'noopener noreferrer', 'the advisory link opens safely');
      await command(page, 'NOOP');
      await page.waitForFunction(() => window.__mpp.lessons.step === 1);
      await shot('content-02-imsp-vulnerability');
      await panel.getByRole('button', { name: 'Timeline' }).click();
      await panel.locator('#tl-oct-1984').waitFor();
      const first = await panel.locator('tbody tr').first().getAttribute('id');
      assert(first === 'tl-oct-1984', `the first timeline row is RFC 918's (got ${first})`);
      for (const id of ['tl-aug-1993', 'tl-15-dec-2003', 'tl-jan-2018']) assert((await panel.locator(`#${id}`).count()) === 1, `timeline row ${id}`);
      await shot('content-03-timeline-1984');
    },
  },
];
