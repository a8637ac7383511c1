import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bin, binBytes } from './bytes';
import { findField, fullValue, rawValue, unfoldedValue } from './header';
import { MAX_NESTED_PARTS, type MimePart, charset, mediaType, messageSize, parseMessage, walkParts } from './parse';

const crlf = (s: string) => binBytes(s.replace(/\r?\n/g, '\r\n'));
const lf = (s: string) => binBytes(s.replace(/\r\n/g, '\n'));
const body = (p: MimePart) => bin(p.raw, p.bodyStart, p.bodyEnd);
const header = (p: MimePart) => bin(p.raw, p.start, p.headerEnd);

/** Structural invariants every parse must satisfy. */
function checkTree(root: MimePart): void {
  expect(root.start).toBe(0);
  expect(root.bodyEnd).toBe(root.raw.length);
  for (const p of walkParts(root)) {
    expect(p.start).toBeLessThanOrEqual(p.headerEnd);
    expect(p.headerEnd).toBe(p.bodyStart);
    expect(p.bodyStart).toBeLessThanOrEqual(p.bodyEnd);
    const kids = p.message ? [p.message] : p.children;
    let prev = p.bodyStart;
    for (const c of kids) {
      expect(c.parent).toBe(p);
      expect(c.start).toBeGreaterThanOrEqual(prev - 2); // -2: Dovecot's moved line break
      expect(c.bodyEnd).toBeLessThanOrEqual(p.bodyEnd);
      prev = c.bodyEnd;
    }
  }
}

describe('parseMessage: basics', () => {
  it('single part: header incl. blank line, body, sizes, lines, defaults', () => {
    const raw = crlf('Subject: hi\nFrom: a@b\n\nline 1\nline 2\n');
    const m = parseMessage(raw);
    expect(header(m)).toBe('Subject: hi\r\nFrom: a@b\r\n\r\n');
    expect(body(m)).toBe('line 1\r\nline 2\r\n');
    expect(m.hasBlankLine).toBe(true);
    expect([m.bodyVirtualSize, m.bodyLines, m.headerLines]).toEqual([16, 2, 3]);
    expect(messageSize(m)).toBe(raw.length);
    expect([m.kind, m.contentType, mediaType(m), charset(m)]).toEqual(['text', null, 'text/plain', 'us-ascii']);
    checkTree(m);
  });

  it('header fields: offsets, raw and unfolded values, Dovecot full value', () => {
    const raw = crlf('Subject:  folded\n\tvalue\nX-Empty:\nno colon line\n : cont\n\nb');
    const m = parseMessage(raw);
    expect(m.fields.map((f) => f.name)).toEqual(['Subject', 'X-Empty', 'no colon line']);
    const s = findField(m.fields, 'subject')!;
    expect(bin(rawValue(raw, s))).toBe('folded\r\n\tvalue');
    expect(fullValue(raw, s)).toBe('folded\n\tvalue');
    expect(unfoldedValue(raw, s)).toBe('folded\tvalue');
    expect([s.start, s.end, s.newline, s.colon]).toEqual([0, 26, 2, true]);
    expect(fullValue(raw, m.fields[1])).toBe('');
    expect(m.fields[2].colon).toBe(false);
    expect(fullValue(raw, m.fields[2])).toBe('\n : cont');
  });

  it('bare LF input: same structure, virtual sizes count CRLF', () => {
    const text = 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\npre\n--b\n\none\ntwo\n--b--\n';
    const a = parseMessage(crlf(text));
    const b = parseMessage(lf(text));
    expect(messageSize(b)).toBe(messageSize(a));
    expect(b.children.length).toBe(1);
    expect(body(b.children[0])).toBe('one\ntwo');
    expect([b.children[0].bodyVirtualSize, b.children[0].bodyLines]).toEqual([8, 1]);
    checkTree(b);
  });

  it('no blank line between header and end of message', () => {
    const m = parseMessage(crlf('Subject: x\nFrom: y\n'));
    expect(m.hasBlankLine).toBe(false);
    expect(m.fields.length).toBe(2);
    expect(m.bodyStart).toBe(m.raw.length);
    expect(m.bodyVirtualSize).toBe(0);
    const n = parseMessage(binBytes('Subject: no newline'));
    expect(n.fields[0].newline).toBe(0);
    expect(fullValue(n.raw, n.fields[0])).toBe('no newline');
    checkTree(n);
  });

  it('empty message and empty body', () => {
    const e = parseMessage(new Uint8Array(0));
    expect([e.fields.length, e.bodyVirtualSize, e.kind]).toEqual([0, 0, 'text']);
    const m = parseMessage(crlf('Subject: x\n\n'));
    expect([m.hasBlankLine, m.bodyStart, m.bodyEnd]).toEqual([true, m.raw.length, m.raw.length]);
  });

  it('a body without header', () => {
    const m = parseMessage(crlf('\nbody only\n'));
    expect(m.fields).toEqual([]);
    expect(body(m)).toBe('body only\r\n');
  });
});

