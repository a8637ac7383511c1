import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MailNetwork } from '../../worker/network';
import { scenarioStore } from '../../worker/node/engine';
import { restoreStore, SnapshotError, snapshotFromJson, snapshotStore, snapshotToJson, validateSnapshot, type StoreSnapshot } from '../../worker/store/snapshot';
import { MailStore } from '../../worker/store/store';
import { keywordProblem, MAX_UID } from '../../worker/store/valid';
import { ATOM_CHAR } from '../../worker/wire/parser';
import { validateSnapshot as validateSaved, importText, exportText } from '../../web/persist/exchange';
import { loggedIn } from './helpers';

/**
 * Issue 11 items 1 and 3: the engine and the snapshot validator share one definition of what
 * is valid (worker/store/valid.ts). Whatever the engine accepted saves and restores; what it
 * would refuse cannot be imported.
 */

const net = () => new MailNetwork(scenarioStore('default'), [{ name: 'imap', protocol: 'imap', dialect: 'imap4rev1', port: 143 }]);
/** Bytes shown as their length, so two snapshots compare quickly and readably. */
const plain = (s: StoreSnapshot) =>
  JSON.stringify(s, (_k, v) => {
    if (v instanceof Uint8Array) return `${v.length}:${v[0]}:${v[v.length - 1]}`;
    // Keys in one order, so the comparison is about content, not about how a copy was built.
    if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]]));
    return v;
  });

/** Saved (as IndexedDB would keep it), checked by the page's validator, restored into a new store. */
function roundTrip(store: MailStore): MailStore {
  const snap = snapshotStore(store);
  const checked = validateSaved(structuredClone(snap));
  const restored = new MailStore();
  restoreStore(restored, checked);
  expect(plain(snapshotStore(restored))).toBe(plain(snap));
  // And as an export file: the same again.
  const viaFile = new MailStore();
  restoreStore(viaFile, snapshotFromJson(snapshotToJson(snap)));
  expect(plain(snapshotStore(viaFile))).toBe(plain(snap));
  return restored;
}

describe('whatever the engine accepted saves and restores (issue 11 item 1)', () => {
  it('the exact repro: CREATE Keep, STORE 1 +FLAGS (a[b) → Keep survives', () => {
    const n = net();
    const c = loggedIn(n);
    expect(c.cmd('a CREATE Keep')).toContain('a OK');
    c.cmd('b SELECT INBOX');
    expect(c.cmd('c STORE 1 +FLAGS (a[b)')).toContain('c OK');
    const back = roundTrip(n.store);
    expect(back.mailbox(back.account('alice')!, 'Keep')).toBeTruthy();
    expect([...back.mailbox(back.account('alice')!, 'INBOX')!.messages[0].flags]).toContain('a[b');
  });

  it('a keyword with }, a 201-character keyword and 1,001 keywords on one message', () => {
    const n = net();
    const c = loggedIn(n);
    c.cmd('b SELECT INBOX');
    expect(c.cmd('c STORE 1 +FLAGS (x} y{z)')).toMatch(/^c BAD/m); // `{` is not an atom char: the parser refuses it
    expect(c.cmd('c STORE 1 +FLAGS (x})')).toContain('c OK');
    expect(c.cmd(`d STORE 1 +FLAGS (${'k'.repeat(201)})`)).toContain('d OK');
    const many = Array.from({ length: 1001 }, (_, i) => `kw${i}`).join(' ');
    expect(c.cmd(`e STORE 2 +FLAGS (${many})`)).toContain('e OK');
    const back = roundTrip(n.store);
    expect(back.mailbox(back.account('alice')!, 'INBOX')!.messages[1].flags.size).toBeGreaterThanOrEqual(1001);
  });

  it('more than 100,000 messages in a mailbox (the old validator stopped at 100,000)', () => {
    const n = net();
    const c = loggedIn(n);
    c.cmd('b SELECT INBOX');
    // Two COPYs as a student would type them, then small messages up to 100,001 (13 COPYs take long).
    for (let i = 0; i < 2; i++) expect(c.cmd(`c${i} COPY 1:* INBOX`)).toContain('OK');
    const inbox = n.store.mailbox(n.store.account('alice')!, 'INBOX')!;
    const raw = new TextEncoder().encode('Subject: x\r\n\r\nx\r\n');
    while (inbox.messages.length <= 100_000) n.store.append(inbox, raw, ['\\Seen'], 0, 0);
    const snap = snapshotStore(n.store);
    const restored = new MailStore();
    restoreStore(restored, validateSaved(snap));
    const back = restored.mailbox(restored.account('alice')!, 'INBOX')!;
    expect(back.messages.length).toBe(inbox.messages.length);
    expect(back.messages.at(-1)!.uid).toBe(inbox.messages.at(-1)!.uid);
    expect(back.uidNext).toBe(inbox.uidNext);
  }, 60_000);

  it('an export file of such a store imports again', () => {
    const n = net();
    const c = loggedIn(n);
    c.cmd('b SELECT INBOX');
    c.cmd('c STORE 1 +FLAGS (a[b x})');
    const file = exportText({ format: 'mpp-export/1', exportedAt: '', snapshot: snapshotStore(n.store), tabs: [], history: [], settings: { theme: 'auto', autoTag: true, screenReader: false } });
    const back = importText(file);
    expect(plain(back.snapshot!)).toBe(plain(snapshotStore(n.store)));
  });

  it('the keyword rule is exactly the parser\'s atom', () => {
    for (let b = 0; b < 256; b++) {
      const ch = String.fromCharCode(b);
      expect(keywordProblem(`a${ch}`) === null, `byte 0x${b.toString(16)}`).toBe(ATOM_CHAR[b] === 1);
    }
  });
});

