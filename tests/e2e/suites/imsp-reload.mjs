// A reload while an IMSP session still holds changes in its caches (Cyrus IMSP 1.8 writes them
// back only when the session ends): the reload is the client going away, so they are kept.
import { assert, command, connectTo, login, open, waitText } from '../helpers.mjs';


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
