import { CONDSTORE_WORDS, FETCH_ITEMS, SEARCH_KEYS, STATUS_ITEMS, STORE_ITEMS, SYSTEM_FLAGS } from '../imap/keywords';

/**
 * Tab completion for a command line: the command name (after an optional tag), then
 * arguments by command — fetch items, search keys, mailbox names, flags.
 */

export interface CompletionContext {
  commands: string[];
  uidCommands: string[];
  mailboxes: string[];
  /** The dialect's FETCH items when they are not rev1's (IMAP2, IMAP4…). */
  fetchItems?: string[];
  /** FETCH items the dialect removed (rev2: RFC822…). */
  fetchRemoved?: string[];
  /** false: the dialect has no \Recent (rev2: no RECENT, NEW, OLD). */
  recent?: boolean;
  /** The dialect has CONDSTORE and QRESYNC (RFC 7162): MODSEQ, CHANGEDSINCE, UNCHANGEDSINCE, … */
  condstore?: boolean;
  /** IMSP hosts: what the arguments can name. */
  imsp?: ImspCompletion;
  /** POP3 hosts: arguments are message numbers; only AUTH's mechanism is a word to complete. */
  pop3?: boolean;
}

export interface ImspCompletion {
  options: string[];
  books: Array<{ name: string; entries: string[] }>;
  /** The IMAP hosts of the network (CREATE's server argument, draft-1995). */
  imapHosts: string[];
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

/** Whether FETCH's items are complete: a single word, or a list whose parentheses balance. */
function itemsDone(words: string[]): boolean {
  if (!words[0].startsWith('(')) return true;
  let depth = 0;
  for (const ch of words.join(' ')) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return true;
  }
  return false;
}

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
  if (ctx.imsp) return completeImsp(name, args, word, start, ctx, pick);
  if (ctx.pop3) return name === 'AUTH' && args.length === 0 ? { start, candidates: pick(['PLAIN', 'LOGIN']) } : null;
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
  const noRecent = (list: readonly string[]) => (ctx.recent === false ? list.filter((k) => !['RECENT', 'NEW', 'OLD'].includes(k)) : list);
  // RFC 7162's words, only where the dialect has CONDSTORE.
  const cs = <T extends keyof typeof CONDSTORE_WORDS>(k: T): readonly string[] => (ctx.condstore ? CONDSTORE_WORDS[k] : []);
  switch (name) {
    case 'FETCH': {
      const items = [...(ctx.fetchItems ?? FETCH_ITEMS), ...cs('fetchItems')].filter((i) => !ctx.fetchRemoved?.includes(i));
      // After the items (one word, or a list once its parentheses balance), the modifiers:
      // `(CHANGEDSINCE m [VANISHED])`.
      if (ctx.condstore && argIndex >= 2 && itemsDone(args.slice(1))) return { start, candidates: pick(cs('fetchModifiers')) };
      return argIndex >= 1 ? { start, candidates: pick(items) } : null;
    }
    case 'SEARCH':
      return { start, candidates: pick([...noRecent(SEARCH_KEYS), ...cs('searchKeys')]) };
    case 'STORE':
      if (argIndex === 1) return { start, candidates: pick([...STORE_ITEMS, ...cs('storeModifiers')]) };
      if (argIndex === 2 && args[1] === '(') return { start, candidates: pick(cs('storeModifiers')) };
      // STORE n (UNCHANGEDSINCE m) +FLAGS …: the item comes after the modifier.
      if (argIndex === 3 && /^\(UNCHANGEDSINCE$/i.test(args[1])) return { start, candidates: pick(STORE_ITEMS) };
      return argIndex >= 2 ? { start, candidates: pick(SYSTEM_FLAGS) } : null;
    case 'STATUS':
      return argIndex >= 1 ? { start, candidates: pick([...noRecent(STATUS_ITEMS), ...cs('statusItems')]) } : null;
    case 'SELECT':
    case 'EXAMINE':
      return argIndex === 1 || (argIndex === 2 && args[1] === '(') ? { start, candidates: pick(cs('selectParams')) } : null;
    case 'ENABLE':
      return { start, candidates: pick(cs('enable')) };
    case 'APPEND':
      return argIndex === 1 ? { start, candidates: pick(SYSTEM_FLAGS) } : null;
  }
  return null;
}

