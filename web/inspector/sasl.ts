import type { Entry } from '../terminal/session';
import { visibleText } from '../terminal/visible';
import type { Explained, Node } from './explain';

/**
 * AUTHENTICATE in the inspector (RFC 3501 §6.2.2, RFC 4959 SASL-IR, RFC 4616 PLAIN, the LOGIN
 * mechanism of draft-murchison-sasl-login; IMSP §4.5 the same way): the base64 on those lines
 * is decoded so a student sees what a listener on the wire sees — the user name and the
 * password — with the lesson that base64 is an encoding, not encryption.
 */

export const BASE64_WARNING =
  'Base64 is an encoding, not encryption: anyone who can see this connection decodes it as easily as the inspector does. ' +
  'Only TLS (or a challenge-response mechanism) keeps a password off the wire.';

const dec = new TextDecoder();
/** How much of a decoded value is shown; control characters become visible stand-ins. */
const show = (s: string) => {
  const t = visibleText(s.length > 200 ? s.slice(0, 200) + '…' : s)
    .map((p) => p.text)
    .join('');
  return t;
};

/** Strict base64 (RFC 4648 §4, padding optional): null when the text is not base64 at all. */
export function decodeBase64(text: string): Uint8Array | null {
  const t = text.trim();
  if (!t || t.length > 100_000 || !/^[A-Za-z0-9+/]+={0,2}$/.test(t) || t.length % 4 === 1) return null;
  try {
    const bin = atob(t.padEnd(Math.ceil(t.length / 4) * 4, '='));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

interface SaslStep {
  mech: string;
  /** 0 for the initial response (on the AUTHENTICATE line or the first line after `+`), then 1, 2… */
  index: number;
  /** The base64 text of this step. */
  data: string;
  where: 'initial response on the command line (SASL-IR)' | 'response line';
}

const line = (e: Entry) => dec.decode(e.bytes.subarray(0, Math.min(e.bytes.length, 100_000))).replace(/\r?\n$/, '');
const AUTH_LINE = /^(\S+) +AUTHENTICATE +([A-Za-z0-9_-]+)(?: +(\S+))? *$/i;

/** For a client entry: the SASL step it carries, or null when it is not part of AUTHENTICATE. */
function clientStep(entries: Entry[], entry: Entry): SaslStep | null {
  if (entry.dir !== 'C' || entry.literal) return null;
  const own = AUTH_LINE.exec(line(entry));
  if (own) return own[3] ? { mech: own[2].toUpperCase(), index: 0, data: own[3], where: 'initial response on the command line (SASL-IR)' } : null;
  // A bare line: walk back to the AUTHENTICATE it answers, counting the answers before it.
  const i = entries.indexOf(entry);
  let answers = 0;
  for (let k = i - 1; k >= 0 && k >= i - 50; k--) {
    const e = entries[k];
    if (e.dir !== 'C') {
      // A tagged completion in between means the exchange ended: this line is not part of it.
      if (e.dir === 'S' && !/^[+*]/.test(line(e).slice(0, 1)) && /^\S+ (OK|NO|BAD)\b/i.test(line(e).slice(0, 40))) return null;
      continue;
    }
    const m = AUTH_LINE.exec(line(e));
    if (m) return { mech: m[2].toUpperCase(), index: answers + (m[3] ? 1 : 0), data: line(entry).trim(), where: 'response line' };
    if (/\s/.test(line(e).trim())) return null; // a command: no AUTHENTICATE is waiting
    answers++;
  }
  return null;
}

/** For a server `+ base64` entry during AUTHENTICATE: the decoded challenge. */
function challenge(entries: Entry[], entry: Entry): string | null {
  if (entry.dir !== 'S') return null;
  const m = /^\+ ?(\S*)\r?\n?$/.exec(line(entry));
  if (!m || !m[1]) return null;
  const i = entries.indexOf(entry);
  for (let k = i - 1; k >= 0 && k >= i - 50; k--) {
    const e = entries[k];
    if (e.dir === 'C' && AUTH_LINE.test(line(e))) {
      const b = decodeBase64(m[1]);
      return b ? dec.decode(b) : null;
    }
    if (e.dir === 'S' && /^\S+ (OK|NO|BAD)\b/i.test(line(e).slice(0, 40)) && !line(e).startsWith('*')) return null;
  }
  return null;
}

function decodedNodes(step: SaslStep): { nodes: Node[]; summary: string } | null {
  if (step.data === '*') return { nodes: [{ label: 'cancel', raw: '*', kind: 'atom', text: 'The client gives up the exchange; the server answers BAD.', rfc: 'RFC 3501 §6.2.2' }], summary: 'AUTHENTICATE cancelled' };
  if (step.data === '=') return { nodes: [{ label: 'empty response', raw: '=', kind: 'atom', text: 'SASL-IR writes an empty initial response as =.', rfc: 'RFC 4959 §3' }], summary: 'An empty SASL response' };
  const bytes = decodeBase64(step.data);
  if (!bytes) return null;
  const raw = step.data.length > 160 ? step.data.slice(0, 160) + '…' : step.data;
  const text = dec.decode(bytes);
  if (step.mech === 'PLAIN') {
    // RFC 4616 §2: [authzid] NUL authcid NUL passwd
    const parts = text.split('\0');
    const [authz, user, pass] = parts.length === 3 ? parts : ['', parts[0] ?? '', parts[1] ?? ''];
    return {
      summary: `PLAIN credentials: ${show(user)} / ${show(pass)}`,
      nodes: [
        {
          label: 'base64 (PLAIN)',
          raw,
          kind: 'atom',
          text: `Decodes to ${parts.length} NUL-separated fields: ${show(authz) || '(empty)'} ␀ ${show(user)} ␀ ${show(pass)}.`,
          rfc: 'RFC 4616 §2',
          children: [
            { label: 'authorization identity', raw: show(authz) || '(empty)', kind: 'text', text: authz ? 'Act as this user.' : 'Empty: act as the user below.' },
            { label: 'user name', raw: show(user), kind: 'text', text: 'Who logs in.' },
            { label: 'password', raw: show(pass), kind: 'text', text: 'In the clear once decoded.' },
          ],
        },
      ],
    };
  }
  if (step.mech === 'LOGIN') {
    const what = step.index === 0 ? 'user name' : step.index === 1 ? 'password' : 'extra response';
    return {
      summary: `LOGIN mechanism: the ${what} ${show(text)}`,
      nodes: [{ label: `base64 (${what})`, raw, kind: 'atom', text: `Decodes to “${show(text)}”: the ${what}, answering the server’s “${step.index === 0 ? 'Username:' : 'Password:'}”.`, rfc: 'draft-murchison-sasl-login' }],
    };
  }
  return {
    summary: `${step.mech}: a SASL response`,
    nodes: [{ label: `base64 (${step.mech})`, raw, kind: 'atom', text: `Decodes to “${show(text)}”.`, rfc: 'RFC 4422 §3' }],
  };
}

/**
 * Adds the decoded SASL payload to an explanation when the entry is part of an AUTHENTICATE
 * exchange (the command with an initial response, a response line, a server challenge).
 */
export function withSasl(entries: Entry[], entry: Entry, ex: Explained): Explained {
  try {
    const step = clientStep(entries, entry);
    if (step) {
      const d = decodedNodes(step);
      if (!d) return ex;
      if (step.where === 'response line') return { ...ex, summary: d.summary, rfc: 'RFC 3501 §6.2.2', nodes: d.nodes, warning: BASE64_WARNING };
      // On the command line: keep tag, command and mechanism, replace the last argument.
      const nodes = ex.nodes.slice(0, -1).concat(d.nodes);
      return { ...ex, summary: `${ex.summary} — ${d.summary}`, nodes, warning: BASE64_WARNING };
    }
    const ch = challenge(entries, entry);
    if (ch !== null) {
      return {
        ...ex,
        summary: `SASL challenge: “${show(ch)}”`,
        nodes: [...ex.nodes, { label: 'decoded challenge', raw: show(ch), kind: 'text', text: 'The server’s base64 challenge, decoded.' }],
        warning: BASE64_WARNING,
      };
    }
  } catch {
    /* a line that does not fit: the plain explanation stands */
  }
  return ex;
}
