import { MailNetwork, DEFAULT_HOSTS, serverLoaded, type HostConfig, type Protocol } from './network';

/** Servers loaded on demand (see MailNetwork's registerServer). */
const SERVER_MODULES: Partial<Record<Protocol, () => Promise<unknown>>> = { pop3: () => import('./servers/pop3'), imsp: () => import('./servers/imsp') };
import { loadScenario, type ScenarioFiles } from './scenario';
import { restoreStore, snapshotStore, type StoreSnapshot } from './store/snapshot';
import { MailStore } from './store/store';
import { flagsFor } from './imap/flags';
import { dialects, loadAllDialects } from './dialects/registry';
import { imspView, type ImspStateView } from './store/imsp';
import type { ImspModeInfo } from './imsp/dialects';
import { IMSP_MODES } from './imsp/types';
import { loadSortThread } from './imap/sort/lazy';
import { mailboxEntries } from './store/metadata';

/**
 * The engine's surface for the browser (exposed through Comlink by worker/main.ts) and for
 * anything else that wants a whole simulated network in one object. Plain data in and out.
 */

export type EngineEvent =
  | { kind: 'output'; id: number; bytes: Uint8Array }
  | { kind: 'closed'; id: number };

export interface MessageView {
  uid: number;
  seq: number;
  flags: string[];
  size: number;
  internalDate: number;
  subject: string;
  from: string;
}

export interface MailboxView {
  name: string;
  noselect: boolean;
  specialUse: string | null;
  subscribed: boolean;
  uidValidity: number;
  uidNext: number;
  messages: number;
  unseen: number;
}

export interface AccountView {
  user: string;
  mailboxes: MailboxView[];
}

export interface ConnectionView {
  id: number;
  host: string;
  /** The user logged in on it, if any, and the mailbox it has selected. */
  user: string | null;
  selected: string | null;
}

/** What the page needs to know about a dialect: completion, the inspector's syntax hints. */
export interface DialectInfo {
  name: string;
  title: string;
  commands: Array<{ name: string; syntax: string; rfc: string; states: string[]; words?: string[] }>;
  /** Commands allowed after `UID`. */
  uidCommands: string[];
  /** The defining document(s), e.g. `RFC 1176` (read-only additions for the site). */
  rfc?: string;
  /** Whether \Recent and the RECENT response exist (gone in IMAP4rev2). */
  recent?: boolean;
  /** FETCH items and macros of a dialect older than RFC 2060 (absent: rev1's). */
  fetchItems?: string[];
  /** FETCH items the dialect removed, with a hint (RFC 9051: RFC822 → BODY[]). */
  fetchRemoved?: Record<string, string>;
  /** Commands the dialect removed, with a hint. */
  removed?: Record<string, string>;
  /** APPEND takes CATENATE (RFC 4469). */
  catenate?: boolean;
  /** LIST takes RETURN options, STATUS among them (RFC 5258, RFC 5819). */
  listReturn?: boolean;
  /** RFC 7162 CONDSTORE/QRESYNC words (MODSEQ, CHANGEDSINCE, …) are part of the dialect. */
  condstore?: boolean;
}

export interface StateView {
  version: number;
  accounts: AccountView[];
}

const headerOf = (raw: Uint8Array, name: string): string => {
  // A cheap look at the header for the state panel; the IMAP layer has the real parser.
  const end = Math.min(raw.length, 16384);
  const text = new TextDecoder('utf-8').decode(raw.subarray(0, end));
  const head = text.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head);
  return m ? m[1] : '';
};

export class Engine {
  network: MailNetwork;
  private sinks = new Map<number, (ev: EngineEvent) => void>();

  constructor(
    private scenarios: Record<string, ScenarioFiles>,
    private hostList: HostConfig[] = DEFAULT_HOSTS,
    scenario = 'default',
  ) {
    this.network = new MailNetwork(this.buildStore(scenario), hostList);
  }

  private buildStore(name: string): MailStore {
    const store = new MailStore();
    const files = this.scenarios[name === 'empty' ? 'default' : name];
    if (!files) throw new Error(`No such scenario: ${name}`);
    loadScenario(store, files, { empty: name === 'empty' });
    return store;
  }

