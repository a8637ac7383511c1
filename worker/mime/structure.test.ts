/**
 * ENVELOPE / BODYSTRUCTURE / quoting unit tests. The message/expectation pairs marked "Dovecot"
 * are Dovecot 2.3's own unit-test vectors (src/lib-imap/test-imap-envelope.c,
 * test-imap-bodystructure.c), re-expressed here.
 */
import { describe, expect, it } from 'vitest';
import { encodeValue } from '../wire/encode';
import { Atom } from '../wire/values';
import { binBytes } from './bytes';
import { bodyStructure } from './bodystructure';
import { envelope } from './envelope';
import { humanString, nstring, nstringNoLf } from './istring';
import { parseMessage } from './parse';
import { encodeMimeValue, tight, tightCount } from './tight';

const latin1 = (b: Uint8Array) => String.fromCharCode(...b);
const enc = (v: Parameters<typeof encodeMimeValue>[0]) => latin1(encodeMimeValue(v));
const parse = (s: string) => parseMessage(binBytes(s));

describe('Dovecot quoting rules (istring)', () => {
  it('nstring: quoted, escaped up to four specials, literal otherwise', () => {
    expect(enc(nstring(null))).toBe('NIL');
    expect(enc(nstring(''))).toBe('""');
    expect(enc(nstring('plain'))).toBe('"plain"');
    expect(nstring('a"b')).toBeInstanceOf(Atom);
    expect(enc(nstring('a"b\\c'))).toBe('"a\\"b\\\\c"');
    expect(enc(nstring('""""'))).toBe('"\\"\\"\\"\\""');
    expect(enc(nstring('"""""'))).toBe('{5}\r\n"""""');
    expect(enc(nstring('a\nb'))).toBe('{3}\r\na\nb');
    expect(enc(nstring('\xc3\xa9'))).toBe('{2}\r\n\xc3\xa9');
  });
  it('nstring_nolf: line breaks removed, a space where lines would glue', () => {
    expect(enc(nstringNoLf('a\n b'))).toBe('"a b"');
    expect(enc(nstringNoLf('a\nb'))).toBe('"a b"');
    expect(enc(nstringNoLf('a\r\n\tb'))).toBe('"a\tb"');
  });
  it('humanString: clean text quoted, anything else a cleaned literal', () => {
    expect(enc(humanString('Hello Alice'))).toBe('"Hello Alice"');
    expect(enc(humanString('   '))).toBe('""');
    expect(enc(humanString(''))).toBe('""');
    expect(enc(humanString(' a  b\t'))).toBe('{3}\r\na b');
    expect(enc(humanString('\n folded'))).toBe('{6}\r\nfolded');
    expect(enc(humanString('say "hi"'))).toBe('{8}\r\nsay "hi"');
    expect(enc(humanString('x\x00y'))).toBe('{3}\r\nx\x80y');
    expect(enc(humanString('J\xc3\xb6rg'))).toBe('{5}\r\nJ\xc3\xb6rg');
  });
  it('tight lists glue their leading items', () => {
    const v = tight([['a'], ['b'], 'mixed', ['x'], ['y']], 2);
    expect(tightCount(v)).toBe(2);
    expect(enc(v)).toBe('(("a")("b") "mixed" ("x") ("y"))');
    expect(latin1(encodeValue(v))).toBe('(("a")("b") "mixed" ("x") ("y"))'); // the project encoder honours the mark
  });
});

