// "Show me" leaves the lesson's command where the student types, and says how to send it:
// at the terminal's prompt on a desktop (press Enter), in the plain command line on a phone
// (press Send — it used to go into the terminal, where Send could not reach it).
import { assert, open, startLesson, waitText } from '../helpers.mjs';

export const tests = [
  {
    name: 'show me: on a desktop the command waits at the prompt and the panel says to press Enter',
    async run({ page, base, shot }) {
      await open(page, base);
      const panel = await startLesson(page, 'mail-access', 'What a mail-access protocol is');
      await waitText(page, /\* OK/);
      await panel.getByRole('button', { name: 'Show me' }).click();
      await panel.getByText('press Enter in the terminal to send it').waitFor();
      await page.keyboard.press('Enter');
      await waitText(page, /^a\d+ OK/m);
      await shot('show-me-desktop');
    },
  },
  {
    name: 'show me: on a phone the command goes into the command line, and Send sends it',
    viewport: { width: 390, height: 844 },
    async run({ page, base, shot }) {
      await open(page, base);
      await page.getByRole('tab', { name: 'Lessons' }).click().catch(() => undefined);
      const panel = await startLesson(page, 'mail-access', 'What a mail-access protocol is');
      await waitText(page, /\* OK/);
      await panel.getByRole('button', { name: 'Show me' }).click();
      await panel.getByText('press Send').waitFor();
      const field = page.locator('#mobile-line');
      const typed = await field.inputValue();
      assert(typed.length > 0, 'the command is in the command line');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await waitText(page, /^a\d+ OK/m);
      assert((await field.inputValue()) === '', 'the command line is empty again');
      const prompt = await page.evaluate(() => window.__mpp.text().split('\n').filter(Boolean).pop());
      assert(!prompt.includes(typed), `nothing is left at the terminal's prompt: ${prompt}`);
      await shot('show-me-phone');
    },
  },
];
