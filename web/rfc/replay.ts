import type { RfcSession } from '../../tests/transcripts/rfc-examples';
import { RecordingClient, unescapeLine as unescape } from '../../tests/transcripts/language';
import { rfcNetwork } from './store';

/**
 * Replays an RFC-example session (a transcript annotated as tests/transcripts/rfc-examples.ts
 * describes) against a fresh store, up to and including one example, and returns what that
 * example sent and received on the main connection. The setup before it (and its `#~` blocks)
 * is replayed too but not shown, so the example sees the state it has in the session — the
 * same bytes tests/dialects/transcripts.test.ts checks against the session's .out file.
 */

export interface LiveLine {
  dir: 'C' | 'S';
  text: string;
}

export interface ReplayResult {
  /** Per example index: its visible client and server lines, in order. */
  lines: LiveLine[][];
  /** Every byte the main connection received, for the byte-for-byte test. */
  bytes: Uint8Array;
}

/** Longest literal shown in full; a bigger one is summarised (the RFCs elide them too). */
const LITERAL_SHOWN = 2048;
const enc = new TextEncoder();
const dec = new TextDecoder();
const latin1 = (b: Uint8Array) => {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
};

/** Lets queued work (IDLE pushes, deferred flushes) run before looking at the output. */
const settle = (ms = 0) => new Promise<void>((r) => setTimeout(r, ms));

const Client = RecordingClient;
type Client = RecordingClient;

/** Splits server bytes into lines; a literal stays with the line that announced it. */
export function serverLines(bytes: Uint8Array): string[] {
  const text = latin1(bytes);
  const out: string[] = [];
  let p = 0;
  let pending = '';
  while (p < text.length) {
    let e = text.indexOf('\r\n', p);
    if (e < 0) e = text.length;
    let line = text.slice(p, e);
    p = Math.min(e + 2, text.length);
    const lit = /\{(\d+)\}$/.exec(line);
    if (lit) {
      const n = Number(lit[1]);
      const body = text.slice(p, p + n);
      p += n;
      const shown = n > LITERAL_SHOWN ? `${body.slice(0, LITERAL_SHOWN)}… (${n} octets in all)` : body;
      pending += line + '\n' + shown;
      continue;
    }
    line = pending + line;
    pending = '';
    out.push(line);
  }
  if (pending) out.push(pending);
  return out;
}

/** Replays `session` up to example `upTo` (all of it when omitted). */
export async function replaySession(session: RfcSession, upTo = session.examples.length - 1): Promise<ReplayResult> {
  const { network, host } = rfcNetwork(session.dialect);
  const lines: LiveLine[][] = session.examples.map(() => []);
  const src = session.source.replace(/\r\n/g, '\n').split('\n');
  if (src[src.length - 1] === '') src.pop();
  const main = new Client(network, host);
  const conns = new Map<string, Client>([['main', main]]);
  let cur = main;
  let example = -1;
  let hidden = true;
  /** Main-connection bytes already accounted for (shown or hidden). */
  let seen = main.size;
  await settle();
  seen = main.size;
  let i = 0;

  /**
   * Server bytes since the last flush go to the current example, unless a hidden line on the
   * main connection caused them: what another connection's hidden lines cause (an IDLE push)
   * is the example's.
   */
  const flush = () => {
    if (main.size === seen) return;
    const fresh = main.bytes().subarray(seen);
    seen = main.size;
    if ((hidden && cur === main) || example < 0) return;
    for (const t of serverLines(fresh)) lines[example].push({ dir: 'S', text: t });
  };
  const showClient = (text: string) => {
    if (!hidden && example >= 0 && cur === main) lines[example].push({ dir: 'C', text });
  };
  const answered = (from: number, tag: string): '+' | 'tagged' | null => {
    for (const l of latin1(cur.bytes().subarray(from)).split('\r\n')) {
      if (l.startsWith('+')) return '+';
      if (l.startsWith(tag + ' ')) return 'tagged';
    }
    return null;
  };

  async function command(first: string): Promise<void> {
    const tag = first.split(' ')[0];
    let line = first;
    let firstPart = true;
    for (;;) {
      const fixed = /\{(\d+)(\+?)\}$/.exec(line);
      flush();
      if (firstPart) showClient(line);
      firstPart = false;
      if (!fixed) {
        cur.send(enc.encode(line + '\r\n'));
        await settle();
        flush();
        return;
      }
      // The literal's octets are the next N octets of the file (UTF-8), each line end counted as CRLF.
      const n = Number(fixed[1]);
      const sync = fixed[2] !== '+';
      const parts: Uint8Array[] = [];
      let got = 0;
      while (got < n && i < src.length) {
        const b = enc.encode(src[i++] + '\r\n');
        parts.push(b);
        got += b.length;
      }
      const joined = new Uint8Array(got);
      parts.reduce((o, b) => (joined.set(b, o), o + b.length), 0);
      const literal = joined.slice(0, n);
      // Ending exactly at a line end, the next line is the command's rest (as the test runner reads it).
      const rest = got === n ? (i < src.length ? src[i++] : '') : dec.decode(joined.subarray(n)).replace(/\r\n$/, '');
      const mark = cur.size;
      if (!cur.send(enc.encode(line + '\r\n'))) return;
      await settle();
      flush();
      if (sync && answered(mark, tag) !== '+') {
        // Refused before the octets went: they are not sent (nor shown).
        return;
      }
      // Shown as the RFCs print it: the literal's lines, the last one joined with the rest of
      // the command line (`C: FRED FOOBAR {7}`).
      const text = dec.decode(literal);
      const shown = text.endsWith('\r\n') ? text.slice(0, -2).split('\r\n') : text.split('\r\n');
      if (!text.endsWith('\r\n')) shown[shown.length - 1] += rest;
      else shown.push(rest); // the rest starts a line of its own; an empty one is the CRLF ending the command (APPEND)
      for (const l of shown) showClient(l);
      cur.send(literal);
      line = rest;
      if (line === '') {
        cur.send(enc.encode('\r\n'));
        await settle();
        flush();
        return;
      }
      // The rest of the command line (perhaps another literal) is shown on its own line.
    }
  }

  while (i < src.length) {
    const text = src[i++];
    const head = /^#= \d+ \S+/.exec(text);
    if (head) {
      flush();
      if (example === upTo) break;
      example++;
      hidden = false;
      continue;
    }
    if (text.trim() === '#~') {
      flush();
      hidden = !hidden;
      continue;
    }
    if (text === '' || text.startsWith('#')) continue;
    if (text.startsWith('@') && !text.startsWith('@@')) {
      const [dir, ...words] = text.split(' ');
      const arg = words.join(' ');
      flush();
      switch (dir) {
        case '@send':
        case '@send-nowait':
          showClient(arg);
          cur.send(unescape(arg));
          await settle();
          break;
        case '@open':
          cur = new Client(network, host);
          conns.set(arg.trim(), cur);
          await settle();
          break;
        case '@use': {
          const c = conns.get(arg.trim());
          if (!c) throw new Error(`@use of unknown connection ${arg}`);
          cur = c;
          break;
        }
        case '@close': {
          const c = conns.get(arg.trim());
          if (c && !c.closed) {
            c.conn.close();
            c.closed = true;
          }
          break;
        }
        case '@wait-quiet':
        case '@sleep':
          await settle(60);
          break;
        default:
          await settle();
      }
      flush();
      continue;
    }
    await command(text.startsWith('@@') ? text.slice(1) : text);
  }
  await settle();
  flush();
  const bytes = main.bytes();
  for (const c of conns.values()) if (!c.closed) c.conn.close();
  return { lines, bytes };
}
