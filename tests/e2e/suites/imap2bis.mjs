// IMAP2bis (issue 12 item 4) as a student meets it: picked in the network panel's dialect
// switcher, typed to in the terminal (RFC 1732's probes), explained by the inspector, and the
// IMAP2bis lesson running on it.
import { assert, command, login, open, waitText, startLesson, inspectRow } from '../helpers.mjs';

export const tests = [
  {
    name: 'IMAP2bis from the dialect switcher: CAPABILITY is BAD, CREATE INBOX is NO, TRYCREATE comes apart and is explained',
    async run({ page, base, shot }) {
      await open(page, base);
      await page.getByRole('tab', { name: 'Network' }).click();
      const net = page.locator('#sidepanel-network');
      const north = net.getByLabel('Dialect of imap.north.example');
      const choices = await north.locator('option').allTextContents();
      const at = choices.findIndex((c) => c.startsWith('imap2bis'));
      assert(at > 0 && choices[at - 1].startsWith('imap3') && choices[at + 1].startsWith('imap4 '), `imap2bis is offered by date, between imap3 (1991) and imap4 (1994) (${choices.join(' | ')})`);
      assert(/1993/.test(choices[at]), `the row names its year (${choices[at]})`);
      await north.selectOption('imap2bis');
      await net.getByText('imap.north.example now speaks imap2bis').waitFor();
      await net.getByRole('button', { name: 'Connect to imap.north.example' }).click();
      await waitText(page, /^\* OK imap\.north\.example IMAP2bis service ready/m);
      await command(page, 'CAPABILITY', 'BAD');
      await login(page);
      await command(page, 'CREATE INBOX', 'NO');
      await command(page, 'SELECT INBOX');
      const t = await command(page, 'COPY 1 Pine', 'NO');
      assert(/^\* OK \[TRYCREATE\] Mailbox doesn't exist: Pine$/m.test(t), 'TRYCREATE arrives as its own untagged OK');
      const detail = await inspectRow(page, /\* OK \[TRYCREATE\]/);
      await detail.getByText(/separate untagged OK/).waitFor();
      assert(/RFC 1732/.test(await detail.innerText()), 'explained from RFC 1732');
      await shot('imap2bis-trycreate');
    },
  },
  {
    name: 'the IMAP2bis lesson runs on an IMAP2bis host: FIND ALL.MAILBOXES, then BODYSTRUCTURE is refused',
    async run({ page, base }) {
      await open(page, base);
      const panel = await startLesson(page, 'imap2bis', 'IMAP2bis: the protocol Pine spoke, 1993–1996');
      assert(await page.evaluate(() => window.__mpp.app.hosts.some((h) => h.dialect === 'imap2bis')), 'a host was switched to IMAP2bis for the lesson');
      await waitText(page, /IMAP2bis service ready/);
      await login(page);
      await page.waitForFunction(() => window.__mpp.lessons.step === 1);
      await command(page, 'CREATE INBOX', 'NO');
      await page.waitForFunction(() => window.__mpp.lessons.step === 2);
      const f = await command(page, 'FIND ALL.MAILBOXES *');
      assert(/^\* MAILBOX INBOX$/m.test(f) && /^\* MAILBOX Work\/Projects$/m.test(f), 'every mailbox, INBOX included');
      await page.waitForFunction(() => window.__mpp.lessons.step === 3);
      await command(page, 'SELECT INBOX');
      await command(page, 'FETCH 8 BODYSTRUCTURE', 'BAD');
    },
  },
];
