import type { MailNetwork } from '../../worker/network';
import { latin1, ReplayConnections, settle } from '../transcripts/language';

/**
 * Replays a client transcript (the format of ../shared/peers/run-transcript: one command per
 * line, `{N}` / `{?}` literals, IDLE/AUTHENTICATE continuations, `@open` / `@use` / `@send`
 * directives) against the in-process engine and returns the server's bytes per connection,
 * so they can be compared with what the real server sent for the same transcript.
 */
export interface TranscriptResult {
  /** Bytes the server sent, per connection name (`main` first). */
  outputs: Map<string, Uint8Array>;
}

const enc = new TextEncoder();

function toCrlf(text: string): Uint8Array {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return enc.encode(lines.map((l) => l + '\r\n').join(''));
}

export async function runTranscript(network: MailNetwork, host: string, source: string): Promise<TranscriptResult> {
  const stream = toCrlf(source);
  let sp = 0;
  const readLine = (): Uint8Array | null => {
    if (sp >= stream.length) return null;
    let e = sp;
    while (e < stream.length - 1 && !(stream[e] === 13 && stream[e + 1] === 10)) e++;
    const line = stream.subarray(sp, e);
    sp = Math.min(e + 2, stream.length);
    return line;
  };
  const conns = new ReplayConnections(network, host);
  await settle();
  const CRLF = enc.encode('\r\n');

  async function runCommand(first: Uint8Array): Promise<void> {
    const tag = latin1(first).split(' ')[0];
    let line: Uint8Array | null = first;
    while (line) {
      const text = latin1(line);
      const auto = /\{\?(\+?)\}$/.exec(text);
      const fixed = /\{(\d+)(\+?)\}$/.exec(text);
      const cur = conns.current;
      if (!auto && !fixed) {
        cur.send(concat(line, CRLF));
        await settle();
        return;
      }
      let literal: Uint8Array;
      let rest: Uint8Array | null;
      let head: Uint8Array;
      let sync: boolean;
      if (auto) {
        const open = readLine();
        if (!open || latin1(open) !== '<<<') throw new Error(`"{?}" must be followed by "<<<": ${text}`);
        const parts: Uint8Array[] = [];
        for (;;) {
          const l = readLine();
          if (l === null) throw new Error('unterminated <<< block');
          if (latin1(l).startsWith('>>>')) {
            rest = l.subarray(3);
            break;
          }
          parts.push(l, CRLF);
        }
        literal = concat(...parts);
        sync = auto[1] !== '+';
        head = concat(line.subarray(0, line.length - auto[0].length), enc.encode(`{${literal.length}${sync ? '' : '+'}}`));
      } else {
        const n = Number(fixed![1]);
        sync = fixed![2] !== '+';
        head = line;
        literal = stream.subarray(sp, sp + n);
        sp += n;
        let e = sp;
        while (e < stream.length - 1 && !(stream[e] === 13 && stream[e + 1] === 10)) e++;
        rest = stream.subarray(sp, e);
        sp = Math.min(e + 2, stream.length);
      }
      const mark = cur.size;
      if (!cur.send(concat(head, CRLF))) return;
      await settle();
      if (sync && cur.answered(mark, tag) !== '+') return;
      cur.send(literal);
      line = rest;
    }
  }

  for (;;) {
    const line = readLine();
    if (line === null) break;
    const text = latin1(line);
    if (text === '' || text.startsWith('#')) continue;
    if (text.startsWith('@') && !text.startsWith('@@')) {
      const [dir, ...words] = text.split(' ');
      await conns.directive(dir, words.join(' '));
      continue;
    }
    await runCommand(text.startsWith('@@') ? line.subarray(1) : line);
  }
  await settle();
  const outputs = new Map<string, Uint8Array>();
  for (const [name, c] of conns.all) outputs.set(name, c.bytes());
  conns.closeAll();
  return { outputs };
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
