// The terminal as a student meets it: literals, auto tags, tabs across reloads, screen-reader
// input, big responses. Everything is typed or clicked as a person would.
import { assert, command, login, open, text, type, waitText } from '../helpers.mjs';

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

export const tests = [
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
      assert(/tag/i.test(await text(page)) && /own tag/i.test(await text(page)), 'the welcome text explains manual tags');
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
];
