/**
 * Message identifiers in Message-ID:, References: and In-Reply-To: (RFC 5322 §3.6.4), read the
 * forgiving way THREAD needs (RFC 5256 §4 step 1: "extract the message IDs"): each `<…>` that
 * holds an `@` is an id, with whitespace inside it dropped; ids with comments or quotes inside
 * are parsed properly; anything else between ids (phrases, broken ids) is skipped.
 */

const WSP = /[ \t\r\n]+/g;

/** Skips whitespace and (nested) comments from `p`; the position after them. */
function skipCfws(s: string, p: number): number {
  for (;;) {
    while (p < s.length && ' \t\r\n'.includes(s[p])) p++;
    if (s[p] !== '(') return p;
    let depth = 0;
    for (; p < s.length; p++) {
      if (s[p] === '\\') p++;
      else if (s[p] === '(') depth++;
      else if (s[p] === ')' && --depth === 0) {
        p++;
        break;
      }
    }
    if (depth > 0) return s.length;
  }
}

const ATEXT = /[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\x80-\uffff]/;

/** `dot-atom` (CFWS allowed around the dots, as in obs-id-left) from `p`: [text, end] or null. */
function dotAtom(s: string, p: number): [string, number] | null {
  let out = '';
  for (;;) {
    const start = p;
    while (p < s.length && ATEXT.test(s[p])) p++;
    if (p === start) return null;
    out += s.slice(start, p);
    const q = skipCfws(s, p);
    if (s[q] !== '.') return [out, q];
    out += '.';
    p = skipCfws(s, q + 1);
  }
}

/** `quoted-string` from `p` (at the quote): [content, end] or null. */
function quoted(s: string, p: number): [string, number] | null {
  let out = '';
  for (p++; p < s.length; p++) {
    if (s[p] === '"') return [out, p + 1];
    if (s[p] === '\\') p++;
    if (s[p] !== '\r' && s[p] !== '\n') out += s[p] ?? '';
  }
  return null;
}

/** msg-id = "<" id-left "@" id-right ">" with comments: the id, and where it ends; null if broken. */
function tokenized(s: string, p: number): [string, number] | null {
  p = skipCfws(s, p);
  const left = s[p] === '"' ? quoted(s, p) : dotAtom(s, p);
  if (!left || s[left[1]] !== '@') return null;
  const right = dotAtom(s, skipCfws(s, left[1] + 1));
  if (!right || s[right[1]] !== '>') return null;
  return [`${left[0]}@${right[0]}`, right[1] + 1];
}

/** Every id in a header value, in order. */
export function messageIds(value: string | null): string[] {
  const out: string[] = [];
  if (value === null) return out;
  let p = 0;
  for (;;) {
    const open = value.indexOf('<', p);
    if (open < 0) return out;
    p = open + 1;
    // The common case: <left@right> with nothing special inside.
    let q = p;
    let at = false;
    let space = false;
    for (; q < value.length; q++) {
      const c = value.charCodeAt(q);
      if (c === 0x3e /* > */ || c === 0x22 /* " */ || c === 0x28 /* ( */) break;
      if (c === 0x40) at = true;
      else if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) space = true;
    }
    if (q >= value.length) return out;
    if (value.charCodeAt(q) === 0x3e) {
      if (at) out.push(space ? value.slice(p, q).replace(WSP, '') : value.slice(p, q));
      p = q + 1;
      continue;
    }
    const id = tokenized(value, p);
    if (id) {
      out.push(id[0]);
      p = id[1];
    }
  }
}

/** The first id in a header value, or null. */
export function firstMessageId(value: string | null): string | null {
  return messageIds(value)[0] ?? null;
}