  hosts(): HostConfig[] {
    return this.network.hosts.map((h) => ({ ...h }));
  }

  /** Switches a host's dialect or IMSP mode for new connections (see MailNetwork.setDialect). */
  setHostDialect(host: string, dialect: HostConfig['dialect']): HostConfig[] {
    this.network.setDialect(host, dialect);
    const i = this.hostList.findIndex((h) => h.name === host);
    if (i >= 0) this.hostList = this.hostList.map((h, j) => (j === i ? { ...h, dialect } : h));
    return this.hosts();
  }

  scenarioNames(): string[] {
    return [...Object.keys(this.scenarios), 'empty'];
  }

  /**
   * Loads what a host needs if it is not part of the engine's first download: the POP3 or IMSP
   * server, or an IMAP dialect of an earlier era.
   */
  async prepare(host: string): Promise<void> {
    const h = this.network.host(host);
    const protocol = h.protocol;
    if (!serverLoaded(protocol)) await SERVER_MODULES[protocol]?.();
    if (protocol === 'imap' && !dialects[h.dialect as keyof typeof dialects]) await loadAllDialects();
    // SORT and THREAD are fetched in the background, not awaited: the prompt does not wait
    // for them, and a SORT typed before they arrive waits for them instead (imap/sort/lazy.ts).
    if (protocol === 'imap') void loadSortThread().catch(() => {});
  }

  /** Opens a connection; the greeting and everything after arrive through `onEvent`. */
  connect(host: string, onEvent: (ev: EngineEvent) => void): number {
    let id = 0;
    const pending: EngineEvent[] = [];
    const conn = this.network.connect(host, {
      output: (bytes) => (id ? onEvent({ kind: 'output', id, bytes }) : pending.push({ kind: 'output', id: 0, bytes })),
      closed: () => {
        this.sinks.delete(id);
        if (id) onEvent({ kind: 'closed', id });
        else pending.push({ kind: 'closed', id: 0 });
      },
    });
    id = conn.id;
    this.connections.set(id, conn);
    this.sinks.set(id, onEvent);
    for (const ev of pending) onEvent({ ...ev, id });
    return id;
  }

  private connections = new Map<number, ReturnType<MailNetwork['connect']>>();

  send(id: number, data: Uint8Array | string): void {
    const conn = this.connections.get(id);
    if (!conn) throw new Error(`No connection ${id}`);
    conn.write(typeof data === 'string' ? new TextEncoder().encode(data) : data);
  }

  close(id: number): void {
    this.connections.get(id)?.close();
    this.connections.delete(id);
    this.sinks.delete(id);
  }

  /** The store as saved: with what open IMSP sessions still hold in their caches (see MailNetwork). */
  snapshot(): StoreSnapshot {
    return this.network.snapshotAsIfClosed();
  }

  /** Replaces the whole store; open connections are closed (their state referred to the old one). */
  restore(snap: StoreSnapshot): void {
    const store = new MailStore();
    restoreStore(store, snap);
    this.replaceStore(store);
  }

  reset(scenario = 'default'): void {
    this.replaceStore(this.buildStore(scenario));
  }

  private replaceStore(store: MailStore): void {
    for (const [id, sink] of this.sinks) sink({ kind: 'closed', id });
    this.network.closeAll();
    this.connections.clear();
    this.sinks.clear();
    this.network = new MailNetwork(store, this.hostList);
  }

  /** Cheap change counter: poll it and call `inspect()` only when it moved. */
  version(): number {
    return this.network.store.version;
  }

  inspect(): StateView {
    const store = this.network.store;
    return {
      version: store.version,
      accounts: [...store.accounts.values()].map((a) => ({
        user: a.user,
        mailboxes: [...a.mailboxes.values()]
          .sort((x, y) => (x.name === 'INBOX' ? -1 : y.name === 'INBOX' ? 1 : x.name < y.name ? -1 : 1))
          .map((mb) => ({
            name: mb.name,
            noselect: mb.noselect,
            specialUse: mb.specialUse,
            subscribed: a.subscriptions.has(mb.name),
            uidValidity: mb.uidValidity,
            uidNext: mb.uidNext,
            messages: mb.messages.length,
            unseen: mb.messages.filter((m) => !m.flags.has('\\Seen')).length,
          })),
      })),
    };
  }

