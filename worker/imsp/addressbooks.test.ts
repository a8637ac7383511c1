import { describe, expect, it } from 'vitest';
import { scenarioStore } from '../node/engine';
import { imspNetwork, TestClient } from '../../tests/support/imsp-testkit';

const open = (mode: 'cyrus-1.8' | 'draft-1995' = 'cyrus-1.8') => {
  const store = scenarioStore('default');
  const network = imspNetwork(store, mode);
  const client = (login?: string) => {
    const c = new TestClient(network);
    c.take();
    if (login) c.cmd(`l0 LOGIN ${login}`);
    return c;
  };
  return { store, client };
};

/**
 * Address books and ACLs beyond the golden corpus; the cyrus-1.8 expectations marked
 * "observed" were recorded on the real cyrus-imspd 1.8.
 */
describe('IMSP address books', () => {
  it('right "1" makes a book an LDAP view: read-only rights, and (no LDAP server) no search (observed)', () => {
    const c = open().client('alice wonderland');
    expect(c.cmd('a SETACL ADDRESSBOOK alice.friends alice lrswipcda1')).toBe('a OK setacl completed\r\n');
    expect(c.cmd('b MYRIGHTS ADDRESSBOOK alice.friends')).toBe('* MYRIGHTS ADDRESSBOOK alice.friends lra1\r\nb OK myrights completed\r\n');
    expect(c.cmd('c SEARCHADDRESS alice.friends')).toBe('c NO Address book search failed\r\n');
    expect(c.cmd('d FETCHADDRESS alice.friends "White Rabbit"')).toBe("d NO entry 'White Rabbit' not found\r\n");
  });

  it('right "0" forbids listing every entry, not searching (observed)', () => {
    const c = open().client('alice wonderland');
    c.cmd('a SETACL ADDRESSBOOK alice.friends alice lrswipcda0');
    expect(c.cmd('b SEARCHADDRESS alice.friends')).toBe("b NO User 'alice' not permitted to list all entries of address book 'alice.friends'\r\n");
    expect(c.cmd('c SEARCHADDRESS alice.friends name "*"')).toBe("c NO User 'alice' not permitted to list all entries of address book 'alice.friends'\r\n");
    expect(c.cmd('d SEARCHADDRESS alice.friends name "W*"')).toBe('* SEARCHADDRESS "White Rabbit"\r\nd OK searchaddress completed\r\n');
  });

  it('a second criterion that matches nothing filters nothing (observed)', () => {
    const c = open().client('alice wonderland');
    const all = '* SEARCHADDRESS "Bob Builder"\r\n* SEARCHADDRESS "Carol Danvers"\r\n* SEARCHADDRESS "Mad Hatter"\r\n';
    expect(c.cmd('a SEARCHADDRESS alice email "*" nosuchfield "*"')).toBe(all + 'a OK searchaddress completed\r\n');
    expect(c.cmd('b SEARCHADDRESS alice name "*" nosuch x')).toBe(all + 'b OK searchaddress completed\r\n');
    expect(c.cmd('c SEARCHADDRESS alice nosuchfield "*" email "*"')).toBe('c OK searchaddress completed\r\n');
  });

  it('ACL identifiers are checked as Cyrus canonicalises them (observed)', () => {
    const c = open().client('alice wonderland');
    expect(c.cmd('a SETACL ADDRESSBOOK alice.friends 123 lr')).toBe("a NO Failed to modify access control list for ADDRESSBOOK 'alice.friends'\r\n");
    expect(c.cmd('b SETACL ADDRESSBOOK alice.friends group:users lr')).toBe('b OK setacl completed\r\n');
    expect(c.cmd('c SETACL ADDRESSBOOK alice.friends Anybody r')).toBe('c OK setacl completed\r\n');
    expect(c.cmd('d GETACL ADDRESSBOOK alice.friends')).toBe(
      '* ACL ADDRESSBOOK alice.friends alice lrswipcda\r\n* ACL ADDRESSBOOK alice.friends bob lr\r\n' +
        '* ACL ADDRESSBOOK alice.friends group:users lr\r\n* ACL ADDRESSBOOK alice.friends anyone r\r\nd OK getacl completed\r\n',
    );
  });

  it('"anyone" covers users who have not logged in; a negative entry takes rights away', () => {
    const { client } = open('draft-1995');
    const alice = client('alice wonderland');
    alice.cmd('a SETACL ADDRESSBOOK alice.friends anyone lr');
    alice.cmd('b SETACL ADDRESSBOOK alice.friends -bob r');
    const anon = client();
    expect(anon.cmd('c SEARCHADDRESS alice.friends')).toBe('* SEARCHADDRESS "White Rabbit"\r\nc OK searchaddress completed\r\n');
    const bob = client('bob builder');
    expect(bob.cmd('d MYRIGHTS ADDRESSBOOK alice.friends')).toBe('* MYRIGHTS ADDRESSBOOK alice.friends l\r\nd OK myrights completed\r\n');
  });

  it('a new sub-book inherits the explicit ACL of its parent', () => {
    const c = open().client('alice wonderland');
    expect(c.cmd('a CREATEADDRESSBOOK alice.friends.close')).toBe('a OK createaddressbook completed\r\n');
    expect(c.cmd('b GETACL ADDRESSBOOK alice.friends.close')).toBe(
      '* ACL ADDRESSBOOK alice.friends.close alice lrswipcda\r\n* ACL ADDRESSBOOK alice.friends.close bob lr\r\nb OK getacl completed\r\n',
    );
  });

  it('GETACL of a book without an ACL names the requester in cyrus-1.8, the owner in draft-1995', () => {
    expect(open('cyrus-1.8').client('admin imspadmin').cmd('a GETACL ADDRESSBOOK alice')).toBe('* ACL ADDRESSBOOK alice admin lrswipcda\r\na OK getacl completed\r\n');
    expect(open('draft-1995').client('admin imspadmin').cmd('a GETACL ADDRESSBOOK alice')).toBe('* ACL ADDRESSBOOK alice alice lrswipcda\r\na OK getacl completed\r\n');
  });

  it('a failed CREATEADDRESSBOOK: unterminated in cyrus-1.8, a proper NO in draft-1995', () => {
    expect(open('cyrus-1.8').client('alice wonderland').cmd('a CREATEADDRESSBOOK "alice."')).toBe('a Failed to create new address book');
    expect(open('draft-1995').client('alice wonderland').cmd('a CREATEADDRESSBOOK "alice."')).toBe('a NO Failed to create new address book\r\n');
  });

  it('renaming a primary book keeps its entries and leaves an empty primary book', () => {
    const c = open().client('alice wonderland');
    expect(c.cmd('a RENAMEADDRESSBOOK alice alice.old')).toBe('a OK renameaddressbook completed\r\n');
    expect(c.cmd('b SEARCHADDRESS alice')).toBe('b OK searchaddress completed\r\n');
    expect(c.cmd('c FETCHADDRESS alice.old "Mad Hatter"')).toBe('* FETCHADDRESS alice.old "Mad Hatter" alias hatter email hatter@wonderland.example\r\nc OK fetchaddress completed\r\n');
  });

  it('renaming into another user\'s namespace (admin) moves the quota and gives the old owner an ACL', () => {
    const { client, store } = open('draft-1995');
    const admin = client('admin imspadmin');
    expect(admin.cmd('a RENAMEADDRESSBOOK alice.friends bob.friends')).toBe('a OK renameaddressbook completed\r\n');
    expect(store.imsp.users.get('bob')?.books).toEqual(['bob.friends']);
    expect(store.imsp.users.get('bob')?.options?.find((o) => o.name === 'imsp.user.quota.usage')?.value).toBe(String(16 + 30));
    const bob = client('bob builder');
    expect(bob.cmd('b ADDRESSBOOK *')).toBe('* ADDRESSBOOK () "." bob.friends\r\nb OK addressbook completed\r\n');
  });

  it('STOREADDRESS into another user\'s missing primary book creates it even though it is refused (observed in 28)', () => {
    const { client, store } = open('draft-1995');
    const alice = client('alice wonderland');
    expect(alice.cmd('a STOREADDRESS carol X email x')).toBe("a NO User 'alice' not permitted to modify address book 'carol'\r\n");
    expect(store.imsp.books.has('carol')).toBe(true);
  });

  it('names a client chooses are never object keys (a book called __proto__)', () => {
    const { client, store } = open('draft-1995');
    const admin = client('admin imspadmin');
    expect(admin.cmd('a CREATEADDRESSBOOK __proto__')).toBe('a OK createaddressbook completed\r\n');
    expect(admin.cmd('b STOREADDRESS __proto__ constructor toString x')).toBe('* FETCHADDRESS __proto__ constructor toString x\r\nb OK storeaddress completed\r\n');
    expect(store.imsp.books.get('__proto__')).toEqual([{ name: 'constructor', fields: [{ name: 'toString', value: 'x' }] }]);
    expect(({} as Record<string, unknown>).toString).toBe(Object.prototype.toString);
  });
});

