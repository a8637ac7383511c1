import * as Comlink from 'comlink';
import type { DialectInfo, EngineEvent, MessageView, StateView } from '../worker/api';
import type { WorkerEngine } from '../worker/main';
import type { HostConfig } from '../worker/network';
import type { StoreSnapshot } from '../worker/store/snapshot';
import type { ImspStateView } from '../worker/store/imsp';
import type { ImspModeInfo } from '../worker/imsp/dialects';

export type { DialectInfo, EngineEvent, MessageView, StateView, HostConfig, StoreSnapshot, ImspStateView, ImspModeInfo };

/** What a connection's owner hears: the engine's events, or that the worker was replaced. */
export type ConnectionEvent = EngineEvent | { kind: 'lost'; id: number };

/** A connection handle: ids are only meaningful for the worker that issued them. */
export interface ConnectionHandle {
  id: number;
  generation: number;
}

export type EngineNotice = { kind: 'restarted'; reason: string } | { kind: 'state-replaced' };

const HEARTBEAT_MS = 400;
const STALL_LIMIT_MS = 2000;

/**
 * The main thread's one client for the engine worker. Every call goes through `call`, so a
 * worker that stops answering can be replaced without leaving callers waiting forever: the
 * heartbeat notices, terminates it, starts a fresh one restored from the last snapshot and
 * rejects whatever was still in flight.
 */
export class EngineClient {
  private worker!: Worker;
  private remote!: Comlink.Remote<WorkerEngine>;
  private generation = 0;
  private inflight = new Set<(e: Error) => void>();
  private sinks = new Map<number, (ev: ConnectionEvent) => void>();
  private pingSentAt = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private listeners = new Set<(n: EngineNotice) => void>();
  private restarting: Promise<void> | null = null;
  /** The newest store snapshot the page has seen: what a restarted worker resumes from. */
  lastSnapshot: StoreSnapshot | null = null;
  restarts = 0;

  constructor() {
    this.spawn();
    this.timer = setInterval(() => this.beat(), HEARTBEAT_MS);
  }

  private spawn(): void {
    // Written inline so Vite bundles the worker (see stack.md).
    this.worker = new Worker(new URL('../worker/main.ts', import.meta.url), { type: 'module' });
    this.remote = Comlink.wrap<WorkerEngine>(this.worker);
    this.generation++;
    this.pingSentAt = 0;
  }

