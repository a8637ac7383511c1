import { describe, expect, it } from 'vitest';
import { scenarioStore } from '../node/engine';
import { formatOptionsFile, parseOptionsFile } from '../store/imsp';
import { loadImspOptions } from './fixture';
import { imspNetwork, TestClient } from '../../tests/support/imsp-testkit';

const open = (mode: 'cyrus-1.8' | 'draft-1995' = 'cyrus-1.8', store = scenarioStore('default')) => {
  const network = imspNetwork(store, mode);
  const client = () => {
    const c = new TestClient(network);
    c.take();
    return c;
  };
  return { store, network, client };
};

describe('IMSP options', () => {
  it('the fixture gives alice the real server\'s quota usage (224 octets → 1 KB)', () => {
    const { store, client } = open();
    expect(store.imsp.users.get('alice')?.options?.find((o) => o.name === 'imsp.user.quota.usage')?.value).toBe('224');
    const c = client();
    c.cmd('a LOGIN alice wonderland');
    expect(c.cmd('b GET imsp.user.quota.usage')).toBe('* OPTION imsp.user.quota.usage 1 [READ-ONLY]\r\nb OK get completed\r\n');
  });

  it('counts option names and values against the quota; over it, SET fails (with the 1.8 message bug)', () => {
    for (const mode of ['cyrus-1.8', 'draft-1995'] as const) {
      const { store, client } = open(mode);
      store.imsp.options.find((o) => o.name === 'imsp.user.quota')!.value = '1';
      const c = client();
      c.cmd('a LOGIN alice wonderland');
      expect(c.cmd(`b SET x.big {700+}\r\n${'v'.repeat(700)}`)).toBe('b OK set completed\r\n');
      const over = c.cmd(`c SET x.bigger {200+}\r\n${'w'.repeat(200)}`);
      expect(over).toBe(mode === 'cyrus-1.8' ? "c NO User 'alice' not authorized to change option 'x.bigger'\r\n" : 'c NO operation failed: IMSP user quota exceeded\r\n');
      expect(c.cmd('d STOREADDRESS alice Big notes {300+}\r\n' + 'n'.repeat(300))).toBe('d NO operation failed: IMSP user quota exceeded\r\n');
      // Giving space back works, and GET reports usage in KB rounded up.
      expect(c.cmd('e UNSET x.big')).toBe('e OK unset completed\r\n');
      expect(c.cmd('f GET imsp.user.quota.usage')).toBe('* OPTION imsp.user.quota.usage 1 [READ-ONLY]\r\nf OK get completed\r\n');
    }
  });

  it('quota as observed on the real server: SET says "not authorized", STOREADDRESS says quota', () => {
    const { client } = open();
    const c = client();
    c.cmd('a1 LOGIN admin imspadmin');
    expect(c.cmd('a2 SET "*%imsp.user.quota" 1')).toBe('a2 OK set completed\r\n');
    c.cmd('a3 LOGIN alice wonderland');
    expect(c.cmd(`a4 SET x.big {700+}\r\n${'v'.repeat(700)}`)).toBe('a4 OK set completed\r\n');
    expect(c.cmd(`a5 SET x.bigger {400+}\r\n${'w'.repeat(400)}`)).toBe("a5 NO User 'alice' not authorized to change option 'x.bigger'\r\n");
    expect(c.cmd(`a6 STOREADDRESS alice Big notes {400+}\r\n${'w'.repeat(400)}`)).toBe('a6 NO operation failed: IMSP user quota exceeded\r\n');
    expect(c.cmd('a7 GET imsp.user.quota*')).toBe(
      '* OPTION imsp.user.quota 1 [READ-ONLY]\r\n* OPTION imsp.user.quota.usage 1 [READ-ONLY]\r\na7 OK get completed\r\n',
    );
    expect(c.cmd('a8 UNSET x.big')).toBe('a8 OK unset completed\r\n');
  });

  it('the admin edits global options with the * prefix; % makes them read-only, %% non-visible', () => {
    const { client, store } = open('draft-1995');
    const admin = client();
    admin.cmd('a LOGIN admin imspadmin');
    expect(admin.cmd('b SET "*%%x.secret" s3')).toBe('b OK set completed\r\n');
    expect(admin.cmd('c UNSET "*x.lab.greeting"')).toBe('c OK unset completed\r\n');
    expect(store.imsp.options.find((o) => o.name === 'x.secret')).toEqual({ name: 'x.secret', type: 'N', value: 's3' });
    const alice = client();
    alice.cmd('a LOGIN alice wonderland');
    expect(alice.cmd('b GET x.*')).toBe('* OPTION x.lab.color blue [READ-WRITE]\r\nb OK get completed\r\n');
    expect(alice.cmd('c SET x.secret mine')).toBe("c NO User 'alice' not authorized to change option 'x.secret'\r\n");
  });

  it('common.from is <user>@<common.domain>; common.date is the server clock', () => {
    const { client } = open();
    const c = client();
    c.cmd('a LOGIN bob builder');
    expect(c.cmd('b GET common.from')).toBe('* OPTION common.from bob@example.org [READ-ONLY]\r\nb OK get completed\r\n');
    expect(c.cmd('c GET common.date')).toMatch(/^\* OPTION common\.date "(Sun|Mon|Tue|Wed|Thu|Fri|Sat), \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0000" \[READ-ONLY\]\r\n/);
  });

  it('reads and writes cyrus-imspd\'s options file format', () => {
    const parsed = parseOptionsFile('b.opt R two words\nA.Opt W one\nbad line\nx N\\shidden\nnames\\swith\\sspace W v\n');
    expect(parsed).toEqual([
      { name: 'A.Opt', type: 'W', value: 'one' },
      { name: 'b.opt', type: 'R', value: 'two words' },
      { name: 'names with space', type: 'W', value: 'v' },
      { name: 'x', type: 'N', value: 'hidden' },
    ]);
    expect(parseOptionsFile(formatOptionsFile(parsed))).toEqual(parsed);
    const { store, client } = open();
    loadImspOptions(store, 'common.domain R other.example\nimsp.admin.all N (bob)\nimsp.create.new.users N +\n');
    const c = client();
    c.cmd('a LOGIN bob builder');
    expect(c.cmd('b GET common.*')).toContain('* OPTION common.domain other.example [READ-ONLY]');
    expect(c.cmd('c GET imsp.admin.all')).toBe('* OPTION imsp.admin.all "(bob)" [READ-ONLY]\r\nc OK get completed\r\n');
  });
});

