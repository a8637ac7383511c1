// CONDSTORE and QRESYNC (RFC 7162, issue 12) as a student meets them in the page: tab completion
// offers the modifiers, the server answers with HIGHESTMODSEQ, MODSEQ and VANISHED, and the
// inspector explains each of them with its RFC 7162 section.
import { assert, command, login, open, waitText, inspectRow } from '../helpers.mjs';

export const tests = [
  {
    name: 'CONDSTORE/QRESYNC in the terminal: completion of ENABLE QRESYNC and (CHANGEDSINCE, then VANISHED and HIGHESTMODSEQ explained',
    async run({ page, base, shot }) {
      await open(page, base);
      await login(page);
      const ta = page.locator('.term-slot:not(.hidden) .xterm-helper-textarea');
      await ta.focus();
      await page.keyboard.type('ENABLE QRE');
      await page.keyboard.press('Tab');
      await waitText(page, /› ENABLE QRESYNC $/m);
      await page.keyboard.press('Enter');
      await waitText(page, /^\* ENABLED QRESYNC$/m);
      const sel = await command(page, 'SELECT INBOX');
      assert(/^\* OK \[HIGHESTMODSEQ 17\]/m.test(sel), 'SELECT reports HIGHESTMODSEQ');
      await command(page, 'STORE 3,6 +FLAGS.SILENT (\\Deleted)');
      const ex = await command(page, 'EXPUNGE');
      assert(/^\* VANISHED 3,6,10$/m.test(ex), 'EXPUNGE answered with VANISHED');
      await ta.focus();
      await page.keyboard.type('UID FETCH 1:* (FLAGS) (CHA');
      await page.keyboard.press('Tab');
      await waitText(page, /› UID FETCH 1:\* \(FLAGS\) \(CHANGEDSINCE $/m);
      await page.keyboard.type('17 VANISHED)');
      await page.keyboard.press('Enter');
      await waitText(page, /^\* VANISHED \(EARLIER\) 3,6,10$/m);
      let detail = await inspectRow(page, /\* VANISHED \(EARLIER\)/);
      await detail.getByText(/instead of EXPUNGE|replaces EXPUNGE/).first().waitFor();
      assert(/RFC 7162 §3\.2\.10/.test(await detail.innerText()), 'VANISHED is explained from RFC 7162 §3.2.10');
      detail = await inspectRow(page, /\* OK \[HIGHESTMODSEQ 17\]/);
      assert(/RFC 7162 §3\.1\.2\.1/.test(await detail.innerText()), 'HIGHESTMODSEQ is explained from RFC 7162');
      await shot('condstore-vanished');
    },
  },
];
