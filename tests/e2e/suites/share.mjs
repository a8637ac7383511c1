// Issue 11 items 2 and 10: a shared link shows its commands before anything runs, replays in a
// fresh sandbox by default, needs a tick before destructive commands touch the student's own
// mail, never touches saved mail in embed mode, and a deflate bomb is refused quickly.
import { deflateRawSync } from 'node:zlib';
import { assert, command, login, open, waitText, startLesson } from '../helpers.mjs';

/** A `#replay=` code as the site makes it: deflate-raw of the JSON, base64url. */
const code = (json) => deflateRawSync(Buffer.from(typeof json === 'string' ? json : JSON.stringify(json))).toString('base64url');

const wipe = code({
  v: 1,
  host: 'imap.north.example',
  commands: [['a1 LOGIN alice wonderland'], ['a2 DELETE Work/Projects'], ['a3 DELETE Work'], ['a4 SELECT INBOX'], ['a5 STORE 1:* +FLAGS.SILENT (\\Deleted)'], ['a6 EXPUNGE']],
});

/** What the student's own saved mail holds, seen through a fresh login after a reload. */
async function ownMail(page) {
  await page.evaluate(() => window.__mpp.flush());
  await page.reload();
  await page.waitForFunction(() => window.__mpp?.app?.ready === true, null, { timeout: 15_000 });
  await waitText(page, /Page reloaded[\s\S]*\* OK/);
  await login(page);
  const list = await command(page, 'LIST "" *');
  const sel = await command(page, 'SELECT INBOX');
  return { work: /"\/" Work\r?\n/.test(list) || /"\/" Work$/m.test(list), mine: /"\/" Mine$/m.test(list), exists: Number(/\* (\d+) EXISTS/.exec(sel.slice(sel.lastIndexOf('SELECT INBOX')))?.[1]) };
}

export const tests = [
  {
    name: 'share: a link shows its commands first; the default fresh sandbox leaves my mail alone',
    async run({ page, base, shot }) {
      await open(page, base);
      await login(page);
      await command(page, 'CREATE Mine');
      await page.evaluate(() => window.__mpp.flush());
      await page.goto(base + '#replay=' + wipe);
      const banner = page.getByRole('region', { name: 'Shared session' });
      await banner.waitFor();
      const shown = await banner.innerText();
      assert(/DELETE Work/.test(shown) && /STORE 1:\* \+FLAGS\.SILENT \(\\Deleted\)/.test(shown) && /EXPUNGE/.test(shown), `the commands are listed: ${shown}`);
      assert((shown.match(/deletes or changes mail/g) ?? []).length === 4, 'the four destructive commands are marked');
      const mine = banner.getByRole('button', { name: 'Replay on my mail' });
      assert(await mine.isDisabled(), '"on my mail" needs the confirmation first');
      await shot('share-01-banner');
      await banner.getByRole('button', { name: 'Replay in a fresh sandbox' }).click();
      await waitText(page, /Replay finished/, 15_000);
      await page.getByText('Replay sandbox:').waitFor();
      const own = await ownMail(page);
      assert(own.mine && own.work && own.exists === 14, `my own mail is untouched: ${JSON.stringify(own)}`);
    },
  },
  {
    name: 'share: replaying destructive commands on my own mail needs the tick, then does it',
    async run({ page, base }) {
      await open(page, base);
      await page.evaluate(() => window.__mpp.flush());
      await page.goto(base + '#replay=' + wipe);
      const banner = page.getByRole('region', { name: 'Shared session' });
      await banner.waitFor();
      await banner.getByRole('checkbox').check();
      await banner.getByRole('button', { name: 'Replay on my mail' }).click();
      await waitText(page, /Replay finished/, 15_000);
      assert((await page.getByText('Replay sandbox:').count()) === 0, 'no sandbox: it ran on my mail');
      const own = await ownMail(page);
      assert(!own.work && own.exists === 0, `the confirmed replay changed my mail: ${JSON.stringify(own)}`);
    },
  },
  {
    name: 'share: in embed mode a link is never replayed onto saved mail',
    async run({ page, base }) {
      await open(page, base);
      await page.evaluate(() => window.__mpp.flush());
      await page.goto(base + '?embed=1#replay=' + wipe);
      const banner = page.getByRole('region', { name: 'Shared session' });
      await banner.waitFor();
      assert((await banner.getByRole('button', { name: 'Replay on my mail' }).count()) === 0, 'no "on my mail" in embed mode');
      await banner.getByRole('button', { name: 'Replay in a fresh sandbox' }).click();
      await waitText(page, /Replay finished/, 15_000);
      await page.goto(base);
      await page.waitForFunction(() => window.__mpp?.app?.ready === true, null, { timeout: 15_000 });
      await waitText(page, /\* OK/);
      await login(page);
      const list = await command(page, 'LIST "" Work');
      assert(/"\/" Work/.test(list), 'Work is still in the saved mail');
    },
  },
  {
    name: 'share: a deflate bomb link is refused within seconds, the page stays responsive',
    async run({ page, base }) {
      // 300 MiB of JSON-looking text deflates to a link of about 300 KB.
      const bomb = code(Buffer.concat([Buffer.from('{"v":1,"host":"x","commands":[["'), Buffer.alloc(300 * 1024 * 1024, 0x61)]).toString('latin1'));
      await open(page, base);
      // Timed from the moment the link arrives (a hash change on the loaded page), so the
      // page's own start-up on a busy machine is not part of it. Before the fix: 45 s, 6–7 GB.
      const t0 = Date.now();
      await page.evaluate((b) => (location.hash = '#replay=' + b), bomb);
      await page.getByText('That shared link is too large').waitFor({ timeout: 10_000 });
      const took = Date.now() - t0;
      const ping = Date.now();
      await page.evaluate(() => 1);
      assert(Date.now() - ping < 2000, 'the page answers at once');
      assert(took < 5000, `refused in ${took} ms`);
      assert(!(await page.evaluate(() => location.hash)), 'the hash was cleared');
      assert((await page.getByRole('region', { name: 'Shared session' }).count()) === 0, 'nothing offered for replay');
      // A damaged (not deflate) link is named damaged.
      await page.goto(base + '#replay=AAAA');
      await page.getByText('That shared link is damaged').waitFor();
    },
  },
];

