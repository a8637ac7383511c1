import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../worker/api';
import { DEFAULT_HOSTS } from '../../worker/network';
import { readScenarioDir } from '../../worker/node/scenarios';
import type { ScenarioFiles } from '../../worker/store/scenario';
import type { Entry } from '../../web/terminal/session';
import { ResponseSplitter } from '../../web/terminal/splitter';
import { explain, type Node } from '../../web/inspector/explain';
import { parseHostSpec } from '../../web/lessons/format';

/** The inspector and the lesson host specs know IMAP2bis (RFC 1732, RFC 2061). */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCENARIOS: Record<string, ScenarioFiles> = {};
for (const d of readdirSync(join(ROOT, 'content/scenarios'))) {
  if (statSync(join(ROOT, 'content/scenarios', d)).isDirectory()) SCENARIOS[d] = readScenarioDir(join(ROOT, 'content/scenarios', d));
}
const enc = new TextEncoder();
const dec = new TextDecoder();

function transcript(lines: string[]): { engine: Engine; entries: Entry[] } {
  const engine = new Engine(SCENARIOS, DEFAULT_HOSTS.map((h) => ({ ...h })));
  engine.setHostDialect('imap.south.example', 'imap2bis');
  const entries: Entry[] = [];
  const splitter = new ResponseSplitter();
  let n = 0;
  const add = (dir: 'C' | 'S', bytes: Uint8Array) => entries.push({ n: ++n, dir, bytes, time: 0, cmd: dir === 'C' ? n : undefined });
  const id = engine.connect('imap.south.example', (ev) => {
    if (ev.kind === 'output') for (const u of splitter.push(ev.bytes)) add('S', u);
  });
  for (const l of lines) {
    const b = enc.encode(l + '\r\n');
    add('C', b);
    engine.send(id, b);
  }
  return { engine, entries };
}

const flat = (nodes: Node[]): Node[] => nodes.flatMap((x) => [x, ...flat(x.children ?? [])]);
const find = (entries: Entry[], re: RegExp) => {
  const e = entries.find((x) => re.test(dec.decode(x.bytes)));
  if (!e) throw new Error(`no line matches ${re}:\n${entries.map((x) => dec.decode(x.bytes)).join('')}`);
  return e;
};

describe('IMAP2bis in the inspector', () => {
  it('explains FIND ALL.MAILBOXES, the separate TRYCREATE and BODY[n] with RFC 1732/2061', () => {
    const { engine, entries } = transcript(['a1 LOGIN alice wonderland', 'a2 FIND ALL.MAILBOXES *', 'a3 SELECT INBOX', 'a4 COPY 1 Nowhere', 'a5 FETCH 8 BODY[1.1]']);
    const info = engine.dialectInfo().find((d) => d.name === 'imap2bis');
    expect(info?.title).toMatch(/IMAP2bis/);
    const mb = explain(entries, find(entries, /^\* MAILBOX INBOX/), info, 'imap2bis');
    expect(mb.rfc).toMatch(/RFC 2061/);
    expect(mb.dialect).toMatch(/IMAP2bis/);
    const tc = explain(entries, find(entries, /^\* OK \[TRYCREATE\]/), info, 'imap2bis');
    expect(flat(tc.nodes).find((x) => x.label === 'response code')?.text).toMatch(/separate untagged OK/);
    const body = explain(entries, find(entries, /^\* 8 FETCH \(BODY\[1\.1\]/), info, 'imap2bis');
    expect(flat(body.nodes).some((x) => /RFC 1732/.test(x.rfc ?? ''))).toBe(true);
    const cap = { n: 1, dir: 'C' as const, bytes: enc.encode('a9 CAPABILITY\r\n'), time: 0, cmd: 1 };
    expect(flat(explain([cap], cap, info, 'imap2bis').nodes).find((x) => x.label === 'command')?.text).toMatch(/IMAP2bis has no CAPABILITY/);
  });

  it('can be asked for by a lesson (the switcher row is tested in the browser: tests/e2e/suites/imap2bis.mjs)', () => {
    expect(parseHostSpec('imap2bis')).toMatchObject({ protocol: 'imap', dialect: 'imap2bis' });
  });
});
