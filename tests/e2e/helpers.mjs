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