// Issue 9 item 19: a shared link can carry the lesson and step ("start here, with this state").
tests.push({
  name: 'share: a link made in a lesson opens that lesson at that step for the student',
  async run({ page, context, base, shot }) {
    await open(page, base);
    const panel = await startLesson(page, 'mail-access', 'What a mail-access protocol is');
    await waitText(page, /\* OK/);
    await command(page, 'CAPABILITY');
    await page.waitForFunction(() => window.__mpp.lessons.step === 1);
    await command(page, 'LOGIN alice wonderland');
    await page.waitForFunction(() => window.__mpp.lessons.step === 2);
    await page.getByRole('button', { name: 'Share' }).click();
    const url = await page.locator('#share-url').inputValue();
    assert(/#replay=/.test(url), 'a link was made');
    const other = await context.browser().newContext();
    try {
      const p2 = await other.newPage();
      await open(p2, url);
      const banner = p2.getByRole('region', { name: 'Shared session' });
      await banner.waitFor();
      const said = await banner.innerText();
      assert(/opens the lesson mail-access at step 3/.test(said), `the banner names the lesson and step: ${said}`);
      assert((await banner.getByRole('button', { name: 'Replay on my mail' }).count()) === 0, 'a lesson link never runs on my mail');
      await shot('share-02-lesson-banner');
      await banner.getByRole('button', { name: 'Open the lesson here' }).click();
      await p2.waitForFunction(() => window.__mpp.lessons?.state.active === 'mail-access' && !window.__mpp.lessons.busy, null, { timeout: 15_000 });
      await waitText(p2, /Replay finished/, 15_000);
      await p2.waitForFunction(() => window.__mpp.lessons.step === 2);
      const t = await waitText(p2, /LOGIN alice wonderland[\s\S]*OK/);
      assert(/CAPABILITY/.test(t), 'the teacher\'s commands ran in the lesson\'s connection');
    } finally {
      await other.close();
    }
  },
});

tests.push({
  name: 'share: a lesson started from a replay sandbox (and a reload in it) gives back my own mail',
  async run({ page, base }) {
    await open(page, base);
    await login(page);
    await command(page, 'CREATE Mine');
    await page.evaluate(() => window.__mpp.flush());
    await page.goto(base + '#replay=' + wipe);
    await page.getByRole('region', { name: 'Shared session' }).getByRole('button', { name: 'Replay in a fresh sandbox' }).click();
    await waitText(page, /Replay finished/, 15_000);
    const panel = await startLesson(page, 'mail-access', 'What a mail-access protocol is');
    // A reload in the middle of the lesson, then leaving it: my mail must come back.
    await page.evaluate(() => window.__mpp.flush());
    await page.reload();
    await page.waitForFunction(() => window.__mpp?.lessons?.course && window.__mpp.app.ready && !window.__mpp.lessons.busy, null, { timeout: 15_000 });
    await panel.getByRole('button', { name: 'Course' }).click();
    await panel.getByRole('button', { name: 'Leave it (sandbox)' }).click();
    await page.waitForFunction(() => window.__mpp.lessons.state.active === null && !window.__mpp.lessons.busy);
    const own = await ownMail(page);
    assert(own.mine && own.work && own.exists === 14, `my own mail came back: ${JSON.stringify(own)}`);
  },
});
