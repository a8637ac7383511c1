import { describe, expect, it } from 'vitest';
import { scenarioStore } from '../node/engine';
import { restoreStore } from '../store/snapshot';
import { MailStore } from '../store/store';
import { imspNetwork, TestClient } from '../../tests/support/imsp-testkit';

/**
 * Cyrus IMSP 1.8 keeps a session's changes in its caches until the session ends, and writes
 * them back when its client goes away (imsp_clean_abort). A page reload is every client going
 * away at once, so what the page saves must include what open sessions still hold — while the
 * live server keeps its caching exactly as it was.
 */
describe('saving with IMSP sessions open (cyrus-1.8 caches)', () => {
  it('a SET not yet written back is in the saved snapshot, and comes back after a restore', () => {
    const store = scenarioStore('default');
    const network = imspNetwork(store, 'cyrus-1.8');
    const a = new TestClient(network);
    a.take();
    a.cmd('a LOGIN alice wonderland');
    expect(a.cmd('b SET x.saved.color teal')).toMatch(/b OK/);
    // The live server still keeps it in alice's session only (another session cannot see it)…
    const other = new TestClient(network);
    other.take();
    other.cmd('a LOGIN alice wonderland');
    expect(other.cmd('b GET x.saved.color')).not.toContain('teal');
    // …but the saved playground has it.
    const snap = network.snapshotAsIfClosed();
    const fresh = new MailStore();
    restoreStore(fresh, snap);
    const after = new TestClient(imspNetwork(fresh, 'cyrus-1.8'));
    after.take();
    after.cmd('a LOGIN alice wonderland');
    expect(after.cmd('b GET x.saved.color')).toContain('* OPTION x.saved.color teal [READ-WRITE]');
    // The live store is untouched by saving.
    expect(store.imsp.users.get('alice')?.options?.some((o) => o.name === 'x.saved.color') ?? false).toBe(false);
  });
});
