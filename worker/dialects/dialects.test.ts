import { describe, expect, it } from 'vitest';
import { findPattern } from '../imap/commands/find';
import { bodyStructure1730, plainValue } from '../imap/commands/fetch-legacy';
import { expandYear, formatOldDateTime, parseAnyDateTime, parseOldDate } from '../imap/olddates';
import { parseMessage } from '../mime/parse';
import { encodeValue } from '../wire/encode';
import { Atom } from '../wire/values';
import { dialect, dialects } from './index';
import type { DialectName } from '../imap/dialect';

const NAMES: DialectName[] = ['imap2', 'imap3', 'imap2bis', 'imap4', 'imap4rev1', 'imap4rev2'];

describe('the dialect registry', () => {
  it('serves all six eras', () => {
    expect(Object.keys(dialects)).toEqual(NAMES);
    for (const n of NAMES) expect(dialect(n).name).toBe(n);
  });

  it('describes every command: syntax and defining RFC', () => {
    for (const d of Object.values(dialects)) {
      for (const c of [...d.commands.values(), ...d.uidCommands.values()]) {
        expect(c.syntax, `${d.name} ${c.name}`).toMatch(/\w/);
        expect(c.rfc, `${d.name} ${c.name}`).toMatch(/RFC \d+/);
      }
    }
  });

  it('has the commands of each era and not those of later ones', () => {
    const has = (d: DialectName, ...names: string[]) => names.every((n) => dialect(d).commands.has(n));
    expect(has('imap2', 'LOGIN', 'SELECT', 'BBOARD', 'FIND', 'CHECK', 'EXPUNGE', 'COPY', 'FETCH', 'STORE', 'SEARCH')).toBe(true);
    expect(['CAPABILITY', 'UID', 'LIST', 'CREATE', 'EXAMINE', 'CLOSE'].some((n) => dialect('imap2').commands.has(n))).toBe(false);
    // RFC 1732's list of IMAP2bis additions over RFC 1176; RFC 2061's list of what it lacks.
    expect(has('imap2bis', 'LOGIN', 'SELECT', 'BBOARD', 'FIND', 'CHECK', 'EXPUNGE', 'COPY', 'FETCH', 'STORE', 'SEARCH')).toBe(true);
    expect(has('imap2bis', 'CREATE', 'DELETE', 'RENAME', 'APPEND', 'EXAMINE', 'SUBSCRIBE', 'UNSUBSCRIBE', 'PARTIAL')).toBe(true);
    expect(['CAPABILITY', 'AUTHENTICATE', 'LIST', 'LSUB', 'UID', 'CLOSE', 'STATUS'].some((n) => dialect('imap2bis').commands.has(n))).toBe(false);
    expect(dialect('imap2bis').fetch!.macros.FULL).toContain('BODY');
    expect(has('imap3', 'SUPPORTED.VERSIONS', 'SELECT.VERSION', 'SELECT.FEATURES')).toBe(true);
    expect(has('imap4', 'CAPABILITY', 'AUTHENTICATE', 'LIST', 'LSUB', 'FIND', 'PARTIAL', 'UID', 'CLOSE')).toBe(true);
    expect(['STATUS', 'IDLE', 'NAMESPACE', 'ENABLE', 'MOVE'].some((n) => dialect('imap4').commands.has(n))).toBe(false);
    expect(has('imap4rev2', 'ENABLE', 'IDLE', 'NAMESPACE', 'UNSELECT', 'MOVE', 'STATUS')).toBe(true);
    expect(['CHECK', 'LSUB'].some((n) => dialect('imap4rev2').commands.has(n))).toBe(false);
    expect([...dialect('imap4').uidCommands.keys()].sort()).toEqual(['COPY', 'FETCH', 'SEARCH', 'STORE']);
  });
});

