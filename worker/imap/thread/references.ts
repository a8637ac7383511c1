/**
 * THREAD=REFERENCES (RFC 5256 §4) and Dovecot's THREAD=REFS, over the messages a search found.
 *
 * The steps and their names are the RFC's: (1) link messages to their parents through the
 * Message-IDs in References: (or In-Reply-To:), (2) gather the roots, (3) drop dummies that
 * hold nothing, (4) sort siblings by sent date, (5) merge roots with the same base subject,
 * (6) sort once more. Where the RFC leaves a choice, the choice is Dovecot 2.3's (its
 * recordings are the golden files): a tie in date goes to the lower UID; a dummy in the middle
 * of a thread is dropped and its children go to its nearest real ancestor; a dummy root with
 * one child gives way to that child.
 */
import type { Message } from '../../store/model';
import { subjectOf, sentOf } from '../sort/keys';
import { linksOf } from './headers';

/** A message or a dummy (a Message-ID that is referred to but not among the messages). */
interface Container {
  /** Index into the found messages, or -1 for a dummy. */
  msg: number;
  parent: Container | null;
  /** After step 2: the children in the thread as shown (dummies in between skipped). */
  kids: Container[];
  /** Whether anything was ever linked under it: without that it cannot close a loop. */
  parentOf?: boolean;
}

/** A thread tree as THREAD answers it: `n` is a sequence number or UID, 0 for a dummy. */
export interface ThreadNode {
  n: number;
  children: ThreadNode[];
}

export interface Found {
  m: Message;
  /** What the answer names the message by: its sequence number, or its UID for UID THREAD. */
  n: number;
}

const isAncestor = (a: Container, of: Container): boolean => {
  for (let c: Container | null = of; c; c = c.parent) if (c === a) return true;
  return false;
};

/** RFC 5256 step 1.A: make `child` a child of `parent`, unless it has a parent or a loop would form. */
function link(parent: Container, child: Container): void {
  // A loop (or a message that refers to itself). Only a container something hangs from can be
  // an ancestor, so most links skip the walk up the tree.
  if (parent === child || (child.parentOf && isAncestor(child, parent))) return;
  if (child.parent === null) {
    child.parent = parent;
    parent.parentOf = true;
  }
  // Otherwise keep the existing link: the References: that made it may have been truncated.
}

/** Step 1: one container per Message-ID, linked as the References: say. */
function buildContainers(found: Found[], budget?: () => void): Container[] {
  const byId = new Map<string, Container>();
  const all: Container[] = [];
  const node = (id: string): Container => {
    let c = byId.get(id);
    if (!c) {
      c = { msg: -1, parent: null, kids: [] };
      byId.set(id, c);
      all.push(c);
    }
    return c;
  };
  found.forEach((f, i) => {
    budget?.();
    const { messageId, references } = linksOf(f.m);
    // A message without a Message-ID, or whose id an earlier message has, stands alone by id.
    let self = messageId === null ? undefined : node(messageId);
    if (!self || self.msg !== -1) {
      self = { msg: i, parent: null, kids: [] };
      all.push(self);
    } else self.msg = i;
    // (1.A) each reference is the parent of the next one.
    for (let r = 0; r + 1 < references.length; r++) link(node(references[r]), node(references[r + 1]));
    // (1.B) the last reference is this message's parent, replacing a parent guessed before.
    const parent = references.length ? node(references[references.length - 1]) : null;
    if (self.parent !== parent) self.parent = null;
    if (parent) link(parent, self);
  });
  return all;
}

interface Root {
  c: Container;
  dummy: boolean;
  /** Sort date and message (number) of the root, or of a dummy root's first child. */
  date: number;
  uid: number;
  /** Step 5 bookkeeping. */
  ignore: boolean;
  replyOrForward: boolean;
  /** The root this one merges into (index in roots), or -1. */
  mergeInto: number;
}

