// The terminal as a student meets it: literals, auto tags, tabs across reloads, screen-reader
// input, big responses. Everything is typed or clicked as a person would.
import { assert, command, login, open, rowPoint, text, type, waitText } from '../helpers.mjs';

/** The last non-empty row of the active terminal: the prompt and what is typed after it. */
async function promptRow(page) {
  const t = await text(page);
  return t.split('\n').filter((l) => l.trim()).pop() ?? '';
}

/** Polls until the prompt row matches. */
async function waitPrompt(page, re, timeout = 5000) {
  const end = Date.now() + timeout;
  let last = '';
  while (Date.now() < end) {
    last = await promptRow(page);
    if (re.test(last)) return last;
    await page.waitForTimeout(40);
  }
  throw new Error(`prompt never matched ${re}; it shows: ${JSON.stringify(last)}`);
}

/** Clicks the last row of the active terminal whose text matches `re` (the inspector opens it). */
async function clickRow(page, re) {
  const p = await rowPoint(page, re);
  assert(p, `no terminal row matches ${re}`);
  await page.mouse.click(p.x, p.y);
}

/** Pastes text into the active terminal (Ctrl-V as a person would; bracketed paste). */
async function paste(page, s) {
  await page.locator('.term-slot:not(.hidden) .xterm-helper-textarea').focus();
  await page.keyboard.insertText(s);
}