describe('ENVELOPE (Dovecot test vectors)', () => {
  const cases: [string, string][] = [
    [
      'Message-ID: <msg@id>\nIn-Reply-To: <reply@to.id>\nDate: Thu, 15 Feb 2007 01:02:03 +0200\nSubject: subject header\nFrom: From Real <fromuser@fromdomain.org>\nTo: To Real <touser@todomain.org>\nCc: Cc Real <ccuser@ccdomain.org>\nBcc: Bcc Real <bccuser@bccdomain.org>\nSender: Sender Real <senderuser@senderdomain.org>\nReply-To: ReplyTo Real <replytouser@replytodomain.org>\n\nbody\n',
      '"Thu, 15 Feb 2007 01:02:03 +0200" "subject header" (("From Real" NIL "fromuser" "fromdomain.org")) (("Sender Real" NIL "senderuser" "senderdomain.org")) (("ReplyTo Real" NIL "replytouser" "replytodomain.org")) (("To Real" NIL "touser" "todomain.org")) (("Cc Real" NIL "ccuser" "ccdomain.org")) (("Bcc Real" NIL "bccuser" "bccdomain.org")) "<reply@to.id>" "<msg@id>"',
    ],
    [
      'Date: Thu, 15 Feb 2007 01:02:03 +0200\nFrom: user@domain\n\nbody\n',
      '"Thu, 15 Feb 2007 01:02:03 +0200" NIL ((NIL NIL "user" "domain")) ((NIL NIL "user" "domain")) ((NIL NIL "user" "domain")) NIL NIL NIL NIL NIL',
    ],
    [
      'Date: Thu, 15 Feb 2007 01:02:03 +0200\nFrom: user@domain (Real Name)\nTo: group: g1@d1.org, g2@d2.org;, group2: g3@d3.org;\nCc: group:;, group2: (foo) ;\n\nbody\n',
      '"Thu, 15 Feb 2007 01:02:03 +0200" NIL (("Real Name" NIL "user" "domain")) (("Real Name" NIL "user" "domain")) (("Real Name" NIL "user" "domain")) ((NIL NIL "group" NIL)(NIL NIL "g1" "d1.org")(NIL NIL "g2" "d2.org")(NIL NIL NIL NIL)(NIL NIL "group2" NIL)(NIL NIL "g3" "d3.org")(NIL NIL NIL NIL)) ((NIL NIL "group" NIL)(NIL NIL NIL NIL)(NIL NIL "group2" NIL)(NIL NIL NIL NIL)) NIL NIL NIL',
    ],
    [
      'Date: Thu, 15 Feb 2007 01:02:03 +0200\nFrom: user@domain (Real Name)\nSender: \nReply-To: \n\nbody\n',
      '"Thu, 15 Feb 2007 01:02:03 +0200" NIL (("Real Name" NIL "user" "domain")) (("Real Name" NIL "user" "domain")) (("Real Name" NIL "user" "domain")) NIL NIL NIL NIL NIL',
    ],
    [
      'Date: Thu, 15 Feb 2007 01:02:03 +0200\nFrom: <@route:user@domain>\n\nbody\n',
      '"Thu, 15 Feb 2007 01:02:03 +0200" NIL ((NIL "@route" "user" "domain")) ((NIL "@route" "user" "domain")) ((NIL "@route" "user" "domain")) NIL NIL NIL NIL NIL',
    ],
  ];
  cases.forEach(([message, expected], i) => {
    it(`vector ${i}`, () => expect(enc(envelope(parse(message)))).toBe(`(${expected})`));
  });

  it('no header at all', () => {
    expect(enc(envelope(parse('')))).toBe('(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)');
  });
});

