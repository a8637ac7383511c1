import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../worker/api';
import '../../worker/pop3/register'; // as in Node; the page's engine loads it on first connect (Engine.prepare)
import { DEFAULT_HOSTS } from '../../worker/network';
import { readScenarioDir } from '../../worker/node/scenarios';
import type { ScenarioFiles } from '../../worker/store/scenario';
import type { Entry } from '../../web/terminal/session';
import { ResponseSplitter } from '../../web/terminal/splitter';
import { explainPop3 } from '../../web/inspector/pop3';

/** The inspector takes a POP3 session on pop.example apart line by line. */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCENARIOS: Record<string, ScenarioFiles> = {};
for (const d of readdirSync(join(ROOT, 'content/scenarios'))) {
  if (statSync(join(ROOT, 'content/scenarios', d)).isDirectory()) SCENARIOS[d] = readScenarioDir(join(ROOT, 'content/scenarios', d));
}
const enc = new TextEncoder();
const dec = new TextDecoder();

function transcript(lines: string[]): Entry[] {
  const engine = new Engine(SCENARIOS, DEFAULT_HOSTS.map((h) => ({ ...h })));
  const entries: Entry[] = [];
  // POP3 has no literals: the splitter must not take a line ending in {n} for one.
  const splitter = new ResponseSplitter(() => false);
  let n = 0;
  const add = (dir: 'C' | 'S', bytes: Uint8Array) => entries.push({ n: ++n, dir, bytes, time: 0, cmd: dir === 'C' ? n : undefined });
  const id = engine.connect('pop.example', (ev) => {
    if (ev.kind === 'output') for (const u of splitter.push(ev.bytes)) add('S', u);
  });
  for (const l of lines) {
    const b = enc.encode(l + '\r\n');
    add('C', b);
    engine.send(id, b);
  }
  return entries;
}

const find = (entries: Entry[], re: RegExp) => {
  const e = entries.find((x) => re.test(dec.decode(x.bytes)));
  if (!e) throw new Error(`no entry ${re}: ${entries.map((x) => dec.decode(x.bytes)).join('')}`);
  return explainPop3(entries, e);
};

describe('POP3 in the inspector', () => {
  const entries = transcript(['CAPA', 'AUTH PLAIN', 'AGFsaWNlAHdvbmRlcmxhbmQ=', 'LIST', 'UIDL 2', 'TOP 1 0', 'DELE 1', 'QUIT']);

  it('explains commands with their RFC and arguments', () => {
    const top = find(entries, /^TOP 1 0/);
    expect(top.rfc).toBe('RFC 1939 §7');
    expect(top.nodes.map((n) => n.label)).toEqual(['command', 'msg', 'n']);
    expect(find(entries, /^DELE 1/).summary).toMatch(/UPDATE/);
  });

  it('decodes the SASL response and warns that base64 is not encryption', () => {
    const r = find(entries, /^AGFsaWNl/);
    expect(r.rfc).toBe('RFC 5034 §4');
    expect(r.nodes[0].text).toContain('alice');
    expect(r.warning).toMatch(/not encryption/);
  });

  it('status lines say which command they answer; list lines and capabilities are named', () => {
    expect(find(entries, /^\+OK 14 messages:/).summary).toBe('Success of LIST; lines follow, up to a line with a single ".".');
    expect(find(entries, /^PIPELINING/).summary).toMatch(/RFC 2449|several commands/);
    expect(find(entries, /^9 5250/).nodes.map((n) => n.label)).toEqual(['msg', 'size']);
    expect(find(entries, /^\+OK 2 000000026553f101/).summary).toBe('Success of UIDL.');
    expect(find(entries, /^\+OK Mail Protocol Playground/).summary).toMatch(/greeting/);
  });

  it('a response code is explained', () => {
    const locked = transcript(['USER alice', 'PASS wonderland']);
    // A second session on the same engine would be locked out; here the code table is asked directly.
    const e: Entry = { n: 99, dir: 'S', bytes: enc.encode('-ERR [IN-USE] Mailbox is locked by another POP3 session.\r\n'), time: 0 };
    const r = explainPop3([...locked, e], e);
    expect(r.nodes.find((n) => n.label === 'response code')?.rfc).toBe('RFC 2449 §8.1.1');
  });
});
