import type { DialectName } from '../../worker/dialects/dialect';
import { MailNetwork, type HostConfig } from '../../worker/network';
import { scenarioStore } from '../../worker/node/engine';
import type { MailStore } from '../../worker/store/store';

const crlf = (s: string) => new TextEncoder().encode(s.replace(/\r?\n/g, '\r\n'));

/**
 * The default scenario plus bulletin boards: the mailboxes of a `bboard` account (the
 * TOPS-20 `POBOX:<BBOARD>` convention that IMAP2's BBOARD command maps to here).
 */
export function dialectStore(): MailStore {
  const store = scenarioStore('default');
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
  return store;
}

/** One host per dialect, all on one store. */
export function dialectNetwork(dialects: DialectName[], store = dialectStore()): MailNetwork {
  const hosts: HostConfig[] = dialects.map((d) => ({ name: `imap.${d}.example`, protocol: 'imap', dialect: d, port: d === 'imap3' ? 220 : 143 }));
  return new MailNetwork(store, hosts);
}
