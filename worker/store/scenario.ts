import { parseDateTime } from './dates';
import { toCrlf } from './load';
import { MailStore } from './store';
import { loadImspScenario } from '../imsp/fixture';

/**
 * A scenario is a folder of plain files (see content/scenarios/default/):
 *   users.tsv      user, password
 *   mailboxes.tsv  user, mailbox, uidvalidity, subscribed (1/0), special-use (or -)
 *   manifest.tsv   user, mailbox, file under mail/, flags (or -), internal date-time
 *   imsp-options   IMSP global options, cyrus-imspd's format (worker/imsp/fixture.ts)
 *   imsp-fixture.txt  IMSP commands played through the protocol (options, address books)
 * The engine gets the files as a map of relative path → contents, so the same loader serves
 * the browser (bundled by Vite) and Node (read from disk).
 */
export type ScenarioFiles = Record<string, string | Uint8Array>;

const text = (v: string | Uint8Array) => (typeof v === 'string' ? v : new TextDecoder().decode(v));
const bytes = (v: string | Uint8Array) => (typeof v === 'string' ? new TextEncoder().encode(v) : v);

function rows(files: ScenarioFiles, name: string): string[][] {
  const f = files[name];
  if (f === undefined) return [];
  return text(f)
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}

export class ScenarioError extends Error {}

/** Fills `store` from a scenario's files. With `empty`, only the users and their INBOXes. */
export function loadScenario(store: MailStore, files: ScenarioFiles, opts: { empty?: boolean } = {}): void {
  for (const [user, password] of rows(files, 'users.tsv')) store.addAccount(user, password);
  // IMSP (worker/imsp/fixture.ts): global options, then the fixture played through the protocol.
  loadImspScenario(store, { options: files['imsp-options'], fixture: files['imsp-fixture.txt'] }, opts);
  if (opts.empty) return;
  for (const [user, name, uidv, subscribed, special] of rows(files, 'mailboxes.tsv')) {
    const acc = store.account(user);
    if (!acc) throw new ScenarioError(`mailboxes.tsv: unknown user ${user}`);
    const uidValidity = Number(uidv);
    const existing = store.mailbox(acc, name);
    const mb = existing ?? store.createMailbox(acc, name, { uidValidity });
    mb.uidValidity = uidValidity;
    acc.nextUidValidity = Math.max(acc.nextUidValidity, uidValidity + 1);
    if (special && special !== '-') mb.specialUse = special;
    if (subscribed === '1') store.subscribe(acc, name);
    else store.unsubscribe(acc, name);
  }
  for (const [user, name, file, flags, date] of rows(files, 'manifest.tsv')) {
    const acc = store.account(user);
    const mb = acc && store.mailbox(acc, name);
    if (!mb) throw new ScenarioError(`manifest.tsv: no mailbox ${user}/${name}`);
    const raw = files['mail/' + file];
    if (raw === undefined) throw new ScenarioError(`manifest.tsv: missing mail/${file}`);
    const when = parseDateTime(date);
    if (!when) throw new ScenarioError(`manifest.tsv: bad date ${date}`);
    store.append(mb, toCrlf(bytes(raw)), flags === '-' ? [] : flags.split(' '), when[0], when[1]);
  }
}