describe('BODY / BODYSTRUCTURE (Dovecot test vectors)', () => {
  const lorem =
    'Lorem ipsum dolor sit amet, consectetuer adipiscing elit. Aenean commodo\nligula eget dolor. Aenean massa. Cum sociis natoque penatibus et magnis dis\nparturient montes, nascetur ridiculus mus. Donec quam felis, ultricies nec,\npellentesque eu, pretium quis, sem. Nulla consequat massa quis enim. Donec\npede justo, fringilla vel, aliquet nec, vulputate eget, arcu. In enim justo,\nrhoncus ut, imperdiet a, venenatis vitae, justo. Nullam dictum felis eu pede\nmollis pretium. Integer tincidunt. Cras dapibus. Vivamus elementum semper\nnisi. Aenean vulputate eleifend tellus. Aenean leo ligula, porttitor eu,\nconsequat vitae, eleifend ac, enim. Aliquam lorem ante, dapibus in, viverra\nquis, feugiat a, tellus. Phasellus viverra nulla ut metus varius laoreet.\nQuisque rutrum. Aenean imperdiet. Etiam ultricies nisi vel augue. Curabitur\nullamcorper ultricies nisi. Nam eget dui.\n';
  const cases: { message: string; bodystructure: string; body: string }[] = [
    {
      message: 'From: user@domain.org\nDate: Sat, 24 Mar 2017 23:00:00 +0200\nMime-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\nbody\n',
      bodystructure: '"text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 6 1 NIL NIL NIL NIL',
      body: '"text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 6 1',
    },
    {
      message:
        'From: user@domain.org\nDate: Sat, 24 Mar 2017 23:00:00 +0200\nMime-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nbody\n\n',
      bodystructure: '"text" "plain" ("charset" "utf-8") NIL NIL "8bit" 8 2 NIL NIL NIL NIL',
      body: '"text" "plain" ("charset" "utf-8") NIL NIL "8bit" 8 2',
    },
    {
      message:
        'From: user@domain.org\nDate: Sat, 24 Mar 2007 23:00:00 +0200\nMime-Version: 1.0\nContent-Type: multipart/mixed; boundary="foo\n bar"\n\n--foo bar\nContent-Type: text/x-myown; charset=us-ascii\n\nhello\n\n--foo bar--\n\n',
      bodystructure:
        '("text" "x-myown" ("charset" "us-ascii") NIL NIL "7bit" 7 1 NIL NIL NIL NIL) "mixed" ("boundary" "foo bar") NIL NIL NIL',
      body: '("text" "x-myown" ("charset" "us-ascii") NIL NIL "7bit" 7 1) "mixed"',
    },
    {
      message:
        'From: user@domain.org\nDate: Sat, 24 Mar 2017 23:00:00 +0200\nMime-Version: 1.0\nContent-Type: multipart/mixed; boundary="foo bar"\n\n--foo bar\nContent-Type: text/plain; charset=us-ascii\n\nSee attached...\n\n--foo bar\nContent-Type: message/rfc822\n\nFrom: user@domain.org\nDate: Sat, 24 Mar 2017 23:00:00 +0200\nMime-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\nbody\n\n--foo bar--\n\n',
      bodystructure:
        '("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 17 1 NIL NIL NIL NIL)("message" "rfc822" NIL NIL NIL "7bit" 133 ("Sat, 24 Mar 2017 23:00:00 +0200" NIL ((NIL NIL "user" "domain.org")) ((NIL NIL "user" "domain.org")) ((NIL NIL "user" "domain.org")) NIL NIL NIL NIL NIL) ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 6 1 NIL NIL NIL NIL) 6 NIL NIL NIL NIL) "mixed" ("boundary" "foo bar") NIL NIL NIL',
      body: '("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 17 1)("message" "rfc822" NIL NIL NIL "7bit" 133 ("Sat, 24 Mar 2017 23:00:00 +0200" NIL ((NIL NIL "user" "domain.org")) ((NIL NIL "user" "domain.org")) ((NIL NIL "user" "domain.org")) NIL NIL NIL NIL NIL) ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 6 1) 6) "mixed"',
    },
    {
      message:
        'From: user@domain.org\nDate: Sat, 24 Mar 2017 23:00:00 +0200\nMime-Version: 1.0\nContent-Type: multipart/mixed; boundary="foo bar"\n\n--foo bar\nContent-Type: text/plain; charset=us-ascii; format="flowed";\n  delsp="no"\nContent-Language: la\n\n' +
        lorem +
        '\n--foo bar\nContent-Type: image/png\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename="pigeon.png"\n\n' +
        'x'.repeat(1370) +
        '\n--foo bar--\n',
      bodystructure:
        '("text" "plain" ("charset" "us-ascii" "format" "flowed" "delsp" "no") NIL NIL "7bit" 881 12 NIL NIL ("la") NIL)("image" "png" NIL NIL NIL "base64" 1370 NIL ("attachment" ("filename" "pigeon.png")) NIL NIL) "mixed" ("boundary" "foo bar") NIL NIL NIL',
      body: '("text" "plain" ("charset" "us-ascii" "format" "flowed" "delsp" "no") NIL NIL "7bit" 881 12)("image" "png" NIL NIL NIL "base64" 1370) "mixed"',
    },
    {
      message:
        'From: user@domain.org\nDate: Sat, 24 Mar 2007 23:00:00 +0200\nMime-Version: 1.0\nContent-Type: multipart/mixed; boundary="foo\n bar"\n\nRoot MIME prologue\n\n--foo bar\nContent-Type: text/x-myown; charset=us-ascii; foo="quoted\\"string"\nContent-ID: <foo@example.com>\nContent-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\nContent-Disposition: inline; foo=bar\nContent-Description: hellodescription\nContent-Language: en, fi, se\nContent-Location: http://example.com/test.txt\n\nhello\n\n--foo bar\nContent-Type: message/rfc822\n\nFrom: sub@domain.org\nTo: sub-to1@domain.org, sub-to2@domain.org\nDate: Sun, 12 Aug 2012 12:34:56 +0300\nSubject: submsg\nContent-Type: multipart/alternative; boundary="sub1"\n\nSub MIME prologue\n--sub1\nContent-Type: text/html\nContent-Transfer-Encoding: 8bit\n\n<p>Hello world</p>\n\n--sub1\nContent-Type: text/plain\nContent-Transfer-Encoding: ?invalid\n\nHello another world\n\n--sub1--\nSub MIME epilogue\n\n--foo bar--\nRoot MIME epilogue\n',
      bodystructure:
        '("text" "x-myown" ("charset" "us-ascii" "foo" "quoted\\"string") "<foo@example.com>" "hellodescription" "7bit" 7 1 "Q2hlY2sgSW50ZWdyaXR5IQ==" ("inline" ("foo" "bar")) ("en" "fi" "se") "http://example.com/test.txt")("message" "rfc822" NIL NIL NIL "7bit" 412 ("Sun, 12 Aug 2012 12:34:56 +0300" "submsg" ((NIL NIL "sub" "domain.org")) ((NIL NIL "sub" "domain.org")) ((NIL NIL "sub" "domain.org")) ((NIL NIL "sub-to1" "domain.org")(NIL NIL "sub-to2" "domain.org")) NIL NIL NIL NIL) (("text" "html" ("charset" "us-ascii") NIL NIL "8bit" 20 1 NIL NIL NIL NIL)("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 21 1 NIL NIL NIL NIL) "alternative" ("boundary" "sub1") NIL NIL NIL) 21 NIL NIL NIL NIL) "mixed" ("boundary" "foo bar") NIL NIL NIL',
      body: '("text" "x-myown" ("charset" "us-ascii" "foo" "quoted\\"string") "<foo@example.com>" "hellodescription" "7bit" 7 1)("message" "rfc822" NIL NIL NIL "7bit" 412 ("Sun, 12 Aug 2012 12:34:56 +0300" "submsg" ((NIL NIL "sub" "domain.org")) ((NIL NIL "sub" "domain.org")) ((NIL NIL "sub" "domain.org")) ((NIL NIL "sub-to1" "domain.org")(NIL NIL "sub-to2" "domain.org")) NIL NIL NIL NIL) (("text" "html" ("charset" "us-ascii") NIL NIL "8bit" 20 1)("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 21 1) "alternative") 21) "mixed"',
    },
    {
      message: 'Content-Type: multipart/mixed; boundary="foo"\n\n',
      bodystructure: '("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0 NIL NIL NIL NIL) "mixed" ("boundary" "foo") NIL NIL NIL',
      body: '("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0) "mixed"',
    },
  ];
  cases.forEach((c, i) => {
    it(`vector ${i}`, () => {
      const root = parse(c.message);
      expect(enc(bodyStructure(root, true))).toBe(`(${c.bodystructure})`);
      expect(enc(bodyStructure(root, false))).toBe(`(${c.body})`);
    });
  });

  it('too deep or mistyped structure is written as application/octet-stream', () => {
    const root = parse('Content-Type: multipart\n\nbody\n');
    expect(enc(bodyStructure(root, true))).toBe('("application" "octet-stream" NIL NIL NIL "7bit" 6 NIL NIL NIL NIL)');
    // with parameters the strict Content-Type parser rejects "multipart" altogether
    const broken = parse('Content-Type: multipart; boundary=x\n\nbody\n');
    expect(enc(bodyStructure(broken, true))).toBe('("" "" NIL NIL NIL "7bit" 6 NIL NIL NIL NIL)');
  });
});
