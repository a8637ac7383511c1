/**
 * Address books: ADDRESSBOOK, CREATE/DELETE/RENAMEADDRESSBOOK, FETCHADDRESS, SEARCHADDRESS,
 * STOREADDRESS, DELETEADDRESS (IMSP.md §4.9–§4.16, §6).
 */
import {
  AB_EXIST,
  AB_FAIL,
  AB_NOEXIST,
  AB_PERM,
  AB_PERM_LIST,
  AB_QUOTA,
  abookCanFetch,
  abookCreate,
  abookDelete,
  abookDeleteEntry,
  abookFetch,
  abookFind,
  abookRename,
  abookSearch,
  abookStore,
  type Criterion,
} from '../db/abook';
import type { ImspSession } from '../session';
import type { ImspCommandSpec, ImspContext } from '../types';
import { copyAstring, copyAtom, lcase, pretty, str, type Step } from '../wire';

const QUOTA = 'NO operation failed: IMSP user quota exceeded';

/** `<tag> NO User 'u' not permitted to <what> address book 'b'` */
export const notPermitted = (s: ImspSession, tag: string, what: string, book: string) =>
  s.send(`${tag} NO User '${pretty(s.user)}' not permitted to ${what} address book '${pretty(book)}'\r\n`);
const noBook = (s: ImspSession, tag: string, book: string) => s.send(`${tag} NO ADDRESSBOOK '${pretty(book)}' does not exist\r\n`);
const exists = (s: ImspSession, tag: string, book: string) => s.send(`${tag} NO address book '${pretty(book)}' already exists\r\n`);
const wrongArgs = (ctx: ImspContext, n: number) => ctx.session.reply(ctx.tag, `BAD command '${ctx.word}' requires ${n} properly formed argument(s)`);

/** show_address: `* FETCHADDRESS book entry field value …`; false if the entry does not exist. */
export function showAddress(s: ImspSession, book: string, entry: string): boolean {
  const fields = abookFetch(s.db, s.who, book, entry);
  if (!fields) return false;
  let line = `* FETCHADDRESS ${str(book)} ${str(entry)}`;
  for (const f of fields) line += ` ${f.field} ${str(f.data)}`;
  s.send(line + '\r\n');
  return true;
}

function* addressbook(ctx: ImspContext): Step {
  const { session, tag, word, args } = ctx;
  const pat = yield* copyAstring(args, session.parse, { wildcards: true });
  if (pat === null || !args.atEnd) return wrongArgs(ctx, 1);
  const books = abookFind(session.db, session.who, pat);
  if (!books) return session.reply(tag, 'NO Unable to search address book list');
  for (const b of books) session.send(`* ADDRESSBOOK () "." ${str(b)}\r\n`);
  session.completed(tag, word);
}

function* createaddressbook(ctx: ImspContext): Step {
  const { session, tag, word, args } = ctx;
  const raw = yield* copyAstring(args, session.parse);
  if (raw === null || !args.atEnd) return wrongArgs(ctx, 1);
  const name = lcase(raw);
  switch (abookCreate(session.db, session.who, name)) {
    case AB_EXIST:
      return exists(session, tag, name);
    case AB_PERM:
      return notPermitted(session, tag, 'create', name);
    case AB_FAIL:
      // cyrus-1.8 sends this one without "NO" and without CRLF (SEND_RESPONSE); the next
      // reply follows on the same line.
      if (session.dialect.quirks.createFailureUnterminated) return session.send(`${tag} Failed to create new address book`);
      return session.reply(tag, 'NO Failed to create new address book');
    default:
      return session.completed(tag, word);
  }
}

function* deleteaddressbook(ctx: ImspContext): Step {
  const { session, tag, word, args } = ctx;
  const raw = yield* copyAstring(args, session.parse);
  if (raw === null || !args.atEnd) return wrongArgs(ctx, 1);
  const name = lcase(raw);
  switch (abookDelete(session.db, session.who, name)) {
    case AB_NOEXIST:
      return noBook(session, tag, name);
    case AB_PERM:
      return notPermitted(session, tag, 'delete', name);
    case AB_FAIL:
      return session.reply(tag, 'NO Failed to delete address book');
    default:
      return session.completed(tag, word);
  }
}

function* renameaddressbook(ctx: ImspContext): Step {
  const { session, tag, word, args } = ctx;
  const a = yield* copyAstring(args, session.parse);
  const b = a === null ? null : yield* copyAstring(args, session.parse);
  if (a === null || b === null || !args.atEnd) return wrongArgs(ctx, 2);
  const name = lcase(a);
  const newname = lcase(b);
  switch (abookRename(session.db, session.who, name, newname)) {
    case AB_NOEXIST:
      return noBook(session, tag, name);
    case AB_EXIST:
      return exists(session, tag, newname);
    case AB_QUOTA:
      return session.reply(tag, QUOTA);
    case AB_PERM:
      return session.send(
        `${tag} NO User '${pretty(session.user)}' not permitted to rename address book '${pretty(name)}' to '${pretty(newname)}'\r\n`,
      );
    case AB_FAIL:
      return session.reply(tag, 'NO Failed to rename address book');
    default:
      return session.completed(tag, word);
  }
}

