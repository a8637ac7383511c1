import type { Entry } from '../terminal/session';

/**
 * A transcript shared as a URL: the client's side of the conversation (the commands, with
 * their literals), compressed into the hash, so no server is involved and the page at the
 * other end replays it against its own engine. The server's answers are not stored: they are
 * produced again, which is the point of a replay.
 */

/** One command: its lines; a literal's octets are carried as `{ b: base64 }`. */
export type SharedItem = string | { b: string };
export interface SharedSession {
  v: 1;
  host: string;
  commands: SharedItem[][];
}

const MAX_COMMANDS = 500;
const MAX_ITEM = 1_000_000;

const b64 = (u: Uint8Array) => {
  let s = '';
  for (let i = 0; i < u.length; i += 0x8000) s += String.fromCharCode(...u.subarray(i, i + 0x8000));
  return btoa(s);
};
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const toUrl = (s: string) => s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromUrl = (s: string) => s.replace(/-/g, '+').replace(/_/g, '/');

/** Groups the client entries of a transcript into commands. */
export function commandsOf(entries: Entry[]): SharedItem[][] {
  const out: SharedItem[][] = [];
  let group: SharedItem[] | null = null;
  let groupCmd: number | undefined;
  const dec = new TextDecoder();
  for (const e of entries) {
    if (e.dir !== 'C') continue;
    const item: SharedItem = e.literal ? { b: b64(e.bytes) } : dec.decode(e.bytes).replace(/\r\n$/, '');
    if (group && e.cmd !== undefined && e.cmd === groupCmd) group.push(item);
    else {
      group = [item];
      groupCmd = e.cmd;
      out.push(group);
    }
  }
  return out;
}

async function pipe(data: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const res = new Response(new Blob([data as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await res.arrayBuffer());
}

export async function encodeShare(s: SharedSession): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(s));
  return toUrl(b64(await pipe(json, new CompressionStream('deflate-raw'))));
}

/** Decodes and checks a shared session; anything unexpected is an error, never rendered. */
export async function decodeShare(text: string): Promise<SharedSession> {
  const packed = unb64(fromUrl(text));
  const json = new TextDecoder().decode(await pipe(packed, new DecompressionStream('deflate-raw')));
  const v = JSON.parse(json) as unknown;
  if (typeof v !== 'object' || v === null) throw new Error('not a shared session');
  const o = v as Record<string, unknown>;
  if (o.v !== 1 || typeof o.host !== 'string' || !Array.isArray(o.commands) || o.commands.length > MAX_COMMANDS) {
    throw new Error('not a shared session');
  }
  const commands = o.commands.map((c) => {
    if (!Array.isArray(c) || c.length === 0 || c.length > 50) throw new Error('bad command');
    return c.map((it): SharedItem => {
      if (typeof it === 'string' && it.length < MAX_ITEM && !/[\r\n]/.test(it)) return it;
      if (typeof it === 'object' && it && typeof (it as { b?: unknown }).b === 'string' && (it as { b: string }).b.length < MAX_ITEM) {
        return { b: (it as { b: string }).b };
      }
      throw new Error('bad command line');
    });
  });
  return { v: 1, host: o.host.slice(0, 255), commands };
}

export const literalBytes = (it: { b: string }) => unb64(it.b);
