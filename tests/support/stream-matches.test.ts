import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { streamMatches } from './stream-matches';

describe('streamMatches: counting responses as they stream past', () => {
  const stream = Array.from({ length: 50 }, (_, i) => `* ${i + 1} FETCH (BODY[] {3}\r\nabc)\r\n`).join('') + 'f OK done\r\n';

  it('counts each response once however the stream is cut', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(stream.length), { maxLength: 40 }), (cuts) => {
        const at = [...new Set([0, ...cuts, stream.length])].sort((a, b) => a - b);
        const seen: string[] = [];
        const feed = streamMatches(/\r\n\* (\d+) FETCH /g, 40, (m) => seen.push(m[1]), '\r\n');
        for (let k = 1; k < at.length; k++) feed(stream.slice(at[k - 1], at[k]));
        expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => String(i + 1)));
      }),
    );
  });

  it('the naive count (every match in tail + chunk) counts some twice', () => {
    // The flaw the helper exists for: a short chunk leaves a whole match inside the tail.
    let tail = '\r\n';
    let naive = 0;
    for (const chunk of [stream.slice(0, 40), stream.slice(40, 45), stream.slice(45)]) {
      const text = tail + chunk;
      naive += text.match(/\r\n\* \d+ FETCH /g)?.length ?? 0;
      tail = text.slice(-40);
    }
    expect(naive).toBeGreaterThan(50);
  });
});