function* fetchaddress({ session, tag, word, args }: ImspContext): Step {
  const raw = yield* copyAstring(args, session.parse);
  let alias = raw === null ? null : yield* copyAstring(args, session.parse);
  if (raw === null || alias === null) return session.reply(tag, 'BAD fetchaddress requires properly formatted address book name and entry');
  // (The permission check sees the name as typed; lookups use it lower-cased.)
  if (!abookCanFetch(session.db, session.who, raw)) return notPermitted(session, tag, 'access', raw);
  const name = lcase(raw);
  let found = true;
  do {
    if (!showAddress(session, name, alias)) {
      found = false;
      break;
    }
    alias = yield* copyAstring(args, session.parse);
  } while (alias !== null);
  if (!found) return session.send(`${tag} NO entry '${pretty(alias!)}' not found\r\n`);
  if (!args.atEnd) return session.reply(tag, 'BAD address book entry names must be properly formed strings');
  session.completed(tag, word);
}

/** SEARCHADDRESS and STOREADDRESS share their parser (imsp_searchaddress). */
function* searchOrStore({ session, tag, word, args }: ImspContext): Step {
  const store = word === 'storeaddress';
  const raw = yield* copyAstring(args, session.parse);
  let alias: string | null = null;
  if (raw !== null && store) alias = yield* copyAstring(args, session.parse);
  if (raw === null || (store && (alias === null || args.atEnd))) {
    return session.reply(
      tag,
      store ? 'BAD storeaddress requires a properly formatted name, alias and field data' : 'BAD searchaddress requires a properly formatted name string',
    );
  }
  const name = lcase(raw);
  const flist: Criterion[] = [];
  while (!args.atEnd) {
    const field = copyAtom(args, session.parse);
    const data = field === null ? null : yield* copyAstring(args, session.parse);
    if (field === null || data === null) {
      return session.reply(tag, `BAD ${word} ${store ? 'field data' : 'lookup criteria'} must be valid atom/string pairs`);
    }
    flist.push({ field, data });
  }
  let result: number;
  if (store) {
    result = abookStore(session.db, session.who, name, alias!, flist);
    if (result === 0 && abookCanFetch(session.db, session.who, name)) showAddress(session, name, alias!);
  } else {
    const r = abookSearch(session.db, session.who, name, flist);
    if (typeof r === 'number') result = r;
    else {
      result = 0;
      for (const entry of r) session.send(`* SEARCHADDRESS ${str(entry)}\r\n`);
    }
  }
  switch (result) {
    case AB_NOEXIST:
      return noBook(session, tag, name);
    case AB_QUOTA:
      return session.reply(tag, QUOTA);
    case AB_PERM:
      return notPermitted(session, tag, store ? 'modify' : 'access', name);
    case AB_PERM_LIST:
      return notPermitted(session, tag, 'list all entries of', name);
    case AB_FAIL:
      return session.reply(tag, store ? 'NO Failed to modify address book' : 'NO Address book search failed');
    default:
      return session.completed(tag, word);
  }
}

function* deleteaddress(ctx: ImspContext): Step {
  const { session, tag, word, args } = ctx;
  const raw = yield* copyAstring(args, session.parse);
  const alias = raw === null ? null : yield* copyAstring(args, session.parse);
  if (raw === null || alias === null || !args.atEnd) return wrongArgs(ctx, 2);
  const name = lcase(raw);
  switch (abookDeleteEntry(session.db, session.who, name, alias)) {
    case AB_PERM:
      return notPermitted(session, tag, 'modify', name);
    case AB_FAIL:
      return session.reply(tag, 'NO Failed to modify address book');
    case AB_NOEXIST:
      return session.send(`${tag} NO entry '${pretty(alias)}' not found\r\n`);
    default:
      return session.completed(tag, word);
  }
}

export const addressBookCommands: ImspCommandSpec[] = [
  { name: 'addressbook', syntax: 'ADDRESSBOOK pattern', ref: 'IMSP.md §4.9', run: addressbook },
  { name: 'createaddressbook', syntax: 'CREATEADDRESSBOOK name', ref: 'IMSP.md §4.10', run: createaddressbook },
  { name: 'deleteaddressbook', syntax: 'DELETEADDRESSBOOK name', ref: 'IMSP.md §4.11', run: deleteaddressbook },
  { name: 'renameaddressbook', syntax: 'RENAMEADDRESSBOOK old new', ref: 'IMSP.md §4.12', run: renameaddressbook },
  { name: 'searchaddress', syntax: 'SEARCHADDRESS book [field pattern]...', ref: 'IMSP.md §4.13', run: searchOrStore },
  { name: 'fetchaddress', syntax: 'FETCHADDRESS book entry [entry]...', ref: 'IMSP.md §4.14', run: fetchaddress },
  { name: 'storeaddress', syntax: 'STOREADDRESS book entry field value [field value]...', ref: 'IMSP.md §4.15', run: searchOrStore },
  { name: 'deleteaddress', syntax: 'DELETEADDRESS book entry', ref: 'IMSP.md §4.16', run: deleteaddress },
];
