import { MailNetwork, type HostConfig } from '../../worker/network';
import '../../worker/dialects'; // every era's dialect: the RFC view runs the old RFCs' examples
import { loadScenario, type ScenarioFiles } from '../../worker/scenario';
import { MailStore } from '../../worker/store/store';

const crlf = (s: string) => new TextEncoder().encode(s.replace(/\r?\n/g, '\r\n'));

/**
 * Bulletin boards: the mailboxes of a `bboard` account (the TOPS-20 `POBOX:<BBOARD>`
 * convention that IMAP2's BBOARD command maps to here). The dialect transcripts
 * (tests/dialects/fixture.ts) and the RFC examples view replay against the default scenario
 * plus these, so both see the same bytes.
 */
export function addBulletinBoards(store: MailStore): void {
  const acc = store.addAccount('bboard', 'news');
  const imap = store.createMailbox(acc, 'comp.mail.imap', { uidValidity: 1700000201 });
  const misc = store.createMailbox(acc, 'misc.test', { uidValidity: 1700000202 });
  const day = Date.UTC(1990, 7, 1, 12, 0, 0);
  store.append(
    imap,
    crlf('Date: Wed, 1 Aug 1990 12:00:00 -0700\nFrom: Mark Crispin <mrc@cac.washington.edu>\nSubject: RFC 1176 published\nNewsgroups: comp.mail.imap\n\nIMAP2 is now RFC 1176.\n'),
    [],
    day,
    -420,
  );
  store.append(
    imap,
    crlf('Date: Fri, 1 Feb 1991 09:30:00 -0800\nFrom: James Rice <rice@sumex-aim.stanford.edu>\nSubject: IMAP3\nNewsgroups: comp.mail.imap\n\nSee RFC 1203.\n'),
    [],
    day + 184 * 86400_000,
    -480,
  );
  store.append(misc, crlf('From: tester@example.org\nSubject: test\n\nignore\n'), [], day, 0);
}

/** The default scenario's files, bundled (as worker/main.ts does for the engine worker). */
const raw = import.meta.glob('../../content/scenarios/default/**/*', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const defaultFiles: ScenarioFiles = {};
for (const [path, text] of Object.entries(raw)) {
  const m = /content\/scenarios\/default\/(.+)$/.exec(path);
  if (m) defaultFiles[m[1]] = text;
}

/** A fresh network with one host for `dialect`, named as the dialect tests name it. */
export function rfcNetwork(dialect: string): { network: MailNetwork; host: string } {
  const store = new MailStore();
  loadScenario(store, defaultFiles);
  addBulletinBoards(store);
  const host = `imap.${dialect}.example`;
  const hosts: HostConfig[] = [{ name: host, protocol: 'imap', dialect: dialect as HostConfig['dialect'], port: dialect === 'imap3' ? 220 : 143 }];
  return { network: new MailNetwork(store, hosts), host };
}
