import { describe, expect, it } from 'vitest';
import { scenarioStore } from '../node/engine';
import { imspNetwork, TestClient } from '../../tests/support/imsp-testkit';

/** Input handling the golden corpus does not cover (IMSP.md §3.2–§3.4, dispatch.c, im_util.c). */
describe('IMSP session: lines and literals', () => {
  const client = (mode: 'cyrus-1.8' | 'draft-1995' = 'cyrus-1.8') => {
    const c = new TestClient(imspNetwork(scenarioStore('default'), mode));
    c.take();
    return c;
  };

  it('answers the same whatever the chunking (byte by byte)', () => {
    const script = 'a1 LOGIN alice wonderland\r\na2 SET x.k {5}\r\nhello\r\na3 GET x.k\r\na4 LOGOUT\r\n';
    const whole = client();
    const all = whole.raw(script.replace('{5}\r\n', '{5+}\r\n'));
    const bytewise = client();
    let out = '';
    for (const ch of script.replace('{5}\r\n', '{5+}\r\n')) out += bytewise.raw(ch);
    expect(out).toBe(all);
    expect(all).toContain('* OPTION x.k hello [READ-WRITE]');
  });

  it('sends "+ go" only when the parser reaches the literal, then reads the rest of the line', () => {
    const c = client();
    c.cmd('a1 LOGIN alice wonderland');
    expect(c.cmd('a2 SET {3}')).toBe('+ go\r\n');
    expect(c.raw('x.q')).toBe('');
    expect(c.cmd(' {2}')).toBe('+ go\r\n');
    expect(c.cmd('hi')).toBe('a2 OK set completed\r\n');
    expect(c.cmd('a3 GET x.q')).toBe('* OPTION x.q hi [READ-WRITE]\r\na3 OK get completed\r\n');
    // A command that fails before reaching the literal never prompts.
    expect(c.cmd('a4 NOOP {5}')).toBe("a4 BAD command 'noop' requires no arguments\r\n");
  });

  it('FETCHADDRESS answers earlier entries before prompting for a later literal', () => {
    const c = client();
    c.cmd('a1 LOGIN alice wonderland');
    const r = c.cmd('a2 FETCHADDRESS alice "Mad Hatter" {11}');
    expect(r).toBe('* FETCHADDRESS alice "Mad Hatter" alias hatter email hatter@wonderland.example\r\n+ go\r\n');
    expect(c.cmd('Bob Builder')).toMatch(/^\* FETCHADDRESS alice "Bob Builder" .*\r\na2 OK fetchaddress completed\r\n$/);
  });

  it('reads the octets of a refused non-synchronising literal as the next command line', () => {
    const c = client();
    expect(c.raw('a1 NOOP {9+}\r\nb1 NOOP\r\n')).toBe("a1 BAD command 'noop' requires no arguments\r\nb1 OK noop completed\r\n");
  });

  it('ends a line only at CRLF', () => {
    const c = client();
    expect(c.raw('a1 NOOP\nb1 NOOP\r\n')).toBe('a1 BAD 7-bit ASCII command required\r\n');
    expect(c.raw('a2 NOOP\r\r\n')).toBe('a2 BAD 7-bit ASCII command required\r\n');
  });

  it('accepts a 4094-octet line and closes silently on 4095 (input buffer 4096)', () => {
    const c = client();
    const ok = 'a1 GET ' + 'x'.repeat(4094 - 7);
    expect(ok.length).toBe(4094);
    expect(c.cmd(ok)).toBe('a1 OK get completed\r\n');
    const long = 'a2 GET ' + 'x'.repeat(4095 - 7);
    expect(c.cmd(long)).toBe('');
    expect(c.closed).toBe(true);
  });

  it('closes when the rest of a literal command overflows, after the command has answered', () => {
    const c = client();
    c.cmd('a1 LOGIN alice wonderland');
    expect(c.cmd('a2 SET x.k {1}')).toBe('+ go\r\n');
    const r = c.raw('v' + 'y'.repeat(5000));
    expect(r).toBe("a2 BAD command 'set' requires 2 properly formed argument(s)\r\n");
    expect(c.closed).toBe(true);
  });

  it('exits like the real server on a literal size that overflows, and refuses one it cannot hold', () => {
    const c = client();
    expect(c.cmd('a1 GET {99999999999}')).toBe('* BYE IMSP server exiting (probably out of memory)\r\n');
    expect(c.closed).toBe(true);
    const d = client();
    expect(d.cmd('a1 GET {50000000}')).toBe("a1 BAD command 'get' requires 1 properly formed argument(s)\r\n");
    expect(d.cmd('a2 NOOP')).toBe('a2 OK noop completed\r\n');
  });

  it('cuts a NUL-containing literal at the NUL (C strings)', () => {
    const c = client();
    c.cmd('a1 LOGIN alice wonderland');
    c.cmd('a2 SET x.nul {5+}');
    expect(c.raw('ab\0cd\r\n')).toBe('a2 OK set completed\r\n');
    expect(c.cmd('a3 GET x.nul')).toBe('* OPTION x.nul ab [READ-WRITE]\r\na3 OK get completed\r\n');
  });

  it('draft-1995 reads atoms strictly (no silent cut at "*")', () => {
    const cy = client();
    cy.cmd('a1 LOGIN alice wonderland');
    expect(cy.cmd('a2 UNSET x.*')).toBe("a2 NO option 'x.' was already unset\r\n");
    const dr = client('draft-1995');
    dr.cmd('a1 LOGIN alice wonderland');
    expect(dr.cmd('a2 UNSET x.*')).toBe("a2 BAD command 'unset' requires 1 properly formed argument(s)\r\n");
    expect(dr.cmd('a3 GET x.*')).toContain('* OPTION x.lab.color blue [READ-WRITE]');
  });

  it('never throws or hangs on random input', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const alphabet = ['a1 ', 'LOGIN ', 'alice ', 'wonderland', 'GET ', 'SET ', '"', '{', '}', '3', '+', '*', '%', '\r\n', '\n', ' ', 'x', '\0', '\xe9', 'STOREADDRESS ', 'LOCK ', 'OPTION ', 'AUTHENTICATE ', 'PLAIN'];
    for (let round = 0; round < 200; round++) {
      const c = client(round % 2 ? 'draft-1995' : 'cyrus-1.8');
      let input = '';
      for (let i = 0; i < 60; i++) input += alphabet[Math.floor(rnd() * alphabet.length)];
      expect(() => c.raw(input + '\r\n')).not.toThrow();
      c.close();
    }
  });
});