  /** The messages of one mailbox, for the state panel (flags without \Recent: that is per session). */
  messages(user: string, mailbox: string): MessageView[] {
    const acc = this.network.store.account(user);
    const mb = acc && this.network.store.mailbox(acc, mailbox);
    if (!mb) return [];
    return mb.messages.map((m, i) => ({
      uid: m.uid,
      seq: i + 1,
      flags: flagsFor(m, false, false),
      size: m.raw.length,
      internalDate: m.internalDate,
      subject: headerOf(m.raw, 'Subject'),
      from: headerOf(m.raw, 'From'),
    }));
  }

  /**
   * METADATA entries (RFC 5464) of a mailbox, or of the server for `""`, as [name, value] text
   * pairs sorted by name — what GETMETADATA would show, `/private/specialuse` included. null
   * when the user or mailbox does not exist. Read-only: the lesson checks use it.
   */
  metadata(user: string, mailbox: string): Array<[string, string]> | null {
    const acc = this.network.store.account(user);
    if (!acc) return null;
    const mb = mailbox === '' ? null : this.network.store.mailbox(acc, mailbox);
    if (mailbox !== '' && (!mb || mb.noselect)) return null;
    const entries = mb ? mailboxEntries(mb) : acc.serverMetadata;
    const text = new TextDecoder();
    return [...entries.entries()].map(([k, v]): [string, string] => [k, text.decode(v)]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }

  /** A message's source octets (the panel shows them escaped). */
  source(user: string, mailbox: string, uid: number): Uint8Array | null {
    const acc = this.network.store.account(user);
    const mb = acc && this.network.store.mailbox(acc, mailbox);
    return mb?.messages.find((m) => m.uid === uid)?.raw ?? null;
  }

  /**
   * The committed IMSP state — options, address books, ACLs, locks, the mailbox location
   * table — as display text. Read-only: the lesson checks and the state panel use it.
   */
  imspView(): ImspStateView {
    return imspView(this.network.store.imsp);
  }

  /** Loads every dialect (the earlier eras' come on demand); then dialectInfo() lists them all. */
  async loadDialects(): Promise<void> {
    await loadAllDialects();
  }

  /** The dialects loaded so far, as plain data (a dialect object holds functions). */
  dialectInfo(): DialectInfo[] {
    return Object.values(dialects).map((d) => ({
      name: d.name,
      title: d.title,
      commands: [...d.commands.values()].map((c) => ({ name: c.name, syntax: c.syntax, rfc: c.rfc, states: [...c.states], ...(c.words ? { words: [...c.words] } : {}) })),
      uidCommands: [...d.uidCommands.keys()],
      rfc: d.rfc,
      recent: d.recent,
      fetchItems: d.fetch ? [...d.fetch.items, ...Object.keys(d.fetch.macros)] : undefined,
      fetchRemoved: d.fetchRemoved ? { ...d.fetchRemoved } : undefined,
      removed: d.removed ? { ...d.removed } : undefined,
      catenate: d.catenate === true,
      listReturn: d.commands.has('LIST') && d.listExtended !== false && !d.fetch,
      condstore: d.condstore,
    }));
  }

  /**
   * The IMSP modes (`cyrus-1.8`, `draft-1995`) as plain data: completion, the inspector's hints.
   * Their command tables come with the IMSP server, which is loaded on demand.
   */
  async imspModes(): Promise<ImspModeInfo[]> {
    const { imspModeInfo } = await import('./imsp/dialects');
    return IMSP_MODES.map((m) => imspModeInfo(m));
  }

  /** Answers at once: the page uses it as a heartbeat to notice a stuck worker. */
  ping(): number {
    return Date.now();
  }
}
