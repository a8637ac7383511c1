/**
 * What the playground adds under a server's refusal of a command it does not know: the
 * command the student probably meant, or the era that has the command. The server's own bytes
 * stay as they are (they are the lesson); this is a note in the playground's voice.
 */

/** Edits (insert, delete, substitute, swap two neighbours) between a and b, or max+1 once over `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    [prev2, prev] = [prev, row];
  }
  return prev[b.length];
}

export interface CommandWorld {
  /** The commands of the server this tab is connected to. */
  here: readonly string[];
  /** Its dialect's name as the student sees it (e.g. `IMAP2 (RFC 1176)`). */
  hereTitle: string;
  /** Every other dialect or protocol, by title, with its commands, the likeliest home first. */
  elsewhere: ReadonlyArray<{ title: string; commands: readonly string[] }>;
}

/** A title without what follows its references: `IMAP3 (RFC 1203), version 3.0` → `IMAP3 (RFC 1203)`. */
const shortTitle = (title: string): string => /^[^(]*\([^)]*\)/.exec(title)?.[0] ?? title;

/**
 * The note for a refused command word, or null when there is nothing useful to say (the word
 * is a command here: the refusal was about its arguments or the state, which the server said).
 */
export function suggestCommand(word: string, world: CommandWorld): string | null {
  const w = word.toUpperCase();
  if (!/^[A-Z][A-Z0-9.-]*$/.test(w) || world.here.includes(w)) return null;
  const homes = [...new Set(world.elsewhere.filter((d) => d.commands.includes(w)).map((d) => shortTitle(d.title)))];
  if (homes.length) {
    const named = homes.length <= 3 ? `${homes.slice(0, -1).join(', ')}${homes.length > 1 ? ' and ' : ''}${homes[homes.length - 1]}` : `${homes.slice(0, 3).join(', ')} and others`;
    return `${w} is not a command of ${shortTitle(world.hereTitle)}; ${homes.length === 1 ? 'it belongs to' : 'it is in'} ${named}.`;
  }
  // Short words have many neighbours one edit away: allow fewer edits for them.
  const max = w.length <= 4 ? 1 : 2;
  let best: string[] = [];
  let bestD = max + 1;
  for (const c of world.here) {
    const d = editDistance(w, c, max);
    if (d < bestD) [best, bestD] = [[c], d];
    else if (d === bestD) best.push(c);
  }
  if (!best.length || best.length > 2) return null;
  return `Did you mean ${best.join(' or ')}?`;
}
