import { describe, expect, it } from 'vitest';
import { engineTranscript } from './engine-transcript';
import type { Entry } from '../../web/terminal/session';
import { explain, type Node } from '../../web/inspector/explain';
import { explainImsp } from '../../web/inspector/imsp';

/** The security lesson's promise: the inspector decodes AUTHENTICATE's base64 to alice / wonderland. */

const enc = new TextEncoder();
const dec = new TextDecoder();
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const transcript = (host: string, lines: string[]): Entry[] => engineTranscript(host, {}, lines).entries;
const flat = (nodes: Node[]): Node[] => nodes.flatMap((x) => [x, ...flat(x.children ?? [])]);
const line = (entries: Entry[], re: RegExp) => {
  const e = entries.find((x) => re.test(dec.decode(x.bytes)));
  if (!e) throw new Error(`no ${re} in\n${entries.map((x) => dec.decode(x.bytes)).join('')}`);
  return e;
};
const shown = (nodes: Node[]) => flat(nodes).map((x) => `${x.label}=${x.raw} ${x.text ?? ''}`).join('\n');

describe('the inspector decodes SASL base64', () => {
  it('AUTHENTICATE PLAIN with SASL-IR (RFC 4959): alice / wonderland, with the warning', () => {
    const entries = transcript('imap.north.example', [`a1 AUTHENTICATE PLAIN ${b64('\0alice\0wonderland')}`]);
    expect(dec.decode(entries.at(-1)!.bytes)).toMatch(/^a1 OK/);
    const ex = explain(entries, line(entries, /^a1 AUTHENTICATE/), undefined, 'imap4rev1');
    expect(ex.summary).toMatch(/alice \/ wonderland/);
    const t = shown(ex.nodes);
    expect(t).toMatch(/user name=alice/);
    expect(t).toMatch(/password=wonderland/);
    expect(t).toMatch(/command=AUTHENTICATE/);
    expect(ex.warning).toMatch(/not encryption/);
  });

  it('AUTHENTICATE PLAIN after + (the response on its own line)', () => {
    const entries = transcript('imap.north.example', ['a1 AUTHENTICATE PLAIN', b64('\0alice\0wonderland')]);
    const resp = entries.filter((e) => e.dir === 'C')[1];
    const ex = explain(entries, resp, undefined, 'imap4rev1');
    expect(shown(ex.nodes)).toMatch(/user name=alice[\s\S]*password=wonderland/);
    expect(ex.warning).toMatch(/not encryption/);
  });

  it('AUTHENTICATE LOGIN: the server’s Username:/Password: and the two answers', () => {
    const entries = transcript('imap.north.example', ['a1 AUTHENTICATE LOGIN', b64('alice'), b64('wonderland')]);
    expect(dec.decode(entries.at(-1)!.bytes)).toMatch(/^a1 OK/);
    const [, user, pass] = entries.filter((e) => e.dir === 'C');
    expect(explain(entries, user, undefined, 'imap4rev1').summary).toMatch(/user name alice/);
    expect(explain(entries, pass, undefined, 'imap4rev1').summary).toMatch(/password wonderland/);
    const ch = explain(entries, line(entries, /^\+ VXNlcm5hbWU6/), undefined, 'imap4rev1');
    expect(ch.summary).toMatch(/Username:/);
  });

  it('IMSP AUTHENTICATE PLAIN', () => {
    const entries = transcript('imsp.example', ['a1 AUTHENTICATE PLAIN', b64('\0alice\0wonderland')]);
    const resp = entries.filter((e) => e.dir === 'C')[1];
    const ex = explainImsp(entries, resp, 'cyrus-1.8', undefined);
    expect(shown(ex.nodes)).toMatch(/user name=alice[\s\S]*password=wonderland/);
    expect(ex.warning).toMatch(/not encryption/);
  });

  it('a bare line that is not part of AUTHENTICATE is left alone', () => {
    const entries = transcript('imap.north.example', ['a1 LOGIN alice wonderland', 'a2 IDLE', 'DONE']);
    const done = entries.filter((e) => e.dir === 'C')[2];
    const ex = explain(entries, done, undefined, 'imap4rev1');
    expect(ex.summary).toBe('DONE ends IDLE');
    expect(ex.warning).toBeUndefined();
  });
});

describe('the inspector on deeply nested lines (issue 11 item 12)', () => {
  for (const depth of [500, 2000, 20000]) {
    it(`a line nested ${depth} levels deep is explained without a RangeError, down to a bounded depth`, () => {
      const raw = `a1 FETCH 1 ${'('.repeat(depth)}FLAGS${')'.repeat(depth)}\r\n`;
      const e: Entry = { n: 1, dir: 'C', bytes: enc.encode(raw), time: 0, cmd: 1 };
      const ex = explain([e], e, undefined, 'imap4rev1');
      expect(ex.summary).toBe('FETCH command');
      let d = 0;
      for (let n: Node | undefined = ex.nodes.at(-1); n; n = n.children?.[0]) d++;
      expect(d).toBeLessThanOrEqual(70);
      expect(shown(ex.nodes)).toMatch(/nested deeper than 64 levels/);
      const s: Entry = { n: 2, dir: 'S', bytes: enc.encode(`* 1 FETCH ${'('.repeat(depth)}${')'.repeat(depth)}\r\n`), time: 0 };
      expect(explain([s], s, undefined, 'imap4rev1').summary).toBe('FETCH 1');
      expect(() => explainImsp([s], s, 'cyrus-1.8', undefined)).not.toThrow();
    });
  }
});
