// Issue 11 items 1 and 3: what the student did is never lost. The snapshot validator shares
// the engine's rules, so every legal command saves and restores; a snapshot that really is
// damaged is kept aside (never deleted), and the student is told and can download it.
import { readFile } from 'node:fs/promises';
import { assert, command, login, open, text, type, waitText, startLesson } from '../helpers.mjs';

/** Reloads after saving everything, and waits for the page and a greeting. */
async function reload(page) {
  await page.evaluate(() => window.__mpp.flush());
  await page.reload();
  await page.waitForFunction(() => window.__mpp?.app?.ready === true, null, { timeout: 15_000 });
  await waitText(page, /Page reloaded[\s\S]*\* OK/);
}

/** Reads or writes a key of the page's IndexedDB store (web/persist/db.ts) directly. */
const idb = (page, op, key, value) =>
  page.evaluate(
    ([op, key, value]) =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('mail-protocol-playground', 1);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const t = req.result.transaction('kv', op === 'get' || op === 'keys' ? 'readonly' : 'readwrite');
          const s = t.objectStore('kv');
          const r = op === 'get' ? s.get(key) : op === 'keys' ? s.getAllKeys() : s.put(value, key);
          t.oncomplete = () => {
            resolve(r.result);
            req.result.close();
          };
          t.onerror = () => reject(t.error);
        };
      }),
    [op, key, value],
  );

const listKeep = async (page) => {
  await login(page);
  return command(page, 'LIST "" Keep');
};

