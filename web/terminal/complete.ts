import { CATENATE_PARTS, CATENATE_URLS, CONDSTORE_WORDS, FETCH_ITEMS, LIST_RETURN_OPTIONS, SEARCH_CHARSETS, SEARCH_KEYS, SORT_KEYS, SORT_RETURN_OPTIONS, STATUS_ITEMS, STORE_ITEMS, SYSTEM_FLAGS, THREAD_ALGORITHMS } from '../imap/keywords';

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
  /** Words a command's arguments may use beyond the base tables (the dialect's extensions), by command. */
  commandWords?: Record<string, readonly string[]>;
  /** false: the dialect has no \Recent (rev2: no RECENT, NEW, OLD). */
  recent?: boolean;
  /** APPEND takes CATENATE (TEXT / URL parts, RFC 4469). */
  catenate?: boolean;
  /** LIST takes RETURN (…), STATUS (…) among the options (RFC 5258, RFC 5819). */
  listReturn?: boolean;
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
  SETMETADATA: [0],
};

/** RFC 5464 entry names a student is likely to want (§3.2.1, §3.2.2) and GETMETADATA's options (§4.2). */
const METADATA_ENTRIES = ['/private/comment', '/shared/comment', '/private/vendor/', '/shared/vendor/', '/shared/admin', '/private/specialuse'];
const METADATA_OPTIONS = ['(MAXSIZE', '(DEPTH', 'MAXSIZE', 'DEPTH', 'infinity'];
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
  if (name === 'GETMETADATA') return completeGetMetadata(args, word, start, ctx, pick);
  if (name === 'SETMETADATA' && argIndex >= 1) {
    // After the mailbox: entry names at even places of the list (each is followed by its value).
    const inList = args.slice(1).join(' ').replace(/^\(/, '').trim().split(/\s+/).filter(Boolean);
    if (inList.length % 2 === 1) return null;
    return { start, candidates: pick(METADATA_ENTRIES).map((e) => (argIndex === 1 ? `(${e}` : e)) };
  }
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
      return { start, candidates: pick([...noRecent(SEARCH_KEYS), ...(ctx.commandWords?.SEARCH ?? []), ...cs('searchKeys')]) };
    case 'STORE':
      if (argIndex === 1) return { start, candidates: pick([...STORE_ITEMS, ...cs('storeModifiers')]) };
      if (argIndex === 2 && args[1] === '(') return { start, candidates: pick(cs('storeModifiers')) };
      // STORE n (UNCHANGEDSINCE m) +FLAGS …: the item comes after the modifier.
      if (argIndex === 3 && /^\(UNCHANGEDSINCE$/i.test(args[1])) return { start, candidates: pick(STORE_ITEMS) };
      return argIndex >= 2 ? { start, candidates: pick(SYSTEM_FLAGS) } : null;
    case 'STATUS':
      return argIndex >= 1 ? { start, candidates: pick([...noRecent(STATUS_ITEMS), ...cs('statusItems')]) } : null;
    case 'APPEND': {
      const tail = before.slice(0, start);
      const cat = ctx.catenate ? tail.toUpperCase().lastIndexOf('CATENATE') : -1;
      if (cat >= 0) {
        // Inside CATENATE ( … ) (RFC 4469 §5): a part's kind, then for URL an IMAP URL here.
        let depth = 0;
        for (const ch of tail.slice(cat)) depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
        if (depth > 0) {
          const prev = (args[args.length - 1] ?? '').replace(/^\(/, '').toUpperCase();
          if (prev === 'URL') return { start, candidates: pick(CATENATE_URLS) };
          return prev === 'TEXT' ? null : { start, candidates: pick(CATENATE_PARTS) };
        }
      }
      // After the mailbox: flags for the (next) message, or CATENATE instead of a literal.
      const flags = argIndex === 1 || word.startsWith('(') || word.startsWith('\\') ? pick(SYSTEM_FLAGS) : [];
      const more = ctx.catenate && argIndex >= 1 && !word.startsWith('(') && !word.startsWith('\\') ? pick(['CATENATE']) : [];
      return flags.length || more.length ? { start, candidates: [...flags, ...more] } : null;
    }
    case 'LIST': {
      // LIST ref pattern RETURN (options) (RFC 5258), STATUS (items) among them (RFC 5819).
      if (!ctx.listReturn || argIndex < 2) return null;
      const upArgs = args.map((a) => a.toUpperCase().replace(/^\(+/, ''));
      const r = upArgs.indexOf('RETURN');
      if (r < 0) return argIndex >= 2 ? { start, candidates: pick(['RETURN']) } : null;
      if (upArgs.slice(r).includes('STATUS')) return { start, candidates: pick(noRecent(STATUS_ITEMS)) };
      return { start, candidates: pick(LIST_RETURN_OPTIONS) };
    }
    case 'SORT':
      return { start, candidates: pick(sortCandidates(args.join(' '), noRecent)) };
    case 'THREAD':
      if (argIndex === 0) return { start, candidates: pick(THREAD_ALGORITHMS) };
      if (argIndex === 1) return { start, candidates: pick(SEARCH_CHARSETS) };
      return { start, candidates: pick(noRecent(SEARCH_KEYS).filter((k) => k !== 'CHARSET')) };
    case 'SELECT':
    case 'EXAMINE':
      return argIndex === 1 || (argIndex === 2 && args[1] === '(') ? { start, candidates: pick(cs('selectParams')) } : null;
    case 'ENABLE':
      return { start, candidates: pick(cs('enable')) };
  }
  // An extension's command (NOTIFY …): the words its spec names.
  const extra = ctx.commandWords?.[name];
  return extra ? { start, candidates: pick(extra) } : null;
}

/**
 * SORT's arguments in order (RFC 5256 §3, RFC 5267 §3.2): [RETURN (options)] (criteria)
 * charset search-keys; `typed` is what comes before the word being completed.
 */
function sortCandidates(typed: string, noRecent: (list: readonly string[]) => readonly string[]): readonly string[] {
  const t = typed.trim();
  const hasReturn = /^RETURN\b/i.test(t);
  const opens = (t.match(/\(/g) ?? []).length;
  const closes = (t.match(/\)/g) ?? []).length;
  // Inside a list: RETURN's options, or the sort keys.
  if (opens > closes) return hasReturn && closes === 0 ? SORT_RETURN_OPTIONS : SORT_KEYS;
  if (t === '') return ['RETURN', ...SORT_KEYS.map((k) => `(${k}`)];
  if (hasReturn && closes === 0) return SORT_RETURN_OPTIONS.map((o) => `(${o}`);
  if (closes < (hasReturn ? 2 : 1)) return SORT_KEYS.map((k) => `(${k}`);
  const after = t.slice(t.lastIndexOf(')') + 1).trim();
  return after === '' ? SEARCH_CHARSETS : noRecent(SEARCH_KEYS).filter((k) => k !== 'CHARSET');
}

/** GETMETADATA [(options)] mailbox entries: options inside the first parentheses, then a mailbox, then entry names. */
function completeGetMetadata(args: string[], word: string, start: number, ctx: CompletionContext, pick: (list: readonly string[]) => string[]): { start: number; candidates: string[] } {
  let i = 0;
  if (args[0]?.startsWith('(')) {
    while (i < args.length && !args[i].endsWith(')')) i++;
    if (i >= args.length) return { start, candidates: pick(METADATA_OPTIONS) };
    i++;
  } else if (args.length === 0 && word.startsWith('(')) return { start, candidates: pick(METADATA_OPTIONS) };
  if (args.length === i) {
    const raw = word.replace(/^"/, '');
    return { start, candidates: [...(raw === '' ? ['""'] : []), ...ctx.mailboxes.filter((n) => n.toLowerCase().startsWith(raw.toLowerCase())).map(quoteIfNeeded)] };
  }
  return { start, candidates: pick(METADATA_ENTRIES) };
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
