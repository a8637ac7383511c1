import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../../worker/api';
import { DEFAULT_HOSTS, type HostConfig } from '../../worker/network';
import '../../worker/servers/imsp'; // as in Node; the page's engine loads them on first connect (Engine.prepare)
import '../../worker/dialects';
import '../../worker/servers/pop3';
import { readScenarioDir } from '../../worker/node/scenarios';
import type { ScenarioFiles } from '../../worker/scenario';
import type { Entry } from '../../web/terminal/session';
import { ResponseSplitter } from '../../web/terminal/splitter';

/**
 * What the inspector tests share: lines typed on one connection of the page's engine (the
 * worker's Engine, on the shipped scenarios), cut into transcript entries the way the terminal
 * cuts them.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCENARIOS: Record<string, ScenarioFiles> = {};
for (const d of readdirSync(join(ROOT, 'content/scenarios'))) {
  if (statSync(join(ROOT, 'content/scenarios', d)).isDirectory()) SCENARIOS[d] = readScenarioDir(join(ROOT, 'content/scenarios', d));
}
const enc = new TextEncoder();
const dec = new TextDecoder();

/**
 * Types `lines` on `host` (switched to `opts.dialect` when given) and returns the engine and the
 * entries. `literals: false` for a protocol without literals (POP3: a line ending in {n} is text).
 */
export function engineTranscript(
  host: string,
  opts: { dialect?: HostConfig['dialect']; literals?: boolean },
  lines: string[],
): { engine: Engine; entries: Entry[] } {
  const engine = new Engine(SCENARIOS, DEFAULT_HOSTS.map((h) => ({ ...h })));
  if (opts.dialect) engine.setHostDialect(host, opts.dialect);
  const entries: Entry[] = [];
  const splitter = opts.literals === false ? new ResponseSplitter(() => false) : new ResponseSplitter();
  let n = 0;
  const add = (dir: 'C' | 'S', bytes: Uint8Array) => entries.push({ n: ++n, dir, bytes, time: 0, cmd: dir === 'C' ? n : undefined });
  const id = engine.connect(host, (ev) => {
    if (ev.kind === 'output') for (const u of splitter.push(ev.bytes)) add('S', u);
  });
  for (const l of lines) {
    const b = enc.encode(l + '\r\n');
    add('C', b);
    engine.send(id, b);
  }
  return { engine, entries };
}

/** The first entry whose text matches `re` (the test fails, showing them all, when none does). */
export function findEntry(entries: Entry[], re: RegExp): Entry {
  const e = entries.find((x) => re.test(dec.decode(x.bytes)));
  if (!e) throw new Error(`no line matches ${re}:\n${entries.map((x) => dec.decode(x.bytes)).join('')}`);
  return e;
}
