import type { MailNetwork } from '../../worker/network';
import { RecordingClient, unescapeLine as unescape } from '../transcripts/language';

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
const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');

function toCrlf(text: string): Uint8Array {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return enc.encode(lines.map((l) => l + '\r\n').join(''));
}

/** A recording client that can also say what arrived since an offset. */
class Client extends RecordingClient {
  /** Text the server sent since byte offset `from`. */
  since(from: number): string {
    return latin1(this.bytes().subarray(from));
  }
}

/** Lets queued work (IDLE pushes, deferred flushes) run before looking at the output. */
const settle = () => new Promise<void>((r) => setTimeout(r, 0));

/** Did the server answer `tag` with a continuation (`+`) or a tagged completion since `from`? */
function answered(c: Client, from: number, tag: string): '+' | 'tagged' | null {
  const text = c.since(from);
  for (const line of text.split('\r\n')) {
    if (line.startsWith('+')) return '+';
    if (line.startsWith(tag + ' ')) return 'tagged';
  }
  return null;
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
  const conns = new Map<string, Client>();
  let cur = new Client(network, host);
  conns.set('main', cur);
  await settle();
  const CRLF = enc.encode('\r\n');

  async function runCommand(first: Uint8Array): Promise<void> {
    const tag = latin1(first).split(' ')[0];
    let line: Uint8Array | null = first;
    while (line) {
      const text = latin1(line);
      const auto = /\{\?(\+?)\}$/.exec(text);
      const fixed = /\{(\d+)(\+?)\}$/.exec(text);
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
      if (sync && answered(cur, mark, tag) !== '+') return;
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
      const [dir, ...restWords] = text.split(' ');
      const arg = restWords.join(' ');
      switch (dir) {
        case '@send':
        case '@send-nowait':
          cur.send(unescape(arg));
          await settle();
          break;
        case '@open':
          // Like the reference runner, opening a connection also switches to it.
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
          // Long enough for pushed updates (IDLE coalesces for a few ms) to arrive.
          await new Promise((r) => setTimeout(r, 60));
          break;
        case '@wait-tag':
        case '@wait-close':
        case '@timeout':
        case '@expect-timeout':
          await settle();
          break;
        default:
          throw new Error(`unknown directive ${dir}`);
      }
      continue;
    }
    await runCommand(text.startsWith('@@') ? line.subarray(1) : line);
  }
  await settle();
  const outputs = new Map<string, Uint8Array>();
  for (const [name, c] of conns) {
    outputs.set(name, c.bytes());
    if (!c.closed) c.conn.close();
  }
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
