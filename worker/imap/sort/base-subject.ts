/**
 * The "base subject" of RFC 5256 §2.1, used by SORT (SUBJECT) and by both THREAD algorithms:
 * the subject with its reply and forward markers ("Re:", "Fwd:", "[list] ", "(fwd)") taken off,
 * so that a message and its replies sort and thread together.
 *
 * The steps are the RFC's, in its order, on a subject that is first decoded (RFC 2047),
 * title-cased and whitespace-packed, as Dovecot 2.3 does (its base subject is "cased": the
 * comparison is the i;unicode-casemap one of RFC 5051, so `re:` and `RE:` are the same leader).
 */

export interface BaseSubject {
  /** The base subject, title-cased: the string SORT compares and THREAD groups by. */
  base: string;
  /** Whether a leader, trailer or [fwd: …] wrapper was removed (RFC 5256 §2.1: "a reply or forward"). */
  replyOrForward: boolean;
}

/**
 * RFC 5051 i;unicode-casemap: compatibility decomposition, then each character's title case.
 * JavaScript has no title case, so upper case stands in for it (they differ only for the four
 * Latin digraphs such as ǆ); a character whose upper case is several characters (ß → SS) is kept,
 * as title-casing one code point gives one code point.
 */
export function titlecase(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s.toUpperCase();
  let out = '';
  for (const ch of s.normalize('NFKD')) {
    const up = ch.toUpperCase();
    out += up.length === ch.length ? up : ch;
  }
  return out;
}

/** RFC 5256 §2.1 step 1: tabs and line breaks become spaces, runs of spaces one space. */
const packWhitespace = (s: string): string => (/[\t\r\n]| {2}/.test(s) ? s.replace(/[ \t\r\n]+/g, ' ') : s);

/** `subj-blob = "[" *BLOBCHAR "]" *WSP` at `p`: the position after it, or -1 when there is none. */
function blobEnd(s: string, p: number): number {
  if (s[p] !== '[') return -1;
  p++;
  while (p < s.length && s[p] !== '[' && s[p] !== ']') p++;
  if (s[p] !== ']') return -1;
  p++;
  // Whitespace is packed already: one space at most.
  if (s[p] === ' ') p++;
  return p;
}

/** The subject being taken apart: the text, where the base starts, and what was found. */
interface Work {
  s: string;
  start: number;
  replyOrForward: boolean;
}

// The steps are functions of their own, not closures made per call: SORT runs them once per
// message of a mailbox.

/** (2) subj-trailer = "(fwd)" / WSP, removed from the end until none is left. */
function removeTrailers(w: Work): void {
  let size = w.s.length;
  while (size > w.start) {
    if (w.s[size - 1] === ' ') size--;
    else if (size >= 5 && w.s.slice(size - 5, size) === '(FWD)') {
      w.replyOrForward = true;
      size -= 5;
    } else break;
  }
  w.s = w.s.slice(0, size);
}

/** (3) subj-leader = (*subj-blob subj-refwd) / WSP, subj-refwd = ("re" / ("fw" ["d"])) *WSP [subj-blob] ":" */
function removeLeader(w: Work): boolean {
  const s = w.s;
  let removed = false;
  if (s[w.start] === ' ') {
    w.start++;
    removed = true;
  }
  let p = w.start;
  while (s[p] === '[') {
    p = blobEnd(s, p);
    if (p < 0) return removed;
  }
  if (s.startsWith('RE', p)) p += 2;
  else if (s.startsWith('FWD', p)) p += 3;
  else if (s.startsWith('FW', p)) p += 2;
  else return removed;
  if (s[p] === ' ') p++;
  if (s[p] === '[') {
    p = blobEnd(s, p);
    if (p < 0) return removed;
  }
  if (s[p] !== ':') return removed;
  w.start = p + 1;
  w.replyOrForward = true;
  return true;
}

/** (4) A leading subj-blob goes too, unless nothing would be left of the subject. */
function removeBlob(w: Work): boolean {
  const p = blobEnd(w.s, w.start);
  if (p < 0 || p >= w.s.length) return false;
  w.start = p;
  return true;
}

/** (6) subj-fwd = "[fwd:" subject "]": unwrap, and the caller starts again from (2). */
function removeFwdWrapper(w: Work): boolean {
  if (!w.s.startsWith('[FWD:', w.start) || w.s[w.s.length - 1] !== ']') return false;
  w.replyOrForward = true;
  w.s = w.s.slice(0, -1);
  w.start += 5;
  return true;
}

/**
 * The base subject of a decoded Subject: value (RFC 5256 §2.1). `subject` is text (encoded
 * words already decoded); pass '' for a message without a Subject: field.
 */
export function baseSubject(subject: string): BaseSubject {
  const s = packWhitespace(titlecase(subject));
  // Most subjects have nothing to remove: no leader can start them (a space, a blob, RE, FW)
  // and no trailer can end them (a space, "(fwd)"), so none of the steps below would apply.
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  if (s.length && first !== 0x20 && first !== 0x5b && first !== 0x52 && first !== 0x46 && last !== 0x20 && last !== 0x29) {
    return { base: s, replyOrForward: false };
  }
  const w: Work = { s, start: 0, replyOrForward: false };
  do {
    removeTrailers(w);
    // (5) Repeat (3) and (4) until neither removes anything.
    for (let found = true; found; ) {
      found = removeLeader(w);
      found = removeBlob(w) || found;
    }
  } while (removeFwdWrapper(w));
  return { base: w.s.slice(w.start), replyOrForward: w.replyOrForward };
}
