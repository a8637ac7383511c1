import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DialectName } from '../../worker/imap/dialect';
import { TestClient } from '../engine/helpers';
import { dialectNetwork } from './fixture';

/**
 * Every dialect, like rev1 (tests/engine/robustness.test.ts): any command line gets exactly
 * one tagged completion, random bytes never throw, and (IMAP3) tagged data never stands in
 * for a completion.
 */
const COMMANDS = [
  'NOOP', 'LOGIN', 'SELECT', 'EXAMINE', 'BBOARD', 'FIND', 'CHECK', 'EXPUNGE', 'COPY', 'FETCH', 'STORE', 'SEARCH', 'PARTIAL',
  'LIST', 'LSUB', 'SUBSCRIBE', 'UID', 'CAPABILITY', 'SUPPORTED.VERSIONS', 'SELECT.FEATURES', 'READONLY', 'READWRITE',
  'FLAGS', 'SET.FLAGS', 'STATUS', 'CREATE', 'RENAME', 'MOVE', 'ENABLE', 'APPEND', 'DELETE', 'UNSUBSCRIBE',
];
const ARGS = [
  '1', '*', '1:3', '0', '$', '(', ')', '"', '"x"', 'INBOX', 'Work', 'MAILBOXES', 'ALL.MAILBOXES', 'BBOARDS', 'comp.mail.imap',
  '\\Seen', '\\Draft', '+FLAGS', '-FLAGS.SILENT', 'BODY[1.2]', 'BODY[0]', 'BODY.PEEK[3.0]', 'RFC822.HEADER.LINES', 'RFC822.PEEK',
  '$SUBJECT', 'APPARENTLY-TO', '~SEEN', 'HEADER', 'SINCE', '1-Oct-87', '32-Jan-24', 'RETURN', '(MIN', 'SAVE)', 'BINARY[1]',
  'AUTO.SET.SEEN', '~TAGGED.SOLICITED', 'NEW.MAIL.NOTIFY', 'ALL', 'FAST', 'FULL', '%', '?', 'NIL', '""', '\x00', '\xff',
  'MAILBOX', 'BBOARD', 'ALL.BBOARDS', '" 9-Jun-88 12:55:44 PDT"', '"9-Jun-88"', 'BODY[1]', 'BODY',
];
const DIALECTS: DialectName[] = ['imap2', 'imap2bis', 'imap3', 'imap4', 'imap4rev2'];

const line = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9]{1,6}$/), fc.constantFrom(...COMMANDS), fc.array(fc.oneof(fc.constantFrom(...ARGS), fc.string({ maxLength: 6 })), { maxLength: 6 }))
  .map(([tag, cmd, args]) => ({ tag, text: [tag, cmd, ...args].join(' ') }));

const completions = (out: string, tag: string) => out.split('\r\n').filter((l) => /^(OK|NO|BAD)( |$)/.test(l.slice(tag.length + 1)) && l.startsWith(tag + ' ')).length;

describe.each(DIALECTS)('%s robustness', (d) => {
  it('answers every command line with exactly one tagged completion', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(line, { minLength: 1, maxLength: 8 }), (v3, lines) => {
        const c = new TestClient(dialectNetwork([d]), `imap.${d}.example`);
        if (v3) c.cmd('v SELECT.VERSION (3 0)');
        c.cmd('l LOGIN alice wonderland');
        c.cmd('s SELECT INBOX');
        for (const { tag, text } of lines) {
          if (/\{\d+\+?\}$/.test(text) || /[\r\n]/.test(text)) continue;
          const out = c.cmd(text);
          if (c.closed) return;
          expect(completions(out, tag), `${JSON.stringify(text)} → ${JSON.stringify(out)}`).toBe(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on random bytes in any chunking', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 16 }), (chunks) => {
        const c = new TestClient(dialectNetwork([d]), `imap.${d}.example`);
        c.cmd('l LOGIN alice wonderland');
        for (const ch of chunks) c.raw(ch);
        c.cmd('\r\nz NOOP');
      }),
      { numRuns: 150 },
    );
  });
});
