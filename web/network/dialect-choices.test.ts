import { describe, expect, it } from 'vitest';
import type { AppState } from '../app.svelte';
import { dialectChoices } from './dialect-choices';

/**
 * The engine loads the earlier eras' dialects and the IMSP server on demand, so the switcher must
 * offer every choice before their tables have arrived (labels fill in when they do).
 */
describe('the dialect switcher before the on-demand tables arrive', () => {
  const app = {
    dialects: new Map([
      ['imap4rev1', { name: 'imap4rev1', title: 'IMAP4rev1 (RFC 3501)' }],
      ['imap4rev2', { name: 'imap4rev2', title: 'IMAP4rev2 (RFC 9051)' }],
    ]),
    imspModes: new Map(),
  } as unknown as AppState;

  it('an IMAP host offers all six dialects, oldest first', () => {
    const c = dialectChoices(app, { name: 'imap.north.example', protocol: 'imap', dialect: 'imap4rev1', port: 143 });
    expect(c.map((x) => x.value)).toEqual(['imap2', 'imap3', 'imap2bis', 'imap4', 'imap4rev1', 'imap4rev2']);
    expect(c.find((x) => x.value === 'imap4rev1')!.label).toMatch(/RFC 3501/);
  });

  it('an IMSP host offers both modes', () => {
    const c = dialectChoices(app, { name: 'imsp.example', protocol: 'imsp', dialect: 'cyrus-1.8', port: 406 });
    expect(c.map((x) => x.value)).toEqual(['cyrus-1.8', 'draft-1995']);
  });
});
