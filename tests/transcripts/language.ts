import type { MailNetwork } from '../../worker/network';

/**
 * What the transcript replayers share (tests/support/transcript.ts for the golden-file tests,
 * web/rfc/replay.ts for the site's RFC examples): the line escapes of the transcript format and
 * a client that keeps everything a connection sent. Platform-neutral: the page imports it too.
 */

const enc = new TextEncoder();

/** A transcript line's escapes (`\r`, `\n`, `\t`, `\\`, `\xHH`) as octets; UTF-8 otherwise. */
export function unescapeLine(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\') {
      out.push(...enc.encode(c));
      continue;
    }
    const n = s[++i];
    if (n === 'r') out.push(13);
    else if (n === 'n') out.push(10);
    else if (n === 't') out.push(9);
    else if (n === '\\') out.push(92);
    else if (n === 'x') {
      out.push(parseInt(s.substr(i + 1, 2), 16));
      i += 2;
    } else if (n === undefined) out.push(92);
    else out.push(92, ...enc.encode(n));
  }
  return new Uint8Array(out);
}

/** Octets as a binary string (one character each), without Node's Buffer. */
export function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}

/** Lets queued work (IDLE pushes, deferred flushes) run before looking at the output. */
export const settle = (ms = 0) => new Promise<void>((r) => setTimeout(r, ms));

/** One connection of a replay: sends what it is given and keeps every octet the server sent. */
export class RecordingClient {
  chunks: Uint8Array[] = [];
  size = 0;
  closed = false;
  conn;

  constructor(network: MailNetwork, host: string) {
    this.conn = network.connect(host, {
      output: (b) => {
        this.chunks.push(b.slice());
        this.size += b.length;
      },
      closed: () => {
        this.closed = true;
      },
    });
  }

  send(b: Uint8Array): boolean {
    if (this.closed) return false;
    this.conn.write(b);
    return true;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }

  /** Text the server sent since byte offset `from`. */
  since(from: number): string {
    return latin1(this.bytes().subarray(from));
  }

  /** Did the server answer `tag` with a continuation (`+`) or a tagged completion since `from`? */
  answered(from: number, tag: string): '+' | 'tagged' | null {
    for (const line of this.since(from).split('\r\n')) {
      if (line.startsWith('+')) return '+';
      if (line.startsWith(tag + ' ')) return 'tagged';
    }
    return null;
  }

  close(): void {
    if (this.closed) return;
    this.conn.close();
    this.closed = true;
  }
}

/**
 * The connections of one replay (`main` first) and the `@` directives that manage them:
 * `@open NAME` (and switch to it), `@use NAME`, `@close NAME`, `@send LINE`, and the waits.
 */
export class ReplayConnections {
  readonly all = new Map<string, RecordingClient>();
  current: RecordingClient;

  constructor(
    private network: MailNetwork,
    private host: string,
  ) {
    this.current = new RecordingClient(network, host);
    this.all.set('main', this.current);
  }

  get main(): RecordingClient {
    return this.all.get('main')!;
  }

  async directive(dir: string, arg: string): Promise<void> {
    const name = arg.trim();
    switch (dir) {
      case '@send':
      case '@send-nowait':
        this.current.send(unescapeLine(arg));
        return settle();
      case '@open':
        // Like the reference runner, opening a connection also switches to it.
        this.current = new RecordingClient(this.network, this.host);
        this.all.set(name, this.current);
        return settle();
      case '@use': {
        const c = this.all.get(name);
        if (!c) throw new Error(`@use of unknown connection ${arg}`);
        this.current = c;
        return;
      }
      case '@close':
        this.all.get(name)?.close();
        return;
      case '@wait-quiet':
      case '@sleep':
        // Long enough for pushed updates (IDLE coalesces for a few ms) to arrive.
        return settle(60);
      case '@wait-tag':
      case '@wait-close':
      case '@timeout':
      case '@expect-timeout':
        return settle();
      default:
        throw new Error(`unknown directive ${dir}`);
    }
  }

  closeAll(): void {
    for (const c of this.all.values()) c.close();
  }
}

