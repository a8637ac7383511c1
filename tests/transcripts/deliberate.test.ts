import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DELIBERATE } from './deliberate';

/** Every deliberate difference the comparison allows is explained in docs/fidelity.md. */
describe('deliberate differences are documented', () => {
  const doc = readFileSync(new URL('../../docs/fidelity.md', import.meta.url), 'utf8');
  for (const [transcript, entries] of Object.entries(DELIBERATE)) {
    it(transcript, () => {
      const short = transcript.split('-')[0];
      expect(doc.includes(transcript) || doc.includes(`; ${short} `)).toBe(true);
      for (const e of entries) expect(e.why.length).toBeGreaterThan(20);
    });
  }
});
