#!/usr/bin/env node
// Writes the edge-case corpus (edge/*.eml, exact octets) that record-dovecot.mjs replays against a
// private Dovecot. Each message targets parser/ENVELOPE/BODYSTRUCTURE/section corners.
//   node make-edge.mjs
import fs from 'node:fs';
import path from 'node:path';

const dir = path.join(path.dirname(new URL(import.meta.url).pathname), 'edge');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const files = {};
const crlf = (s) => s.replace(/\r?\n/g, '\r\n');
const put = (name, text, { lf = false } = {}) => {
  files[name] = Buffer.from(lf ? text : crlf(text), 'latin1');
};
const utf8 = (s) => Buffer.from(s, 'utf8').toString('latin1');

put(
  'bare-lf.eml',
  `From: Bare LF <bare@example.com>
Subject: bare LF line ends
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="lf"

preamble
--lf
Content-Type: text/plain

one
two
--lf
Content-Type: text/html

<p>x</p>
--lf--
epilogue
`,
  { lf: true },
);

put('no-blank-line.eml', 'Subject: header only\nFrom: a@b.example\n');
files['header-eof.eml'] = Buffer.from('Subject: no newline at all', 'latin1');
put('empty-body.eml', 'Subject: empty body\nFrom: a@b.example\n\n');
put('empty-message-body-crlf.eml', 'Subject: one blank line\n\n\n');

put(
  'missing-final-boundary.eml',
  `Subject: missing final boundary
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=b

--b
Content-Type: text/plain

first
--b
Content-Type: text/plain

second runs to the end
and has no closing boundary
`,
);

put(
  'boundaries.eml',
  `Subject: boundary corner cases
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: multipart/alternative; boundary="b1"

inner preamble
--b1
Content-Type: text/plain

inner one
--b1   trailing garbage on the boundary line
Content-Type: text/plain

inner two ends at the outer boundary (inner never closed)
--b
Content-Type: text/plain

empty body next
--b
Content-Type: text/plain

--b
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/plain

same boundary nested
--b--
after the same-boundary close
--b--garbage after close
epilogue line
--b
this is epilogue too
`,
);

put(
  'boundary-in-header.eml',
  `Subject: a boundary cuts a MIME header
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="cut"

--cut
Content-Type: text/plain
Content-Description: header ends at the boundary
--cut
Content-Type: message/rfc822

Subject: inner header cut
From: x@y.example
--cut
Content-Type: text/plain

last
--cut--
`,
);

put(
  'empty-multipart.eml',
  `Subject: multipart without parts
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="e"

only a preamble
--e--
`,
);

put(
  'multipart-no-boundary.eml',
  `Subject: multipart without boundary parameter
MIME-Version: 1.0
Content-Type: multipart/mixed

--x
Content-Type: text/plain

not a part
--x--
`,
);

put(
  'malformed-content-types.eml',
  `Subject: malformed content types
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=m

--m
Content-Type: text

type only
--m
Content-Type: ;charset=x

nothing
--m
Content-Type: /plain

subtype only
--m
Content-Type: text/plain garbage; charset=utf-8

trailing garbage
--m
Content-Type: multipart

multipart without slash
--m
Content-Type: TEXT/Plain (comment) ; CHARSET = "UTF-8" ; Format=Flowed

case kept
--m
Content-Type: text/plain; charset=iso-8859-1
Content-Type: text/html

first Content-Type wins
--m
Content-Type: application/octet-stream; name==?utf-8?b?w6Q=?=
Content-Transfer-Encoding: BASE64 x

broken encoding token
--m
Content-Type: text/plain; a=1; b="two words"; c=; ;d=4; =5; e="unterminated

params
--m--
`,
);