describe('imports obey the same rules (issue 11 item 3)', () => {
  const good = () => snapshotStore(scenarioStore('default'));
  const withMailbox = (patch: Record<string, unknown>) => {
    const s = good();
    Object.assign(s.accounts[0].mailboxes[1], patch);
    return s;
  };
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['a name with ESC', () => withMailbox({ name: 'a\x1b[31m' }), /control character/],
    ['a name with BEL', () => withMailbox({ name: 'a\x07' }), /control character/],
    ['a name with CR LF', () => withMailbox({ name: 'a\r\nb' }), /control character/],
    ['an empty name', () => withMailbox({ name: '' }), /empty/],
    ['a//b', () => withMailbox({ name: 'a//b' }), /empty hierarchy level/],
    ['inbox in the wrong case', () => withMailbox({ name: 'Inbox' }), /canonical case|twice/],
    ['the same name twice', () => withMailbox({ name: 'INBOX' }), /twice/],
    ['negative UIDVALIDITY', () => withMailbox({ uidValidity: -5 }), /UIDVALIDITY/],
    ['UIDVALIDITY of 2^53−1', () => withMailbox({ uidValidity: 2 ** 53 - 1 }), /UIDVALIDITY/],
    ['UIDNEXT of 2^53−1', () => withMailbox({ uidNext: 2 ** 53 - 1 }), /UIDNEXT/],
    ['UIDNEXT of 2^32', () => withMailbox({ uidNext: 2 ** 32 }), /UIDNEXT/],
    ['a keyword with a space', () => withMailbox({ keywords: ['a b'] }), /keyword/],
    ['an unknown system flag', () => {
      const s = good();
      s.accounts[0].mailboxes[0].messages[0].flags = ['\\Recent'];
      return s;
    }, /flag/],
    ['user ""', () => {
      const s = good();
      s.accounts[0].user = '';
      return s;
    }, /user/],
    ['user ALICE', () => {
      const s = good();
      s.accounts[0].user = 'ALICE';
      return s;
    }, /lower case/],
    ['two accounts of one user', () => {
      const s = good();
      s.accounts[1].user = s.accounts[0].user;
      return s;
    }, /twice/],
    ['a nextUidValidity that would hand out a UIDVALIDITY again', () => {
      const s = good();
      s.accounts[0].nextUidValidity = s.accounts[0].mailboxes[2].uidValidity;
      return s;
    }, /not above/],
    ['no INBOX', () => {
      const s = good();
      s.accounts[0].mailboxes = s.accounts[0].mailboxes.filter((m) => m.name !== 'INBOX');
      return s;
    }, /no INBOX/],
  ];
  for (const [what, make, why] of cases) {
    it(`refuses ${what}`, () => {
      expect(() => validateSnapshot(make())).toThrow(why);
      expect(() => validateSaved(make())).toThrow(/Not a playground file/);
      const file = exportText({ format: 'mpp-export/1', exportedAt: '', snapshot: make() as StoreSnapshot, tabs: [], history: [], settings: { theme: 'auto', autoTag: true, screenReader: false } });
      expect(() => importText(file)).toThrow(/Not a playground file/);
    });
  }

  it('the engine keeps UIDs 32-bit: APPEND at the last UID is refused with NO [LIMIT]', () => {
    const s = good();
    const inbox = s.accounts[0].mailboxes[0];
    inbox.uidNext = MAX_UID;
    const store = new MailStore();
    restoreStore(store, s);
    const n = new MailNetwork(store, [{ name: 'imap', protocol: 'imap', dialect: 'imap4rev1', port: 143 }]);
    const c = loggedIn(n);
    expect(c.raw('a APPEND INBOX {3}\r\n')).toContain('+');
    expect(c.raw('x\r\n\r\n')).toMatch(/a NO \[LIMIT\]/);
    roundTrip(n.store);
  });

  it('a RENAME whose children would get too long a name is refused whole', () => {
    const n = net();
    const c = loggedIn(n);
    expect(c.cmd(`a CREATE p/${'c'.repeat(250)}`)).toContain('a OK');
    expect(c.cmd(`b RENAME p ${'q'.repeat(10)}`)).toMatch(/b NO \[LIMIT\]/);
    expect(n.store.mailbox(n.store.account('alice')!, 'p')).toBeTruthy();
    roundTrip(n.store);
  });
});

