import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_LITERAL_SIZE } from '../../worker/wire/framer';
import { DEFAULT_STORE_LIMITS } from '../../worker/store/store';
import { TestClient, loggedIn, network } from './helpers';

/** Every limit is explicit, answered with a clear BAD/NO, and leaves the connection usable. */
describe('limits', () => {
  it('refuses a literal larger than the limit, then carries on', () => {
    const c = loggedIn();
    const out = c.cmd(`a APPEND INBOX {${DEFAULT_MAX_LITERAL_SIZE + 1}}`);
    expect(out).toMatch(/^a BAD Literal too large: \d+ octets \(this server accepts at most \d+\)\r\n$/);
    expect(c.cmd('b NOOP')).toMatch(/^b OK/);
  });

  it('refuses the absurd literal {99999999999}', () => {
    const c = loggedIn();
    expect(c.cmd('a APPEND INBOX {99999999999}')).toMatch(/^a BAD /);
    expect(c.cmd('b NOOP')).toMatch(/^b OK/);
  });

  it('refuses a line longer than the limit, then carries on', () => {
    const c = loggedIn();
    const out = c.cmd('a NOOP ' + 'x'.repeat(DEFAULT_MAX_LINE_LENGTH + 10));
    expect(out).toMatch(/^a BAD Command line too long/);
    expect(c.cmd('b NOOP')).toMatch(/^b OK/);
  });

  it('refuses deep nesting with BAD', () => {
    const c = loggedIn();
    c.cmd('s SELECT INBOX');
    const out = c.cmd('a SEARCH ' + '('.repeat(200) + 'ALL' + ')'.repeat(200));
    expect(out).toMatch(/^a BAD .*(nesting|deep)/i);
    expect(c.cmd('b NOOP')).toMatch(/^b OK/);
  });

  it('limits the number of mailboxes per account', () => {
    const net = network();
    const c = new TestClient(net);
    c.cmd('a LOGIN bob builder');
    let last = '';
    for (let i = 0; i < DEFAULT_STORE_LIMITS.maxMailboxes + 5; i++) last = c.cmd(`c${i} CREATE box${i}`);
    expect(last).toMatch(/NO \[LIMIT\] Too many mailboxes \(max 1000\)/);
  });

  it('limits hierarchy depth and name length', () => {
    const c = loggedIn();
    expect(c.cmd(`a CREATE ${Array.from({ length: 20 }, (_, i) => `l${i}`).join('/')}`)).toMatch(/^a NO \[LIMIT\] Mailbox hierarchy too deep/);
    expect(c.cmd(`b CREATE ${'n'.repeat(300)}`)).toMatch(/^b NO \[LIMIT\] Mailbox name too long/);
  });

  it('rejects invalid mailbox names clearly', () => {
    const c = loggedIn();
    expect(c.cmd('a CREATE "Bad&Name"')).toMatch(/^a NO Mailbox name is not valid mUTF-7/);
    expect(c.cmd('b CREATE "a//b"')).toMatch(/^b NO /);
  });

  it('three bad commands before login end the connection with BYE', () => {
    const c = new TestClient(network());
    c.cmd('a BOGUS');
    c.cmd('b BOGUS');
    expect(c.cmd('c BOGUS')).toMatch(/^\* BYE Too many invalid IMAP commands/);
    expect(c.closed).toBe(true);
  });
});