describe('parseMessage: multipart', () => {
  const mp = (s: string) => parseMessage(crlf(`MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n${s}`));

  it('preamble and epilogue stay in the multipart body; CRLF before a boundary belongs to it', () => {
    const m = mp('preamble\n--b\nContent-Type: text/plain\n\none\n\n--b\n\ntwo\n--b--\nepilogue\n');
    expect(m.children.map(body)).toEqual(['one\r\n', 'two']);
    expect(header(m.children[0])).toBe('Content-Type: text/plain\r\n\r\n');
    expect(body(m)).toBe('preamble\r\n--b\r\nContent-Type: text/plain\r\n\r\none\r\n\r\n--b\r\n\r\ntwo\r\n--b--\r\nepilogue\r\n');
    expect(m.children[1].contentType).toBeNull();
    expect(m.children[1].isMime).toBe(true);
    checkTree(m);
  });

  it('missing final boundary: the last part runs to the end', () => {
    const m = mp('--b\n\none\n--b\n\nlast\nlines\n');
    expect(m.children.map(body)).toEqual(['one', 'last\r\nlines\r\n']);
    checkTree(m);
  });

  it('nested multiparts, outer boundary closes the inner one, same boundary reused', () => {
    const m = mp(
      '--b\nContent-Type: multipart/alternative; boundary="b1"\n\n--b1\n\nin1\n--b1\n\nin2\n--b\n\nafter\n--b\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\ndeep\n--b--\n--b--\n',
    );
    expect(m.children.length).toBe(3);
    expect(m.children[0].children.map(body)).toEqual(['in1', 'in2']);
    expect(body(m.children[1])).toBe('after');
    expect(m.children[2].children.map(body)).toEqual(['deep']);
    checkTree(m);
  });

  it('longest boundary prefix wins; trailing text on the boundary line is ignored', () => {
    const m = parseMessage(
      crlf('Content-Type: multipart/mixed; boundary=a\n\n--a\nContent-Type: multipart/mixed; boundary=ab\n\n--ab junk\n\nx\n--a\n\ny\n--a--\n'),
    );
    expect(m.children.length).toBe(2);
    expect(m.children[0].children.map(body)).toEqual(['x']);
    expect(body(m.children[1])).toBe('y');
  });

  it('multipart without parts / without boundary', () => {
    expect(mp('only text\n--b--\n').children).toEqual([]);
    const n = parseMessage(crlf('Content-Type: multipart/mixed\n\n--x\n\ny\n'));
    expect([n.kind, n.children.length]).toEqual(['multipart', 0]);
  });

  it('digest children default to message/rfc822', () => {
    const m = parseMessage(
      crlf('Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: inner\n\nhello\n--d\nContent-Type: text/plain\n\nt\n--d--\n'),
    );
    expect(m.children.map((c) => c.kind)).toEqual(['message', 'text']);
    const inner = m.children[0].message!;
    expect(bin(inner.raw, inner.start, inner.bodyEnd)).toBe('Subject: inner\r\n\r\nhello');
    expect(m.children[0].bodyLines).toBe(2);
  });

  it('message/rfc822 holds the encapsulated message', () => {
    const m = mp('--b\nContent-Type: message/rfc822\n\nSubject: in\nContent-Type: text/html\n\n<b>x</b>\n--b--\n');
    const r = m.children[0];
    expect([r.kind, r.message?.kind, r.message?.contentSubtype]).toEqual(['message', 'text', 'html']);
    expect(body(r.message!)).toBe('<b>x</b>');
  });

  it('Content-* headers are ignored without MIME-Version/Content-Type', () => {
    const m = parseMessage(crlf('Content-Transfer-Encoding: base64\nContent-ID: <x>\n\naGk=\n'));
    expect([m.isMime, m.contentTransferEncoding, m.contentId]).toEqual([false, null, null]);
    const n = parseMessage(crlf('MIME-Version: 1.0\nContent-Transfer-Encoding: base64\n\naGk=\n'));
    expect(n.contentTransferEncoding).toBe('base64');
  });
});

