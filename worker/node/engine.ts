import { readFileSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { MailNetwork, type HostConfig } from '../network';
import '../servers/imsp'; // Node serves every protocol and dialect from the start
import '../dialects';
import '../servers/pop3';
import '../imap/sort/register'; // and has SORT and THREAD loaded (the browser fetches them on demand)
import { loadScenario } from '../scenario';
import { MailStore } from '../store/store';
import { parseMbox, toCrlf } from '../store/load';
import { readScenarioDir } from './scenarios';

export const SCENARIO_ROOT = fileURLToPath(new URL('../../content/scenarios/', import.meta.url));

/** Builds a store from a built-in scenario (`default`, or `empty` for the users with empty INBOXes). */
export function scenarioStore(name = 'default'): MailStore {
  const store = new MailStore();
  const dir = name === 'empty' ? 'default' : name;
  loadScenario(store, readScenarioDir(join(SCENARIO_ROOT, dir)), { empty: name === 'empty' });
  return store;
}

export function networkFor(store: MailStore, hosts: HostConfig[]): MailNetwork {
  return new MailNetwork(store, hosts);
}

/**
 * `--load`: a folder tree DIR/<mailbox>/…/*.eml (files in name order; nested folders are
 * child mailboxes) or one .mbox file, added to `user`'s mailboxes (an mbox goes to INBOX).
 */
export function loadMail(store: MailStore, user: string, path: string): number {
  const acc = store.account(user);
  if (!acc) throw new Error(`--load: no user ${user}`);
  let count = 0;
  const now = Date.now();
  if (statSync(path).isFile()) {
    const inbox = store.selectable(acc, 'INBOX');
    for (const m of parseMbox(new Uint8Array(readFileSync(path)))) {
      store.append(inbox, m.raw, [], m.date ?? now, 0);
      count++;
    }
    return count;
  }
  const walk = (dir: string, mailbox: string | null) => {
    const entries = readdirSync(dir).sort();
    for (const e of entries) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) {
        const name = mailbox ? `${mailbox}/${e}` : e;
        if (!store.mailbox(acc, name)) store.createMailbox(acc, name);
        walk(p, name);
      } else if (mailbox && e.endsWith('.eml')) {
        const mb = store.selectable(acc, mailbox);
        store.append(mb, toCrlf(new Uint8Array(readFileSync(p))), [], statSync(p).mtimeMs, 0);
        count++;
      }
    }
  };
  walk(path, null);
  return count;
}
