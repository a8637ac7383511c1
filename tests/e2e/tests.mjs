import { assert, command, connectTo, inspectRow, login, open, rowPoint, text, type, waitText, startLesson } from './helpers.mjs';

/** Each test gets a fresh browser context (its own IndexedDB) and a page. */
export const tests = [
  {
    name: 'log in, select and fetch',
    async run({ page, base, shot }) {
      await open(page, base);
      await login(page);
      const sel = await command(page, 'SELECT INBOX');
      assert(/\* \d+ EXISTS/.test(sel), 'SELECT shows EXISTS');
      const t = await command(page, 'FETCH 1 (FLAGS ENVELOPE)');
      assert(/\* 1 FETCH \(FLAGS/.test(t), 'FETCH response in the terminal');
      await shot('01-login-select-fetch');
    },
  },
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));


tests.push(
  {
    name: 'an IDLE update caused by a second connection appears without a key press',
    async run({ page, base, shot }) {
      await open(page, base);
      await login(page);
      await command(page, 'SELECT INBOX');
      await type(page, 'IDLE');
      await waitText(page, /^\+ idling/m);
      const first = await page.evaluate(() => window.__mpp.app.activeKey);
      await page.getByRole('button', { name: 'Another connection to the same host' }).click();
      await page.waitForFunction((k) => window.__mpp.app.activeKey !== k, first);
      await waitText(page, /\* OK/);
      await login(page);
      await command(page, 'SELECT INBOX');
      await command(page, 'STORE 3 +FLAGS (\\Flagged)');
      await command(page, 'COPY 1 INBOX');
      // Nothing is typed into the first tab: the server pushes while it idles.
      await page.waitForFunction(
        (k) => /\* 15 EXISTS/.test(window.__mpp.terminals[k].text()) && /\* 3 FETCH \(FLAGS \([^)]*\\Flagged/.test(window.__mpp.terminals[k].text()),
        first,
        { timeout: 8000 },
      );
      await page.getByRole('tab').first().click();
      await shot('02-idle-update');
      await page.getByRole('tab', { name: 'Network' }).click();
      await page.locator('#sidepanel-network').getByText('2×').waitFor();
      await shot('02b-network');
      await type(page, 'DONE');
      await waitText(page, /OK Idle completed|OK .*IDLE|a3 OK/);
    },
  },
  {
    name: 'clicking a terminal line explains it in the inspector',
    async run({ page, base, shot }) {
      await open(page, base);
      await login(page);
      await command(page, 'SELECT INBOX');
      await command(page, 'FETCH 4 (UID FLAGS ENVELOPE BODYSTRUCTURE)');
      const p = await rowPoint(page, /^\* 4 FETCH/);
      assert(p, 'FETCH line on screen');
      await page.mouse.click(p.x, p.y);
      const panel = page.locator('#sidepanel-inspector');
      await panel.getByText('FETCH 4').first().waitFor({ timeout: 5000 });
      const t = await panel.innerText();
      assert(/RFC 3501 §7\.4\.2/.test(t), 'the RFC section is shown');
      assert(/ENVELOPE value/.test(t) && /subject/.test(t), 'the envelope is labelled');
      assert(/multipart\/mixed/i.test(t), 'the body structure is explained');
      assert(/CRLF/.test(t), 'the wire view shows the line end');
      await shot('03-inspector');
      // The same from the keyboard-friendly list, for a client command.
      await panel.getByRole('button', { name: /a2 SELECT INBOX/ }).click();
      await panel.getByText('SELECT command').waitFor();
      assert(/mailbox name/.test(await panel.innerText()), 'arguments are named');
    },
  },
  {
    name: 'the inspector tells a section item (BODY[…]) from the structure item (BODY)',
    async run({ page, base }) {
      await open(page, base);
      await login(page);
      await command(page, 'SELECT INBOX');
      await command(page, 'FETCH 1 (BODY BODY.PEEK[HEADER.FIELDS (SUBJECT)])');
      const detail = await inspectRow(page, /\* 1 FETCH/);
      await detail.getByText('Message content', { exact: false }).waitFor();
      const t = await detail.innerText();
      assert((t.match(/short form of BODYSTRUCTURE/g) ?? []).length === 1, `only BODY is the structure item:\n${t}`);
    },
  },
  {
    name: 'compose in the editor and APPEND; a script runs step by step',
    async run({ page, base, shot }) {
      await open(page, base);
      await login(page);
      await page.getByRole('tab', { name: 'Editor' }).click();
      await page.waitForFunction(() => !!window.__mpp.compose, null, { timeout: 15_000 });
      await page.evaluate(() => window.__mpp.compose.setValue('Subject: from the editor\n\nLine one\nLine two\n'));
      await page.getByRole('button', { name: /APPEND to INBOX/ }).click();
      const t = await waitText(page, /APPENDUID/);
      assert(/APPEND "INBOX" \{48\}/.test(t), 'the APPEND line with its literal header (48 octets with CRLF)');
      assert(/^\+ OK/m.test(t), "the server's continuation is shown");
      assert(/Line two/.test(t), 'the literal is shown');
      await page.getByText(/^OK: a\d+ OK \[APPENDUID/).waitFor();
      await shot('04-editor-append');
      await page.getByRole('radio', { name: 'Script' }).check();
      await page.waitForFunction(() => !!window.__mpp.script);
      // Monarch colours asynchronously: wait for a keyword token.
      await page.waitForFunction(() => document.querySelectorAll('#sidepanel-editor .view-line span span').length > 8);
      const step = page.getByRole('button', { name: 'Step', exact: true });
      await step.click(); // LOGIN again: a NO or BAD is fine, it is the step that matters
      await step.click();
      await waitText(page, /SELECT INBOX[\s\S]*OK \[READ-WRITE\]/);
      await page.getByText(/line 4: SELECT INBOX → OK/).waitFor();
      await shot('04b-script');
    },
  },
  {
    name: 'a reload keeps the store, transcripts and history',
    async run({ page, base, shot }) {
      await open(page, base);
      await login(page);
      await command(page, 'SELECT INBOX');
      await command(page, 'STORE 3 +FLAGS (\\Flagged)');
      await page.evaluate(() => window.__mpp.flush());
      await page.reload();
      await page.waitForFunction(() => window.__mpp?.app?.ready === true);
      const t = await waitText(page, /Page reloaded/);
      assert(/a3 STORE 3 \+FLAGS/.test(t), 'the transcript is back');
      await waitText(page, /Page reloaded[\s\S]*\* OK/);
      await page.locator('.term-slot:not(.hidden) .xterm-helper-textarea').focus();
      await page.keyboard.press('ArrowUp');
      await waitText(page, /› STORE 3 \+FLAGS \(\\Flagged\)\s*$/);
      await page.keyboard.press('Control+c');
      await login(page);
      await command(page, 'SELECT INBOX');
      const f = await command(page, 'FETCH 3 FLAGS');
      assert(/\* 3 FETCH \(FLAGS \([^)]*\\Flagged/.test(f), 'the flag survived the reload');
      await shot('05-reload');
    },
  },
  {
    name: 'a shared URL replays the session',
    async run({ page, context, base, shot }) {
      await open(page, base);
      await login(page);
      await command(page, 'SELECT INBOX');
      await command(page, 'FETCH 2 (UID ENVELOPE)');
      const url = await page.evaluate(() => window.__mpp.app.shareUrl());
      assert(url.includes('#replay='), 'share URL has the transcript in the hash');
      const other = await context.browser().newContext();
      const p2 = await other.newPage();
      const errors = [];
      p2.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await p2.goto(url);
      await p2.getByRole('button', { name: 'Replay in a fresh sandbox' }).click();
      await waitText(p2, /\* 2 FETCH \(UID 2 ENVELOPE .*Meeting tomorrow/, 10_000);
      await waitText(p2, /Replay finished/);
      await p2.screenshot({ path: 'tests/e2e/screenshots/06-shared-replay.png' });
      assert(!(await p2.evaluate(() => location.hash)), 'the hash is cleared after reading');
      assert(!errors.length, `errors on the replay page: ${errors.join('; ')}`);
      await other.close();
      // A damaged link is refused politely.
      await page.goto(base + '#replay=AAAA');
      await page.getByText('That shared link is damaged').waitFor();
      await shot('06b-damaged-link');
    },
  },
  {
    name: 'escape sequences in mail are shown, never interpreted',
    async run({ page, base, shot }) {
      await open(page, base);
      await login(page);
      // The body is typed: Ctrl-Q inserts the next key as it is (ESC, then BEL as Ctrl-G).
      await type(page, 'APPEND INBOX {38}');
      await waitText(page, /^\+ OK/m);
      await type(page, 'Subject: esc');
      await type(page, '');
      const ta = page.locator('.term-slot:not(.hidden) .xterm-helper-textarea');
      await ta.focus();
      await page.keyboard.type('Red ');
      await page.keyboard.press('Control+q');
      await page.keyboard.press('Escape');
      await page.keyboard.type('[31mALERT');
      await page.keyboard.press('Control+q');
      await page.keyboard.press('Control+g');
      await page.keyboard.type(' text');
      await page.keyboard.press('Enter');
      await type(page, '');
      await waitText(page, /^a2 OK \[APPENDUID/m);
      await command(page, 'SELECT INBOX');
      const t = await command(page, 'FETCH * BODY[TEXT]');
      assert(/Red ␛\[31mALERT␇ text/.test(t), 'the escape and the bell are shown as stand-ins');
      // And the cells after the stand-in keep the default colour: nothing turned red.
      const same = await page.evaluate(() => {
        const term = window.__mpp.terminals[window.__mpp.app.activeKey].term;
        const b = term.buffer.active;
        for (let i = b.length - 1; i >= 0; i--) {
          const line = b.getLine(i);
          const s = line.translateToString(true);
          if (s.startsWith('Red ␛[31mALERT')) {
            const r = line.getCell(0);
            const a = line.getCell(s.indexOf('ALERT'));
            return r.getFgColor() === a.getFgColor() && r.getFgColorMode() === a.getFgColorMode();
          }
        }
        return null;
      });
      assert(same === true, `ALERT is drawn in the same colour as the text before it (${same})`);
      await shot('07-escapes-visible');
      // The state panel's source view shows the same stand-ins as text, never as markup.
      await page.getByRole('tab', { name: 'Mailboxes' }).click();
      await page.getByRole('button', { name: 'esc', exact: true }).click();
      const src = await page.locator('.source pre').innerText();
      assert(/Red ␛\[31mALERT␇ text/.test(src), 'source view shows stand-ins');
    },
  },
  {
    name: 'a stuck worker is restarted from the last snapshot and the terminal says so',
    async run({ page, base, shot }) {
      await open(page, base);
      await login(page);
      await command(page, 'SELECT INBOX');
      await command(page, 'STORE 3 +FLAGS (\\Flagged)');
      await page.evaluate(() => window.__mpp.flush());
      await page.evaluate(() => window.__mpp.app.engine.stall(8000));
      const t0 = Date.now();
      await waitText(page, /engine stopped answering/, 6000);
      const took = Date.now() - t0;
      assert(took < 4000, `noticed within ${took} ms`);
      await waitText(page, /engine stopped answering[\s\S]*\* OK/, 5000);
      await login(page);
      await command(page, 'SELECT INBOX');
      const f = await command(page, 'FETCH 3 FLAGS');
      assert(/\\Flagged/.test(f), 'the change made before the stall was kept');
      await shot('08-worker-restart');
    },
  },
  {
    name: 'line editor: completion, Ctrl-C, Ctrl-L, history',
    async run({ page, base }) {
      await open(page, base);
      const ta = page.locator('.term-slot:not(.hidden) .xterm-helper-textarea');
      await ta.focus();
      await page.keyboard.type('LOGI');
      await page.keyboard.press('Tab');
      await waitText(page, /› LOGIN $/m);
      await page.keyboard.type('alice wonderland');
      await page.keyboard.press('Enter');
      await waitText(page, /^a1 OK/m);
      await page.keyboard.type('sel');
      await page.keyboard.press('Tab');
      await page.keyboard.type('In');
      await page.keyboard.press('Tab');
      await waitText(page, /› select INBOX $/m);
      await page.keyboard.press('Enter');
      await waitText(page, /^a2 OK/m);
      await page.keyboard.type('FETCH 1 (ENV');
      await page.keyboard.press('Tab');
      await waitText(page, /› FETCH 1 \(ENVELOPE $/m);
      await page.keyboard.press('Control+c');
      await waitText(page, /FETCH 1 \(ENVELOPE \^C/);
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      await waitText(page, /› LOGIN alice wonderland\s*$/);
      await page.keyboard.press('Control+c');
      // Cursor movement: insert in the middle of the line.
      await page.keyboard.type('NOP');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.type('O');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await waitText(page, /^a3 OK/m);
      await page.keyboard.press('Control+l');
      await sleep(100);
      const t = await text(page);
      assert(!/a1 OK/.test(t.split('\n').slice(-3).join('\n')), 'Ctrl-L cleared the screen');
      // A multi-line paste runs line by line.
      await page.evaluate(() => {
        const dt = new DataTransfer();
        dt.setData('text/plain', 'NOOP\nCAPABILITY\n');
        document.querySelector('.term-slot:not(.hidden) .xterm-helper-textarea').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      });
      await waitText(page, /^a5 OK/m);
      // Tags can be switched off: then the line goes as typed.
      await page.getByLabel('Auto tags').uncheck();
      await type(page, 'x1 NOOP');
      await waitText(page, /^x1 OK/m);
      await type(page, 'NOOP');
      await waitText(page, /^NOOP BAD|^\* BAD|NOOP BAD/m);
      // Esc then Tab leaves the terminal (Tab alone completes).
      await page.locator('.term-slot:not(.hidden) .xterm-helper-textarea').focus();
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      const inTerm = await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea'));
      assert(!inTerm, 'focus left the terminal');
      // Screen-reader mode gives xterm's accessible buffer.
      await page.getByLabel('Screen reader').check();
      await page.locator('.xterm-accessibility-tree').first().waitFor({ state: 'attached' });
    },
    allowErrors: [],
  },
  {
    name: 'phone width, embed mode and dark theme',
    viewport: { width: 360, height: 740 },
    async run({ page, base, shot }) {
      await open(page, base);
      await page.getByRole('button', { name: 'LOGIN alice wonderland' }).click();
      await waitText(page, /^a1 OK/m);
      await page.getByRole('button', { name: 'SELECT INBOX' }).click();
      await waitText(page, /^a2 OK/m);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(overflow <= 360, `no horizontal scrolling at 360 px (width ${overflow})`);
      await page.locator('#mobile-line').fill('FETCH 1 ENVELOPE');
      await page.locator('#mobile-line').press('Enter');
      await waitText(page, /^a3 OK/m);
      await shot('09-phone');
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await shot('09b-phone-panels');
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto(base + '?embed=1');
      await page.waitForFunction(() => window.__mpp?.app?.ready === true);
      await waitText(page, /\* OK/);
      assert((await page.locator('.side').count()) === 0, 'embed mode shows only the terminal');
      await shot('09c-embed-dark');
    },
  },
  {
    name: 'works offline after the first visit',
    async run({ page, context, base, shot }) {
      await open(page, base);
      await page.evaluate(() => navigator.serviceWorker.ready);
      await page.reload();
      await page.waitForFunction(() => !!navigator.serviceWorker.controller);
      await context.setOffline(true);
      await page.reload();
      await page.waitForFunction(() => window.__mpp?.app?.ready === true, null, { timeout: 15_000 });
      await waitText(page, /\* OK/);
      await login(page);
      await shot('10-offline');
      await context.setOffline(false);
    },
  },
  {
    name: 'import validates files and nothing in them becomes markup',
    async run({ page, base, shot }) {
      await open(page, base);
      const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>\x1b[31mred\x07';
      const b64 = btoa(unescape(encodeURIComponent(evil)));
      const file = {
        format: 'mpp-export/1',
        exportedAt: '<b>now</b>',
        snapshot: null,
        tabs: [{ key: 'x"><img src=x onerror=alert(1)>', host: 'imap.north.example', tagCounter: 0, entries: [{ n: 1, dir: 'S', bytes: { $b64: b64 }, time: 0, kind: 'untagged' }] }],
        history: ['<img src=x onerror=alert(2)>'],
        settings: { theme: 'javascript:alert(1)', autoTag: 'yes' },
      };
      let dialogs = 0;
      page.on('dialog', (d) => {
        dialogs++;
        d.dismiss();
      });
      await page.locator('input[type=file]').setInputFiles({ name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
      await page.getByText('Imported.').waitFor();
      const t = await waitText(page, /<img src=x onerror/);
      assert(/␛\[31mred␇/.test(t), 'escapes in imported transcripts are shown as stand-ins');
      await page.getByRole('tab', { name: 'Inspector' }).click();
      await page.locator('#sidepanel-inspector').getByRole('button', { name: /<img/ }).first().click();
      await sleep(200);
      assert((await page.evaluate(() => window.__pwned)) === undefined, 'no script ran');
      assert((await page.locator('img').count()) === 0, 'no element was injected');
      assert(dialogs === 0, 'no dialog opened');
      const settings = await page.evaluate(() => ({ ...window.__mpp.app.settings }));
      assert(settings.theme === 'auto' && settings.autoTag === true, 'invalid settings fall back to defaults');
      await shot('11-import');
      // A file that is not ours is refused with a message.
      await page.locator('input[type=file]').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"other"}') });
      await page.getByText(/Not a playground file/).waitFor();
    },
  },
);

// --- IMSP, dialects and the network (issue 4 item 6, issue 5 item 7) ---------------------------


tests.push(
  {
    name: 'IMSP in the terminal: LOGIN, SET, the state panel and the inspector',
    async run({ page, base, shot }) {
      await open(page, base);
      await connectTo(page, 'imsp.example', /\* OK Cyrus IMSP version 1\.8 ready/);
      await login(page);
      await command(page, 'SET x.e2e.color teal');
      const g = await command(page, 'GET x.*');
      assert(/\* OPTION x\.e2e\.color teal \[READ-WRITE\]/.test(g), 'GET shows the option just set');
      // The state panel follows the IMSP tab; cyrus-1.8 keeps the change in the session until LOGOUT.
      await page.getByRole('tab', { name: 'Mailboxes' }).click();
      const panel = page.locator('#sidepanel-state');
      await panel.getByText('Not written back yet').waitFor();
      assert(/SET x\.e2e\.color teal/.test(await panel.innerText()), 'the pending SET is listed');
      assert(/x\.lab\.greeting[\s\S]*hello from the global options file/.test(await panel.innerText()), 'global options are shown');
      // Explain the OPTION line.
      const detail = await inspectRow(page, /\* OPTION x\.e2e\.color/);
      await detail.getByText('Untagged OPTION').waitFor();
      const t = await detail.innerText();
      assert(/IMSP §4\.6/.test(t), 'the IMSP section is referenced');
      assert(/You may SET this option/.test(t), 'the [READ-WRITE] code is explained');
      assert(/cyrus-1\.8/.test(t), 'the mode is named');
      await shot('12-imsp-inspector');
      await command(page, 'LOGOUT');
      await page.getByRole('tab', { name: 'Mailboxes' }).click();
      await page.locator('#sidepanel-state').getByRole('table', { name: 'Options of alice' }).getByText('teal').waitFor();
      const opts = await page.locator('#sidepanel-state').getByRole('table', { name: 'Options of alice' }).innerText();
      assert(/x\.e2e\.color\s+teal\s+W/.test(opts), `alice's option with its W marker (${opts})`);
      assert(!/Not written back yet/.test(await page.locator('#sidepanel-state').innerText()), 'nothing pending after LOGOUT');
      await page.locator('#sidepanel-state').getByText('White Rabbit').waitFor();
      await shot('12b-imsp-state');
    },
  },
  {
    name: 'switch dialects: IMAP2 greeting, draft-1995 location table, phone width',
    async run({ page, base, shot }) {
      await open(page, base);
      await page.getByRole('tab', { name: 'Network' }).click();
      const net = page.locator('#sidepanel-network');
      // The shared store's counts, in English (bob has one mailbox with one message).
      const store = await net.locator('svg .store').textContent();
      assert(/bob: 1 mailbox, 1 msg(?!s)/.test(store), `singular counts: ${store}`);
      const north = net.getByLabel('Dialect of imap.north.example');
      const choices = await north.locator('option').allTextContents();
      assert(choices.some((c) => c.startsWith('imap2')), `imap2 is offered (${choices.join(' | ')})`);
      await north.selectOption('imap2');
      await net.getByText('imap.north.example now speaks imap2').waitFor();
      assert(/imap\.north\.exampleIMAP · imap2/.test(await net.locator('svg').textContent()), 'the diagram shows the new dialect');
      await net.getByRole('button', { name: 'Connect to imap.north.example' }).click();
      await waitText(page, /^\* OK imap\.north\.example IMAP2 service ready/m);
      await login(page);
      const f = await command(page, 'FIND MAILBOXES *');
      assert(/^\* MAILBOX Work/m.test(f), 'FIND answers * MAILBOX');
      const detail = await inspectRow(page, /\* MAILBOX Work$/);
      await detail.getByText('Untagged MAILBOX').waitFor();
      assert(/RFC 1176/.test(await detail.innerText()), 'explained from RFC 1176');
      await shot('13a-imap2-inspector');
      // IMSP in draft-1995: the mailbox location table.
      await page.getByRole('tab', { name: 'Network' }).click();
      await net.getByLabel('Mode of imsp.example').selectOption('draft-1995');
      await net.getByText('mailbox layer reconstructed').first().waitFor();
      await net.getByRole('button', { name: 'Connect to imsp.example' }).click();
      await waitText(page, /draft-1995 mode: the mailbox layer is reconstructed/);
      await login(page);
      await command(page, 'CREATE Plans imap.south.example');
      const l = await command(page, 'LIST "" *');
      assert(/^\* LIST \(\\\w+\) "\/" Plans \(imap\.south\.example\)$/m.test(l), 'LIST gives the location');
      const d2 = await inspectRow(page, /\* LIST .*Plans/);
      await d2.getByText('Reconstructed.', { exact: true }).waitFor();
      assert(/IMSP §11/.test(await d2.innerText()), 'the location field refers to the table');
      await page.getByRole('tab', { name: 'Network' }).click();
      await net.getByRole('region', { name: 'Mailboxes the table puts on imap.south.example' }).getByText('Plans').waitFor();
      await shot('13-network-dialects');
      // The choice survives a reload.
      await page.evaluate(() => window.__mpp.flush());
      await page.reload();
      await page.waitForFunction(() => window.__mpp?.app?.ready === true);
      await page.waitForFunction(() => window.__mpp.app.hosts.find((h) => h.name === 'imap.north.example')?.dialect === 'imap2');
      // Phone width: the network panel and the IMSP state fit.
      await page.setViewportSize({ width: 360, height: 740 });
      await page.getByRole('tab', { name: 'Network' }).click();
      await page.locator('#sidepanel-network').scrollIntoViewIfNeeded();
      const w = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(w <= 360, `no horizontal scrolling at 360 px (width ${w})`);
      await page.locator('#sidepanel-network').screenshot({ path: 'tests/e2e/screenshots/13b-network-phone.png' });
      await page.getByRole('tab', { name: 'Mailboxes' }).click();
      await page.getByLabel('IMSP options & address books').check();
      await page.locator('#sidepanel-state').getByRole('heading', { name: /Global options/ }).waitFor();
      await page.locator('#sidepanel-state').getByText('hello from the global options file').waitFor();
      const w2 = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(w2 <= 360, `IMSP state fits at 360 px (width ${w2})`);
      await page.locator('#sidepanel-state').screenshot({ path: 'tests/e2e/screenshots/13c-imsp-state-phone.png' });
    },
  },
);

// --- lessons (issue 6) ---------------------------------------------------------------------

/** The lesson controller's step, read from the page. */
const lessonStep = (page) => page.evaluate(() => window.__mpp.lessons.step);

tests.push(
  {
    name: 'a lesson completed in the browser by typing, with feedback, progress kept over a reload',
    async run({ page, base, shot }) {
      await open(page, base);
      const panel = await startLesson(page, 'mail-access', 'What a mail-access protocol is');
      await waitText(page, /\* OK/);
      // Step 1 by "Show me": it types the command; the student presses Enter.
      await panel.getByRole('button', { name: 'Show me' }).click();
      await waitText(page, /› CAPABILITY\s*$/);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => window.__mpp.lessons.step === 1);
      // Step 2: a wrong password first — the check says which part failed.
      await command(page, 'LOGIN alice rabbit', 'NO');
      await panel.getByText('Not yet.').waitFor();
      const fb = await panel.locator('.feedback').innerText();
      assert(/answer OK/.test(fb) && /AUTHENTICATIONFAILED/.test(fb), `feedback names the failed part: ${fb}`);
      assert((await lessonStep(page)) === 1, 'a wrong answer does not advance');
      await shot('14-lesson-feedback');
      await command(page, 'LOGIN alice wonderland');
      await page.waitForFunction(() => window.__mpp.lessons.step === 2);
      // Step 3: another right answer than the suggested one is accepted.
      await command(page, 'LIST "" "*"');
      await page.waitForFunction(() => window.__mpp.lessons.step === 3);
      await command(page, 'STATUS inbox (UNSEEN MESSAGES)');
      await page.waitForFunction(() => window.__mpp.lessons.step === 4);
      await type(page, 'LOGOUT');
      await page.waitForFunction(() => window.__mpp.lessons.step === 5);
      await panel.getByText('✓ Lesson complete.').waitFor();
      await shot('14b-lesson-complete');
      // Progress is saved with the rest of the page's state.
      await page.evaluate(() => window.__mpp.flush());
      await page.reload();
      await page.waitForFunction(() => window.__mpp?.lessons?.course && window.__mpp.app.ready);
      const p = await page.evaluate(() => window.__mpp.lessons.state.progress['mail-access']);
      assert(p && p.done === true, `progress survived the reload: ${JSON.stringify(p)}`);
      await page.locator('#sidepanel-lessons').getByRole('button', { name: 'Course' }).click();
      await page.locator('#sidepanel-lessons').getByRole('button', { name: 'Leave it (sandbox)' }).click();
      await page.waitForFunction(() => window.__mpp.lessons.state.active === null && !window.__mpp.lessons.busy);
      assert(await page.locator('#sidepanel-lessons .mark.done').first().isVisible(), 'the course list marks the lesson done');
      await shot('14c-course-list');
    },
  },
  {
    name: 'a two-connection lesson switches host dialects; the timeline and embed mode show the course',
    async run({ page, base, shot }) {
      await open(page, base);
      const panel = await startLesson(page, 'imap3-counter-proposal', 'IMAP3: the counter-proposal that went Historic');
      const south = await page.evaluate(() => window.__mpp.app.hosts.find((h) => h.dialect === 'imap3')?.name);
      assert(south, 'a host was switched to IMAP3 for the lesson');
      await waitText(page, /IMAP3/);
      await command(page, 'SUPPORTED.VERSIONS');
      await page.waitForFunction(() => window.__mpp.lessons.step === 1);
      await panel.getByRole('button', { name: 'Timeline' }).click();
      await panel.getByRole('cell', { name: 'RFC 1203, IMAP3 (James Rice, Stanford)', exact: false }).first().waitFor();
      assert((await panel.locator('svg[aria-label^="Timeline"]').count()) === 1, 'the timeline is drawn');
      await shot('15-timeline');
      // Leaving gives the sandbox back: the host speaks its old dialect again.
      await panel.getByRole('button', { name: 'Course' }).click();
      await panel.getByRole('button', { name: 'Leave it (sandbox)' }).click();
      await page.waitForFunction(() => window.__mpp.lessons.state.active === null && !window.__mpp.lessons.busy);
      assert(await page.evaluate(() => !window.__mpp.app.hosts.some((h) => h.dialect === 'imap3')), 'dialects restored');
      // Embed mode: the terminal and one lesson.
      await page.goto(base + '?embed=1&lesson=imap4-tags-states');
      await page.waitForFunction(() => window.__mpp?.lessons?.state.active === 'imap4-tags-states' && !window.__mpp.lessons.busy, null, { timeout: 15_000 });
      assert((await page.locator('.side').count()) === 0, 'no side panels in embed mode');
      await page.locator('.embed-lesson').getByText('IMAP4: tags and the four states').first().waitFor();
      assert((await page.locator('.embed-lesson svg[aria-label^="State diagram"]').count()) === 1, 'the state diagram is drawn');
      await shot('15b-embed-lesson');
    },
  },
);