describe('property: any sequence of commands → snapshot → validate → restore gives the same store', () => {
  const name = fc.constantFrom('INBOX', 'Work', 'Keep', 'a/b', 'a', 'x[y', 'Ünï', 'Trash', 'Work/Projects', 'inbox/sub', 'n}');
  const keyword = fc.stringMatching(/^[!#$&'+,\-.0-9:;<=>?@A-Z[^_`a-z|}~]{1,12}$/);
  const flagList = fc.array(fc.oneof(keyword, fc.constantFrom('\\Seen', '\\Deleted', '\\Flagged', '\\Answered', '\\Draft')), { minLength: 1, maxLength: 4 });
  const quote = (s: string) => `"${s}"`;
  const command = fc.oneof(
    name.map((n) => `CREATE ${quote(n)}`),
    name.map((n) => `DELETE ${quote(n)}`),
    fc.tuple(name, name).map(([a, b]) => `RENAME ${quote(a)} ${quote(b)}`),
    name.map((n) => `SELECT ${quote(n)}`),
    name.map((n) => `SUBSCRIBE ${quote(n)}`),
    name.map((n) => `UNSUBSCRIBE ${quote(n)}`),
    fc.tuple(fc.constantFrom('+', '-', ''), flagList, fc.constantFrom('1', '1:*', '2:3', '*')).map(([op, f, set]) => `STORE ${set} ${op}FLAGS (${f.join(' ')})`),
    fc.tuple(fc.constantFrom('1', '1:*', '2'), name).map(([set, n]) => `COPY ${set} ${quote(n)}`),
    fc.tuple(fc.constantFrom('1', '2:*'), name).map(([set, n]) => `MOVE ${set} ${quote(n)}`),
    fc.constant('EXPUNGE'),
    fc.tuple(name, flagList).map(([n, f]) => `APPEND ${quote(n)} (${f.join(' ')}) "05-Dec-2026 10:00:00 +0930" {14+}\r\nSubject: hi\r\n`),
  );
  it('holds for 150 random sessions', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 25 }), fc.constantFrom('imap4rev1', 'imap4rev2', 'imap4', 'imap3', 'imap2'), (cmds, dialect) => {
        const n = new MailNetwork(scenarioStore('default'), [{ name: 'imap', protocol: 'imap', dialect, port: 143 }]);
        const c = loggedIn(n);
        cmds.forEach((line, i) => c.cmd(`t${i} ${line}`));
        roundTrip(n.store);
      }),
      { numRuns: 150 },
    );
  });
});

describe('fuzz: a damaged snapshot is refused with a reason, never half-restored', () => {
  /** Every path to a value inside a snapshot (arrays and objects), limited to a sample. */
  function paths(v: unknown, at: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
    if (out.length > 4000 || v instanceof Uint8Array) return out;
    if (Array.isArray(v)) v.slice(0, 3).forEach((x, i) => (out.push([...at, i]), paths(x, [...at, i], out)));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (out.push([...at, k]), paths(x, [...at, k], out));
    return out;
  }
  const base = snapshotStore(scenarioStore('default'));
  const all = paths(base).filter((p) => p[0] !== 'imsp' || p.length < 4);
  it('any one field replaced by anything: SnapshotError, or a store that saves and validates again', () => {
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.anything({ withTypedArray: true, withNullPrototype: true }), (path, value) => {
        const snap = structuredClone(base) as unknown as Record<string | number, unknown>;
        let o = snap as Record<string | number, unknown>;
        for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
        o[path[path.length - 1]] = value;
        const store = new MailStore();
        try {
          restoreStore(store, snap as unknown as StoreSnapshot);
        } catch (e) {
          expect(e).toBeInstanceOf(SnapshotError);
          return;
        }
        const again = snapshotStore(store);
        expect(() => validateSnapshot(again)).not.toThrow();
      }),
      { numRuns: 400 },
    );
  });
});
