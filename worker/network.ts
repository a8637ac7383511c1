import { DIALECT_NAMES, dialect } from './dialects/registry';
import type { DialectName } from './imap/dialect';
import { forgetParsed } from './imap/mimecache';
import { DEFAULT_SESSION_LIMITS, ImapSession, type SessionLimits } from './imap/session';
import type { ImspLimits } from './imsp/session';
import type { Pop3Limits } from './pop3/session';
import { MailStore } from './store/store';
import { newImspData, restoreImsp, snapshotImsp } from './store/imsp';
import { snapshotStore, type StoreSnapshot } from './store/snapshot';
import { diskWrite, type KV } from './imsp/db/disk';
import { IMSP_MODES, type ImspMode } from './imsp/types';

export type Protocol = 'imap' | 'imsp' | 'pop3';
/** POP3 has one dialect: RFC 1939 with CAPA (RFC 2449) and AUTH (RFC 5034), as Dovecot 2.3 speaks it. */
export type Pop3Mode = 'rfc1939';

export interface HostConfig {
  /** e.g. `imap.north.example` */
  name: string;
  protocol: Protocol;
  /** The IMAP dialect, the IMSP mode, or POP3's one mode. */
  dialect: DialectName | ImspMode | Pop3Mode;
  /** The well-known port it would listen on (143 for IMAP, 406 for IMSP, 110 for POP3): shown, not bound. */
  port: number;
}

/** The far end of a connection: where a server's bytes go. */
export interface Peer {
  output(bytes: Uint8Array): void;
  closed(): void;
  /** Flow control, for a transport that has it (the TCP bridge): see SessionEnv. */
  congested?(): boolean;
  pauseInput?(): void;
  resumeInput?(): void;
}

/** Per-connection limits a transport may set (worker/limits.ts has the values). */
export interface ConnectOptions {
  imap?: Partial<SessionLimits>;
  imsp?: Partial<ImspLimits>;
  pop3?: Partial<Pop3Limits>;
}

/** A connection as the client side sees it. */
export interface Connection {
  readonly id: number;
  readonly host: HostConfig;
  write(bytes: Uint8Array): void;
  close(): void;
  /** The peer's output has drained (after `congested()` said true). */
  drained(): void;
}

/** A server side of one connection, whatever its protocol. */
export interface Server {
  receive(bytes: Uint8Array): void;
  dispose(): void;
  drained?(): void;
  /** IMSP: databases changed in the session's caches, not yet written back. */
  pendingWrites?(): Array<{ db: string; kv: KV[] }>;
}

/**
 * A batch is handed on once it holds this much: a huge answer never sits whole in memory, and
 * a transport's flow control (`congested`) never lags what the session wrote by more.
 */
const BATCH_FLUSH_OCTETS = 16 * 1024;

/**
 * Gathers what a server writes while it handles one chunk of client input and hands it to the
 * peer in one piece: `FETCH 1:*` on 10,000 messages is one socket write (or one message to the
 * page) instead of 10,000, which is most of its cost on the wire. Output outside input handling
 * (IDLE pushes, timers) goes straight through.
 */
class OutputBatch {
  private parts: Uint8Array[] | null = null;
  private octets = 0;

  constructor(private peer: Peer) {}

  send(b: Uint8Array): void {
    if (!this.parts) return this.peer.output(b);
    this.parts.push(b);
    this.octets += b.length;
    if (this.octets >= BATCH_FLUSH_OCTETS) this.flush();
  }

  /** Runs `fn` (the server reading input) with its output gathered, then hands it on. */
  during(fn: () => void): void {
    if (this.parts) return fn(); // re-entered: the outer call flushes
    this.parts = [];
    try {
      fn();
    } finally {
      // Closed before the peer sees the bytes: a peer that answers from inside output()
      // (an in-process client sending a literal after `+`) starts a batch of its own.
      const joined = this.take();
      this.parts = null;
      if (joined) this.peer.output(joined);
    }
  }

  flush(): void {
    const joined = this.take();
    if (joined) this.peer.output(joined);
  }

  /** The batch so far as one array (null when empty), leaving the batch empty. */
  private take(): Uint8Array | null {
    const parts = this.parts;
    if (!parts || parts.length === 0) return null;
    let joined: Uint8Array;
    if (parts.length === 1) joined = parts[0];
    else {
      joined = new Uint8Array(this.octets);
      let at = 0;
      for (const p of parts) {
        joined.set(p, at);
        at += p.length;
      }
    }
    parts.length = 0;
    this.octets = 0;
    return joined;
  }
}

/** What a server plugged in on demand learns of the network: its host, and the others (IMSP's location table). */
export interface ServerContext {
  host: HostConfig;
  hosts(): readonly HostConfig[];
}

export type ServerStart = (env: ConstructorParameters<typeof ImapSession>[0], options: ConnectOptions, ctx: ServerContext) => Server;

/**
 * Servers that register themselves when their module is loaded (worker/servers/), so the
 * browser's engine can fetch them the first time a connection needs one (Engine.prepare)
 * instead of with the first page. IMAP is always here.
 */
