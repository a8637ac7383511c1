// Precomputes each scenario's IMSP state (content/scenarios/NAME/imsp-state.json) by playing its
// imsp-options and imsp-fixture.txt through the IMSP server, so the page can start without that
// server (it is loaded on demand). tests/engine/imsp-state.test.ts fails when a file is stale.
//
//   npm run scenario:imsp
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { imspStateOf } from '../worker/node/imsp-state';
import { SCENARIO_ROOT } from '../worker/node/engine';
import { readScenarioDir } from '../worker/node/scenarios';

for (const name of readdirSync(SCENARIO_ROOT)) {
  const dir = join(SCENARIO_ROOT, name);
  if (!existsSync(join(dir, 'imsp-fixture.txt')) && !existsSync(join(dir, 'imsp-options'))) continue;
  const out = join(dir, 'imsp-state.json');
  writeFileSync(out, `${JSON.stringify(imspStateOf(readScenarioDir(dir)), null, 1)}\n`);
  console.log(`wrote ${out}`);
}