put(
  'params.eml',
  `Subject: parameters and extension data
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="p"; x-extra="q\\"v"

--p
Content-Type: text/plain; charset=utf-8; name*0="long"; name*1="name.txt"; title*=utf-8''%E2%82%AC%20rate; t*0*=us-ascii'en'a%20b; t*1=c%d; gap*0=a; gap*2=c
Content-Disposition: attachment; filename="a\\"b\\\\c"; size=12; creation-date="Wed, 12 Feb 1997 16:29:51 -0500"
Content-Language: en-GB, de
Content-Location: http://example.com/a
 /b
Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==
Content-ID: <"quoted"@id>
Content-Description: ${utf8('Beschreibung: Grüße')}

body
--p
Content-Type: text/plain; q1="a\\"b"; q4="\\"\\"\\"\\""; q5="\\"\\"\\"\\"\\""
Content-Disposition: inline
Content-Disposition: attachment; filename=second.txt
Content-Language: (comment) fr

quotes
--p
Content-Type: image/gif
Content-Disposition: INLINE; FILENAME=pic.gif
Content-Disposition: attachment; filename=ignored.gif

gif
--p--
`,
);

put(
  'envelope.eml',
  `Date: Thu, 15 Feb 2007 01:02:03 +0200
 (folded date)
Subject: =?UTF-8?Q?caf=C3=A9?=   and	tabs  here
From: "Doe, \\"Johnny\\" John" <john@example.com> (comment)
Sender: <@r1.example,@r2.example:route@example.com>
Reply-To: group one: a@example.com, "B" <b@example.com>;, solo@example.com
To: alice, "bob" (x) <b@c>, @r1,@r2:u@d, <@a:x@y>, g: ;
Cc: Undisclosed recipients:;
Bcc: <>, ${utf8('Jörg')} <joerg@example.de>, \xe9t\xe9 <latin1@example.fr>
In-Reply-To: <"a"b@c> <"d"e@f> <"g"h@i>
Message-ID: <"q"@id.example>
Subject: second subject wins?
From: second-from@example.com

body
`,
);

put(
  'envelope-odd.eml',
  `Subject:
 folded =?utf-8?b?w6Q=?= subject
Date:    
From: Mary Smith <mary@x.test>, jdoe@one.test, Who? <one@y.test>, <boss@nil.test>, "Giant; \\"Big\\" Box" <sysservices@example.net>
To: Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>
Cc: A Group(Some people):Chris Jones <c@(Chris's host.)public.example>, joe@example.org, John <jdoe@one.test> (my dear friend); (the end of the group)
Bcc: trailing@example.com,
Sender: "" <empty-name@example.com>
Reply-To: user@[192.168.0.1], "quoted local"@example.com
Message-ID:<no-space@example.com>
In-Reply-To: <"1""2""3""4""5"@example.com>

x
`,
);

put(
  'no-mime.eml',
  `From: plain@example.com
Subject: not MIME
Content-Transfer-Encoding: base64
Content-Description: ignored without MIME-Version

aGVsbG8=
`,
);

put(
  'digest.eml',
  `Subject: digest defaults
MIME-Version: 1.0
Content-Type: multipart/digest; boundary="d"

--d

Subject: default part is message/rfc822
From: a@example.com

inner body
--d
Content-Type: text/plain

explicit text part in a digest
--d

--d--
`,
);

put(
  'rfc822-root.eml',
  `Subject: the root is message/rfc822
MIME-Version: 1.0
Content-Type: message/rfc822

Subject: inner
From: inner@example.com
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary=i

--i
Content-Type: text/plain

plain
--i
Content-Type: text/html

<b>html</b>
--i--
`,
);

put(
  'rfc822-odd.eml',
  `Subject: message/rfc822 corner cases
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=o

--o
Content-Type: message/rfc822

--o
Content-Type: MESSAGE/RFC822; name=x

Subject: inner without blank line
--o
Content-Type: message/rfc822

no header at all, body only?
--o--
`,
);

{
  // NUL and bare CR octets
  files['nul-cr.eml'] = Buffer.from(
    crlf('Subject: nul\x00in subject\nFrom: nul@example.com\nMIME-Version: 1.0\nContent-Type: text/plain\n\n') +
      'a\x00b\rc\r\nline\r\n',
    'latin1',
  );
}

