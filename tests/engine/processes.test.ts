import { expect, it } from 'vitest';
import { leftovers } from '../support/no-orphans';
import { spawnGroup, stopGroup } from '../support/processes';

/**
 * Issue 11 item 14: a child started by a test is stopped with everything it started (its
 * process group), and the run's check finds any process that a test left behind.
 */
it('stopGroup ends a child and its grandchildren; the leftover check sees them until then', async () => {
  const id = process.env.MPP_TEST_RUN;
  expect(id, 'vitest globalSetup tests/support/no-orphans.ts sets MPP_TEST_RUN').toBeTruthy();
  // A shell with a grandchild, the shape of `npx tsx cli.ts` (a signal to the shell alone
  // would leave `sleep` running, as it used to leave the bridge).
  const child = spawnGroup('sh', ['-c', 'sleep 30 & sleep 30; wait']);
  await new Promise((r) => setTimeout(r, 200));
  const before = leftovers(id!).filter((p) => p.cmd.includes('sleep 30'));
  expect(before.length).toBeGreaterThanOrEqual(2);
  await stopGroup(child);
  await new Promise((r) => setTimeout(r, 100));
  expect(leftovers(id!).filter((p) => p.cmd.includes('sleep 30'))).toEqual([]);
});
