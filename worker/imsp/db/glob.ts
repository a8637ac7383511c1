/**
 * Cyrus glob (lib/glob.c) without hierarchy: `*` matches any run, `%` and `?` exactly one
 * character; optionally ignoring ASCII case. Linear backtracking on the last `*`, so no
 * pattern can make it slow.
 */
export function globMatch(pattern: string, text: string, icase: boolean): boolean {
  const fold = (c: number) => (icase && c >= 0x41 && c <= 0x5a ? c + 0x20 : c);
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const pc = p < pattern.length ? pattern.charCodeAt(p) : -1;
    if (pc === 0x2a) {
      starP = ++p;
      starT = t;
    } else if (pc === 0x3f || pc === 0x25 || (pc >= 0 && fold(pc) === fold(text.charCodeAt(t)))) {
      p++;
      t++;
    } else if (starP >= 0) {
      p = starP;
      t = ++starT;
    } else return false;
  }
  while (p < pattern.length && pattern.charCodeAt(p) === 0x2a) p++;
  return p === pattern.length;
}

/** Whether a key pattern has a wildcard (sdb_match's "special case for no wildcards"). */
export function hasWildcard(s: string): boolean {
  return /[*%?]/.test(s);
}
