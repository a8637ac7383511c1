import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * vitest globalSetup: every process started during the run inherits MPP_TEST_RUN=<id>; when
 * the run ends, any process still carrying it was left behind by a test. It is killed and the
 * run fails, naming it, so a leak is seen rather than found later in `ps`.
 */
const KEY = 'MPP_TEST_RUN';

/** Processes (other than this one) whose environment carries our run id. */
export function leftovers(id: string): Array<{ pid: number; cmd: string }> {
  const found: Array<{ pid: number; cmd: string }> = [];
  const marker = `${KEY}=${id}`;
  for (const d of readdirSync('/proc')) {
    const pid = Number(d);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const env = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
      if (!env.includes(marker)) continue;
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ').trim();
      found.push({ pid, cmd });
    } catch {
      /* gone, or not ours to read */
    }
  }
  return found;
}

export default function setup() {
  if (process.platform !== 'linux') return;
  const id = randomUUID();
  process.env[KEY] = id;
  return async () => {
    // Give processes stopped in the last afterAll a moment to finish exiting.
    let left = leftovers(id);
    for (let i = 0; i < 20 && left.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      left = leftovers(id);
    }
    if (!left.length) return;
    for (const p of left) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    // vitest reports an error thrown here but still exits 0: make the run fail.
    process.exitCode = 1;
    throw new Error(`tests left ${left.length} process(es) running (now killed):\n${left.map((p) => `  ${p.pid} ${p.cmd}`).join('\n')}`);
  };
}
