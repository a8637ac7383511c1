/**
 * A message's flags as a shared, never-mutated set: most messages of a mailbox carry one of a
 * handful of combinations (none, \Seen, \Seen \Answered, …), and a Set costs far more than the
 * flags in it, so every message with the same flags, in the same order, holds the same set.
 * A change of flags replaces a message's set; nothing changes a set in place.
 */
export type FlagSet = ReadonlySet<string>;

const interned = new Map<string, FlagSet>();
/** Distinct combinations kept for sharing; past this the table starts afresh (sets in use stay valid). */
const INTERNED_MAX = 4096;

export function flagSet(flags: Iterable<string>): FlagSet {
  const list = [...new Set(flags)];
  const key = list.join('\0');
  let set = interned.get(key);
  if (!set) {
    if (interned.size >= INTERNED_MAX) interned.clear();
    set = new Set(list);
    interned.set(key, set);
  }
  return set;
}
