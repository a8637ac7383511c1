import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The engine's layers run one way (issue 12, item 6): a module imports only from its own layer
 * or the ones below it, so adding an extension touches one command file and one table row and
 * never drags the network into the session core.
 *
 *   0  wire, mime, limits        bytes and grammar, MIME parsing; no mail store
 *   1  store                     mailboxes, messages, flags, IMSP data, snapshots
 *   2  session                   what every protocol session shares (its environment, autologout)
 *   3  imap, imsp, pop3          one protocol's session core and commands; none imports another
 *   4  dialects                  tables over the IMAP core: which commands, capabilities, shapes
 *   5  network, servers, scenario, api, main, node   hosts and connections, the protocol servers
 *      plugged into them on demand, loading a scenario, the worker and the bridge
 */
const root = resolve(__dirname, '../../worker');

const LAYERS: Array<[number, RegExp]> = [
  [0, /^(wire|mime)\/|^limits\.ts$|^globals\.d\.ts$/],
  [1, /^store\//],
  [2, /^session\//],
  [3, /^(imap|imsp|pop3)\//],
  [4, /^dialects\//],
  [5, /^(network|scenario|api|main)\.ts$|^(node|servers)\//],
];

function layerOf(file: string): number {
  const hit = LAYERS.find(([, re]) => re.test(file));
  if (!hit) throw new Error(`${file} is in no layer: add it to the table above`);
  return hit[0];
}

/** The protocol folder of a layer-3 module, whose neighbours it must not import. */
const protocolOf = (file: string) => /^(imap|imsp|pop3)\//.exec(file)?.[1];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__fixtures__' ? [] : sources(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [relative(root, path)] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.[^'"]+)['"]/g), ...text.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map((m) => m[1]);
  return specs.map((s) => {
    const target = relative(root, resolve(dirname(join(root, file)), s));
    if (/\.ts$/.test(target)) return target;
    return existsSync(join(root, `${target}.ts`)) ? `${target}.ts` : `${target}/index.ts`;
  });
}

describe('engine layers (worker/)', () => {
  const files = sources(root);

  it('every module belongs to a layer', () => {
    for (const f of files) expect(() => layerOf(f), f).not.toThrow();
  });

  it('imports run downwards only, and no protocol imports another', () => {
    const wrong: string[] = [];
    for (const f of files) {
      for (const target of importsOf(f)) {
        if (target.startsWith('..')) continue; // outside worker/ (content files bundled in)
        const [from, to] = [layerOf(f), layerOf(target)];
        if (to > from) wrong.push(`${f} (layer ${from}) imports ${target} (layer ${to})`);
        else if (from === 3 && to === 3 && protocolOf(f) !== protocolOf(target)) wrong.push(`${f} imports another protocol's ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
