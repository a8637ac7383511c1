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
}