{
  let s = 'Subject: many headers\r\n';
  for (let i = 0; i < 500; i++) s += `X-Header-${i}: value ${i}\r\n`;
  s += 'MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nbody\r\n';
  files['many-headers.eml'] = Buffer.from(s, 'latin1');
}

{
  // 110 nested multiparts: Dovecot stops at 100 levels and treats the rest as an opaque body
  let s = 'Subject: deep nesting\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="n0"\r\n\r\n';
  const depth = 102;
  for (let i = 1; i < depth; i++) s += `--n${i - 1}\r\nContent-Type: multipart/mixed; boundary="n${i}"\r\n\r\n`;
  s += `--n${depth - 1}\r\nContent-Type: text/plain\r\n\r\nleaf\r\n--n${depth - 1}--\r\n`;
  for (let i = depth - 2; i >= 0; i--) s += `--n${i}--\r\n`;
  files['deep-multipart.eml'] = Buffer.from(s, 'latin1');
}

{
  // 105 nested message/rfc822
  let s = '';
  for (let i = 0; i < 102; i++) s += `Subject: level ${i}\r\nMIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\n`;
  s += 'Subject: innermost\r\n\r\ntext\r\n';
  files['deep-rfc822.eml'] = Buffer.from(s, 'latin1');
}

{
  // long boundary (truncated to 80 octets by Dovecot) and a longest-match decision
  const long = 'L'.repeat(90);
  files['long-boundary.eml'] = Buffer.from(
    crlf(`Subject: long boundary
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="${long}"

--${long}
Content-Type: multipart/mixed; boundary="${long.slice(0, 10)}"

--${long.slice(0, 10)}
Content-Type: text/plain

short boundary part
--${long.slice(0, 10)}--
--${long.slice(0, 80)}XYZ
Content-Type: text/plain

matched by the truncated prefix
--${long}--
`),
    'latin1',
  );
}

put(
  'header-syntax.eml',
  `From mbox-line@example.com Mon Jan  1 00:00:00 2024
  leading continuation of the From_ line
Subject  : spaces before the colon
${utf8('X-Ümlaut')}: 8-bit field name
Date:\tTue, 1 Jan 2030 00:00:00 +0000
To:
  alice@example.org ,
\tbob@example.org
MIME-Version: 1.0
Content-Type: text/plain;
\tcharset="utf-8";
 format=flowed

body
`,
);

{
  const long = 'x'.repeat(12000);
  files['long-lines.eml'] = Buffer.from(
    crlf(`Subject: ${long}\nX-Long: ${'y '.repeat(6000)}\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=q\n\n--q\n\n${'z'.repeat(70000)}\n--q--\n`),
    'latin1',
  );
}

put(
  'rfc822-encoded.eml',
  `Subject: message/rfc822 with a transfer encoding
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=r

--r
Content-Type: message/rfc822
Content-Transfer-Encoding: base64

U3ViamVjdDogaW5uZXIKCmJvZHkK
--r
Content-Type: multipart/digest; boundary=dd

--dd
Content-Type: multipart/mixed; boundary=ee

--ee

default inside mixed inside digest is text/plain
--ee--
--dd

Subject: digest default

x
--dd--
--r--
`,
);

files['mixed-line-ends.eml'] = Buffer.from(
  'Subject: mixed\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=m\n\r\n--m\r\nContent-Type: text/plain\n\nlf part\r\n--m \t\nContent-Type: text/html\r\n\r\n<i>crlf</i>\n\n--m--  \r\ntail',
  'latin1',
);

put(
  'boundary-spacing.eml',
  `Subject: boundary parameter forms
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary = "with space" ; other=1

--with space
Content-Type: multipart/mixed; boundary=plain.token+chars/x

--plain.token+chars/x
Content-Type: text/plain

token boundary
--plain.token+chars/x--
--with space--
`,
);

put(
  'empty-parts.eml',
  `Subject: empty parts
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=e

--e
--e

--e
Content-Type: text/plain
--e
Content-Type: message/rfc822
--e--
`,
);

for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), data);
console.log(Object.keys(files).length, 'files in', dir);