  onNotice(fn: (n: EngineNotice) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private notify(n: EngineNotice): void {
    for (const fn of this.listeners) fn(n);
  }

  private beat(): void {
    if (this.restarting) return;
    if (this.pingSentAt) {
      if (performance.now() - this.pingSentAt > STALL_LIMIT_MS) void this.restart('no answer to the heartbeat for 2 s');
      return;
    }
    const gen = this.generation;
    this.pingSentAt = performance.now();
    this.remote.ping().then(
      () => {
        if (gen === this.generation) this.pingSentAt = 0;
      },
      () => undefined,
    );
  }

  /** Replaces the worker with a fresh one holding the last snapshot. */
  restart(reason: string): Promise<void> {
    if (this.restarting) return this.restarting;
    this.restarting = (async () => {
      this.worker.terminate();
      const err = new Error('The engine was restarted');
      for (const reject of this.inflight) reject(err);
      this.inflight.clear();
      const lost = [...this.sinks.entries()];
      this.sinks.clear();
      this.spawn();
      this.restarts++;
      if (this.lastSnapshot) await this.remote.restore(this.lastSnapshot).catch(() => undefined);
      for (const [id, sink] of lost) sink({ kind: 'lost', id });
      this.notify({ kind: 'restarted', reason });
    })().finally(() => (this.restarting = null));
    return this.restarting;
  }

  /** Runs one remote call; rejected (not left pending) if the worker is replaced meanwhile. */
  private async call<T>(fn: (r: Comlink.Remote<WorkerEngine>) => Promise<T>): Promise<T> {
    if (this.restarting) await this.restarting;
    return new Promise<T>((resolve, reject) => {
      const fail = (e: Error) => reject(e);
      this.inflight.add(fail);
      fn(this.remote).then(
        (v) => {
          this.inflight.delete(fail);
          resolve(v);
        },
        (e) => {
          this.inflight.delete(fail);
          reject(e);
        },
      );
    });
  }

  hosts(): Promise<HostConfig[]> {
    return this.call((r) => r.hosts());
  }

  dialectInfo(): Promise<DialectInfo[]> {
    return this.call((r) => r.dialectInfo());
  }

  /** Every dialect's info, once the earlier eras' (loaded on demand) are there. */
  async allDialects(): Promise<DialectInfo[]> {
    await this.call((r) => r.loadDialects());
    return this.dialectInfo();
  }

  imspModes(): Promise<ImspModeInfo[]> {
    return this.call((r) => r.imspModes());
  }

  /** Switches a host's IMAP dialect or IMSP mode for new connections; returns the host list. */
  setHostDialect(host: string, dialect: HostConfig['dialect']): Promise<HostConfig[]> {
    return this.call((r) => r.setHostDialect(host, dialect));
  }

  scenarioNames(): Promise<string[]> {
    return this.call((r) => r.scenarioNames());
  }

  async connect(host: string, sink: (ev: ConnectionEvent) => void): Promise<ConnectionHandle> {
    const generation = this.generation;
    // Events can arrive before connect() resolves (the greeting); they carry their own id.
    const early: EngineEvent[] = [];
    let known = false;
    const route = (ev: EngineEvent) => {
      if (!known) early.push(ev);
      else this.sinks.get(ev.id)?.(ev);
    };
    await this.call((r) => r.prepare(host));
    const id = await this.call((r) => r.connect(host, Comlink.proxy(route)));
    this.sinks.set(id, sink);
    known = true;
    for (const ev of early) sink(ev);
    return { id, generation };
  }

  private live(h: ConnectionHandle): boolean {
    return h.generation === this.generation && this.sinks.has(h.id);
  }

  send(h: ConnectionHandle, data: Uint8Array | string): Promise<void> {
    if (!this.live(h)) return Promise.reject(new Error('Connection is closed'));
    return this.call((r) => r.send(h.id, data));
  }

  close(h: ConnectionHandle): Promise<void> {
    if (!this.live(h)) return Promise.resolve();
    this.sinks.delete(h.id);
    return this.call((r) => r.close(h.id));
  }

  /** Forgets a connection the server closed. */
  release(h: ConnectionHandle): void {
    if (h.generation === this.generation) this.sinks.delete(h.id);
  }

  version(): Promise<number> {
    return this.call((r) => r.version());
  }

  inspect(): Promise<StateView> {
    return this.call((r) => r.inspect());
  }

  messages(user: string, mailbox: string): Promise<MessageView[]> {
    return this.call((r) => r.messages(user, mailbox));
  }

  metadata(user: string, mailbox: string): Promise<Array<[string, string]> | null> {
    return this.call((r) => r.metadata(user, mailbox));
  }

  imspView(): Promise<ImspStateView> {
    return this.call((r) => r.imspView());
  }

  source(user: string, mailbox: string, uid: number): Promise<Uint8Array | null> {
    return this.call((r) => r.source(user, mailbox, uid));
  }

  async snapshot(): Promise<StoreSnapshot> {
    const snap = await this.call((r) => r.snapshot());
    this.lastSnapshot = snap;
    return snap;
  }

  /** Replaces the store; every open connection is closed by the engine. */
  async restore(snap: StoreSnapshot): Promise<void> {
    await this.call((r) => r.restore(snap));
    this.lastSnapshot = snap;
    this.notify({ kind: 'state-replaced' });
  }

  async reset(scenario = 'default'): Promise<void> {
    await this.call((r) => r.reset(scenario));
    this.lastSnapshot = null;
    await this.snapshot();
    this.notify({ kind: 'state-replaced' });
  }

  ping(): Promise<number> {
    return this.call((r) => r.ping());
  }

  /** Test aid: blocks the worker like a runaway command would. Not awaited on purpose. */
  stall(ms: number): void {
    void this.remote.stall(ms).catch(() => undefined);
  }

  dispose(): void {
    clearInterval(this.timer);
    this.worker.terminate();
  }
}
