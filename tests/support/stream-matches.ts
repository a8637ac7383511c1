/**
 * Finds a pattern in text that streams past in chunks, without keeping the text: each match
 * is reported once, also when a chunk boundary cuts it. `keep` is how many trailing characters
 * to carry into the next chunk; it must be at least the longest match.
 */
export function streamMatches(re: RegExp, keep: number, onMatch: (m: RegExpExecArray) => void, start = '') {
  if (!re.global) throw new Error('streamMatches needs a global pattern');
  let tail = start;
  return (chunk: string): string => {
    const text = tail + chunk;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      // A match lying wholly inside the carried tail was reported with the previous chunk.
      if (m.index + m[0].length > tail.length) onMatch(m);
    }
    tail = text.slice(-keep);
    return text;
  };
}
