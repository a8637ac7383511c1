import { describe, expect, it } from 'vitest';
import { ownTag } from './session';

const cmds = new Set(['CAPABILITY', 'NOOP', 'LOGIN', 'LIST', 'UID', 'FETCH', 'SETACL', 'SELECT']);

describe('auto tags: when is the first word a tag the student typed?', () => {
  it('a command, alone or with arguments, gets an auto tag', () => {
    expect(ownTag('CAPABILITY', cmds)).toBe(false);
    expect(ownTag('LOGIN alice wonderland', cmds)).toBe(false);
    expect(ownTag('UID FETCH 1 FLAGS', cmds)).toBe(false);
    expect(ownTag('SETACL ADDRESSBOOK x y', cmds)).toBe(false);
    // A command's argument may be a command's name: a mechanism, a mailbox called Search.
    expect(ownTag('AUTHENTICATE LOGIN', new Set([...cmds, 'AUTHENTICATE']))).toBe(false);
    expect(ownTag('SELECT LIST', cmds)).toBe(false);
    expect(ownTag('LIST LIST "" *', cmds)).toBe(false);
  });
  it('a misspelt command is not taken for a tag', () => {
    expect(ownTag('CAPABILITES', cmds)).toBe(false);
    expect(ownTag('SLECT INBOX', cmds)).toBe(false);
  });
  it('a first word followed by a command, or shaped like a tag, is the student’s own tag', () => {
    expect(ownTag('x1 NOOP', cmds)).toBe(true);
    expect(ownTag('mytag LOGIN alice wonderland', cmds)).toBe(true);
    expect(ownTag('A001 CAPABILITES', cmds)).toBe(true);
    expect(ownTag('a7 UID FETCH 1 FLAGS', cmds)).toBe(true);
  });
});
