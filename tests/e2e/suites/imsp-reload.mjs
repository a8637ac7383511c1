// A reload while an IMSP session still holds changes in its caches (Cyrus IMSP 1.8 writes them
// back only when the session ends): the reload is the client going away, so they are kept.
import { assert, command, login, open, waitText } from '../helpers.mjs';

async function connectTo(page, host, greeting) {
  const before = await page.evaluate(() => window.__mpp.app.activeKey);
  await page.locator('#host-select').selectOption(host);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.waitForFunction((k) => window.__mpp.app.activeKey !== k, before);
  return waitText(page, greeting);
}

export const tests = [
  {
    name: 'IMSP: an option SET without LOGOUT survives a page reload',
    async run({ page, base, shot }) {
      await open(page, base);
      await connectTo(page, 'imsp.example', /\* OK Cyrus IMSP version 1\.8 ready/);
      await login(page);
      await command(page, 'SET x.reload.color teal');
      await page.evaluate(() => window.__mpp.flush());
      await page.reload();
      await page.waitForFunction(() => window.__mpp?.app?.ready === true, null, { timeout: 15_000 });
      // The IMSP tab comes back in front, reconnected.
      await waitText(page, /Page reloaded[\s\S]*\* OK Cyrus IMSP version 1\.8 ready/);
      await login(page);
      const got = await command(page, 'GET x.reload.*');
      assert(/\* OPTION x\.reload\.color teal \[READ-WRITE\]/.test(got), `the option is still there after the reload:\n${got.split('\n').slice(-6).join('\n')}`);
      await shot('imsp-reload');
    },
  },
];
