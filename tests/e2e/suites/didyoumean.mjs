// A refused command word gets a note in the playground's voice under the server's own answer:
// the command the student probably meant, or the era the command belongs to. The server's
// bytes are unchanged.
import { assert, command, connectTo, login, open, text, type, waitText } from '../helpers.mjs';

export const tests = [
  {
    name: 'did you mean: SELCT on IMAP4rev1 gets the server BAD, then "Did you mean SELECT?"',
    async run({ page, base, shot }) {
      await open(page, base);
      await login(page);
      await command(page, 'SELCT INBOX', 'BAD');
      await waitText(page, /Did you mean SELECT\?/);
      const t = await text(page);
      assert(/^a2 BAD .*Unknown command/m.test(t), `the server's own refusal is shown first:\n${t.slice(-400)}`);
      assert(t.indexOf('Did you mean SELECT?') > t.lastIndexOf('a2 BAD'), 'the note comes after the refusal');
      // A right command, or a wrong argument to a real one, gets no note.
      await command(page, 'SELECT NoSuchBox', 'NO');
      await command(page, 'FETCH', 'BAD');
      assert((await text(page)).split('Did you mean').length === 2, 'only the misspelt word got a note');
      await shot('didyoumean');
    },
  },
  {
    name: 'did you mean: FIND on IMAP4rev1 is named as IMAP2-era; UID on IMAP2 as a later era',
    async run({ page, base }) {
      await open(page, base);
      await login(page);
      await command(page, 'FIND MAILBOXES *', 'BAD');
      await waitText(page, /FIND is not a command of IMAP4rev1[^\n]*IMAP2/);
      await connectTo(page, 'imap.south.example', /\* OK/);
      await command(page, 'LOGIN alice wonderland');
      await type(page, 'UID FETCH 1 FLAGS');
      await waitText(page, /UID is not a command of IMAP2[^\n]*IMAP4/);
      // An IMAP host's note names IMAP eras first, not IMSP, whose CAPABILITY came later.
      await type(page, 'CAPABILITY');
      await waitText(page, /CAPABILITY is not a command of IMAP2 \(RFC 1176\); it is in IMAP4rev2 \(RFC 9051\),\s+IMAP4rev1/);
    },
  },
  {
    name: 'did you mean: POP3 -ERR for RETRR suggests RETR',
    async run({ page, base }) {
      await open(page, base);
      await connectTo(page, 'pop.example', /\+OK/);
      await type(page, 'RETRR 1');
      await waitText(page, /-ERR/);
      await waitText(page, /Did you mean RETR\?/);
      // An IMAP command on POP3 is sent to the eras a student knows, in plain words. (CAPA
      // first: a known command resets the count of bad ones, which would end the session.)
      await type(page, 'CAPA');
      await waitText(page, /^\.$/m);
      await type(page, 'SELECT INBOX');
      await waitText(page, /SELECT is not a command of POP3 \(RFC 1939\); it is in IMAP4rev2 \(RFC 9051\),\s+IMAP4rev1 \(RFC 3501\)/);
      assert(!/version 2\.0 until/.test(await text(page)), 'no dialect state in the list of eras');
    },
  },
];
