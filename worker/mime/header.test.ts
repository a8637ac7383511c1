import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toCrlf } from '../store/load';
import { readHeaderFields } from './header';
import { parseMessage } from './parse';

const enc = new TextEncoder();

/** The header-only reader must give exactly the fields the full parser gives the root. */
describe('readHeaderFields', () => {
  const dir = new URL('../../content/scenarios/default/mail/', import.meta.url).pathname;
  for (const f of readdirSync(dir)) {
    it(`matches parseMessage on ${f}`, () => {
      const raw = toCrlf(new Uint8Array(readFileSync(dir + f)));
      expect(readHeaderFields(raw)).toEqual(parseMessage(raw).fields);
    });
  }
  for (const [name, text] of [
    ['bare LF', 'Subject: a\nFrom: b\n\nbody\n'],
    ['no blank line', 'Subject: only a header'],
    ['folded', 'Subject: one\r\n two\r\n\tthree\r\nX: y\r\n\r\n'],
    ['line without colon', 'Subject: a\r\nnot a field\r\n\r\nbody'],
    ['empty message', ''],
  ]) {
    it(`matches parseMessage: ${name}`, () => {
      const raw = enc.encode(text);
      expect(readHeaderFields(raw)).toEqual(parseMessage(raw).fields);
    });
  }
});
