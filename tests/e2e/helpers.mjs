// Shared steps for the e2e tests. The page exposes window.__mpp: the app, the active
// terminal's text (read from xterm's buffer) and the Monaco editors once opened.

export async function open(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.__mpp?.app?.ready === true, null, { timeout: 15_000 });
  await waitText(page, /\* OK/);
}

export const text = (page) => page.evaluate(() => window.__mpp.text());

export async function waitText(page, re, timeout = 8000) {
  const end = Date.now() + timeout;
  let last = '';
  while (Date.now() < end) {
    last = await text(page);
    if (re.test(last)) return last;
    await page.waitForTimeout(50);
  }
  throw new Error(`terminal never matched ${re}; it shows:\n${last.split('\n').slice(-25).join('\n')}`);
}

/** Types a line into the active terminal as a person would, and presses Enter. */
export async function type(page, line) {
  await page.locator('.term-slot:not(.hidden) .xterm-helper-textarea').focus();
  await page.keyboard.type(line, { delay: 2 });
  await page.keyboard.press('Enter');
}

/** Types a command and waits for the tagged completion of the n-th auto tag. */
export async function command(page, line, status = 'OK') {
  const before = await page.evaluate(() => window.__mpp.app.active.tagCounter);
  await type(page, line);
  const tag = `a${before + 1}`;
  return waitText(page, new RegExp(`^${tag} ${status}\\b`, 'm'));
}

export async function login(page) {
  await command(page, 'LOGIN alice wonderland');
}

export function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

/** Pixel position of the last buffer row of the active terminal whose text matches `re` (scrolled into view), or null. */
export async function rowPoint(page, re) {
  return page.evaluate((src) => {
    const re = new RegExp(src);
    const key = window.__mpp.app.activeKey;
    const term = window.__mpp.terminals[key].term;
    const b = term.buffer.active;
    let row = -1;
    for (let i = b.length - 1; i >= 0; i--) if (re.test(b.getLine(i).translateToString(true))) { row = i; break; }
    if (row < 0) return null;
    term.scrollToLine(Math.max(0, row - 2));
    const screen = document.querySelector(`[data-session="${key}"] .xterm-screen`).getBoundingClientRect();
    const h = screen.height / term.rows;
    return { x: screen.left + 40, y: screen.top + (row - b.viewportY + 0.5) * h };
  }, re.source);
}

/** Opens a new tab on `host` from the top bar's host picker and waits for its greeting. */
export async function connectTo(page, host, greeting) {
  const before = await page.evaluate(() => window.__mpp.app.activeKey);
  await page.locator('#host-select').selectOption(host);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.waitForFunction((k) => window.__mpp.app.activeKey !== k, before);
  return waitText(page, greeting);
}

/** Starts a lesson from the course list (the page is open) and waits until it is running; returns the panel. */
export async function startLesson(page, id, title) {
  await page.waitForFunction(() => !!window.__mpp.lessons?.course);
  const panel = page.locator('#sidepanel-lessons');
  await panel.getByRole('button', { name: `Start lesson: ${title}` }).click();
  await page.waitForFunction((want) => window.__mpp.lessons.state.active === want && !window.__mpp.lessons.busy, id);
  return panel;
}


/** Opens the Inspector tab, clicks the last line whose button name matches `re`, and returns its detail panel. */
export async function inspectRow(page, re) {
  await page.getByRole('tab', { name: 'Inspector' }).click();
  const rows = page.locator('#sidepanel-inspector').getByRole('button', { name: re });
  await rows.last().click();
  return page.locator('#sidepanel-inspector .detail');
}
