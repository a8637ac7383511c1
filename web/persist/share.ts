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
  /**
   * A teacher's "start here": the lesson and step the link opens (the commands then run in
   * that lesson's connection `role`). Absent in a plain sandbox replay.
   */
  lesson?: SharedLesson;
}

export interface SharedLesson {
  id: string;
  /** Zero-based step index. */
  step: number;
  /** The lesson connection the commands were typed on (`a`, `b`, `imsp`…). */
  role: string;
}

const LESSON_ID = /^[A-Za-z0-9_-]{1,100}$/;
const ROLE = /^[A-Za-z0-9_-]{1,20}$/;

function sharedLesson(v: unknown): SharedLesson | undefined {
  if (v === undefined) return undefined;
  const l = v as Record<string, unknown>;
  if (typeof v !== 'object' || v === null || typeof l.id !== 'string' || !LESSON_ID.test(l.id) || typeof l.role !== 'string' || !ROLE.test(l.role)) {
    throw new ShareError('damaged');
  }
  if (typeof l.step !== 'number' || !Number.isInteger(l.step) || l.step < 0 || l.step > 1000) throw new ShareError('damaged');
  return { id: l.id, step: l.step, role: l.role };
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

/** Limits of a shared link (README "Limits"): what a link may hold, checked before and while decoding. */
export const SHARE_LIMITS = {
  /** Characters of the `#replay=` text (base64url of the deflated JSON). */
  maxLinkChars: 2_000_000,
  /** Octets the link may inflate to: inflating stops there, so a deflate bomb costs nothing. */
  maxJsonOctets: 4 * 1024 * 1024,
  maxCommands: MAX_COMMANDS,
};

/** Why a link was refused: `damaged` (not ours, or corrupt) or `too-large` (over a limit). */
export class ShareError extends Error {
  constructor(readonly why: 'damaged' | 'too-large') {
    super(why === 'too-large' ? 'the shared link is too large' : 'the shared link is damaged');
  }
}

async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const res = new Response(new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw')));
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * Inflates chunk by chunk and gives up as soon as the output passes `limit` octets (the
 * stream is cancelled, so the rest is never inflated): memory and time stay bounded by the
 * limit, not by what the link claims to hold.
 */
export async function inflateLimited(data: Uint8Array, limit: number): Promise<Uint8Array> {
  const reader = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) {
        void reader.cancel().catch(() => undefined);
        throw new ShareError('too-large');
      }
      parts.push(value);
    }
  } catch (e) {
    if (e instanceof ShareError) throw e;
    throw new ShareError('damaged');
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export async function encodeShare(s: SharedSession): Promise<string> {
  if (s.commands.length > MAX_COMMANDS) throw new ShareError('too-large');
  const json = new TextEncoder().encode(JSON.stringify(s));
  if (json.length > SHARE_LIMITS.maxJsonOctets) throw new ShareError('too-large');
  const code = toUrl(b64(await deflate(json)));
  if (code.length > SHARE_LIMITS.maxLinkChars) throw new ShareError('too-large');
  return code;
}

/** Decodes and checks a shared session; anything unexpected is an error, never rendered. */
export async function decodeShare(text: string): Promise<SharedSession> {
  if (text.length > SHARE_LIMITS.maxLinkChars) throw new ShareError('too-large');
  let packed: Uint8Array;
  try {
    packed = unb64(fromUrl(text));
  } catch {
    throw new ShareError('damaged');
  }
  const inflated = await inflateLimited(packed, SHARE_LIMITS.maxJsonOctets);
  let v: unknown;
  try {
    v = JSON.parse(new TextDecoder().decode(inflated)) as unknown;
  } catch {
    throw new ShareError('damaged');
  }
  if (typeof v !== 'object' || v === null) throw new ShareError('damaged');
  const o = v as Record<string, unknown>;
  if (o.v !== 1 || typeof o.host !== 'string' || !Array.isArray(o.commands)) throw new ShareError('damaged');
  if (o.commands.length > MAX_COMMANDS) throw new ShareError('too-large');
  const commands = o.commands.map((c) => {
    if (!Array.isArray(c) || c.length === 0 || c.length > 50) throw new ShareError('damaged');
    return c.map((it): SharedItem => {
      if (typeof it === 'string' && it.length < MAX_ITEM && !/[\r\n]/.test(it)) return it;
      if (typeof it === 'object' && it && typeof (it as { b?: unknown }).b === 'string' && (it as { b: string }).b.length < MAX_ITEM) {
        return { b: (it as { b: string }).b };
      }
      throw new ShareError('damaged');
    });
  });
  const lesson = sharedLesson(o.lesson);
  return { v: 1, host: o.host.slice(0, 255), commands, ...(lesson ? { lesson } : {}) };
}

export const literalBytes = (it: { b: string }) => unb64(it.b);

/**
 * Commands that remove or overwrite what is already in a mail store (IMAP: DELETE, RENAME,
 * EXPUNGE, CLOSE — which expunges —, MOVE, STORE, UNSUBSCRIBE, IMAP3's SET.FLAGS; IMSP: SET,
 * UNSET, DELETE*, RENAME*, STOREADDRESS, SETACL…). Replaying one of them onto the student's
 * own saved mail needs an explicit confirmation.
 */
const DESTRUCTIVE = /DELETE|RENAME|EXPUNGE|STORE|^CLOSE$|^MOVE$|^UNSUBSCRIBE$|^SET|^UNSET$/;

/** The command word of a shared command's first line: after the tag, and after `UID`. */
export function commandWord(cmd: SharedItem[]): string {
  const first = typeof cmd[0] === 'string' ? cmd[0] : '';
  const words = first.split(' ').filter(Boolean);
  let w = (words[1] ?? words[0] ?? '').toUpperCase();
  if (w === 'UID') w = (words[2] ?? '').toUpperCase();
  return w;
}

export const isDestructive = (cmd: SharedItem[]): boolean => DESTRUCTIVE.test(commandWord(cmd));

/** A command as one line of text to show before it runs: literals as `{n octets}`. */
export function commandPreview(cmd: SharedItem[]): string {
  return cmd.map((it) => (typeof it === 'string' ? it : `‹${Math.floor((it.b.length * 3) / 4)} octets›`)).join(' ⏎ ');
}