describe('RFC 1176 dates', () => {
  it('writes INTERNALDATE as dd-mmm-yy hh:mm:ss and a zone name', () => {
    expect(formatOldDateTime(Date.UTC(1988, 5, 9, 19, 55, 44), -420)).toBe(' 9-Jun-88 12:55:44 MST');
    expect(formatOldDateTime(Date.UTC(2024, 0, 2, 9, 15, 5), 0)).toBe(' 2-Jan-24 09:15:05 GMT');
    // A zone without a name is given in GMT.
    expect(formatOldDateTime(Date.UTC(2024, 0, 7, 10, 0, 3), 120)).toBe(' 7-Jan-24 10:00:03 GMT');
  });

  it('reads dd-mmm-yy with c-client year windowing, and four-digit years', () => {
    expect(parseOldDate('1-OCT-87')).toBe(Date.UTC(1987, 9, 1));
    expect(parseOldDate('14-Jan-24')).toBe(Date.UTC(2024, 0, 14));
    expect(parseOldDate('14-Jan-2024')).toBe(Date.UTC(2024, 0, 14));
    expect(parseOldDate('32-Jan-24')).toBeNull();
    expect(expandYear(69, 2)).toBe(2069);
    expect(expandYear(70, 2)).toBe(1970);
  });
});

describe('IMAP2bis APPEND dates', () => {
  it('reads the old form (two-digit year, zone name) and RFC 1730\'s', () => {
    expect(parseAnyDateTime(' 9-Jun-88 12:55:44 PDT')).toEqual({ time: Date.UTC(1988, 5, 9, 19, 55, 44), zone: -420 });
    expect(parseAnyDateTime('9-Jun-88 12:55:44-EST')).toEqual({ time: Date.UTC(1988, 5, 9, 17, 55, 44), zone: -300 });
    expect(parseAnyDateTime('21-Feb-1995 10:00:00 +0100')).toEqual({ time: Date.UTC(1995, 1, 21, 9, 0, 0), zone: 60 });
  });

  it('refuses mixed forms, unknown zones and impossible days or times', () => {
    for (const s of ['9-Jun-1988 12:55:44 PDT', '9-Jun-88 12:55:44 +0100', '9-Jun-88 12:55:44 XYZ', '31-Feb-88 00:00:00 GMT', '9-Jun-88 24:00:00 GMT', '9-Jun-88 12:55 GMT'])
      expect(parseAnyDateTime(s), s).toBeNull();
  });
});

describe('FIND wildcards', () => {
  it('RFC 1176: * any run, % exactly one character', () => {
    const re = findPattern('FOO%BAR', 'rfc1176');
    expect(re.test('FOO.BAR')).toBe(true);
    expect(re.test('FOOBAR')).toBe(false);
    expect(findPattern('FOO*BAR', 'rfc1176').test('FOOD.ON.THE.BAR')).toBe(true);
  });
  it('RFC 1203 quotes with \\; RFC 1730 adds ?', () => {
    expect(findPattern('A\\*B', 'rfc1203').test('A*B')).toBe(true);
    expect(findPattern('A\\*B', 'rfc1203').test('AxB')).toBe(false);
    expect(findPattern('W?rk', 'rfc1730').test('Work')).toBe(true);
    expect(findPattern('W?rk', 'rfc1176').test('Work')).toBe(false);
  });
});

describe('values the old grammars can read', () => {
  it('RFC 1176 strings: no escapes, no % { or empty quoted string', () => {
    const text = (v: ReturnType<typeof plainValue>) => new TextDecoder().decode(encodeValue(v));
    expect(text(plainValue('plain'))).toBe('"plain"');
    expect(text(plainValue('50% off'))).toBe('{7}\r\n50% off');
    expect(text(plainValue(''))).toBe('{0}\r\n');
    expect(text(plainValue(new Atom('"say \\"hi\\""')))).toBe('{8}\r\nsay "hi"');
  });

  it('RFC 1730 BODYSTRUCTURE: MD5 after a part, parameters after a multipart', () => {
    const raw = new TextEncoder().encode(
      'Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\nContent-MD5: abc=\r\n\r\nhi\r\n--b--\r\n',
    );
    const v = new TextDecoder().decode(encodeValue(bodyStructure1730(parseMessage(raw))));
    expect(v).toBe('(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 2 0 "abc=") "mixed" ("boundary" "b"))');
  });
});
