import { describe, expect, it } from 'vitest';
import { MailNetwork } from '../../worker/network';
import { scenarioStore } from '../../worker/node/engine';
import { TestClient } from './helpers';

/**
 * The 1995 IMSP drafts' mailbox location table (IMSP.md §10–§11) across two IMAP hosts: what
 * IMSP creates on a host is there and only there; what an IMAP host creates, IMSP lists with
 * its location. Without a draft-1995 IMSP host, every mailbox is on every host.
 */
function world(mode: 'draft-1995' | 'cyrus-1.8') {
  return new MailNetwork(scenarioStore('default'), [
    { name: 'north', protocol: 'imap', dialect: 'imap4rev1', port: 143 },
    { name: 'south', protocol: 'imap', dialect: 'imap4rev1', port: 143 },
    { name: 'imsp', protocol: 'imsp', dialect: mode, port: 406 },
  ]);
}

function client(net: MailNetwork, host: string, login: string) {
  const c = new TestClient(net, host);
  c.cmd(login);
  return c;
}

describe('mailbox location table (draft-1995)', () => {
  it('a mailbox IMSP creates on one host shows there only, and the other host says where it is', () => {
    const net = world('draft-1995');
    const imsp = client(net, 'imsp', 'a LOGIN alice wonderland');
    expect(imsp.cmd('b CREATE Receipts south')).toMatch(/^b OK/m);
    const north = client(net, 'north', 'a LOGIN alice wonderland');
    const south = client(net, 'south', 'a LOGIN alice wonderland');
    expect(south.cmd('b LIST "" Receipts')).toContain('* LIST (\\HasNoChildren) "/" Receipts');
    expect(north.cmd('b LIST "" Receipts')).not.toContain('Receipts\r\n');
    expect(north.cmd('c SELECT Receipts')).toMatch(/^c NO Mailbox Receipts is on south/m);
    expect(south.cmd('c SELECT Receipts')).toMatch(/^c OK \[READ-WRITE\]/m);
  });

  it('a mailbox an IMAP host creates appears in IMSP LIST with that host', () => {
    const net = world('draft-1995');
    const north = client(net, 'north', 'a LOGIN alice wonderland');
    expect(north.cmd('b CREATE Garden')).toMatch(/^b OK/m);
    const imsp = client(net, 'imsp', 'a LOGIN alice wonderland');
    expect(imsp.cmd('b LIST "" Garden')).toMatch(/Garden.*north/);
    const south = client(net, 'south', 'a LOGIN alice wonderland');
    expect(south.cmd('c LIST "" Garden')).not.toContain('Garden\r\n');
    expect(north.cmd('d RENAME Garden Yard')).toMatch(/^d OK/m);
    expect(imsp.cmd('e LIST "" Yard')).toMatch(/Yard.*north/);
  });

  it('without a draft-1995 IMSP host every mailbox is on every host', () => {
    const net = world('cyrus-1.8');
    const north = client(net, 'north', 'a LOGIN alice wonderland');
    north.cmd('b CREATE Garden');
    const south = client(net, 'south', 'a LOGIN alice wonderland');
    expect(south.cmd('c LIST "" Garden')).toContain('* LIST (\\HasNoChildren) "/" Garden');
  });
});
