// Issue 14 part 1: `?rfc=NUMBER` shows the RFCs' own example sessions, and Run replays one
// against the server of its era, setting the live lines beside the printed ones with every
// difference marked and explained. Clicked as a reader clicks it.
import { assert } from '../helpers.mjs';

async function openRfc(page, base, n) {
  await page.goto(`${base}?rfc=${n}`);
  await page.locator('[data-rfc-example]').first().waitFor({ timeout: 15_000 });
}

/** Clicks the example's Run button and returns its printed and live lines once they are shown. */
async function run(page, id) {
  const ex = page.locator(`[data-rfc-example="${id}"]`);
  assert((await ex.count()) === 1, `example ${id} is on the page`);
  await ex.getByRole('button', { name: 'Run', exact: true }).click();
  const live = ex.locator('[data-live]');
  await live.waitFor({ timeout: 15_000 });
  const lines = await live.locator('.line').allInnerTexts();
  const printed = await ex.locator('.printed .line').allInnerTexts();
  const diffs = await ex.locator('.line.diff').count();
  const whys = await ex.locator('.line.diff + .why').count();
  return { ex, lines, printed, diffs, whys };
}

export const tests = [
  {
    name: 'rfc examples: ?rfc=3501 lists at least 40 examples, each with a Run button and a link to its section',
    async run({ page, base, shot }) {
      await openRfc(page, base, 3501);
      const n = await page.locator('[data-rfc-example^="3501-"]').count();
      assert(n >= 40, `RFC 3501 shows ${n} examples`);
      assert((await page.getByRole('button', { name: 'Run', exact: true }).count()) === n, 'one Run button per example');
      const link = page.locator('[data-rfc-example="3501-6.3.1-1"] h2 a');
      assert((await link.getAttribute('href')) === 'https://www.rfc-editor.org/rfc/rfc3501#section-6.3.1', 'the SELECT example links to §6.3.1');
      const printed = await page.locator('[data-rfc-example="3501-6.3.1-1"] .printed pre').innerText();
      assert(printed.includes('S: * 172 EXISTS'), 'the SELECT example is printed as the RFC prints it');
      await shot('rfc-01-list-3501');
    },
  },
  {
    name: 'rfc examples: Run on RFC 3501 SELECT and FETCH sets live lines beside the printed ones, differences explained',
    async run({ page, base, shot }) {
      await openRfc(page, base, 3501);
      const select = await run(page, '3501-6.3.1-1');
      assert(select.lines.includes('C: A142 SELECT INBOX'), `SELECT sent: ${select.lines.join(' | ')}`);
      assert(select.lines.includes('S: * 14 EXISTS'), 'our INBOX of 14 messages answers live');
      assert(select.lines.some((l) => l.startsWith('S: A142 OK [READ-WRITE]')), 'the SELECT completes read-write');
      assert(select.printed.includes('S: * 172 EXISTS'), 'the printed column stays beside it');
      assert(select.diffs > 0 && select.whys === select.diffs, `every difference explained (${select.whys} of ${select.diffs})`);
      // The live column's count is of its own differing lines (it once added the printed ones).
      const liveDiffs = await select.ex.locator('[data-live] .line.diff').count();
      const summary = await select.ex.locator('[data-live] .summary').innerText();
      assert(summary === `${liveDiffs} lines differ`, `the live column says "${summary}" for ${liveDiffs} differing live lines`);
      const why = await select.ex.locator('.line.diff', { hasText: '* 14 EXISTS' }).locator('+ .why').innerText();
      assert(/172 messages/.test(why), `the EXISTS difference says why: ${why}`);
      // Identical lines are not marked.
      const same = select.ex.locator('.live .line:not(.diff)', { hasText: 'C: A142 SELECT INBOX' });
      assert((await same.count()) === 1, 'the identical client line is not marked as a difference');
      await shot('rfc-02-select-run');

      const fetch = await run(page, '3501-6.4.5-1');
      assert(fetch.lines[0] === 'C: A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])', `FETCH sent: ${fetch.lines[0]}`);
      for (const n of [2, 3, 4]) assert(fetch.lines.some((l) => l.startsWith(`S: * ${n} FETCH (FLAGS`) && l.includes('Date: ')), `message ${n}'s Date/From shown live`);
      assert(fetch.lines.some((l) => /^S: A654 OK Fetch completed/.test(l)), 'FETCH completes');
      assert(fetch.whys === fetch.diffs, 'every FETCH difference explained');
      await shot('rfc-03-fetch-run');
    },
  },
  {
    name: "rfc examples: RFC 2177's IDLE example runs, new mail and expunges pushed while idling",
    async run({ page, base, shot }) {
      await openRfc(page, base, 2177);
      const idle = await run(page, '2177-3-1');
      const at = (s) => idle.lines.indexOf(s);
      assert(at('S: * 3 EXISTS') >= 0, `the prepared INBOX has the RFC's 3 messages: ${idle.lines.join(' | ')}`);
      assert(at('S: + idling') > at('C: A002 IDLE'), 'IDLE is answered with +');
      assert(at('S: * 4 EXISTS') > at('S: + idling') && at('S: * 4 EXISTS') < at('C: DONE'), 'new mail is pushed while idling');
      assert(idle.lines.includes('S: * 2 EXPUNGE'), "another client's expunge reaches the idling client");
      assert(idle.whys === idle.diffs, 'every IDLE difference explained');
      await shot('rfc-04-idle-run');
    },
  },
  {
    name: 'rfc examples: RFC 1176 runs against IMAP2 and RFC 1203 against IMAP3',
    async run({ page, base, shot }) {
      await openRfc(page, base, 1176);
      const imap2 = await run(page, '1176-scenario-1');
      assert((await imap2.ex.locator('.dialect').innerText()).includes('IMAP2'), 'labelled IMAP2');
      assert(imap2.lines.includes('S: A001 OK User alice logged in'), `IMAP2's login answer: ${imap2.lines.slice(0, 3).join(' | ')}`);
      assert(imap2.lines.includes('S: * BYE IMAP2 server terminating connection'), "IMAP2's BYE");
      assert(imap2.whys === imap2.diffs, 'every IMAP2 difference explained');
      await shot('rfc-05-imap2-run');

      await openRfc(page, base, 1203);
      const imap3 = await run(page, '1203-scenario-1');
      assert((await imap3.ex.locator('.dialect').innerText()).includes('IMAP3'), 'labelled IMAP3');
      assert(imap3.lines.some((l) => l.startsWith('S: * SUPPORTED.VERSIONS ((2 0) (3 0')), 'IMAP3 answers SUPPORTED.VERSIONS');
      assert(imap3.lines.includes('S: A004 14 EXISTS'), "IMAP3's TAGGED.SOLICITED: the data carries the command's tag");
      assert(imap3.whys === imap3.diffs, 'every IMAP3 difference explained');
      await shot('rfc-06-imap3-run');
    },
  },
  {
    name: 'rfc examples: the course lists the view, and an unknown RFC says so',
    async run({ page, base }) {
      await page.goto(base);
      await page.waitForFunction(() => window.__mpp?.app?.ready === true, null, { timeout: 15_000 });
      const link = page.locator('#sidepanel-lessons a[href="?rfc=3501"]');
      await link.first().waitFor();
      await link.first().click();
      await page.locator('[data-rfc-example="3501-6.3.1-1"]').waitFor({ timeout: 15_000 });
      assert(new URL(page.url()).pathname.endsWith('/mpp/site/'), 'the view lives under the same base path');
      await page.goto(`${base}?rfc=9999`);
      await page.getByText('The playground has no examples of RFC 9999.').waitFor();
      // …and promises none: the heading and the introduction are for an RFC that has some.
      const heading = await page.getByRole('heading', { level: 1 }).innerText();
      assert(!/9999/.test(heading), `the heading names no examples of RFC 9999: "${heading}"`);
      assert(!(await page.getByText('Every example session').count()), 'no introduction to examples that are not there');
      assert(!/9999/.test(await page.title()), 'nor does the page title');
    },
  },
  // Every example of every RFC the view lists: Run works, the live column appears, and each
  // differing line carries its reason (the unit test checks the same in Node; this is the page).
  ...[1176, 1203, 1730, 2177, 2342, 3501, 4731, 5267, 5464, 9051].map((rfc) => ({
    name: `rfc examples: every example of RFC ${rfc} runs in the page, every difference explained`,
    async run({ page, base }) {
      await openRfc(page, base, rfc);
      const examples = page.locator('[data-rfc-example]');
      const n = await examples.count();
      assert(n > 0, `RFC ${rfc} lists examples`);
      for (let i = 0; i < n; i++) await examples.nth(i).getByRole('button', { name: 'Run', exact: true }).click();
      await page.waitForFunction((want) => document.querySelectorAll('[data-live]').length === want, n, { timeout: 30_000 });
      assert((await page.getByRole('alert').count()) === 0, 'no replay failed');
      const unexplained = await page.evaluate(() => [...document.querySelectorAll('.line.diff')].filter((l) => !l.nextElementSibling?.classList.contains('why')).map((l) => l.textContent));
      assert(unexplained.length === 0, `unexplained differences: ${unexplained.slice(0, 3).join(' | ')}`);
    },
  })),
];
