import type { Account, Mailbox } from '../store/model';
import { HIERARCHY_DELIMITER as D } from '../store/model';

/**
 * LIST/LSUB pattern matching (RFC 3501 §6.3.8): `*` matches anything, `%` anything but the
 * hierarchy delimiter. Compiled to a regular expression once per command.
 */
export function compilePattern(pattern: string): RegExp {
  let re = '';
  for (const ch of pattern) {
    if (ch === '*') re += '.*';
    else if (ch === '%') re += `[^${D}]*`;
    else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  // INBOX is case-insensitive, also as the first level of a pattern.
  const m = /^inbox(?=$|\/)/i.exec(pattern);
  if (m) re = 'INBOX' + re.slice(5);
  return new RegExp(`^${re}$`, 's');
}

/** Joins reference and pattern the way RFC 3501 §6.3.8 describes (a plain concatenation). */
export function joinReference(reference: string, pattern: string): string {
  if (!reference) return pattern;
  if (pattern.startsWith(D)) return pattern;
  return reference.endsWith(D) ? reference + pattern : reference + D + pattern;
}

export interface ListEntry {
  name: string;
  attributes: string[];
}

/** The LIST attributes of a mailbox (RFC 3501 §7.2.2, RFC 3348 CHILDREN, RFC 6154). */
export function attributesOf(acc: Account, mb: Mailbox, hasChildren: boolean): string[] {
  const attrs: string[] = [];
  if (mb.noselect) attrs.push('\\Noselect');
  attrs.push(hasChildren ? '\\HasChildren' : '\\HasNoChildren');
  if (mb.specialUse) attrs.push(mb.specialUse);
  return attrs;
}

/** Mailboxes in listing order: INBOX first, then by name; `keep` filters (e.g. by host). */
export function sortedMailboxes(acc: Account, keep: (name: string) => boolean = () => true): Mailbox[] {
  return [...acc.mailboxes.values()].filter((mb) => keep(mb.name)).sort((a, b) =>
    a.name === 'INBOX' ? -1 : b.name === 'INBOX' ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
}

/** Which mailboxes have children, computed once per listing instead of per mailbox. */
export function parentsSet(acc: Account): Set<string> {
  const parents = new Set<string>();
  for (const n of acc.mailboxes.keys()) {
    let i = n.lastIndexOf(D);
    while (i > 0) {
      parents.add(n.slice(0, i));
      i = n.lastIndexOf(D, i - 1);
    }
  }
  return parents;
}
