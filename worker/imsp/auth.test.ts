import { describe, expect, it } from 'vitest';
import { scenarioStore } from '../node/engine';
import { imspNetwork, TestClient } from '../../tests/support/imsp-testkit';

const b64 = (s: string) => Buffer.from(s, 'latin1').toString('base64');

/**
 * SASL and LOGIN cases beyond the golden corpus. The expected texts were observed on the real
 * cyrus-imspd 1.8 (../shared/peers, recorded while writing this; see docs/imsp-fidelity.md).
 */
describe('IMSP authentication', () => {
  const client = () => {
    const c = new TestClient(imspNetwork(scenarioStore('default')));
    c.take();
    return c;
  };

  it('CAPABILITY lists the mechanisms the playground implements', () => {
    expect(client().cmd('a1 CAPABILITY')).toBe('* CAPABILITY AUTH=PLAIN AUTH=LOGIN LITERAL+\r\na1 OK capability completed\r\n');
  });

  it('PLAIN: the real server\'s error texts', () => {
    const c = client();
    const plain = (msg: string) => {
      expect(c.cmd('a AUTHENTICATE PLAIN')).toBe('+ \r\n');
      return c.cmd(msg);
    };
    expect(plain('')).toBe('a NO bad protocol / cancel\r\n');
    expect(plain(b64('abc'))).toBe('a NO bad protocol / cancel\r\n');
    expect(plain(b64('\0nosuchuser\0secret'))).toBe('a NO user not found\r\n');
    expect(plain(b64('\0ALICE\0wonderland'))).toBe('a NO user not found\r\n');
    expect(plain(b64('\0alice\0'))).toBe('a NO authentication failure\r\n');
    expect(plain(b64('alice\0\0wonderland'))).toBe('a NO generic failure\r\n');
    expect(plain(b64('bob\0alice\0wonderland'))).toBe('a NO authentication failure\r\n');
    // from64 stops after a group ending in "=", and needs whole groups.
    expect(plain(b64('\0alice\0wonderland').replace(/=*$/, ''))).toBe('a BAD Invalid base64 string\r\n');
    expect(plain(b64('\0alice\0wonderland') + 'xyz')).toBe("a OK User `alice' Logged in\r\n");
    // The SASL context is used up: PLAIN still prompts, then fails; LOGIN fails at once.
    expect(plain(b64('\0bob\0builder'))).toBe('a NO generic failure\r\n');
    expect(c.cmd('b AUTHENTICATE LOGIN')).toBe('b NO generic failure\r\n');
    expect(c.cmd('c LOGIN bob builder')).toBe("c OK User `bob' Logged in\r\n");
  });

  it('LOGIN mechanism: Username:/Password: challenges and errors', () => {
    const c = client();
    const login = (u: string, p: string) => {
      expect(c.cmd('a AUTHENTICATE login')).toBe('+ VXNlcm5hbWU6\r\n');
      expect(c.cmd(u)).toBe('+ UGFzc3dvcmQ6\r\n');
      return c.cmd(p);
    };
    expect(login(b64('nosuchuser'), b64('secret'))).toBe('a NO user not found\r\n');
    expect(login(b64('alice'), b64('wrong'))).toBe('a NO authentication failure\r\n');
    expect(login('', b64('wonderland'))).toBe('a NO generic failure\r\n');
    expect(login(b64('admin'), b64('imspadmin'))).toBe("a OK User `admin' Logged in\r\n");
    expect(c.cmd('b GET imsp.admin.all')).toBe('* OPTION imsp.admin.all "(admin)" [READ-ONLY]\r\nb OK get completed\r\n');
  });

  it('unknown mechanisms and malformed commands', () => {
    const c = client();
    expect(c.cmd('a AUTHENTICATE CRAM-MD5')).toBe('a NO no mechanism available\r\n');
    expect(c.cmd('a AUTHENTICATE plain extra')).toBe("a BAD command 'authenticate' requires 1 properly formed argument(s)\r\n");
    expect(c.cmd('a AUTHENTICATE {5}')).toBe("a BAD command 'authenticate' requires 1 properly formed argument(s)\r\n");
  });

  it('the admin may switch to any user with an empty password; others may not', () => {
    const c = client();
    c.cmd('a LOGIN bob builder');
    expect(c.cmd('b LOGIN alice ""')).toBe('b NO Login incorrect\r\n');
    c.cmd('c LOGIN admin imspadmin');
    expect(c.cmd('d LOGIN admin ""')).toBe("d OK Administrator switch from user `admin' to user `admin' successful.\r\n");
    expect(c.cmd('e LOGIN bob ""')).toBe("e OK Administrator switch from user `admin' to user `bob' successful.\r\n");
  });

  it('a user without an options database is refused unless imsp.create.new.users is on', () => {
    const store = scenarioStore('default');
    store.imsp.options = store.imsp.options.filter((o) => o.name !== 'imsp.create.new.users');
    store.addAccount('carol', 'secret');
    const c = new TestClient(imspNetwork(store));
    c.take();
    expect(c.cmd('a LOGIN carol secret')).toBe('a NO User does not have an account on this server\r\n');
    expect(c.cmd('b LOGIN alice wonderland')).toBe("b OK User `alice' Logged in\r\n");
  });

  it('a response line that overflows the input buffer ends the connection (the real server spins)', () => {
    const c = client();
    expect(c.cmd('a AUTHENTICATE PLAIN')).toBe('+ \r\n');
    expect(c.raw('A'.repeat(5000))).toBe('');
    expect(c.closed).toBe(true);
  });

  it('LOGOUT releases the session and closes', () => {
    const c = client();
    expect(c.cmd('a LOGOUT')).toBe('* BYE Logging user out\r\na OK Logging user out\r\n');
    expect(c.closed).toBe(true);
  });
});
