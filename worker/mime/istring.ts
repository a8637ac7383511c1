/**
 * How Dovecot 2.3 writes the strings inside ENVELOPE and BODYSTRUCTURE, expressed as `Value`s that
 * worker/wire/encode.ts turns into Dovecot's exact bytes.
 *
 * Dovecot has two writers (lib-imap/imap-quote.c):
 *
 * - imap_append_nstring(): NIL; a literal when the string has CR, LF, an 8-bit octet or more
 *   than four `"`/`\`; otherwise a quoted string, escaping `"` and `\` with a backslash.
 *   (`_nolf` variant first removes CR/LF, inserting a space where the next line would be glued.)
 * - imap_append_string_for_humans() (ENVELOPE subject and display names): a quoted string when
 *   the text is "clean" (no TAB/CR/LF/NUL/8-bit/`"`/`\`, no leading, trailing or doubled spaces),
 *   otherwise a literal of the cleaned text (whitespace runs -> one space, trimmed, NUL -> 0x80),
 *   or "" when nothing is left.
 *
 * The encoder only knows "quoted unless it must be a literal" and never escapes. So:
 *  - a literal Dovecot would send for a string the encoder would quote -> Uint8Array;
 *  - a backslash-escaped quoted string Dovecot would send -> Atom holding the quoted form.
 * Everything else is a plain string. All inputs are binary strings (one code unit per octet).
 */
import { Atom, type Value } from '../wire/values';
import { binBytes, isAscii } from './bytes';

/** Dovecot's imap_append_nstring(). */
export function nstring(s: string | null): Value {
  if (s === null) return null;
  let specials = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) {
      if (++specials > 4) return literal(s);
    } else if (c === 0x0d || c === 0x0a || c >= 0x80) {
      return literal(s);
    }
  }
  if (specials === 0) return s;
  return new Atom(`"${s.replace(/(["\\])/g, '\\$1')}"`);
}

/** Dovecot's imap_append_nstring_nolf(). */
export function nstringNoLf(s: string | null): Value {
  if (s === null || (s.indexOf('\r') === -1 && s.indexOf('\n') === -1)) return nstring(s);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x0d && c !== 0x0a) {
      out += s[i];
      continue;
    }
    const n = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
    if (n !== 0x20 && n !== 0x09 && n !== 0x0d && n !== 0x0a && n !== 0) out += ' ';
  }
  return nstring(out);
}

/** A literal holding exactly these octets (the encoder writes a string of octets as a literal). */
function literal(s: string): Value {
  return isAscii(s) ? s : binBytes(s);
}

/** Dovecot's imap_append_string_for_humans(). */
export function humanString(s: string): Value {
  let modify = false;
  let lastLwsp = true;
  let wsPrefix = true;
  let remove = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) {
      lastLwsp = false;
      modify = true;
    } else if (c === 0x0d || c === 0x0a || c === 0x09 || c === 0x20) {
      if (c !== 0x20) modify = true;
      if (lastLwsp) {
        modify = true;
        remove++;
      }
      lastLwsp = true;
    } else {
      if (c === 0x22 || c === 0x5c || c >= 0x80) modify = true;
      lastLwsp = false;
    }
    if (!lastLwsp) wsPrefix = false;
  }
  if (lastLwsp && n > 0 && !wsPrefix) {
    modify = true;
    remove++;
  }
  if (!modify) return s;
  if (n === remove) return '';

  const out = new Uint8Array(n - remove);
  let o = 0;
  lastLwsp = true;
  wsPrefix = true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) {
      out[o++] = 0x80;
      lastLwsp = false;
    } else if (c === 0x0d || c === 0x0a || c === 0x09 || c === 0x20) {
      if (!lastLwsp) out[o++] = 0x20;
      lastLwsp = true;
    } else {
      lastLwsp = false;
      out[o++] = c;
    }
    if (!lastLwsp) wsPrefix = false;
  }
  // A trailing space was written for the final whitespace run; the size already excludes it.
  return out;
}
