/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { Engine } from './api';
import type { ScenarioFiles } from './scenario';

/**
 * The browser entry: bundles the scenario folders (content/scenarios/<name>/…) and exposes
 * one Engine through Comlink.
 */
const raw = import.meta.glob('../content/scenarios/**/*', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

const scenarios: Record<string, ScenarioFiles> = {};
for (const [path, text] of Object.entries(raw)) {
  const m = /content\/scenarios\/([^/]+)\/(.+)$/.exec(path);
  if (!m) continue;
  (scenarios[m[1]] ??= {})[m[2]] = text;
}

/** The worker's surface: the engine plus one test aid. */
export class WorkerEngine extends Engine {
  /**
   * Blocks the worker for `ms` milliseconds, as a runaway command would; the e2e tests use
   * it to prove that the page notices a stuck worker and restarts it from the last snapshot.
   */
  stall(ms: number): void {
    const end = Date.now() + Math.min(ms, 60_000);
    while (Date.now() < end) {
      /* busy on purpose */
    }
  }
}

Comlink.expose(new WorkerEngine(scenarios));
