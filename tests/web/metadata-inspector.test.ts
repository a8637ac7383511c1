import { describe, expect, it } from 'vitest';
import { engineTranscript, findEntry } from './engine-transcript';
import { explain, type Node } from '../../web/inspector/explain';

/** METADATA (RFC 5464) in the inspector: commands, the METADATA response and its codes, each with its section. */
const flat = (nodes: Node[]): Node[] => nodes.flatMap((x) => [x, ...flat(x.children ?? [])]);

describe('the inspector explains METADATA', () => {
  const lines = [
    'a1 LOGIN alice wonderland',
    'a2 SETMETADATA INBOX (/private/vendor/example/sent-folder "Sent" /shared/comment NIL)',
    'a3 GETMETADATA (MAXSIZE 2 DEPTH infinity) INBOX /private',
    'a4 GETMETADATA "" (/private/comment /shared/admin)',
    'a5 SETMETADATA "" (/shared/admin "me")',
  ];
  for (const dialect of ['imap4rev1', 'imap4rev2'] as const) {
    it(`${dialect}: commands, entries (/private, /shared, vendor), options, the response and its codes`, () => {
      const { engine, entries } = engineTranscript('imap.north.example', { dialect }, lines);
      const info = engine.dialectInfo().find((d) => d.name === dialect);
      const set = explain(entries, findEntry(entries, /^a2 SETMETADATA/), info, dialect);
      expect(set.rfc).toBe('RFC 5464 §4.3');
      const setNodes = flat(set.nodes);
      expect(setNodes.find((n) => n.label === 'entry name')?.text).toMatch(/\/private entry.*vendor/s);
      expect(setNodes.find((n) => n.label === 'value' && /NIL/.test(n.text ?? ''))?.text).toMatch(/remove/);

      const get = explain(entries, findEntry(entries, /^a3 GETMETADATA/), info, dialect);
      expect(get.rfc).toBe('RFC 5464 §4.2');
      expect(flat(get.nodes).filter((n) => n.label === 'option').map((n) => n.text)).toEqual([expect.stringMatching(/LONGENTRIES/), expect.stringMatching(/infinity/)]);
      const long = explain(entries, findEntry(entries, /^a3 OK \[METADATA LONGENTRIES/), info, dialect);
      expect(flat(long.nodes).find((n) => n.label === 'response code')).toMatchObject({ rfc: 'RFC 5464 §4.2.1' });

      const server = explain(entries, findEntry(entries, /^\* METADATA "" /), info, dialect);
      expect(server.summary).toBe('Untagged METADATA');
      expect(server.rfc).toBe('RFC 5464 §4.4');
      const sn = flat(server.nodes);
      expect(sn.find((n) => n.label === 'mailbox name')?.text).toMatch(/server/);
      expect(sn.filter((n) => n.label === 'entry name').map((n) => n.raw)).toEqual(['/private/comment', '/shared/admin']);

      const cannot = explain(entries, findEntry(entries, /^a5 NO \[CANNOT\]/), info, dialect);
      expect(cannot.summary).toMatch(/a5 completed: NO/);
      const cap = explain(entries, findEntry(entries, /^a1 OK \[CAPABILITY/), info, dialect);
      expect(flat(cap.nodes).length).toBeGreaterThan(0);
    });
  }
});
