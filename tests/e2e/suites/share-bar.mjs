// The replay link opens as a panel under the buttons: the top bar keeps its one row and the
// host picker its width (it used to squeeze the title to "✉ Mail …" and the picker to nothing).
import { assert, open } from '../helpers.mjs';

export const tests = [
  {
    name: 'share bar: the replay link leaves the top bar one row, the host picker and title as wide as before',
    async run({ page, base, shot }) {
      await open(page, base);
      const box = async (sel) => (await page.locator(sel).first().boundingBox());
      const header = 'header';
      const before = { bar: await box(header), picker: await box('#host-select') };
      await page.getByRole('button', { name: 'Share', exact: true }).click();
      await page.locator('#share-url').waitFor();
      const after = { bar: await box(header), picker: await box('#host-select') };
      assert(Math.abs(after.bar.height - before.bar.height) < 1, `the top bar keeps its height (${before.bar.height} → ${after.bar.height})`);
      assert(Math.abs(after.picker.width - before.picker.width) < 1, `the host picker keeps its width (${before.picker.width} → ${after.picker.width})`);
      assert((await page.locator('#share-url').inputValue()).includes('#replay='), 'the link is shown');
      await shot('share-bar');
      await page.getByRole('button', { name: 'Close the replay link' }).click();
      assert((await page.locator('#share-url').count()) === 0, 'the panel closes');
    },
  },
];
