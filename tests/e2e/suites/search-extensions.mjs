// ESEARCH, SEARCHRES, WITHIN, CONTEXT=SEARCH and NOTIFY (issue 12) as a student meets them in
// the page: tab completion offers RETURN and its options, the ESEARCH answer and an ADDTO are
// explained with their RFCs, and a second connection's APPEND reaches a NOTIFY session unasked.
import { assert, command, login, open, waitText, inspectRow } from '../helpers.mjs';

export const tests = [
  {
    name: 'search extensions: RETURN completes, ESEARCH and ADDTO are explained, $ is used',
    async run({ page, base, shot }) {
      await open(page, base);
      await login(page);
      await command(page, 'SELECT INBOX');
      const ta = page.locator('.term-slot:not(.hidden) .xterm-helper-textarea');
      await ta.focus();
      await page.keyboard.type('SEARCH RET');
      await page.keyboard.press('Tab');
      await waitText(page, /› SEARCH RETURN $/m);
      await page.keyboard.type('(MIN COUNT SA');
      await page.keyboard.press('Tab');
      await waitText(page, /› SEARCH RETURN \(MIN COUNT SAVE $/m);
      // Completion leaves a space after the word; the list closes right after it.
      await page.keyboard.press('Backspace');
      await page.keyboard.type(') YOUNG');
      await page.keyboard.press('Tab');
      await page.keyboard.type('999999999');
      await page.keyboard.press('Enter');
      const t = await waitText(page, /^a3 OK/m);
      assert(/^\* ESEARCH \(TAG "a3"\) MIN 1 COUNT 14$/m.test(t), 'SEARCH RETURN (MIN COUNT SAVE) YOUNGER answered with one ESEARCH line');
      const detail = await inspectRow(page, /\* ESEARCH \(TAG "a3"\)/);
      await detail.getByText(/How many messages matched/).waitFor();
      assert(/RFC 4731/.test(await detail.innerText()), 'ESEARCH explained from RFC 4731');
      const f = await command(page, 'FETCH $ (UID)');
      assert(/^\* 14 FETCH \(UID 14\)$/m.test(f), `FETCH $ uses the saved result (all 14: with COUNT, SAVE keeps the whole result): ${f}`);
      await command(page, 'SEARCH RETURN (UPDATE) UNSEEN');
      const s = await command(page, 'STORE 1 -FLAGS (\\Seen)');
      assert(/^\* ESEARCH \(TAG "a5"\) ADDTO \(0 1\)$/m.test(s), 'the search kept updating says message 1 joined');
      const add = await inspectRow(page, /ADDTO/);
      await add.getByText(/now match the search kept updating/).waitFor();
      assert(/RFC 5267/.test(await add.innerText()), 'ADDTO explained from RFC 5267');
      await shot('search-extensions-addto');
    },
  },
  {
    name: 'search extensions: NOTIFY, another connection’s APPEND arrives as * STATUS without a command',
    async run({ page, base }) {
      await open(page, base);
      await login(page);
      await command(page, 'NOTIFY SET (PERSONAL (MessageNew MessageExpunge))');
      await page.getByRole('button', { name: 'Another connection to the same host' }).click();
      await page.waitForFunction(() => window.__mpp.app.sessions.length === 2);
      await waitText(page, /\* OK/);
      await login(page);
      await command(page, 'SELECT INBOX');
      await command(page, 'COPY 1:2 Work');
      // Back on the first connection: the STATUS is already there, no command typed.
      await page.getByRole('tablist', { name: 'Connections' }).getByRole('tab').first().click();
      const t = await waitText(page, /^\* STATUS Work \(MESSAGES 5 UIDNEXT 6 UNSEEN \d+\)$/m);
      assert(!/^a3 /m.test(t.split('* STATUS Work')[1] ?? ''), 'the STATUS came unasked');
    },
  },
];
