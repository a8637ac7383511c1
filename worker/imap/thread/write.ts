/**
 * The THREAD response (RFC 5256 §5): `thread-list = "(" (thread-members / thread-nested) ")"`.
 * A parent is followed by its children: an only child directly (`(1 2 3)`: a chain), several
 * children each in parentheses (`(1 (2)(3))`). A dummy root shows only its children (`((2)(3))`).
 */
import type { ThreadNode } from './references';

function children(kids: ThreadNode[]): string {
  if (kids.length === 1) {
    const [k] = kids;
    return k.children.length ? `${k.n} ${children(k.children)}` : `${k.n}`;
  }
  return kids.map((k) => (k.children.length ? `(${k.n} ${children(k.children)})` : `(${k.n})`)).join('');
}

export function writeThreads(roots: ThreadNode[]): string {
  return roots
    .map((r) => {
      if (!r.children.length) return `(${r.n})`;
      return `(${r.n === 0 ? '' : `${r.n} `}${children(r.children)})`;
    })
    .join('');
}
