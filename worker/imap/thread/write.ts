/**
 * The THREAD response (RFC 5256 §5): `thread-list = "(" (thread-members / thread-nested) ")"`.
 * A parent is followed by its children: an only child directly (`(1 2 3)`: a chain), several
 * children each in parentheses (`(1 (2)(3))`). A dummy root shows only its children (`((2)(3))`).
 */
import type { ThreadNode } from './references';

export function writeThreads(roots: ThreadNode[]): string {
  // Written with a stack of pieces still to write (last pushed, first written), not by
  // recursion: a thread may be a chain of thousands of replies.
  const out: string[] = [];
  const stack: Array<string | ThreadNode[]> = [];
  for (let i = roots.length - 1; i >= 0; i--) {
    const r = roots[i];
    if (!r.children.length) stack.push(`(${r.n})`);
    else stack.push(')', r.children, r.n === 0 ? '(' : `(${r.n} `);
  }
  while (stack.length) {
    const w = stack.pop()!;
    if (typeof w === 'string') {
      out.push(w);
      continue;
    }
    if (w.length === 1) {
      // An only child follows its parent directly: a chain.
      const k = w[0];
      if (k.children.length) stack.push(k.children, `${k.n} `);
      else stack.push(`${k.n}`);
      continue;
    }
    // Several children: each in its own parentheses.
    for (let i = w.length - 1; i >= 0; i--) {
      const k = w[i];
      if (k.children.length) stack.push(')', k.children, `(${k.n} `);
      else stack.push(`(${k.n})`);
    }
  }
  return out.join('');
}
