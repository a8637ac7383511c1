/**
 * Real client traffic: Python's imaplib against our bridge and a private Dovecot 2.3, row by row
 * in one run (bench/imaplib_rows.py does the talking). Our server runs as `npm run serve` does,
 * in its own process, so neither side shares the bench's event loop.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticMessage } from './mail';

export interface ClientRow {
  row: string;
  ours: number;
  dovecot?: number;
  /** CPU time each server's processes spent on the row (ms, median), where it could be read. */
  oursCpu?: number;
  dovecotCpu?: number;
  /** `delivery`: the answer read without parsing (the server's own speed); else imaplib's row. */
  kind: 'client' | 'delivery';
}

const root = new URL('..', import.meta.url).pathname;
const peers = new URL('../../shared/peers/', import.meta.url).pathname;
// A Dovecot of the bench's own (its own run folder and ports), so it can neither disturb nor be
// disturbed by a peers-lab Dovecot that is recording golden files.
const dovecotEnv = { ...process.env, PEERS_RUN: '/tmp/mpp-bench-peers', DOVECOT_PORT: '10243', DOVECOT_POP3_PORT: '10210' };

/** Starts our bridge in a child process and resolves with its port and a stop function. */
async function startOurs(): Promise<{ port: number; pid: number; stop: () => Promise<void> }> {
  const child = spawn('npx', ['tsx', 'worker/node/cli.ts', '--imap', '0', '--scenario', 'empty'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening \S+ 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`bridge exited (${code}) before listening`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      process.kill(-child.pid!, 'SIGTERM');
    });
  return { port, pid: child.pid!, stop };
}

/** Dovecot's master process (its imap processes are its descendants), if it can be read. */
function dovecotMasterPid(): number | null {
  try {
    return Number(readFileSync(join(dovecotEnv.PEERS_RUN, 'dovecot/base/master.pid'), 'utf8').trim()) || null;
  } catch {
    return null;
  }
}

function startDovecot(): string | null {
  if (!existsSync('/usr/sbin/dovecot') || !existsSync(peers + 'start-dovecot.sh')) return 'dovecot-imapd not installed; see README';
  const r = spawnSync('bash', [peers + 'start-dovecot.sh', '--fresh'], { encoding: 'utf8', env: dovecotEnv });
  return r.status === 0 ? null : `start-dovecot.sh failed: ${r.stderr.trim().split('\n').pop()}`;
}

function runPython(args: string[], onRow: (r: { row: string; ms: number[]; cpu: Array<number | null>; kind: ClientRow['kind'] }) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const py = spawn('python3', [join(root, 'bench/imaplib_rows.py'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    py.stdout.on('data', (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        onRow(JSON.parse(buf.slice(0, i)));
        buf = buf.slice(i + 1);
      }
    });
    py.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`imaplib_rows.py exited ${code}`))));
  });
}

/**
 * Runs every row against ours and (where it can start) Dovecot. `onRow` sees each row as it
 * completes; the result says why Dovecot was skipped, if it was.
 */
export async function realClientRows(n: number, onRow: (r: ClientRow) => void): Promise<{ skipped?: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'mpp-bench-'));
  const file = join(dir, 'messages.bin');
  writeFileSync(file, Buffer.from(Array.from({ length: n }, (_, i) => syntheticMessage(i)).join('\0'), 'latin1'));
  const ours = await startOurs();
  const skipped = startDovecot() ?? undefined;
  try {
    // Each target names the process tree whose CPU time counts as the server's.
    const targets = [`${ours.port}:alice:wonderland:${ours.pid}`];
    if (!skipped) targets.push(`${dovecotEnv.DOVECOT_PORT}:bob:builder:${dovecotMasterPid() ?? ''}`);
    await runPython([file, String(n), ...targets], ({ row, ms, cpu, kind }) =>
      onRow({ row, ours: ms[0], dovecot: ms[1], oursCpu: cpu[0] ?? undefined, dovecotCpu: cpu[1] ?? undefined, kind }),
    );
  } finally {
    await ours.stop();
    if (!skipped) spawnSync('bash', [peers + 'stop-dovecot.sh'], { env: dovecotEnv });
    rmSync(dir, { recursive: true, force: true });
  }
  return { skipped };
}
