// SORT, THREAD and ESORT (RFC 5256, 5957, 5267) as a student meets them on the page: tab
// completion offers the sort keys inside the parentheses, the server answers, and the inspector
// explains the command and the nested THREAD answer with their RFCs.
import { assert, command, login, open, waitText, inspectRow } from '../helpers.mjs';

export const tests = [
  {
    name: 'SORT and THREAD: completion of sort keys, the answers, and the inspector explaining them',
    async run({ page, base, shot }) {
      await open(page, base);
      await login(page);
      await command(page, 'EXAMINE INBOX');
      const ta = page.locator('.term-slot:not(.hidden) .xterm-helper-textarea');
      await ta.focus();
      await page.keyboard.type('SORT (REV');
      await page.keyboard.press('Tab');
      await waitText(page, /› SORT \(REVERSE $/m);
      await page.keyboard.type('DATE) UTF-8 UNS');
      await page.keyboard.press('Tab');
      await waitText(page, /› SORT \(REVERSE DATE\) UTF-8 UNSEEN $/m);
      await page.keyboard.press('Enter');
      await waitText(page, /^\* SORT 13 11 9 8 6 3$/m);
      const sort = await inspectRow(page, /SORT \(REVERSE DATE\)/);
      await sort.getByText(/Turns the next sort key around/).waitFor();
      assert(/RFC 5256/.test(await sort.innerText()), 'the SORT command is explained from RFC 5256');

      const t = await command(page, 'THREAD REFERENCES UTF-8 ALL');
      assert(/^\* THREAD \(1\)\(2 12\)/m.test(t), `THREAD groups 12 under 2 (${t})`);
      const thread = await inspectRow(page, /\* THREAD \(1\)/);
      await thread.getByText(/A chain: each message is the reply to the one before it/).first().waitFor();
      const es = await command(page, 'SORT RETURN (MIN COUNT) (SUBJECT) UTF-8 ALL');
      assert(/^\* ESEARCH \(TAG "[^"]+"\) MIN 10 COUNT 14$/m.test(es), `ESORT answers with ESEARCH (${es})`);
      const esearch = await inspectRow(page, /\* ESEARCH/);
      await esearch.getByText(/Answers the SORT tagged/).waitFor();
      await shot('sort-thread-inspector');
    },
  },
];