describe('parseMessage: malformed input', () => {
  it('malformed Content-Type values, as Dovecot reports them', () => {
    const ct = (v: string) => {
      const p = parseMessage(crlf(`Content-Type: ${v}\n\nx`));
      return [p.contentType, p.contentSubtype, p.kind, p.params.map((q) => `${q.name}=${q.value}`).join(';')];
    };
    expect(ct('text')).toEqual(['text', '', 'text', '']);
    expect(ct(';charset=x')).toEqual(['', '', 'other', '']);
    expect(ct('/plain')).toEqual(['', '', 'other', '']);
    expect(ct('text/plain garbage; a=b')).toEqual(['', '', 'other', '']);
    expect(ct('Text/HTML (c) ; Charset = "x\\"y" ; a')).toEqual(['Text', 'HTML', 'text', 'Charset=x"y']);
    expect(ct('multipart')).toEqual(['multipart', '', 'other', '']);
    expect(ct('')).toEqual(['', '', 'other', '']);
  });

  it('RFC 2231 continuations are merged but not decoded', () => {
    const p = parseMessage(crlf("Content-Type: text/plain; n*1=b; n*0=a; f*0*=utf-8''%41; f*1=%\n\n"));
    expect(p.params).toEqual([
      { name: 'f*', value: "utf-8''%41%25" },
      { name: 'n', value: 'ab' },
    ]);
  });

  it('NUL octets and bare CRs do not break parsing', () => {
    const m = parseMessage(binBytes('Subject: a\x00b\r\nX: c\rd\r\n\r\nbody\x00\r'));
    expect(m.fields.map((f) => fullValue(m.raw, f))).toEqual(['a\x00b', 'c\rd']);
    expect(body(m)).toBe('body\x00\r');
  });

  it('huge header counts parse in linear time', () => {
    const n = 100_000;
    let s = '';
    for (let i = 0; i < n; i++) s += `X-H${i}: v${i}\r\n`;
    const raw = binBytes(`${s}\r\nbody\r\n`);
    const t = performance.now();
    const m = parseMessage(raw);
    expect(m.fields.length).toBe(n);
    expect(performance.now() - t).toBeLessThan(5000);
  });

  it('deep multipart nesting: capped at 100 levels, no stack overflow, linear', () => {
    const depth = 20_000;
    // "=_N_=" boundaries: none is a prefix of another (boundaries match by prefix)
    const parts: string[] = ['Content-Type: multipart/mixed; boundary="=_0_="\r\n\r\n'];
    for (let i = 1; i < depth; i++) parts.push(`--=_${i - 1}_=\r\nContent-Type: multipart/mixed; boundary="=_${i}_="\r\n\r\n`);
    parts.push('leaf\r\n');
    const raw = binBytes(parts.join(''));
    const t = performance.now();
    const m = parseMessage(raw);
    expect(performance.now() - t).toBeLessThan(5000);
    const all = walkParts(m);
    expect(Math.max(...all.map((p) => p.depth))).toBe(MAX_NESTED_PARTS - 1);
    const deepest = all.find((p) => p.depth === MAX_NESTED_PARTS - 1)!;
    expect([deepest.kind, deepest.contentType]).toEqual(['other', 'multipart']);
    checkTree(m);
  });

  it('deep message/rfc822 nesting is capped too', () => {
    const raw = binBytes('Content-Type: message/rfc822\r\n\r\n'.repeat(5000) + 'x');
    const all = walkParts(parseMessage(raw));
    expect(all.length).toBe(MAX_NESTED_PARTS);
    expect(all[all.length - 1].kind).toBe('other');
  });

  it('a large base64 body is scanned quickly', () => {
    const line = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n';
    const raw = binBytes(
      `Content-Type: multipart/mixed; boundary=z\r\n\r\n--z\r\nContent-Transfer-Encoding: base64\r\n\r\n${line.repeat(200_000)}--z--\r\n`,
    );
    const t = performance.now();
    const m = parseMessage(raw);
    expect(performance.now() - t).toBeLessThan(5000);
    // the last line break belongs to the closing boundary
    expect(m.children[0].bodyLines).toBe(200_000 - 1);
  });

  it('never throws and keeps its invariants on arbitrary MIME-ish input', () => {
    const line = fc.oneof(
      fc.constantFrom(
        '--b',
        '--b--',
        '--c',
        '--c--',
        '',
        ' folded',
        'Content-Type: multipart/mixed; boundary=c',
        'Content-Type: multipart/digest; boundary=b',
        'Content-Type: message/rfc822',
        'Content-Type: text/plain',
        'MIME-Version: 1.0',
        'Subject: x',
        'text',
      ),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.boolean(), (lines, useLf) => {
        const text = `Content-Type: multipart/mixed; boundary=b\n\n${lines.join('\n')}`;
        const raw = useLf ? binBytes(text) : crlf(text);
        const root = parseMessage(raw);
        checkTree(root);
      }),
      { numRuns: 300 },
    );
  });
});
