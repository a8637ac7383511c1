#!/usr/bin/env node
/**
 * The TCP bridge (the CLI contract in ../shared/design.md): serves the engine's hosts on
 * 127.0.0.1 so real mail clients can talk to it.
 *   npm run serve -- --imap 1143 --imap 1144:imap2 --imsp 1406 --pop3 1110 --user carol:secret
 */
import type { Server } from 'node:net';
import { readFileSync } from 'node:fs';
import type { DialectName } from '../imap/dialect';
import type { HostConfig } from '../network';
import { IMSP_MODES, type ImspMode } from '../imsp/types';
import { DEFAULT_BRIDGE_OPTIONS, listen, type BridgeOptions, type BridgeState } from './bridge';
import { loadMail, networkFor, scenarioStore } from './engine';
import { loadImspOptions } from '../imsp/fixture';

const DIALECTS: DialectName[] = ['imap2', 'imap2bis', 'imap3', 'imap4', 'imap4rev1', 'imap4rev2'];

const USAGE = `usage: npm run serve -- [options]
  --imap PORT[:DIALECT]   serve IMAP on 127.0.0.1:PORT (repeatable; dialects: ${DIALECTS.join(', ')})
  --dialect NAME          dialect for --imap ports given without one (default imap4rev1)
  --imsp PORT[:MODE]      serve IMSP (modes: ${IMSP_MODES.join(', ')}; default cyrus-1.8)
  --pop3 PORT             serve POP3 (RFC 1939; the maildrop is each user's INBOX)
  --scenario NAME         built-in scenario (default: default; 'empty' = users with empty INBOXes)
  --load [USER:]PATH      add mail from a folder tree PATH/<mailbox>/…/*.eml or an .mbox file
                          (into INBOX) for USER (default alice)
  --user NAME:PASSWORD    add a user (repeatable)
  --imsp-options FILE     IMSP global options in cyrus-imspd's format
Limits (README "Limits"; 0 turns a timer off):
  --max-connections N     open connections over all ports (default ${DEFAULT_BRIDGE_OPTIONS.maxConnections})
  --login-timeout SECONDS autologout before login (default ${DEFAULT_BRIDGE_OPTIONS.loginTimeoutMs / 1000})
  --idle-timeout SECONDS  autologout after login (default ${DEFAULT_BRIDGE_OPTIONS.idleTimeoutMs / 1000}, RFC 3501 §5.4's minimum)
  --auth-delay MS         delay before a failed login is answered (default ${DEFAULT_BRIDGE_OPTIONS.authFailureDelayMs})
  --command-budget MS     work one command may do before NO [LIMIT] (default ${DEFAULT_BRIDGE_OPTIONS.commandBudgetMs})
  --output-high-water N   unread output octets at which a connection's commands wait (default ${DEFAULT_BRIDGE_OPTIONS.highWater})
Port 0 picks a free port; the line 'listening <dialect> 127.0.0.1:<port>' (imsp, pop3 for those) says which.`;

function fail(msg: string): never {
  process.stderr.write(`serve: ${msg}\n${USAGE}\n`);
  process.exit(2);
}

interface Options {
  imap: Array<{ port: number; dialect: DialectName | null }>;
  imsp: Array<{ port: number; mode: ImspMode }>;
  pop3: number[];
  dialect: DialectName;
  scenario: string;
  load: Array<{ user: string; path: string }>;
  users: Array<{ name: string; password: string }>;
  imspOptions: string | null;
  bridge: Partial<BridgeOptions>;
}

/** A whole number ≥ 0 for a limit option, times `scale`. */
function parseCount(opt: string, s: string, scale = 1): number {
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(Number(s) * scale)) fail(`${opt} wants a whole number ≥ 0, got ${s}`);
  return Number(s) * scale;
}

