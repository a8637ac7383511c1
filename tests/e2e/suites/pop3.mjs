// POP3 (issue 12 item 3) as a student meets it: pop.example picked in the host picker, logged
// into by typing USER/PASS, its messages listed, one deleted, and IMAP seeing it gone.
import { assert, command, open, text, type, waitText } from '../helpers.mjs';

export const tests = [
  {
    name: 'POP3 from the host picker: USER/PASS, LIST, TOP, DELE and QUIT; IMAP then sees 13 messages',
    async run({ page, base, shot }) {
      await open(page, base);
      const picker = page.locator('#host-select');
      const label = await picker.locator('option[value="pop.example"]').textContent();
      assert(/POP3/.test(label ?? ''), `the picker names the protocol (${label})`);
      await picker.selectOption('pop.example');
      await page.locator('form.picker').getByRole('button', { name: 'Connect' }).click();
      await waitText(page, /^\+OK Mail Protocol Playground ready \(POP3, RFC 1939\)\.$/m);
      // The quick-start buttons offer POP3's own first steps.
      await page.getByRole('button', { name: 'USER alice' }).click();
      await waitText(page, /^USER alice\r?\n?^\+OK$/m);
      await type(page, 'PASS wonderland');
      await waitText(page, /^\+OK Logged in\.$/m);
      await page.getByRole('button', { name: 'STAT', exact: true }).waitFor();
      assert(!/^a\d+ USER/m.test(await text(page)), 'POP3 commands go out without IMAP tags');
      await type(page, 'LIST');
      const listed = await waitText(page, /^\+OK 14 messages:$[\s\S]*^14 388$\s*^\.$/m);
      assert(/^9 5250$/m.test(listed), 'each message with its size');
      await type(page, 'TOP 1 0');
      await waitText(page, /^Subject: Hello Alice$/m);
      await type(page, 'DELE 1');
      await waitText(page, /^\+OK Marked to be deleted\.$/m);
      await type(page, 'RETR 1');
      await waitText(page, /^-ERR Message is deleted\.$/m);
      // The inspector takes POP3 apart in POP3's terms.
      await page.getByRole('tab', { name: 'Inspector' }).click();
      await page.locator('#sidepanel-inspector').getByRole('button', { name: /DELE 1/ }).last().click();
      const detail = page.locator('#sidepanel-inspector .detail');
      await detail.getByText(/UPDATE state/).first().waitFor();
      assert(/RFC 1939/.test(await detail.innerText()), 'DELE is explained from RFC 1939');
      await shot('pop3-session');
      await type(page, 'QUIT');
      await waitText(page, /^\+OK Logging out, messages deleted\.$/m);
      assert(await page.evaluate(() => window.__mpp.app.active.status === 'closed'), 'QUIT ends the connection');

      await picker.selectOption('imap.north.example');
      await page.locator('form.picker').getByRole('button', { name: 'Connect' }).click();
      await waitText(page, /^\* OK \[CAPABILITY/m);
      await command(page, 'LOGIN alice wonderland');
      const sel = await command(page, 'SELECT INBOX');
      assert(/^\* 13 EXISTS$/m.test(sel), 'the message POP3 deleted is gone for IMAP');
    },
  },
];
