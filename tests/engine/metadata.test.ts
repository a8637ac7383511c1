import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { restoreStore, SnapshotError, snapshotFromJson, snapshotStore, snapshotToJson, validateSnapshot } from '../../worker/store/snapshot';
import { entryNameProblem } from '../../worker/store/metadata';
import { MailStore, DEFAULT_STORE_LIMITS } from '../../worker/store/store';
import { MailNetwork } from '../../worker/network';
import { scenarioStore } from '../../worker/node/engine';
import { MAX_METADATA_ENTRIES, MAX_METADATA_VALUE_SIZE } from '../../worker/limits';
import { validateSnapshot as validateSaved } from '../../web/persist/exchange';
import { loggedIn, network, TestClient } from './helpers';

/** RFC 5464 (IMAP METADATA), section by section, against the engine. */

const tagged = (out: string, tag: string) => out.split('\r\n').find((l) => l.startsWith(tag + ' ')) ?? '';

describe('RFC 5464 §1/§4: the METADATA capability', () => {
  it('is advertised after login in IMAP4rev1 and IMAP4rev2, before SPECIAL-USE as Dovecot lists it', () => {
    for (const d of ['imap4rev1', 'imap4rev2'] as const) {
      const c = loggedIn(network(d));
      expect(c.cmd('c CAPABILITY')).toMatch(/^\* CAPABILITY .* METADATA SPECIAL-USE/m);
    }
  });
  it('is not advertised, and the commands do not exist, in IMAP2, IMAP2bis, IMAP3 or IMAP4', () => {
    for (const d of ['imap2', 'imap2bis', 'imap3', 'imap4'] as const) {
      const net = network(d);
      const c = new TestClient(net);
      c.cmd('a LOGIN alice wonderland');
      expect(c.cmd('b CAPABILITY')).not.toMatch(/METADATA/);
      expect(tagged(c.cmd('c GETMETADATA "" /private/comment'), 'c')).toMatch(/^c (BAD|NO)/);
    }
  });
  it('GETMETADATA and SETMETADATA are valid only after login (§4.2, §4.3: authenticated or selected state)', () => {
    const c = new TestClient(network());
    expect(tagged(c.cmd('a GETMETADATA "" /private/comment'), 'a')).toMatch(/^a BAD/);
  });
});

describe('RFC 5464 §3.2: entry names', () => {
  it('start with /private or /shared (any case), use / as a separator, and hold no *, % or control', () => {
    expect(entryNameProblem('/private/comment')).toBeNull();
    expect(entryNameProblem('/SHARED/Vendor/x')).toBeNull();
    expect(entryNameProblem('/private')).toBeNull();
    expect(entryNameProblem('comment')).toMatch(/begin with '\/'/);
    expect(entryNameProblem('/comment')).toMatch(/\/private or \/shared/);
    expect(entryNameProblem('/privately/x')).toMatch(/\/private or \/shared/);
    expect(entryNameProblem('/private/')).toMatch(/end with/);
    expect(entryNameProblem('/private//x')).toMatch(/consecutive/);
    expect(entryNameProblem('/private/a*')).toMatch(/'\*'/);
    expect(entryNameProblem('/private/a%')).toMatch(/'%'/);
    expect(entryNameProblem('/private/a\x01')).toMatch(/control/);
  });
  it('are case-insensitive: set in one case, read in another, answered in lower case', () => {
    const c = loggedIn();
    c.cmd('a SETMETADATA INBOX (/Private/Vendor/Example/Colour "blue")');
    expect(c.cmd('b GETMETADATA INBOX /PRIVATE/vendor/example/COLOUR')).toContain('* METADATA INBOX (/private/vendor/example/colour {4}\r\nblue)');
  });
  it('a bad name is a BAD and the whole SETMETADATA is refused (§4.3: all or nothing)', () => {
    const c = loggedIn();
    expect(tagged(c.cmd('a SETMETADATA INBOX (/private/ok "1" /bad "2")'), 'a')).toMatch(/^a BAD .*must begin with \/private or \/shared/);
    expect(c.cmd('b GETMETADATA INBOX /private/ok')).toContain('(/private/ok NIL)');
  });
});

