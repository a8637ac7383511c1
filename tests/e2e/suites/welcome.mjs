// The welcome note is reflowed to the terminal's width: no word is split across rows (it used
// to wrap as "su|ggestion"), on a desktop and on a phone.
import { assert, open } from '../helpers.mjs';

async function welcomeRows(page) {
  // The note reaches the transcript first and xterm's buffer a moment later (writes are async).
  await page.waitForFunction(() => {
    const b = window.__mpp.terminals[window.__mpp.app.activeKey]?.term.buffer.active;
    for (let i = 0; b && i < b.length; i++) if (b.getLine(i)?.translateToString(true).startsWith('Welcome')) return true;
    return false;
  });
  return page.evaluate(() => {
    const app = window.__mpp.app;
    const note = app.active.entries.find((e) => e.dir === 'N' && new TextDecoder().decode(e.bytes).startsWith('Welcome'));
    const text = new TextDecoder().decode(note.bytes);
    const term = window.__mpp.terminals[app.activeKey].term;
    const b = term.buffer.active;
    const rows = [];
    for (let i = 0; i < b.length; i++) rows.push(b.getLine(i).translateToString(true));
    const first = rows.findIndex((r) => r.startsWith('Welcome'));
    const out = [];
    for (let i = first; i < rows.length && out.join(' ').length < text.length; i++) out.push(rows[i].trimEnd());
    return { text, rows: out };
  });
}

export const tests = [
  ...[
    ['desktop', { width: 1280, height: 800 }],
    ['phone', { width: 390, height: 844 }],
  ].map(([where, viewport]) => ({
    name: `welcome: the note wraps at spaces, never inside a word (${where})`,
    viewport,
    async run({ page, base, shot }) {
      await open(page, base);
      const w = await welcomeRows(page);
      assert(w.rows.length > 1, `the note takes several rows here (${w.rows.length})`);
      assert(w.rows.join(' ') === w.text, `rows rejoin to the note:\n${w.rows.join('\n')}`);
      await shot(`welcome-${where}`);
    },
  })),
];

// On a phone the terminal has about 11 rows: the welcome note must leave the greeting on screen,
// and speak of what a phone has (the command box and Send), not of Tab, arrows and Esc.
tests.push({
  name: 'welcome: on a phone the greeting stays on screen, and the note speaks of the command box and Send',
  viewport: { width: 390, height: 844 },
  async run({ page, base }) {
    await open(page, base);
    const seen = await page.evaluate(() => {
      const term = window.__mpp.terminals[window.__mpp.app.activeKey].term;
      const b = term.buffer.active;
      const rows = [];
      for (let i = b.viewportY; i < b.viewportY + term.rows; i++) rows.push(b.getLine(i)?.translateToString(true) ?? '');
      return rows;
    });
    assert(seen[0].startsWith('* OK'), `the greeting's first row is the top row on screen:\n${seen.join('\n')}`);
    const w = await welcomeRows(page);
    assert(/Send/.test(w.text) && !/Tab|Esc|Ctrl/.test(w.text), `the phone's note: ${w.text}`);
  },
});

// The suggested commands under the terminal take one row on a phone (they scroll sideways):
// wrapped, they once took four rows and left the terminal seven.
tests.push({
  name: 'phone: the suggested commands keep to one row, and the terminal keeps its height after SELECT',
  viewport: { width: 390, height: 844 },
  async run({ page, base, shot }) {
    await open(page, base);
    const rowsBefore = await page.evaluate(() => window.__mpp.terminals[window.__mpp.app.activeKey].term.rows);
    const box = page.getByLabel(/^Command line/);
    for (const line of ['LOGIN alice wonderland', 'SELECT INBOX']) {
      await box.fill(line);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.waitForFunction((l) => window.__mpp.text().includes(l), line);
    }
    const quick = page.getByRole('navigation', { name: 'Suggested commands' });
    await quick.getByRole('button', { name: 'LOGOUT' }).waitFor({ state: 'attached' });
    const h = (await quick.boundingBox()).height;
    const buttonH = (await quick.getByRole('button').first().boundingBox()).height;
    assert(h < buttonH * 2, `one row of suggestions: ${h} px for ${buttonH} px buttons`);
    const rows = await page.evaluate(() => window.__mpp.terminals[window.__mpp.app.activeKey].term.rows);
    assert(rows >= rowsBefore - 2 && rows >= 10, `the terminal keeps its rows: ${rows} (was ${rowsBefore})`);
    await shot('phone-suggestions');
  },
});
