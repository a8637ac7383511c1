import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMail, scenarioStore } from '../../worker/node/engine';
import { parseMbox, toCrlf } from '../../worker/store/load';
import { restoreStore, snapshotFromJson, snapshotStore, snapshotToJson } from '../../worker/store/snapshot';
import { MailStore } from '../../worker/store/store';
import { MailNetwork } from '../../worker/network';
import { TestClient, loggedIn } from './helpers';

const count = (store: MailStore, user: string, mb: string) => store.mailbox(store.account(user)!, mb)!.messages.length;

describe('scenarios', () => {
  it('default: alice and bob with the fixture mail, fixed UIDVALIDITYs, Sent/Trash roles', () => {
    const s = scenarioStore('default');
    expect([...s.accounts.keys()].sort()).toEqual(['alice', 'bob']);
    expect(count(s, 'alice', 'INBOX')).toBe(14);
    expect(count(s, 'alice', 'Work')).toBe(3);
    expect(count(s, 'alice', 'Work/Projects')).toBe(2);
    expect(count(s, 'alice', 'Archive')).toBe(2);
    expect(count(s, 'bob', 'INBOX')).toBe(1);
    const acc = s.account('alice')!;
    expect(s.mailbox(acc, 'INBOX')!.uidValidity).toBe(1700000001);
    expect(s.mailbox(acc, 'Sent')!.specialUse).toBe('\\Sent');
    expect(acc.subscriptions.has('Work/Projects')).toBe(false);
  });

  it('empty: the same users, each with only an empty INBOX', () => {
    const s = scenarioStore('empty');
    expect([...s.accounts.keys()].sort()).toEqual(['alice', 'bob']);
    expect([...s.account('alice')!.mailboxes.keys()]).toEqual(['INBOX']);
    expect(count(s, 'alice', 'INBOX')).toBe(0);
    expect(s.authenticate('bob', 'builder')).not.toBeNull();
  });
});

describe('loading mail (--load)', () => {
  it('reads a folder tree: folders become mailboxes, .eml files messages in name order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpp-load-'));
    mkdirSync(join(dir, 'Lists', 'Tea'), { recursive: true });
    writeFileSync(join(dir, 'Lists', 'b.eml'), 'Subject: second\n\nB\n');
    writeFileSync(join(dir, 'Lists', 'a.eml'), 'Subject: first\n\nA\n');
    writeFileSync(join(dir, 'Lists', 'Tea', 'c.eml'), 'Subject: tea\n\nC\n');
    const s = scenarioStore('empty');
    expect(loadMail(s, 'alice', dir)).toBe(3);
    const lists = s.mailbox(s.account('alice')!, 'Lists')!;
    expect(lists.messages.map((m) => new TextDecoder().decode(m.raw).split('\r\n')[0])).toEqual(['Subject: first', 'Subject: second']);
    expect(count(s, 'alice', 'Lists/Tea')).toBe(1);
  });

  it('reads an mbox into INBOX, undoing >From quoting and taking the separator date', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpp-mbox-'));
    const file = join(dir, 'mail.mbox');
    writeFileSync(file, 'From a@example.org Mon Jan  1 10:00:00 2024\nSubject: one\n\n>From here\n\nFrom b@example.org Tue Jan  2 11:00:00 2024\nSubject: two\n\nbody\n');
    const s = scenarioStore('empty');
    expect(loadMail(s, 'bob', file)).toBe(2);
    const inbox = s.mailbox(s.account('bob')!, 'INBOX')!;
    expect(new TextDecoder().decode(inbox.messages[0].raw)).toBe('Subject: one\r\n\r\nFrom here\r\n');
    expect(new Date(inbox.messages[1].internalDate).toISOString()).toBe('2024-01-02T11:00:00.000Z');
  });

  it('converts bare LF to CRLF and leaves CRLF alone', () => {
    const d = new TextDecoder();
    expect(d.decode(toCrlf(new TextEncoder().encode('a\nb\r\nc\n')))).toBe('a\r\nb\r\nc\r\n');
    expect(parseMbox(new TextEncoder().encode('no separator\n'))).toEqual([]);
  });
});

describe('snapshot and restore', () => {
  it('round-trips the whole store, also through JSON, and sessions see the restored mail', () => {
    const net = new MailNetwork(scenarioStore('default'), [{ name: 'imap', protocol: 'imap', dialect: 'imap4rev1', port: 143 }]);
    const c = loggedIn(net);
    c.cmd('a CREATE Keep/Me');
    c.cmd('b SELECT INBOX');
    c.cmd('c STORE 1 +FLAGS (Important \\Flagged)');
    const json = snapshotToJson(snapshotStore(net.store));
    const restored = new MailStore();
    restoreStore(restored, snapshotFromJson(json));
    expect(JSON.stringify(snapshotStore(restored))).toBe(JSON.stringify(snapshotStore(net.store)));
    const net2 = new MailNetwork(restored, net.hosts);
    const d = new TestClient(net2);
    d.cmd('a LOGIN alice wonderland');
    expect(d.cmd('b LIST "" Keep/*')).toContain('Keep/Me');
    d.cmd('c SELECT INBOX');
    expect(d.cmd('d FETCH 1 FLAGS')).toContain('FLAGS (\\Flagged \\Seen Important)');
  });

  it('refuses something that is not a snapshot, or a damaged one, without touching the store', () => {
    const store = scenarioStore('default');
    const before = JSON.stringify(snapshotStore(store), (_k, v) => (v instanceof Uint8Array ? v.length : v));
    const good = snapshotStore(scenarioStore('default'));
    const damaged = [
      { format: 'nope' },
      { ...good, accounts: 'x' },
      { ...good, accounts: [{ ...good.accounts[0], user: 42 }] },
      { ...good, accounts: [{ ...good.accounts[0], mailboxes: [{ ...good.accounts[0].mailboxes[0], messages: [{ uid: 1, raw: 'text' }] }] }] },
      { ...good, accounts: [{ ...good.accounts[0], mailboxes: [{ ...good.accounts[0].mailboxes[0], uidNext: 1 }] }] },
    ];
    for (const d of damaged) expect(() => restoreStore(store, d as never)).toThrow(/snapshot/);
    expect(JSON.stringify(snapshotStore(store), (_k, v) => (v instanceof Uint8Array ? v.length : v))).toBe(before);
  });
});
