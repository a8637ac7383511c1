import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Child processes that tests start, and the one way they end.
 *
 * `npx tsx cli.ts` is four processes deep (npm exec → sh → tsx → node), and a SIGTERM to the
 * first one does not reach the last: that is how `npm test` used to leave a bridge behind.
 * So every child here is started `detached` (its own process group) and stopped by signalling
 * the whole group, and every test that spawns one stops it in `finally`/`afterAll`. What is
 * still running when the test file ends is killed on exit as a last resort, and
 * tests/support/no-orphans.ts fails the run if anything a test started outlives it.
 */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const live = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

process.once('exit', () => {
  for (const c of live) killGroup(c, 'SIGKILL');
});

/** Starts a command in a process group of its own, remembered until it exits. */
export function spawnGroup(cmd: string, args: string[]): ChildProcess {
  const child = spawn(cmd, args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Stops a child and everything it started: SIGTERM to the group, SIGKILL after `graceMs`. */
export async function stopGroup(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
  // The leader may exit before its children: make sure the rest of the group is gone too.
  killGroup(child, 'SIGKILL');
}

export interface Bridge {
  child: ChildProcess;
  /** Ports in the order of the `listening` lines. */
  ports: number[];
  /** The `listening …` lines. */
  lines: string[];
  stderr: () => string;
  stop(): Promise<void>;
}

/**
 * `npm run serve -- ARGS` as one child process (`node --import tsx`, so its pid is the bridge's
 * own, e.g. for reading its memory), resolved once
 * it has printed `count` listening lines. Call `stop()` in a finally/afterAll.
 */
export async function startBridge(args: string[], count = 1, timeoutMs = 30_000): Promise<Bridge> {
  const child = spawnGroup(process.execPath, ['--import', 'tsx', 'worker/node/cli.ts', ...args]);
  let out = '';
  let err = '';
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const bridge: Bridge = { child, ports: [], lines: [], stderr: () => err, stop: () => stopGroup(child) };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bridge did not start: ${out}${err}`)), timeoutMs);
      child.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        bridge.lines = out.split('\n').filter((l) => l.startsWith('listening '));
        if (bridge.lines.length >= count) {
          clearTimeout(timer);
          bridge.ports = bridge.lines.map((l) => Number(/:(\d+)$/.exec(l)![1]));
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`bridge exited (${code}): ${out}${err}`));
      });
    });
  } catch (e) {
    await stopGroup(child);
    throw e;
  }
  return bridge;
}
