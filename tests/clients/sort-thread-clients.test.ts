import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { imapBridge } from '../support/imap-bridge';

/**
 * SORT and THREAD from real clients over the bridge: Python's imaplib has sort() and thread()
 * (RFC 5256), and reads the answers; imapflow sees the capabilities.
 */
const run = promisify(execFile);
const bridge = imapBridge('all');

const SCRIPT = `
import imaplib, sys
M = imaplib.IMAP4('127.0.0.1', int(sys.argv[1]))
M.login('alice', 'wonderland')
M.select('INBOX', readonly=True)
print('sort', M.sort('(REVERSE DATE)', 'UTF-8', 'UNSEEN'))
print('uidsort', M.uid('SORT', '(SUBJECT)', 'UTF-8', 'FROM', 'carol'))
print('thread', M.thread('REFERENCES', 'UTF-8', 'ALL'))
print('ordered', M.thread('ORDEREDSUBJECT', 'UTF-8', 'SUBJECT', 'meeting'))
M.logout()
`;

describe('SORT and THREAD from real clients', () => {
  it('python3 imaplib: sort(), uid SORT and thread() get the server\'s answers', async () => {
    const { stdout } = await run('python3', ['-c', SCRIPT, String(bridge.port)]);
    expect(stdout).toContain("sort ('OK', [b'13 11 9 8 6 3'])");
    expect(stdout).toContain("uidsort ('OK', [b'5 1'])");
    expect(stdout).toContain("thread ('OK', [b'(1)(2 12)(3)(4)(5)(6)(7)(8)(9)(10)(11)(13)(14)'])");
    expect(stdout).toContain("ordered ('OK', [b'(2 12)'])");
  });

  it('imapflow sees SORT, THREAD=REFERENCES and ESORT after login', async () => {
    const client = new ImapFlow({ host: '127.0.0.1', port: bridge.port, secure: false, auth: { user: 'alice', pass: 'wonderland' }, logger: false });
    await client.connect();
    for (const c of ['SORT', 'SORT=DISPLAY', 'THREAD=REFERENCES', 'THREAD=ORDEREDSUBJECT', 'ESORT']) expect(client.capabilities.has(c), c).toBe(true);
    await client.logout();
  });
});