describe('RFC 5464 §4.2: GETMETADATA', () => {
  it('returns a value as a literal and a missing entry as NIL, in one METADATA response per mailbox', () => {
    const c = loggedIn();
    c.cmd('a SETMETADATA INBOX (/private/comment "note")');
    const out = c.cmd('b GETMETADATA INBOX (/private/comment /shared/comment)');
    expect(out).toBe('* METADATA INBOX (/private/comment {4}\r\nnote /shared/comment NIL)\r\nb OK Getmetadata completed.\r\n');
  });
  it('§4.2.1 MAXSIZE leaves out values longer than it and reports the longest as LONGENTRIES', () => {
    const c = loggedIn();
    c.cmd('a SETMETADATA INBOX (/private/long "0123456789" /private/short "ab")');
    const out = c.cmd('b GETMETADATA (MAXSIZE 5) INBOX (/private/long /private/short)');
    expect(out).toContain('* METADATA INBOX (/private/short {2}\r\nab)');
    expect(out).not.toContain('/private/long');
    expect(tagged(out, 'b')).toBe('b OK [METADATA LONGENTRIES 10] Getmetadata completed.');
  });
  it('§4.2.2 DEPTH 0 is the entry, 1 adds its children, infinity every descendant (in name order)', () => {
    const c = loggedIn();
    c.cmd('a SETMETADATA INBOX (/private/v "0" /private/v/a "1" /private/v/b "2" /private/v/a/deep "3")');
    expect(c.cmd('b GETMETADATA (DEPTH 0) INBOX /private/v')).toContain('(/private/v {1}\r\n0)');
    expect(c.cmd('c GETMETADATA (DEPTH 1) INBOX /private/v')).toContain('(/private/v {1}\r\n0 /private/v/a {1}\r\n1 /private/v/b {1}\r\n2)');
    expect(c.cmd('d GETMETADATA (DEPTH infinity) INBOX /private/v')).toContain('(/private/v {1}\r\n0 /private/v/a {1}\r\n1 /private/v/a/deep {1}\r\n3 /private/v/b {1}\r\n2)');
    // With DEPTH 1 or infinity an absent entry is not reported as NIL, and no match means no response.
    expect(c.cmd('e GETMETADATA (DEPTH 1) INBOX /shared/none')).toBe('e OK Getmetadata completed.\r\n');
    expect(tagged(c.cmd('f GETMETADATA (DEPTH 2) INBOX /private/v'), 'f')).toMatch(/^f BAD .*DEPTH/);
  });
  it('the mailbox "" means the server (§3.2.1), whose entries are apart from any mailbox\'s', () => {
    const c = loggedIn();
    c.cmd('a SETMETADATA "" (/private/comment "server")');
    expect(c.cmd('b GETMETADATA "" /private/comment')).toContain('* METADATA "" (/private/comment {6}\r\nserver)');
    expect(c.cmd('c GETMETADATA INBOX /private/comment')).toContain('(/private/comment NIL)');
    expect(c.cmd('d GETMETADATA (DEPTH 1) "" /private')).toContain('(/private/comment {6}\r\nserver)');
  });
  it('a mailbox that does not exist is a NO', () => {
    expect(tagged(loggedIn().cmd('a GETMETADATA Nope /private/comment'), 'a')).toMatch(/^a NO Mailbox doesn't exist: Nope/);
  });
});

describe('RFC 5464 §4.3: SETMETADATA', () => {
  it('NIL removes an entry', () => {
    const c = loggedIn();
    c.cmd('a SETMETADATA INBOX (/private/comment "x")');
    expect(tagged(c.cmd('b SETMETADATA INBOX (/private/comment NIL)'), 'b')).toBe('b OK Setmetadata completed.');
    expect(c.cmd('c GETMETADATA INBOX /private/comment')).toContain('(/private/comment NIL)');
  });
  it('takes a literal (with CRLF inside) and a literal8 (with NUL inside), given back byte for byte', () => {
    const c = loggedIn();
    expect(c.cmd('a SETMETADATA INBOX (/private/a {4}')).toBe('+ OK\r\n');
    c.cmd('x\r\ny)');
    c.cmd('b SETMETADATA INBOX (/private/b ~{2+}\r\n\x00z)');
    expect(c.cmd('c GETMETADATA INBOX (/private/a /private/b)')).toContain('(/private/a {4}\r\nx\r\ny /private/b ~{2}\r\n\x00z)');
  });
  it('server /shared entries are the administrator\'s: NO [CANNOT] (§3.2.1.1 /shared/admin)', () => {
    expect(tagged(loggedIn().cmd('a SETMETADATA "" (/shared/admin "mailto:me@example.org")'), 'a')).toMatch(/^a NO \[CANNOT\]/);
  });
  it(`a value over ${MAX_METADATA_VALUE_SIZE} octets gets NO [METADATA MAXSIZE ${MAX_METADATA_VALUE_SIZE}] before its literal is sent`, () => {
    const c = loggedIn();
    expect(c.cmd(`a SETMETADATA INBOX (/private/big {${MAX_METADATA_VALUE_SIZE + 1}}`)).toBe(
      `a NO [METADATA MAXSIZE ${MAX_METADATA_VALUE_SIZE}] Entry value too large (max ${MAX_METADATA_VALUE_SIZE} octets)\r\n`,
    );
    c.cmd(`b SETMETADATA INBOX (/private/big {${MAX_METADATA_VALUE_SIZE + 1}+}\r\n${'x'.repeat(MAX_METADATA_VALUE_SIZE + 1)})`);
    expect(c.cmd('c GETMETADATA INBOX /private/big')).toContain('(/private/big NIL)');
  });
  it(`more than ${MAX_METADATA_ENTRIES} entries in an account get NO [METADATA TOOMANY], nothing stored`, () => {
    const c = loggedIn();
    const some = (from: number, n: number) => Array.from({ length: n }, (_, i) => `/private/e${from + i} "v"`).join(' ');
    expect(tagged(c.cmd(`a SETMETADATA INBOX (${some(0, MAX_METADATA_ENTRIES - 1)})`), 'a')).toMatch(/^a OK/);
    expect(tagged(c.cmd(`b SETMETADATA "" (/private/one "1")`), 'b')).toMatch(/^b OK/);
    expect(tagged(c.cmd(`c SETMETADATA Work (/private/x "1" /private/y "2")`), 'c')).toBe('c NO [METADATA TOOMANY] Too many METADATA entries (max 1000 per account)');
    expect(c.cmd('d GETMETADATA Work /private/x')).toContain('(/private/x NIL)');
    // Replacing or removing entries is still allowed at the limit.
    expect(tagged(c.cmd('e SETMETADATA INBOX (/private/e0 "new" /private/e1 NIL)'), 'e')).toMatch(/^e OK/);
  });
});

describe('RFC 6154 §4: a mailbox\'s special use is its entry /private/specialuse', () => {
  it('reads as the LIST attribute (NIL without one), also under DEPTH, and cannot be set (as on Dovecot)', () => {
    const c = loggedIn();
    expect(c.cmd('a GETMETADATA Sent /private/specialuse')).toContain('* METADATA Sent (/private/specialuse {5}\r\n\\Sent)');
    expect(c.cmd('b GETMETADATA INBOX /private/specialuse')).toContain('(/private/specialuse NIL)');
    expect(c.cmd('c GETMETADATA (DEPTH 1) Trash /private')).toContain('(/private/specialuse {6}\r\n\\Trash)');
    expect(tagged(c.cmd('d SETMETADATA Sent (/private/specialuse "\\\\Drafts")'), 'd')).toMatch(/^d NO \[CANNOT\]/);
    expect(tagged(c.cmd('e SETMETADATA INBOX (/private/specialuse NIL)'), 'e')).toMatch(/^e NO \[CANNOT\]/);
  });
});

describe('RFC 5464 §3: entries live and die with their mailbox', () => {
  it('RENAME takes them along, DELETE removes them', () => {
    const c = loggedIn();
    c.cmd('a CREATE Notes');
    c.cmd('b SETMETADATA Notes (/private/comment "mine")');
    c.cmd('c RENAME Notes Journal');
    expect(c.cmd('d GETMETADATA Journal /private/comment')).toContain('{4}\r\nmine');
    c.cmd('e DELETE Journal');
    c.cmd('f CREATE Journal');
    expect(c.cmd('g GETMETADATA Journal /private/comment')).toContain('NIL');
  });
});

describe('METADATA in the store and its snapshots (web/persist)', () => {
  it('entries survive a save (IndexedDB and export file) and restore', () => {
    const net = network();
    const c = loggedIn(net);
    c.cmd('a SETMETADATA INBOX (/private/vendor/example/sent "Sent" /shared/comment "ours")');
    c.cmd('b SETMETADATA "" (/private/comment "server side")');
    const snap = snapshotStore(net.store);
    for (const copy of [validateSaved(structuredClone(snap)), snapshotFromJson(snapshotToJson(snap))]) {
      const back = new MailNetwork(new MailStore(), [{ name: 'imap', protocol: 'imap', dialect: 'imap4rev1', port: 143 }]);
      restoreStore(back.store, copy);
      const d = loggedIn(back);
      expect(d.cmd('c GETMETADATA INBOX (/private/vendor/example/sent /shared/comment)')).toContain('(/private/vendor/example/sent {4}\r\nSent /shared/comment {4}\r\nours)');
      expect(d.cmd('e GETMETADATA "" /private/comment')).toContain('{11}\r\nserver side');
    }
  });
  it('a snapshot without metadata (older saves) restores with none', () => {
    const snap = snapshotStore(scenarioStore('default')) as unknown as { accounts: Array<Record<string, unknown> & { mailboxes: Array<Record<string, unknown>> }> };
    for (const a of snap.accounts) {
      delete a.serverMetadata;
      for (const m of a.mailboxes) delete m.metadata;
    }
    expect(() => validateSnapshot(snap)).not.toThrow();
  });
  it('refuses saved entries the engine would refuse: a bad name, upper case, a huge value, too many', () => {
    const base = () => snapshotStore(scenarioStore('default'));
    const bad: Array<[string, (s: ReturnType<typeof base>) => void]> = [
      ['a name without /private', (s) => (s.accounts[0].mailboxes[0].metadata = [['/comment', new Uint8Array(1)]])],
      ['upper case', (s) => (s.accounts[0].mailboxes[0].metadata = [['/private/Comment', new Uint8Array(1)]])],
      ['not octets', (s) => (s.accounts[0].serverMetadata = [['/private/comment', 'text' as unknown as Uint8Array]])],
      ['too large', (s) => (s.accounts[0].serverMetadata = [['/private/comment', new Uint8Array(MAX_METADATA_VALUE_SIZE + 1)]])],
      ['twice', (s) => (s.accounts[0].serverMetadata = [['/private/a', new Uint8Array(1)], ['/private/a', new Uint8Array(1)]])],
      ['too many', (s) => (s.accounts[0].serverMetadata = Array.from({ length: MAX_METADATA_ENTRIES + 1 }, (_, i) => [`/private/e${i}`, new Uint8Array(1)] as [string, Uint8Array]))],
    ];
    for (const [what, spoil] of bad) {
      const s = base();
      spoil(s);
      expect(() => validateSnapshot(s, DEFAULT_STORE_LIMITS), what).toThrow(SnapshotError);
    }
  });
});

describe('the METADATA grammar, fuzzed (fast-check)', () => {
  const segment = fc.stringMatching(/^[a-zA-Z0-9.\-_]{1,6}$/);
  const goodName = fc.tuple(fc.constantFrom('/private', '/shared', '/PRIVATE', '/Shared'), fc.array(segment, { maxLength: 4 })).map(([top, rest]) => [top, ...rest].join('/'));
  const anyName = fc.oneof(goodName, fc.stringMatching(/^[/a-z*%]{0,12}$/).filter((s) => s.length > 0 && !/^nil$/i.test(s)));

  it('SET then GET gives back any value, byte for byte, under any valid name', () => {
    fc.assert(
      fc.property(goodName.filter((n) => !/^\/shared$/i.test(n)), fc.uint8Array({ minLength: 0, maxLength: 40 }).map((b) => b.map((x) => (x === 0 ? 1 : x))), (name, value) => {
        const c = loggedIn();
        const head = `a SETMETADATA INBOX (${name} {${value.length}+}\r\n`;
        const out = c.raw(Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(value), Buffer.from(')\r\n')]));
        expect(tagged(out, 'a')).toMatch(/^a OK/);
        const got = c.cmd(`b GETMETADATA INBOX ${name}`);
        expect(got).toBe(`* METADATA INBOX (${name.toLowerCase()} {${value.length}}\r\n${Buffer.from(value).toString('latin1')})\r\nb OK Getmetadata completed.\r\n`);
      }),
      { numRuns: 150 },
    );
  });

  it('a name is accepted exactly when entryNameProblem finds nothing; every command gets one tagged answer', () => {
    fc.assert(
      fc.property(anyName, fc.constantFrom('GETMETADATA', 'SETMETADATA'), (name, cmd) => {
        const c = loggedIn();
        const out = cmd === 'GETMETADATA' ? c.cmd(`t GETMETADATA INBOX ${name}`) : c.cmd(`t SETMETADATA INBOX (${name} "v")`);
        const answer = tagged(out, 't');
        if (entryNameProblem(name)) expect(answer).toMatch(/^t BAD/);
        else expect(answer).toMatch(/^t OK/);
      }),
      { numRuns: 300 },
    );
  });

  it('random option lists never crash and end in one tagged OK or BAD', () => {
    const tok = fc.constantFrom('MAXSIZE', 'DEPTH', 'maxsize', 'depth', '0', '1', 'infinity', 'INFINITY', '-1', '4294967296', '"1"', 'NIL', '()', 'FOO');
    fc.assert(
      fc.property(fc.array(tok, { maxLength: 5 }), (opts) => {
        const c = loggedIn();
        const out = c.cmd(`t GETMETADATA (${opts.join(' ')}) INBOX /private/comment`);
        expect(out.split('\r\n').filter((l) => /^t (OK|BAD)/.test(l))).toHaveLength(1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('METADATA over a real socket (the TCP bridge)', () => {
  it('SETMETADATA with a synchronising literal (after "+ OK"), GETMETADATA back, a too-large literal refused before its octets', async () => {
    const { listen } = await import('../../worker/node/bridge');
    const { connect } = await import('node:net');
    const net = new MailNetwork(scenarioStore('default'), [{ name: 'imap', protocol: 'imap', dialect: 'imap4rev1', port: 143 }]);
    const server = await listen(net, 'imap', 0);
    const port = (server.address() as { port: number }).port;
    const sock = connect(port, '127.0.0.1');
    let buf = '';
    sock.on('data', (d) => (buf += d.toString('latin1')));
    const waitFor = async (re: RegExp) => {
      for (let i = 0; i < 400 && !re.test(buf); i++) await new Promise((r) => setTimeout(r, 5));
      expect(buf).toMatch(re);
      const out = buf;
      buf = '';
      return out;
    };
    try {
      await waitFor(/^\* OK .*\r\n/);
      sock.write('a LOGIN alice wonderland\r\n');
      await waitFor(/^a OK .*METADATA.*\r\n/m);
      sock.write('b SETMETADATA INBOX (/private/comment {5}\r\n');
      await waitFor(/^\+ OK\r\n/);
      sock.write('hello)\r\n');
      await waitFor(/^b OK Setmetadata completed\.\r\n/m);
      sock.write('c GETMETADATA INBOX /private/comment\r\n');
      expect(await waitFor(/^c OK/m)).toBe('* METADATA INBOX (/private/comment {5}\r\nhello)\r\nc OK Getmetadata completed.\r\n');
      sock.write(`d SETMETADATA INBOX (/private/big {${MAX_METADATA_VALUE_SIZE + 1}}\r\n`);
      expect(await waitFor(/^d /m)).toBe(`d NO [METADATA MAXSIZE ${MAX_METADATA_VALUE_SIZE}] Entry value too large (max ${MAX_METADATA_VALUE_SIZE} octets)\r\n`);
      sock.write('e LOGOUT\r\n');
      await waitFor(/^e OK/m);
    } finally {
      sock.destroy();
      server.close();
    }
  });
});