describe('IMSP locks', () => {
  it('releases any held lock, however many are held (the real server spins here)', () => {
    const c = open().client('alice wonderland');
    c.cmd('a LOCK OPTION x.lab.color');
    c.cmd('b LOCK ADDRESSBOOK alice "Mad Hatter"');
    c.cmd('c LOCK ADDRESSBOOK alice "Bob Builder"');
    expect(c.cmd('d UNLOCK OPTION x.lab.color')).toBe('d OK unlock completed\r\n');
    expect(c.cmd('e UNLOCK OPTION nosuch')).toBe("e NO option 'nosuch' not locked by current client\r\n");
    expect(c.cmd('f UNLOCK ADDRESSBOOK alice "mad hatter"')).toBe('f OK unlock completed\r\n');
  });

  it('draft-1995: a lock is seen by every other session at once and goes with its holder', () => {
    const { client } = open('draft-1995');
    const a = client('alice wonderland');
    const b = client('alice wonderland');
    expect(a.cmd('a LOCK OPTION x.lab.color')).toBe('* OPTION x.lab.color blue [READ-WRITE]\r\na OK lock completed\r\n');
    expect(b.cmd('b LOCK OPTION x.lab.color')).toBe("b NO [LOCKED] option 'x.lab.color' already locked by alice@localhost\r\n");
    expect(b.cmd('c UNLOCK OPTION x.lab.color')).toBe("c NO option 'x.lab.color' not locked by current client\r\n");
    a.cmd('d LOGOUT');
    expect(b.cmd('e LOCK OPTION x.lab.color')).toBe('* OPTION x.lab.color blue [READ-WRITE]\r\ne OK lock completed\r\n');
  });

  it('cyrus-1.8: the holder text is one character short', () => {
    const c = open().client('bob builder');
    c.cmd('a LOCK OPTION x.lab.color');
    expect(c.cmd('b LOCK OPTION x.lab.color')).toBe("b NO [LOCKED] option 'x.lab.color' already locked by bob@localhos\r\n");
  });
});