/** `budget` is called once per message read (the session's work budget). */
export function threadReferences(found: Found[], algorithm: 'REFERENCES' | 'REFS' = 'REFERENCES', budget?: () => void): ThreadNode[] {
  const all = buildContainers(found, budget);
  // Sent dates and UIDs read once: the sorts below compare them many times.
  const dates = new Float64Array(found.length);
  const uids = new Float64Array(found.length);
  found.forEach((f, i) => {
    dates[i] = sentOf(f.m);
    uids[i] = f.m.uid;
  });
  const date = (c: Container) => dates[c.msg];
  const uid = (c: Container) => uids[c.msg];
  const byDate = (a: Container, b: Container) => dates[a.msg] - dates[b.msg] || uids[a.msg] - uids[b.msg];

  // (2) The roots: containers without a parent. (3) A message below a dummy hangs from its
  // nearest real ancestor instead (or from the topmost dummy, when all above it are dummies).
  const roots: Root[] = [];
  for (const c of all) {
    if (c.parent === null) {
      roots.push({ c, dummy: c.msg < 0, date: 0, uid: 0, ignore: false, replyOrForward: false, mergeInto: -1 });
      continue;
    }
    if (c.msg < 0) continue;
    let p = c.parent;
    while (p.msg < 0 && p.parent !== null) p = p.parent;
    p.kids.push(c);
  }
  const sortedKids = (c: Container) => (c.kids.length > 1 ? c.kids.slice().sort(byDate) : c.kids);

  if (algorithm === 'REFS') {
    // Dovecot's REFS: no subject merging; threads ordered by their newest message.
    const newest = (root: Container): number => {
      let d = 0;
      for (const stack = [root]; stack.length; ) {
        const c = stack.pop()!;
        if (c.msg >= 0) d = Math.max(d, date(c));
        stack.push(...c.kids);
      }
      return d;
    };
    for (const r of roots) {
      if (r.dummy && !r.c.kids.length) r.ignore = true;
      else {
        r.date = newest(r.c);
        r.uid = r.dummy ? uid(sortedKids(r.c)[0]) : uid(r.c);
      }
    }
    roots.sort((a, b) => a.date - b.date || a.uid - b.uid);
    return finish(roots, sortedKids, found);
  }

  // (4) Sort the roots by date; a dummy root stands at its first child's date, or gives way
  // to its only child.
  const sortRoots = () => {
    for (const r of roots) {
      if (r.ignore) continue;
      if (r.dummy) {
        if (!r.c.kids.length) {
          r.ignore = true;
          continue;
        }
        const kids = sortedKids(r.c);
        if (kids.length === 1) {
          r.c = kids[0];
          r.dummy = false;
        } else {
          r.date = date(kids[0]);
          r.uid = uid(kids[0]);
          continue;
        }
      }
      r.date = date(r.c);
      r.uid = uid(r.c);
    }
    roots.sort((a, b) => a.date - b.date || a.uid - b.uid);
  };
  sortRoots();

  // (5.A, 5.B) The subject table: per base subject, the root that best stands for it.
  const table = new Map<string, number>();
  roots.forEach((r, i) => {
    if (r.ignore) return;
    const subject = subjectOf(found[(r.dummy ? sortedKids(r.c)[0] : r.c).msg].m);
    // (ii) A message whose thread subject is empty is not grouped by subject.
    if (subject.base === '') return;
    const held = table.get(subject.base);
    if (held === undefined) table.set(subject.base, i);
    else {
      const h = roots[held];
      // (iv) A dummy, or a message that is not a reply where the table holds a reply, takes
      // the table's place.
      if (!h.dummy && (r.dummy || (h.replyOrForward && !subject.replyOrForward))) {
        h.mergeInto = i;
        table.set(subject.base, i);
      } else r.mergeInto = held;
    }
    r.replyOrForward = subject.replyOrForward;
  });

  // (5.C) Merge each root into the root of its subject.
  let changed = false;
  const count = roots.length;
  for (let i = 0; i < count; i++) {
    const cur = roots[i];
    if (cur.mergeInto < 0 || cur.ignore) continue;
    changed = true;
    let top = roots[cur.mergeInto];
    while (top.mergeInto >= 0) top = roots[top.mergeInto];
    if (cur.dummy) {
      // Both dummies: the children of both become siblings.
      top.c.kids.push(...cur.c.kids);
      cur.c.kids = [];
      cur.ignore = true;
    } else if (top.dummy || (cur.replyOrForward && !top.replyOrForward)) {
      // A message under a dummy, or a reply under the message it replies to.
      top.c.kids.push(cur.c);
      cur.ignore = true;
    } else {
      // Two messages with one subject, neither a reply to the other: siblings under a new dummy.
      const dummy: Root = { c: { msg: -1, parent: null, kids: [top.c, cur.c] }, dummy: true, date: 0, uid: 0, ignore: false, replyOrForward: false, mergeInto: -1 };
      roots.push(dummy);
      top.mergeInto = roots.length - 1;
      top.ignore = true;
      cur.ignore = true;
    }
  }
  // (6) The merges may have changed which root comes first.
  if (changed) sortRoots();
  return finish(roots, sortedKids, found);
}

/** The tree as THREAD writes it, in message numbers; `roots` are in their final order. */
function finish(roots: Root[], sortedKids: (c: Container) => Container[], found: Found[]): ThreadNode[] {
  const num = (c: Container) => (c.msg < 0 ? 0 : found[c.msg].n);
  // Built with a stack, not by recursion: a thread may be a chain of thousands of replies.
  const tree = (root: Container): ThreadNode => {
    const top: ThreadNode = { n: num(root), children: [] };
    for (const stack: Array<[Container, ThreadNode]> = [[root, top]]; stack.length; ) {
      const [c, node] = stack.pop()!;
      for (const k of sortedKids(c)) {
        const child: ThreadNode = { n: num(k), children: [] };
        node.children.push(child);
        stack.push([k, child]);
      }
    }
    return top;
  };
  return roots.filter((r) => !r.ignore && !(r.dummy && !r.c.kids.length)).map((r) => tree(r.c));
}
