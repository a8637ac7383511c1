import { describe, expect, it } from 'vitest';
import { MAX_TABS, salvageTabs } from '../../web/persist/saved';

const tab = (key: string) => ({ key, host: 'imap.north.example', tagCounter: 3, entries: [{ n: 1, dir: 'C', bytes: new Uint8Array([0x61]), time: 0 }] });

describe('saved tabs after a reload', () => {
  it('one damaged tab costs only that tab', () => {
    const got = salvageTabs([tab('a'), { key: 'b', host: 5 }, tab('c')]);
    expect(got.map((t) => t.key)).toEqual(['a', 'c']);
  });
  it('more tabs than are kept: the first ones stay, not none', () => {
    const got = salvageTabs(Array.from({ length: MAX_TABS + 5 }, (_, i) => tab(`t${i}`)));
    expect(got.length).toBe(MAX_TABS);
  });
  it('anything else is no tabs', () => {
    expect(salvageTabs('x')).toEqual([]);
    expect(salvageTabs(undefined)).toEqual([]);
  });
});