function parsePort(s: string): number {
  const n = Number(s);
  if (!/^\d+$/.test(s) || n > 65535) fail(`bad port: ${s}`);
  return n;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { imap: [], imsp: [], pop3: [], dialect: 'imap4rev1', scenario: 'default', load: [], users: [], imspOptions: null, bridge: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => argv[++i] ?? fail(`${a} needs a value`);
    switch (a) {
      case '--imap': {
        const [p, d] = val().split(':');
        if (d && !DIALECTS.includes(d as DialectName)) fail(`unknown dialect: ${d}`);
        o.imap.push({ port: parsePort(p), dialect: (d as DialectName) || null });
        break;
      }
      case '--dialect': {
        const d = val();
        if (!DIALECTS.includes(d as DialectName)) fail(`unknown dialect: ${d}`);
        o.dialect = d as DialectName;
        break;
      }
      case '--imsp': {
        const [p, m] = val().split(':');
        const mode = (m || 'cyrus-1.8') as ImspMode;
        if (!IMSP_MODES.includes(mode)) fail(`unknown IMSP mode: ${m}`);
        o.imsp.push({ port: parsePort(p), mode });
        break;
      }
      case '--pop3':
        o.pop3.push(parsePort(val()));
        break;
      case '--scenario':
        o.scenario = val();
        break;
      case '--load': {
        const v = val();
        const m = /^([A-Za-z0-9._-]+):(.+)$/.exec(v);
        o.load.push(m && !/^[A-Za-z]$/.test(m[1]) ? { user: m[1], path: m[2] } : { user: 'alice', path: v });
        break;
      }
      case '--user': {
        const v = val();
        const c = v.indexOf(':');
        if (c <= 0) fail(`--user wants NAME:PASSWORD, got ${v}`);
        o.users.push({ name: v.slice(0, c), password: v.slice(c + 1) });
        break;
      }
      case '--imsp-options':
        o.imspOptions = val();
        break;
      case '--max-connections':
        o.bridge.maxConnections = parseCount(a, val());
        break;
      case '--login-timeout':
        o.bridge.loginTimeoutMs = parseCount(a, val(), 1000);
        break;
      case '--idle-timeout':
        o.bridge.idleTimeoutMs = parseCount(a, val(), 1000);
        break;
      case '--auth-delay':
        o.bridge.authFailureDelayMs = parseCount(a, val());
        break;
      case '--command-budget':
        o.bridge.commandBudgetMs = parseCount(a, val());
        break;
      case '--output-high-water':
        o.bridge.highWater = parseCount(a, val());
        break;
      case '-h':
      case '--help':
        process.stdout.write(USAGE + '\n');
        process.exit(0);
      default:
        fail(`unknown option: ${a}`);
    }
  }
  if (!o.imap.length && !o.imsp.length && !o.pop3.length) o.imap.push({ port: 1143, dialect: null });
  return o;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  let store;
  try {
    store = scenarioStore(o.scenario);
  } catch (e) {
    fail(`cannot load scenario ${o.scenario}: ${(e as Error).message}`);
  }
  for (const u of o.users) if (!store.account(u.name)) store.addAccount(u.name, u.password);
  for (const l of o.load) {
    try {
      loadMail(store, l.user, l.path);
    } catch (e) {
      fail(`--load ${l.path}: ${(e as Error).message}`);
    }
  }
  if (o.imspOptions) {
    // IMSP's global options in cyrus-imspd's own format replace the scenario's (worker/imsp).
    try {
      loadImspOptions(store, new Uint8Array(readFileSync(o.imspOptions)));
    } catch (e) {
      fail(`--imsp-options ${o.imspOptions}: ${(e as Error).message}`);
    }
  }
  const hosts: HostConfig[] = [
    ...o.imap.map((x, i) => ({ name: `imap${i}`, protocol: 'imap' as const, dialect: x.dialect ?? o.dialect, port: x.port })),
    ...o.imsp.map((x, i) => ({ name: `imsp${i}`, protocol: 'imsp' as const, dialect: x.mode, port: x.port })),
    ...o.pop3.map((port, i) => ({ name: `pop3${i}`, protocol: 'pop3' as const, dialect: 'rfc1939' as const, port })),
  ];
  const network = networkFor(store, hosts);
  const servers: Server[] = [];
  const state: BridgeState = { open: 0 };
  for (const h of hosts) {
    try {
      const s = await listen(network, h.name, h.port, o.bridge, state);
      servers.push(s);
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : h.port;
      process.stdout.write(`listening ${h.protocol === 'imap' ? h.dialect : h.protocol} 127.0.0.1:${port}\n`);
    } catch (e) {
      fail(`cannot listen on 127.0.0.1:${h.port}: ${(e as Error).message}`);
    }
  }
  const stop = () => {
    network.closeAll();
    for (const s of servers) s.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main();