const IMSP_FIELDS = ['name', 'email', 'alias', 'phone', 'phone-work', 'phone-home', 'company', 'address', 'fax', 'urls', 'notes', 'group'];
const unquote = (w: string) => w.replace(/^"|"$/g, '');

/** IMSP arguments: option names, address books and their entries, kinds, mailboxes and hosts. */
function completeImsp(
  name: string,
  args: string[],
  word: string,
  start: number,
  ctx: CompletionContext,
  pick: (list: readonly string[]) => string[],
): { start: number; candidates: string[] } | null {
  const imsp = ctx.imsp!;
  const i = args.length;
  const books = imsp.books.map((b) => b.name);
  const entriesOf = (book: string) => imsp.books.find((b) => b.name === unquote(book).toLowerCase())?.entries ?? [];
  const names = (list: string[]) => {
    const raw = word.replace(/^"/, '').toLowerCase();
    return { start, candidates: list.filter((n) => n.toLowerCase().startsWith(raw)).map(quoteIfNeeded) };
  };
  switch (name) {
    case 'GET':
    case 'SET':
    case 'UNSET':
      return i === 0 ? names(imsp.options) : null;
    case 'ADDRESSBOOK':
    case 'CREATEADDRESSBOOK':
    case 'DELETEADDRESSBOOK':
      return i === 0 ? names(books) : null;
    case 'RENAMEADDRESSBOOK':
      return i === 0 ? names(books) : null;
    case 'SEARCHADDRESS':
      if (i === 0) return names(books);
      return i % 2 === 1 ? { start, candidates: pick(IMSP_FIELDS) } : null;
    case 'FETCHADDRESS':
      return i === 0 ? names(books) : names(entriesOf(args[0]));
    case 'STOREADDRESS':
      if (i === 0) return names(books);
      if (i === 1) return names(entriesOf(args[0]));
      return i % 2 === 0 ? { start, candidates: pick(IMSP_FIELDS) } : null;
    case 'DELETEADDRESS':
      return i === 0 ? names(books) : i === 1 ? names(entriesOf(args[0])) : null;
    case 'SETACL':
    case 'DELETEACL':
    case 'GETACL':
    case 'MYRIGHTS':
      if (i === 0) return { start, candidates: pick(['ADDRESSBOOK', 'MAILBOX']) };
      if (i === 1) return args[0].toUpperCase() === 'MAILBOX' ? names(ctx.mailboxes) : names(books);
      if (i === 2 && name !== 'GETACL' && name !== 'MYRIGHTS') return { start, candidates: pick(['anyone']) };
      return null;
    case 'LOCK':
    case 'UNLOCK':
      if (i === 0) return { start, candidates: pick(['OPTION', 'ADDRESSBOOK']) };
      if (args[0].toUpperCase() === 'OPTION') return i === 1 ? names(imsp.options) : null;
      return i === 1 ? names(books) : i === 2 ? names(entriesOf(args[1])) : null;
    case 'SUBSCRIBE':
    case 'UNSUBSCRIBE':
    case 'DELETE':
    case 'LAST':
    case 'SEEN':
      return i === 0 ? names(ctx.mailboxes) : name === 'DELETE' && i === 1 ? names(imsp.imapHosts) : null;
    case 'RENAME':
    case 'REPLACE':
      return i <= 1 ? names(ctx.mailboxes) : null;
    case 'CREATE':
      return i === 1 ? names(imsp.imapHosts) : null;
    case 'MOVE':
      return i === 0 ? names(ctx.mailboxes) : i === 1 ? names(imsp.imapHosts) : null;
    case 'LIST':
    case 'LSUB':
    case 'LMARKED':
      return i === 1 ? names(ctx.mailboxes) : null;
  }
  return null;
}
