/**
 * Loads a scenario's IMSP state the way ../shared/peers/start-imspd.sh prepares the real
 * server: the global options file is installed as is, then a fixture transcript is played
 * through the protocol (cyrus-1.8 mode: each session writes its changes back at LOGOUT).
 *
 *   imsp-options       cyrus-imspd's global options file: `NAME TYPE VALUE` per line
 *   imsp-fixture.txt   client lines as in tests/transcripts (`@open NAME`, `@use NAME`,
 *                      `# comments`), plus `@saslpasswd USER PASSWORD`, which adds an
 *                      IMSP-only login (like `saslpasswd2 -a imspd`: the IMSP administrator)
 *
 * Every command must succeed; a fixture that does not is a ScenarioError.
 */
import type { MailStore } from '../store/store';
import { byteString, parseOptionsFile } from '../store/imsp';
import { ImspSession } from './session';
import { bytesOf, stringOf } from './wire';

export class ImspFixtureError extends Error {}

export interface ImspScenarioFiles {
  options?: string | Uint8Array;
  fixture?: string | Uint8Array;
}

/** Installs cyrus-imspd's global options file (`--imsp-options FILE`). */
export function loadImspOptions(store: MailStore, file: string | Uint8Array): void {
  store.imsp.options = parseOptionsFile(byteString(file));
  store.version++;
}

/** Loads `imsp-options` and plays `imsp-fixture.txt` (only its logins with `empty`). */
export function loadImspScenario(store: MailStore, files: ImspScenarioFiles, opts: { empty?: boolean } = {}): void {
  if (files.options !== undefined) loadImspOptions(store, files.options);
  if (files.fixture === undefined) return;
  const sessions = new Map<string, { session: ImspSession; out: string[] }>();
  const open = (name: string) => {
    const out: string[] = [];
    const session = new ImspSession(
      { store, host: 'imsp', send: (b) => out.push(stringOf(b)), close: () => {} },
      'cyrus-1.8',
    );
    sessions.set(name, { session, out });
    return sessions.get(name)!;
  };
  let cur: { session: ImspSession; out: string[] } | null = null;
  const lines = byteString(files.fixture).split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  for (const line of lines) {
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('@')) {
      const [dir, ...rest] = line.split(' ');
      if (dir === '@saslpasswd' && rest.length === 2) {
        store.imsp.logins.set(rest[0], rest[1]);
        continue;
      }
      if (opts.empty) continue;
      if (dir === '@open') cur = open(rest.join(' '));
      else if (dir === '@use') cur = sessions.get(rest.join(' ')) ?? null;
      else throw new ImspFixtureError(`imsp-fixture.txt: unknown directive ${dir}`);
      if (!cur) throw new ImspFixtureError(`imsp-fixture.txt: no connection ${rest.join(' ')}`);
      continue;
    }
    if (opts.empty) continue;
    cur ??= open('main');
    const tag = line.split(' ')[0];
    const before = cur.out.length;
    cur.session.receive(bytesOf(line + '\r\n'));
    const reply = cur.out.slice(before).join('');
    if (!new RegExp(`(^|\\r\\n)${tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} OK `).test(reply)) {
      throw new ImspFixtureError(`imsp-fixture.txt: "${line}" answered ${JSON.stringify(reply)}`);
    }
  }
  // Connections still open end as if the client went away (their caches are written back).
  for (const { session } of sessions.values()) session.dispose();
}