describe('IMSP visibility between sessions', () => {
  it('cyrus-1.8: a change reaches other sessions when the writer\'s session ends, and only those that had not read it', () => {
    const { client } = open('cyrus-1.8');
    const writer = client();
    const early = client();
    writer.cmd('w1 LOGIN alice wonderland');
    early.cmd('e1 LOGIN alice wonderland');
    expect(early.cmd('e2 GET x.lab.color')).toContain('x.lab.color blue');
    writer.cmd('w2 SET x.lab.color red');
    const during = client();
    during.cmd('d1 LOGIN alice wonderland');
    expect(during.cmd('d2 GET x.lab.color')).toContain('x.lab.color blue');
    writer.cmd('w3 LOGOUT');
    const after = client();
    after.cmd('a1 LOGIN alice wonderland');
    expect(after.cmd('a2 GET x.lab.color')).toContain('x.lab.color red');
    expect(early.cmd('e3 GET x.lab.color')).toContain('x.lab.color blue');
    expect(during.cmd('d3 GET x.lab.color')).toContain('x.lab.color blue');
  });

  it('cyrus-1.8: a connection that just drops writes its changes back too', () => {
    const { client, store } = open('cyrus-1.8');
    const writer = client();
    writer.cmd('w1 LOGIN bob builder');
    writer.cmd('w2 SET x.drop yes');
    expect(store.imsp.users.get('bob')?.options?.some((o) => o.name === 'x.drop')).toBe(false);
    writer.close();
    expect(store.imsp.users.get('bob')?.options?.find((o) => o.name === 'x.drop')?.value).toBe('yes');
  });

  it('cyrus-1.8: switching to another user\'s database writes the first one back', () => {
    const { client } = open('cyrus-1.8');
    const s = client();
    s.cmd('a LOGIN alice wonderland');
    s.cmd('b SET x.switch one');
    s.cmd('c LOGIN bob builder');
    s.cmd('d GET x.*');
    const other = client();
    other.cmd('a LOGIN alice wonderland');
    expect(other.cmd('b GET x.switch')).toBe('* OPTION x.switch one [READ-WRITE]\r\nb OK get completed\r\n');
  });

  it('draft-1995: every session sees a change at once', () => {
    const { client } = open('draft-1995');
    const a = client();
    const b = client();
    a.cmd('a1 LOGIN alice wonderland');
    b.cmd('b1 LOGIN alice wonderland');
    expect(b.cmd('b2 GET x.lab.color')).toContain('x.lab.color blue');
    a.cmd('a2 SET x.lab.color red');
    expect(b.cmd('b3 GET x.lab.color')).toContain('x.lab.color red');
    a.cmd('a3 STOREADDRESS alice "Queen of Hearts" email queen@wonderland.example');
    expect(b.cmd('b4 SEARCHADDRESS alice name "Q*"')).toBe('* SEARCHADDRESS "Queen of Hearts"\r\nb4 OK searchaddress completed\r\n');
  });

  it('the store holds what was written back, and a snapshot carries it', async () => {
    const { snapshotStore, restoreStore, snapshotToJson, snapshotFromJson } = await import('../store/snapshot');
    const { MailStore } = await import('../store/store');
    const { client, store } = open('cyrus-1.8');
    const c = client();
    c.cmd('a LOGIN alice wonderland');
    c.cmd('b SET x.snap 1');
    c.cmd('c LOGOUT');
    const copy = new MailStore();
    restoreStore(copy, snapshotFromJson(snapshotToJson(snapshotStore(store))));
    const d = new TestClient(imspNetwork(copy));
    d.take();
    d.cmd('a LOGIN alice wonderland');
    expect(d.cmd('b GET x.snap')).toBe('* OPTION x.snap 1 [READ-WRITE]\r\nb OK get completed\r\n');
    expect(d.cmd('c SEARCHADDRESS alice.friends')).toBe('* SEARCHADDRESS "White Rabbit"\r\nc OK searchaddress completed\r\n');
    // Untrusted snapshots (files, URLs) are checked before anything is restored.
    const bad = snapshotStore(store);
    (bad.imsp as unknown as { books: unknown }).books = [['alice', [{ name: 'x', fields: 'nope' }]]];
    expect(() => restoreStore(new MailStore(), bad)).toThrow(/IMSP address books/);
  });
});