export const tests = [
  {
    name: 'persist: STORE 1 +FLAGS (a[b) then reload keeps every change (the exact repro)',
    async run({ page, base, shot }) {
      await open(page, base);
      await login(page);
      await command(page, 'CREATE Keep');
      await command(page, 'SELECT INBOX');
      await command(page, 'STORE 1 +FLAGS (a[b)');
      await reload(page);
      const t = await listKeep(page);
      assert(/\* LIST \([^)]*\) "\/" Keep/.test(t), `Keep is still there after the reload:\n${t.slice(-400)}`);
      await command(page, 'SELECT INBOX');
      const f = await command(page, 'FETCH 1 FLAGS');
      assert(/\* 1 FETCH \(FLAGS \([^)]*a\[b/.test(f), 'the a[b keyword survived');
      assert((await page.locator('.aside[role=alert]').count()) === 0, 'no "kept aside" notice for a good snapshot');
      await shot('persist-01-repro');
    },
  },
  {
    name: 'persist: leaving a lesson gives back the sandbox with an a[b keyword and Keep',
    async run({ page, base }) {
      await open(page, base);
      await login(page);
      await command(page, 'CREATE Keep');
      await command(page, 'SELECT INBOX');
      await command(page, 'STORE 1 +FLAGS (a[b x})');
      await page.evaluate(() => window.__mpp.flush());
      const panel = await startLesson(page, 'mail-access', 'What a mail-access protocol is');
      await panel.getByRole('button', { name: 'Course' }).click();
      await panel.getByRole('button', { name: 'Leave it (sandbox)' }).click();
      await page.waitForFunction(() => window.__mpp.lessons.state.active === null && !window.__mpp.lessons.busy);
      await waitText(page, /Back in the sandbox/);
      await waitText(page, /\* OK/);
      const t = await listKeep(page);
      assert(/\* LIST \([^)]*\) "\/" Keep/.test(t), 'Keep came back with the sandbox');
      assert((await page.locator('.aside[role=alert]').count()) === 0, 'nothing was kept aside');
    },
  },
  {
    name: 'persist: export then import of that same file round-trips (keywords a[b and x})',
    async run({ page, base }) {
      await open(page, base);
      await login(page);
      await command(page, 'CREATE Keep');
      await command(page, 'SELECT INBOX');
      await command(page, `STORE 1 +FLAGS (a[b x} ${'k'.repeat(201)})`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
      const file = await readFile(await download.path());
      // Start over, then import the file the page itself wrote.
      page.once('dialog', (d) => d.accept());
      await page.getByRole('button', { name: 'Reset mail' }).click();
      await page.getByText('Mail reset to the sample scenario.').waitFor();
      await page.locator('input[type=file]').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: file });
      await page.getByText('Imported.').waitFor();
      await waitText(page, /Imported; reconnected[\s\S]*\* OK/);
      const t = await listKeep(page);
      assert(/\* LIST \([^)]*\) "\/" Keep/.test(t), 'Keep is back after the import');
      await command(page, 'SELECT INBOX');
      const f = (await command(page, 'FETCH 1 FLAGS')).replace(/\n/g, ''); // xterm wraps long lines
      assert(/a\[b/.test(f) && /x\}/.test(f) && /k{201}/.test(f), `the keywords came back: ${f.slice(-300)}`);
    },
  },
  {
    name: 'persist: a damaged saved snapshot is kept aside, the student is told and can download it',
    async run({ page, base, shot }) {
      await open(page, base);
      await page.evaluate(() => window.__mpp.flush());
      const damaged = { format: 'mpp-store/1', accounts: [{ user: 'alice', password: 'wonderland', nextUidValidity: 5, subscriptions: [], mailboxes: 'oops' }] };
      await idb(page, 'put', 'snapshot', damaged);
      await page.reload();
      await page.waitForFunction(() => window.__mpp?.app?.ready === true, null, { timeout: 15_000 });
      const notice = page.locator('.aside[role=alert]');
      await notice.waitFor();
      const said = await notice.innerText();
      assert(/could not be restored/.test(said) && /kept aside, not deleted/.test(said) && /mailboxes of alice/.test(said), `the notice says what happened: ${said}`);
      await shot('persist-02-kept-aside');
      // The page goes on with the sample mail, and saves it: the kept copy must survive that.
      await type(page, 'LOGIN alice wonderland');
      await waitText(page, /OK/);
      await page.evaluate(() => window.__mpp.flush());
      const keys = await idb(page, 'keys');
      const kept = keys.filter((k) => String(k).startsWith('aside:'));
      assert(kept.length === 1, `one record kept aside: ${keys.join(', ')}`);
      assert(JSON.stringify(await idb(page, 'get', kept[0])) === JSON.stringify(damaged), 'the kept value is the damaged snapshot, unchanged');
      const [download] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Download the kept copy' }).click()]);
      const text = await readFile(await download.path(), 'utf8');
      const json = JSON.parse(text);
      assert(json.format === 'mpp-export/1' && json.snapshot.mailboxes === undefined && json.snapshot.accounts[0].mailboxes === 'oops', 'the download holds the damaged data');
      assert(/mailboxes of alice/.test(json.refusedBecause), 'and says why it was refused');
      await notice.getByRole('button', { name: 'Dismiss' }).click();
      assert((await notice.count()) === 0, 'the notice can be dismissed');
      // A second reload does not lose the kept copy either.
      await reload(page);
      const again = (await idb(page, 'keys')).filter((k) => String(k).startsWith('aside:'));
      assert(again.length === 1, 'the kept copy is still there');
      // Even "forget everything" keeps it.
      await page.evaluate(() => window.__mpp.app.resetAll());
      const afterReset = await idb(page, 'keys');
      assert(afterReset.some((k) => String(k).startsWith('aside:')) && afterReset.includes('aside'), `kept after a reset of everything: ${afterReset.join(', ')}`);
    },
  },
];

// A second visit (a new tab, a shared link opened later) is not a reload: its note says the
// saved playground was restored, and a reload after it still says "Page reloaded".
tests.push({
  name: 'persist: a new tab says the saved playground was restored, not "Page reloaded"',
  async run({ page, context, base }) {
    await open(page, base);
    await login(page);
    await page.evaluate(() => window.__mpp.flush());
    const second = await context.newPage();
    try {
      await open(second, base);
      // The note is reflowed to the terminal's width: words may be on different rows.
      await waitText(second, /Restored\s+from\s+your\s+last\s+visit:\s+the\s+mail\s+store\s+was\s+kept;\s+reconnected\s+to\s+imap\.north\.example/);
      assert(!/Page reloaded/.test(await text(second)), 'a new tab does not claim a reload');
      await second.reload();
      await second.waitForFunction(() => window.__mpp?.app?.ready === true);
      await waitText(second, /Page\s+reloaded:\s+the\s+mail\s+store\s+was\s+kept/);
      assert(!/Restored\s+from\s+your\s+last\s+visit/.test(await text(second)), 'the earlier note is not piled up after the reload');
    } finally {
      await second.close();
    }
  },
});
