import type { RfcSession } from '../../tests/transcripts/rfc-examples';
import { latin1, ReplayConnections, settle } from '../../tests/transcripts/language';
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
  const conns = new ReplayConnections(network, host);
  const main = conns.main;
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
    if ((hidden && conns.current === main) || example < 0) return;
    for (const t of serverLines(fresh)) lines[example].push({ dir: 'S', text: t });
  };
  const showClient = (text: string) => {
    if (!hidden && example >= 0 && conns.current === main) lines[example].push({ dir: 'C', text });
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
        conns.current.send(enc.encode(line + '\r\n'));
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
      const mark = conns.current.size;
      if (!conns.current.send(enc.encode(line + '\r\n'))) return;
      await settle();
      flush();
      if (sync && conns.current.answered(mark, tag) !== '+') {
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
      conns.current.send(literal);
      line = rest;
      if (line === '') {
        conns.current.send(enc.encode('\r\n'));
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
      if (dir === '@send' || dir === '@send-nowait') showClient(arg);
      await conns.directive(dir, arg);
      flush();
      continue;
    }
    await command(text.startsWith('@@') ? text.slice(1) : text);
  }
  await settle();
  flush();
  const bytes = main.bytes();
  conns.closeAll();
  return { lines, bytes };
}
