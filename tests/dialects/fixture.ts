import type { DialectName } from '../../worker/imap/dialect';
import { MailNetwork, type HostConfig } from '../../worker/network';
import { scenarioStore } from '../../worker/node/engine';
import type { MailStore } from '../../worker/store/store';
import { addBulletinBoards } from '../../web/rfc/store';

/**
 * The default scenario plus bulletin boards (web/rfc/store.ts: the RFC examples view replays
 * against the same store, so its live lines are the bytes these tests check).
 */
export function dialectStore(): MailStore {
  const store = scenarioStore('default');
  addBulletinBoards(store);
  return store;
}

/** One host per dialect, all on one store. */
export function dialectNetwork(dialects: DialectName[], store = dialectStore()): MailNetwork {
  const hosts: HostConfig[] = dialects.map((d) => ({ name: `imap.${d}.example`, protocol: 'imap', dialect: d, port: d === 'imap3' ? 220 : 143 }));
  return new MailNetwork(store, hosts);
}
