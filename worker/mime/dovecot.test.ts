/**
 * Byte-for-byte comparison with Dovecot 2.3.19: for every message of the lab fixtures (alice's
 * INBOX, Work, Work/Projects, Archive) and for a corpus of malformed/edge-case messages, the
 * recorded FETCH answers (__fixtures__/dovecot-*.json, made by __fixtures__/record-dovecot.mjs)
 * must equal what the MIME layer + encoder produce.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crlf, ourResponse, parseMessage, recordedMessages } from './__fixtures__/golden';

const loadRecording = (name: string) =>
  recordedMessages(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

const fixture = (name: string) =>
  crlf(readFileSync(new URL(`../../content/scenarios/default/mail/${name}`, import.meta.url)));

describe('Dovecot golden: lab fixtures', () => {
  for (const msg of loadRecording('dovecot-fixtures.json')) {
    describe(`${msg.mailbox} #${msg.seq} ${msg.source}`, () => {
      const raw = fixture(msg.source);
      const root = parseMessage(raw);
      for (const r of msg.responses) {
        it(r.items, () => {
          expect(ourResponse(raw, root, msg.seq, r.items)).toBe(r.response);
        });
      }
    });
  }
});

describe('Dovecot golden: edge cases', () => {
  for (const msg of existsSync(new URL('./__fixtures__/dovecot-edge.json', import.meta.url)) ? loadRecording('dovecot-edge.json') : []) {
    describe(msg.source, () => {
      const raw = new Uint8Array(readFileSync(new URL(`./__fixtures__/${msg.source}`, import.meta.url)));
      const root = parseMessage(raw);
      for (const r of msg.responses) {
        it(r.items, () => {
          expect(ourResponse(raw, root, msg.seq, r.items)).toBe(r.response);
        });
      }
    });
  }
});
