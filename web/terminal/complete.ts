import { FETCH_ITEMS, SEARCH_KEYS, STATUS_ITEMS, STORE_ITEMS, SYSTEM_FLAGS } from '../imap/keywords';

/**
 * Tab completion for a command line: the command name (after an optional tag), then
 * arguments by command — fetch items, search keys, mailbox names, flags.
 */

export interface CompletionContext {
  commands: string[];
  uidCommands: string[];
  mailboxes: string[];
}

const MAILBOX_ARG: Record<string, number[]> = {
  SELECT: [0],
  EXAMINE: [0],
  CREATE: [0],
  DELETE: [0],
  RENAME: [0, 1],
  SUBSCRIBE: [0],
  UNSUBSCRIBE: [0],
  STATUS: [0],
  APPEND: [0],
  COPY: [1],
  MOVE: [1],
  LIST: [1],
  LSUB: [1],
};

const quoteIfNeeded = (name: string) => (/^[A-Za-z0-9_./&+-]+$/.test(name) ? name : `"${name.replace(/["\\]/g, '\\$&')}"`);

export function complete(before: string, ctx: CompletionContext): { start: number; candidates: string[] } | null {
  // The word being completed starts after the last space or opening parenthesis.
  const m = /[^\s(]*$/.exec(before)!;
  const start = m.index;
  const word = m[0];
  const words = before.slice(0, start).trim().split(/\s+/).filter(Boolean);
  const cmdSet = new Set(ctx.commands);
  // Find the command: the first or second word (after a tag).
  let ci = -1;
  if (words.length >= 1 && cmdSet.has(words[0].replace(/^\(/, '').toUpperCase()) && !(words[1] && cmdSet.has(words[1].toUpperCase()))) ci = 0;
  else if (words.length >= 2 && cmdSet.has(words[1].toUpperCase())) ci = 1;
  const pick = (list: readonly string[]) => {
    const up = word.toUpperCase();
    const hits = list.filter((c) => c.toUpperCase().startsWith(up));
    // Keep the user's case style for keywords typed in lower case.
    return hits.map((h) => (word && word === word.toLowerCase() && /^[A-Z]/.test(h) ? h.toLowerCase() : h));
  };
  if (ci < 0) {
    if (words.length > 1) return null;
    return { start, candidates: pick(ctx.commands) };
  }
  let name = words[ci].toUpperCase();
  let args = words.slice(ci + 1);
  if (name === 'UID') {
    if (args.length === 0) return { start, candidates: pick(ctx.uidCommands) };
    name = args[0].toUpperCase();
    args = args.slice(1);
  }
  const argIndex = args.length;
  const mbArgs = MAILBOX_ARG[name];
  if (mbArgs?.includes(argIndex) && !word.startsWith('(')) {
    const raw = word.replace(/^"/, '');
    const names = ctx.mailboxes.filter((n) => n.toLowerCase().startsWith(raw.toLowerCase()));
    return { start, candidates: names.map(quoteIfNeeded) };
  }
  switch (name) {
    case 'FETCH':
      return argIndex >= 1 ? { start, candidates: pick(FETCH_ITEMS) } : null;
    case 'SEARCH':
      return { start, candidates: pick(SEARCH_KEYS) };
    case 'STORE':
      if (argIndex === 1) return { start, candidates: pick(STORE_ITEMS) };
      return argIndex >= 2 ? { start, candidates: pick(SYSTEM_FLAGS) } : null;
    case 'STATUS':
      return argIndex >= 1 ? { start, candidates: pick(STATUS_ITEMS) } : null;
    case 'APPEND':
      return argIndex === 1 ? { start, candidates: pick(SYSTEM_FLAGS) } : null;
  }
  return null;
}
