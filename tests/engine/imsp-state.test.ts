import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIO_ROOT } from '../../worker/node/engine';
import { imspStateOf } from '../../worker/node/imsp-state';
import { readScenarioDir } from '../../worker/node/scenarios';

/**
 * The page starts with each scenario's IMSP state precomputed (the IMSP server loads on demand):
 * that state must be exactly what playing the scenario's fixture through the server gives.
 */
describe('precomputed IMSP state of the scenarios', () => {
  for (const name of readdirSync(SCENARIO_ROOT)) {
    const dir = join(SCENARIO_ROOT, name);
    if (!existsSync(join(dir, 'imsp-fixture.txt')) && !existsSync(join(dir, 'imsp-options'))) continue;
    it(`${name}: imsp-state.json is what the fixture gives (else run npm run scenario:imsp)`, () => {
      const file = join(dir, 'imsp-state.json');
      expect(existsSync(file), `${file} exists`).toBe(true);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(imspStateOf(readScenarioDir(dir)))));
    });
  }
});
