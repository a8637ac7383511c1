import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ScenarioFiles } from '../scenario';

/** Reads a scenario folder into the path → bytes map the engine's loader takes. */
export function readScenarioDir(dir: string): ScenarioFiles {
  const files: ScenarioFiles = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(dir, p).split(sep).join('/')] = new Uint8Array(readFileSync(p));
    }
  };
  walk(dir);
  return files;
}
