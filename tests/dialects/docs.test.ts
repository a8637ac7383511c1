import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * docs/dialects.md: every row of the differences table names the tests that show it, and
 * every transcript it names exists (with its expected output), so the table cannot drift
 * away from what the servers do without a test noticing.
 */
const doc = readFileSync(new URL('../../docs/dialects.md', import.meta.url), 'utf8');
const root = new URL('../transcripts/', import.meta.url).pathname;
const OTHER = new Set(['cross', 'bridge', 'unit', 'dovecot']);

const rows = doc
  .split('\n')
  .filter((l) => l.startsWith('| ') && !l.startsWith('| ---') && !l.startsWith('| |'))
  .map((l) => l.split(' | ').map((c) => c.replace(/^\| ?| ?\|$/g, '').trim()));

describe('docs/dialects.md', () => {
  it('has a row per topic, each with a cell per dialect', () => {
    expect(rows.length).toBeGreaterThanOrEqual(25);
    for (const r of rows) expect(r.length, r[0]).toBe(8);
  });
  for (const r of rows) {
    it(`row "${r[0]}" is backed by tests that exist`, () => {
      const refs = r[7].split(',').map((s) => s.trim()).filter(Boolean);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        if (OTHER.has(ref)) continue;
        expect(existsSync(`${root}${ref}.txt`), `${ref}.txt`).toBe(true);
        expect(existsSync(`${root}${ref}.out`), `${ref}.out`).toBe(true);
      }
    });
  }
  it('is linked from the README', () => {
    expect(readFileSync(new URL('../../README.md', import.meta.url), 'utf8')).toContain('docs/dialects.md');
  });
});