const onDemand = new Map<Protocol, ServerStart>();

export function registerServer(protocol: Protocol, start: ServerStart): void {
  onDemand.set(protocol, start);
}

export function serverLoaded(protocol: Protocol): boolean {
  return protocol === 'imap' || onDemand.has(protocol);
}

/** IMAP servers of two eras over the one store: a change made on one is seen on the other. */
export const DEFAULT_HOSTS: HostConfig[] = [
  { name: 'imap.north.example', protocol: 'imap', dialect: 'imap4rev1', port: 143 },
  { name: 'imap.south.example', protocol: 'imap', dialect: 'imap2', port: 143 },
  // The faithful Cyrus IMSP 1.8 by default; lessons about the mailbox location table switch
  // it to the reconstructed 1995 draft (setDialect).
  { name: 'imsp.example', protocol: 'imsp', dialect: 'cyrus-1.8', port: 406 },
  // POP3 on the same store: its maildrop is each user's INBOX.
  { name: 'pop.example', protocol: 'pop3', dialect: 'rfc1939', port: 110 },
];

/**
 * The simulated mail network: named hosts over one shared store. `connect` is the only
 * way in, for the browser terminal, the tests and the TCP bridge alike.
 */
export class MailNetwork {
  readonly hosts: HostConfig[];
  private connections = new Map<number, Server>();
  private nextId = 1;

  constructor(
    public store: MailStore,
    hosts: HostConfig[] = DEFAULT_HOSTS,
  ) {
    this.hosts = hosts.map((h) => ({ ...h }));
  }

  host(name: string): HostConfig {
    const h = this.hosts.find((x) => x.name === name);
    if (!h) throw new Error(`No such host: ${name}`);
    return h;
  }

  connect(hostName: string, peer: Peer, options: ConnectOptions = {}): Connection {
    const host = this.host(hostName);
    const id = this.nextId++;
    let open = true;
    const out = new OutputBatch(peer);
    const env = {
      store: this.store,
      host: host.name,
      locationsActive: () => this.hosts.some((h) => h.protocol === 'imsp' && h.dialect === 'draft-1995'),
      send: (b: Uint8Array) => open && out.send(b),
      congested: peer.congested && (() => open && peer.congested!()),
      pauseInput: peer.pauseInput && (() => open && peer.pauseInput!()),
      resumeInput: peer.resumeInput && (() => open && peer.resumeInput!()),
      close: () => {
        if (!open) return;
        open = false;
        this.connections.delete(id);
        out.flush();
        peer.closed();
      },
    };
    const server = this.startServer(host, env, options);
    this.connections.set(id, server);
    return {
      id,
      host,
      write: (bytes) => {
        if (open) out.during(() => server.receive(bytes));
      },
      close: () => {
        if (!open) return;
        open = false;
        server.dispose();
        this.connections.delete(id);
      },
      drained: () => {
        if (open) out.during(() => server.drained?.());
      },
    };
  }

  private startServer(host: HostConfig, env: ConstructorParameters<typeof ImapSession>[0], options: ConnectOptions): Server {
    if (host.protocol === 'imap') return new ImapSession(env, dialect(host.dialect as DialectName), { ...DEFAULT_SESSION_LIMITS, ...options.imap });
    const start = onDemand.get(host.protocol);
    if (start) return start(env, options, { host, hosts: () => this.hosts });
    throw new Error(`The ${host.protocol} protocol is not available on ${host.name}`);
  }

  /**
   * Switches a host to another dialect (IMAP) or mode (IMSP). Open connections keep the one
   * they started with: a server does not change its language mid-session.
   */
  setDialect(hostName: string, dialect: HostConfig['dialect']): void {
    const h = this.host(hostName);
    const valid =
      h.protocol === 'pop3' ? dialect === 'rfc1939' : h.protocol === 'imsp' ? (IMSP_MODES as readonly string[]).includes(dialect) : (DIALECT_NAMES as readonly string[]).includes(dialect);
    if (!valid) throw new Error(`${dialect} is not a ${h.protocol.toUpperCase()} dialect`);
    h.dialect = dialect;
  }

  /**
   * The store as it would be if every client went away now: what IMSP sessions hold in their
   * caches written back (a copy: the live store and the sessions are untouched). This is what
   * the page saves, since a reload is every client going away at once.
   */
  snapshotAsIfClosed(): StoreSnapshot {
    const snap = snapshotStore(this.store);
    const pending = [...this.connections.values()].flatMap((s) => s.pendingWrites?.() ?? []);
    if (pending.length) {
      const imsp = newImspData();
      restoreImsp(imsp, snap.imsp);
      for (const w of pending) diskWrite(imsp, w.db, w.kv);
      snap.imsp = snapshotImsp(imsp);
    }
    return snap;
  }

  /** Drops every connection (used by reset and restore). */
  closeAll(): void {
    for (const s of this.connections.values()) s.dispose();
    this.connections.clear();
    forgetParsed();
  }
}