export const tests = [
  {
    name: 'terminal: a LOGIN and a SELECT sent with literals set the prompt to the user and mailbox they name',
    async run({ page, base }) {
      await open(page, base);
      await type(page, 'LOGIN {5}');
      await waitText(page, /^\+ /m);
      await type(page, 'alice {10}');
      await waitPrompt(page, /10 octets/);
      await type(page, 'wonderland');
      await waitText(page, /^a1 OK/m);
      await waitPrompt(page, /^alice@north ›/);
      await type(page, 'SELECT {5}');
      await waitPrompt(page, /5 octets/);
      await type(page, 'INBOX');
      await waitText(page, /^a2 OK/m);
      await waitPrompt(page, /^alice@north INBOX ›/);
    },
  },
  {
    name: 'terminal: a literal that ends on a line break leaves the command visibly open',
    async run({ page, base }) {
      await open(page, base);
      await login(page);
      await type(page, 'APPEND INBOX {18}');
      await waitText(page, /^\+ OK/m);
      // The prompt counts the octets still owed, line ends included.
      await waitPrompt(page, /18 octets/);
      await type(page, 'Subject: hi');
      await waitPrompt(page, /\b5 octets/);
      await type(page, '');
      await waitPrompt(page, /\b3 octets/);
      await type(page, 'x');
      // All 18 octets are sent, yet the APPEND line is not finished: the prompt must say so.
      const open1 = await waitPrompt(page, /still open.*Enter ends it/i);
      assert(!/alice@north ›/.test(open1), `the prompt looks idle: ${open1}`);
      // No suggested command while the APPEND is open: a click would send it as part of the APPEND.
      assert((await page.getByRole('navigation', { name: 'Suggested commands' }).count()) === 0, 'suggestions offered mid-command');
      await type(page, '');
      await waitText(page, /^a2 OK \[APPENDUID/m);
      await waitPrompt(page, /alice@north ›/);
      await command(page, 'NOOP');
    },
  },
  {
    name: 'terminal: with auto tags a typo in the first word gets a tag; a deliberate tag stays',
    async run({ page, base }) {
      await open(page, base);
      await type(page, 'CAPABILITES');
      const t = await waitText(page, /^a1 BAD/m);
      assert(!/^CAPABILITES BAD/m.test(t), 'the typo was taken as a tag');
      assert(/^a1 CAPABILITES$/m.test(t), 'the typo went out with an auto tag');
      // A tag typed on purpose: a first word followed by a command of the dialect.
      await type(page, 'x1 CAPABILITY');
      await waitText(page, /^x1 OK/m);
      await type(page, 'mytag NOOP');
      await waitText(page, /^mytag OK/m);
      // The welcome text explains the rule.
      // (Read as prose: the note is reflowed over rows.)
      const prose = (await text(page)).replace(/\s+/g, ' ');
      assert(/tags are added for you/i.test(prose) && /choose your own, type it first/i.test(prose), 'the welcome text explains manual tags');
    },
  },
  {
    name: 'terminal: SELECT "INBOX (BAD) keeps INBOX selected, in the engine and at the prompt',
    async run({ page, base }) {
      await open(page, base);
      await login(page);
      await command(page, 'SELECT INBOX');
      await waitPrompt(page, /alice@north INBOX ›/);
      const t = await command(page, 'SELECT "INBOX', 'BAD');
      assert(!/CLOSED/.test(t.split(/SELECT "INBOX/).pop()), 'no [CLOSED] after the BAD');
      await waitPrompt(page, /alice@north INBOX ›/);
      await command(page, 'FETCH 1 FLAGS');
    },
  },
  {
    name: 'terminal: the inspector decodes AUTHENTICATE PLAIN to alice / wonderland, with a warning',
    async run({ page, base }) {
      await open(page, base);
      await type(page, 'AUTHENTICATE PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=');
      await waitText(page, /^a1 OK/m);
      await type(page, 'LOGOUT');
      await waitText(page, /^a2 OK/m);
      await clickRow(page, /^a1 AUTHENTICATE PLAIN/);
      const panel = page.locator('#sidepanel-inspector');
      await panel.getByText(/alice \/ wonderland/).first().waitFor({ timeout: 5000 });
      const t = await panel.innerText();
      assert(/user name\s+alice/.test(t) && /password\s+wonderland/.test(t), `decoded fields shown:\n${t}`);
      assert(/not encryption/i.test(t), 'the warning that base64 is not encryption');
      // The LOGIN mechanism, answered line by line after +: each answer decoded; the prompt knows the user.
      await waitPrompt(page, /closed: Enter reconnects/);
      await type(page, '');
      await waitPrompt(page, /^north ›/);
      await type(page, 'AUTHENTICATE LOGIN');
      await waitText(page, /^\+ VXNlcm5hbWU6/m);
      await type(page, 'Ym9i');
      await waitText(page, /^\+ UGFzc3dvcmQ6/m);
      await type(page, 'YnVpbGRlcg==');
      await waitText(page, /^a\d+ OK/m);
      await waitPrompt(page, /bob@north ›/);
      await clickRow(page, /^YnVpbGRlcg==/);
      await panel.getByText(/the password builder/).first().waitFor({ timeout: 5000 });
    },
  },
  {
    name: 'terminal: the inspector survives a line nested 2,000 levels deep and keeps entries apart',
    async run({ page, base, errors }) {
      await open(page, base);
      await login(page);
      await paste(page, `FETCH 1 ${'('.repeat(2000)}FLAGS${')'.repeat(2000)}`);
      await page.keyboard.press('Enter');
      await waitText(page, /^a2 BAD/m);
      await clickRow(page, /^a2 FETCH 1 \(\(\(/);
      const panel = page.locator('#sidepanel-inspector');
      await panel.getByText('FETCH command').first().waitFor({ timeout: 5000 });
      assert(/nested deeper than 64 levels/.test(await panel.textContent()), 'the deep part is summarised (in a folded branch)');
      // Another line afterwards shows only that line.
      await clickRow(page, /^a1 OK/);
      await panel.getByText('Command a1 completed: OK').waitFor({ timeout: 5000 });
      assert(!/FETCH command/.test(await panel.locator('.detail').innerText()), 'the old entry is gone from the detail');
      assert(!errors.some((e) => /RangeError|Maximum call stack/.test(e)), errors.join('\n'));
    },
  },
  {
    name: 'terminal: the state panel shows a right-to-left override in a mailbox name as a stand-in',
    async run({ page, base }) {
      await open(page, base);
      await login(page);
      await command(page, 'CREATE "&IC4-gpj.exe"');
      await page.getByRole('tab', { name: 'Mailboxes' }).click();
      const tree = page.locator('#sidepanel-state').getByRole('list', { name: 'Mailboxes' });
      await tree.getByText('<U+202E>gpj.exe').waitFor({ timeout: 5000 });
      const t = await page.locator('#sidepanel-state').innerText();
      assert(!t.includes('\u202e'), 'no raw U+202E reaches the page');
    },
  },
  {
    name: 'terminal: Connect reuses the host’s tab, a closed tab stays closed across a reload',
    async run({ page, base }) {
      await open(page, base);
      const tabs = () => page.getByRole('tablist', { name: 'Connections' }).getByRole('tab').count();
      // Connect to the host already open: no second tab.
      await page.locator('#host-select').selectOption('imap.north.example');
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.waitForTimeout(300);
      assert((await tabs()) === 1, `Connect added tabs: ${await tabs()}`);
      // "+" is the way to a second connection; closing it and reloading at once must not bring it back.
      await page.getByRole('button', { name: 'Another connection to the same host' }).click();
      await page.waitForFunction(() => window.__mpp.app.sessions.length === 2);
      await waitText(page, /\* OK/);
      await page.getByRole('button', { name: /^Close connection/ }).last().click();
      await page.waitForFunction(() => window.__mpp.app.sessions.length === 1);
      await page.reload();
      await page.waitForFunction(() => window.__mpp?.app?.ready === true);
      await page.waitForTimeout(300);
      assert((await tabs()) === 1, `the closed tab came back: ${await tabs()} tabs`);
      // A connection the server closed (LOGOUT) comes back closed, not reconnected.
      await login(page);
      await command(page, 'LOGOUT');
      await waitPrompt(page, /closed: Enter reconnects/);
      await page.reload();
      await page.waitForFunction(() => window.__mpp?.app?.ready === true);
      await waitText(page, /a2 OK/);
      await page.waitForTimeout(500);
      await waitPrompt(page, /closed: Enter reconnects/);
      const status = await page.evaluate(() => window.__mpp.app.sessions.map((s) => s.status));
      assert(status.join() === 'closed', `after reload: ${status}`);
    },
  },
  {
    name: 'terminal: reloads do not pile up notes and greetings in the scrollback',
    async run({ page, base }) {
      await open(page, base);
      await login(page);
      for (let i = 0; i < 3; i++) {
        await page.reload();
        await page.waitForFunction(() => window.__mpp?.app?.ready === true);
        await waitText(page, /Page reloaded[\s\S]*\* OK/);
      }
      const t = await text(page);
      const notes = t.match(/Page reloaded/g)?.length ?? 0;
      const greetings = t.match(/^\* OK \[CAPABILITY/gm)?.length ?? 0;
      assert(notes === 1, `${notes} "Page reloaded" notes`);
      assert(greetings === 2, `${greetings} greetings (the first and the one after the reload)`);
      assert(/a1 OK/.test(t), 'the transcript is kept');
    },
  },
  {
    name: 'terminal: many tabs scroll inside the strip; "+" and "Type here" stay visible',
    async run({ page, base }) {
      await open(page, base);
      const plus = page.getByRole('button', { name: 'Another connection to the same host' });
      for (let i = 0; i < 14; i++) await plus.click();
      await page.waitForFunction(() => window.__mpp.app.sessions.length === 15);
      for (const b of [plus, page.getByRole('button', { name: /Type here/ })]) {
        const box = await b.boundingBox();
        assert(box && box.x >= 0 && box.x + box.width <= 1280, `button off screen: ${JSON.stringify(box)}`);
        const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('button')?.textContent ?? '', { x: box.x + box.width / 2, y: box.y + box.height / 2 });
        assert(hit.trim() === (await b.textContent()).trim(), `something covers the button: ${hit}`);
      }
      const doc = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(doc <= 1280, `the page scrolls sideways: ${doc}px`);
    },
  },
  {
    name: 'terminal: screen-reader mode gives a plain command line and announces each response once',
    async run({ page, base }) {
      await open(page, base);
      await page.getByLabel('Screen reader').check();
      const line = page.getByRole('textbox', { name: /^Command line/ });
      await line.waitFor({ state: 'visible', timeout: 3000 });
      const log = page.getByRole('log', { name: /Responses from imap\.north\.example/ });
      // Count what reaches any live region while a command is typed key by key.
      await page.evaluate(() => {
        window.__liveChanges = 0;
        const obs = new MutationObserver((ms) => (window.__liveChanges += ms.length));
        for (const el of document.querySelectorAll('[aria-live]:not([aria-live="off"])')) obs.observe(el, { childList: true, subtree: true, characterData: true });
      });
      await line.click();
      await page.keyboard.type('LOGIN alice wonderland', { delay: 5 });
      assert((await page.evaluate(() => window.__liveChanges)) === 0, 'typing was announced');
      await page.keyboard.press('Enter');
      await waitText(page, /^a1 OK/m);
      await page.waitForTimeout(200);
      const spoken = await log.textContent();
      assert((spoken.match(/Logged in/g) ?? []).length === 1, `announced: ${spoken}`);
      assert(!/LOGIN alice wonderland/.test(spoken), 'the typed line is not read back');
      // xterm's accessible rows are there to read back; its own live region is muted.
      await page.locator('.xterm-accessibility-tree').first().waitFor({ state: 'attached' });
      const xtermLive = await page.evaluate(() => [...document.querySelectorAll('.xterm [aria-live]:not([aria-live="off"])')].length);
      assert(xtermLive === 0, 'xterm announces what it draws (the prompt on every key)');
      // The field's name says what the connection waits for, e.g. a literal's octets.
      await line.fill('APPEND INBOX {5}');
      await page.keyboard.press('Enter');
      await page.getByRole('textbox', { name: /literal: 5 octets to go/ }).waitFor({ timeout: 3000 });
      await line.fill('hi!');
      await page.keyboard.press('Enter');
      await page.getByRole('textbox', { name: /still open/ }).waitFor({ timeout: 3000 });
      await page.keyboard.press('Enter');
      await waitText(page, /^a2 OK \[APPENDUID/m);
      // ↑ recalls the last line.
      await page.keyboard.press('ArrowUp');
      assert((await line.inputValue()) !== '', 'history recall');
    },
  },
];
