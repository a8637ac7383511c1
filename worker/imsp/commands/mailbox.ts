/**
 * The mailbox layer (IMSP.md §10–§11).
 *
 * cyrus-1.8 (since 1.6a1, 2000) no longer manages mailboxes: every one of these commands, with
 * any arguments, answers `NO IMSP bboard commands not suppported at this site` (sic).
 *
 * draft-1995 mode RECONSTRUCTS the 1994–95 layer from the server's design notes and the
 * strings left in its source (the drafts survive, but only their opening pages were read): LIST/LSUB/LMARKED with a fifth field
 * naming the IMAP servers that hold the mailbox (the mailbox location table), SUBSCRIBE,
 * CREATE with a server list, DELETE, RENAME, REPLACE, MOVE (never implemented, as then),
 * LAST/SEEN (what makes a mailbox \Marked). It works on the logged-in user's mailboxes in the
 * shared store, with the names and `/` delimiter the IMAP hosts use, so what IMSP lists agrees
 * with what both IMAP hosts show. Reply texts come from the C source wherever one survived.
 */
import { locationKey } from '../../store/locations';
import type { Account, Mailbox } from '../../store/model';
import { StoreError } from '../../store/store';
import { isInbox } from '../../wire/parser';
import { AUTH_ADMIN, AUTH_USER } from '../db/abook';
import { optionLookup } from '../db/options';
import type { ImspSession } from '../session';
import type { ImspCommandSpec, ImspContext } from '../types';
import { copyAstring, copyAtom, pretty, str, type Step } from '../wire';

export const NOT_SUPPORTED = 'NO IMSP bboard commands not suppported at this site';
const DELIM = '/';

/** cyrus-1.8: the refusal, without looking at the arguments. */
function* refuse({ session, tag }: ImspContext): Step {
  session.reply(tag, NOT_SUPPORTED);
}

// --- helpers ---------------------------------------------------------------------------------

const key = locationKey;

function account(s: ImspSession): Account | null {
  const acc = s.store.accounts.get(s.user);
  return acc && acc.user === s.user ? acc : null;
}

/** The IMAP hosts holding a mailbox: its row in the location table, else every IMAP host. */
export function locationOf(s: ImspSession, user: string, mailbox: string): string[] {
  return s.store.imsp.mailboxes.locations.get(key(user, mailbox)) ?? s.imapHosts();
}

/** IMAP LIST matching: `*` any run, `%` any run without the delimiter; INBOX in any case. */
function listMatch(rawPattern: string, name: string): boolean {
  const pattern = /^inbox(\/|$)/i.test(rawPattern) ? 'INBOX' + rawPattern.slice(5) : rawPattern;
  const memo = new Map<number, boolean>();
  const go = (p: number, n: number): boolean => {
    const k = p * (name.length + 1) + n;
    const hit = memo.get(k);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (p === pattern.length) r = n === name.length;
    else if (pattern[p] === '*') r = go(p + 1, n) || (n < name.length && go(p, n + 1));
    else if (pattern[p] === '%') r = go(p + 1, n) || (n < name.length && name[n] !== DELIM && go(p, n + 1));
    else r = n < name.length && pattern[p] === name[n] && go(p + 1, n + 1);
    memo.set(k, r);
    return r;
  };
  return go(0, 0);
}

const sortMailboxes = (names: string[]) => names.sort((a, b) => (a === 'INBOX' ? -1 : b === 'INBOX' ? 1 : a < b ? -1 : a > b ? 1 : 0));

/** \Marked: messages newer than the user's SEEN mark (else \Unmarked); \Noselect placeholders. */
function attributes(s: ImspSession, user: string, mb: Mailbox): string {
  if (mb.noselect) return '\\Noselect';
  const m = s.store.imsp.mailboxes;
  const last = m.last.get(key(user, mb.name)) ?? (mb.messages.length ? mb.messages[mb.messages.length - 1].uid : 0);
  let seen = m.seen.get(key(user, mb.name));
  if (seen === undefined) {
    const firstUnseen = mb.messages.find((x) => !x.flags.has('\\Seen'));
    seen = firstUnseen ? firstUnseen.uid - 1 : last;
  }
  return last > seen ? '\\Marked' : '\\Unmarked';
}

function listLine(s: ImspSession, kind: string, user: string, mb: Mailbox): string {
  return `* ${kind} (${attributes(s, user, mb)}) "${DELIM}" ${str(mb.name)} (${locationOf(s, user, mb.name).join(' ')})\r\n`;
}

function mustLogin(ctx: ImspContext): boolean {
  if (ctx.session.level >= AUTH_USER) return false;
  ctx.session.reply(ctx.tag, `NO User must LOGIN to execute command '${ctx.word}'`);
  return true;
}

const quoteName = (n: string) => `\`${pretty(n)}'`;

function storeFailure(s: ImspSession, tag: string, e: unknown): void {
  if (!(e instanceof StoreError)) throw e;
  s.reply(tag, e.code === 'CANNOT' ? 'NO invalid mailbox name' : 'NO failed to modify mailbox list');
}

// --- LIST / LSUB / LMARKED -------------------------------------------------------------------

function* list(ctx: ImspContext): Step {
  const { session, tag, word, args } = ctx;
  const ref = yield* copyAstring(args, session.parse);
  const pat = ref === null ? null : yield* copyAstring(args, session.parse, { wildcards: true });
  if (ref === null || pat === null || !args.atEnd) return session.reply(tag, `BAD command '${word}' requires 2 properly formed argument(s)`);
  if (mustLogin(ctx)) return;
  const acc = account(session);
  const pattern = ref + pat;
  const user = session.user;
  if (word === 'list') {
    if (acc) {
      for (const name of sortMailboxes([...acc.mailboxes.keys()])) {
        if (listMatch(pattern, name)) session.send(listLine(session, 'LIST', user, acc.mailboxes.get(name)!));
      }
    }
    return session.completed(tag, word);
  }
  // LSUB and LMARKED: the subscription list, fixed up lazily after DELETE and REPLACE.
  if (!acc || acc.subscriptions.size === 0) return session.send(`${tag} NO user '${pretty(user)}' is not subscribed to any bboards\r\n`);
  const changed = session.store.imsp.mailboxes.changed;
  for (const name of [...acc.subscriptions]) {
    const c = changed.get(key(user, name));
    if (acc.mailboxes.has(name) || !c) continue;
    session.store.unsubscribe(acc, name);
    if (c.kind === 'deleted') session.send(`* NO The bboard '${pretty(name)}' has been deleted.\r\n`);
    else {
      session.send(`* NO The bboard '${pretty(name)}' has been ${c.kind === 'merged' ? 'merged into' : 'renamed to'} '${pretty(c.to ?? '')}'.\r\n`);
      if (c.to && acc.mailboxes.has(c.to)) session.store.subscribe(acc, c.to);
    }
    changed.delete(key(user, name));
    session.store.version++;
  }
  for (const name of sortMailboxes([...acc.subscriptions])) {
    const mb = acc.mailboxes.get(name);
    if (!mb || !listMatch(pattern, name)) continue;
    if (word === 'lmarked' && attributes(session, user, mb) !== '\\Marked') continue;
    session.send(listLine(session, 'LSUB', user, mb));
  }
  session.completed(tag, word);
}

// --- SUBSCRIBE / UNSUBSCRIBE -----------------------------------------------------------------

function* subscribe(ctx: ImspContext): Step {
  const { session, tag, word, args } = ctx;
  const name = yield* copyAstring(args, session.parse);
  if (name === null || !args.atEnd) return session.reply(tag, `BAD command '${word}' requires 1 properly formed argument(s)`);
  if (mustLogin(ctx)) return;
  const acc = account(session);
  const mbName = isInbox(name) ? 'INBOX' : name;
  const on = word === 'subscribe';
  if (!acc || (on && !acc.mailboxes.has(mbName))) return session.send(`${tag} NO mailbox '${pretty(name)}' does not exist\r\n`);
  if (acc.subscriptions.has(mbName) === on) return session.send(`${tag} NO Already ${word}d to mailbox '${pretty(name)}'\r\n`);
  if (!on && optionLookup(session.db, '', 'imsp.required.bbsubs', true, mbName)) {
    return session.send(`${tag} NO bboard '${pretty(name)}' is required; you may not unsubscribe.\r\n`);
  }
  if (on) session.store.subscribe(acc, mbName);
  else session.store.unsubscribe(acc, mbName);
  session.completed(tag, word);
}

// --- CREATE / DELETE / RENAME / REPLACE / MOVE ---------------------------------------------

/** `host`, `host/partition` or a parenthesised list of them (copy_atom_list). */
function* serverList(ctx: ImspContext): Step<string[] | null> {
  const { args, session } = ctx;
  if (args.atEnd) return [];
  if (args.at(args.pos) === 0x28) {
    const close = args.line.indexOf(')', args.pos);
    if (close < 0) return null;
    const items = args.line.slice(args.pos + 1, close).split(' ').filter(Boolean);
    args.pos = close + 1;
    if (!args.atEnd) return null;
    return items;
  }
  const host = yield* copyAstring(args, session.parse);
  return host === null || !args.atEnd ? null : [host];
}

function* create(ctx: ImspContext): Step {
  const { session, tag, word, args } = ctx;
  const name = yield* copyAstring(args, session.parse);
  const hosts = name === null ? null : yield* serverList(ctx);
  if (name === null || hosts === null) return session.reply(tag, `BAD command '${word}' requires a string and an optional server/partition list`);
  if (mustLogin(ctx)) return;
  if (isInbox(name)) return session.reply(tag, 'NO invalid mailbox name');
  if (name.endsWith(DELIM)) return session.reply(tag, 'OK Create of non-terminal names is unnecessary');
  if (hosts.length > 1) return session.reply(tag, 'NO IMSP server does not support replicated mailboxes');
  const acc = account(session);
  if (!acc) return session.send(`${tag} NO not authorized to create mailbox ${quoteName(name)}\r\n`);
  const imap = session.imapHosts();
  let host: string;
  if (hosts.length) {
    host = hosts[0].split('/')[0];
    if (!imap.includes(host)) return session.reply(tag, "NO can't create mailbox on that host");
  } else {
    // The parent's server, else the first IMAP server.
    const parent = name.includes(DELIM) ? name.slice(0, name.lastIndexOf(DELIM)) : null;
    const at = parent && acc.mailboxes.has(parent) ? locationOf(session, session.user, parent) : imap;
    if (!at.length) return session.reply(tag, 'NO no available IMAP server to create');
    host = at[0];
  }
  const existing = acc.mailboxes.get(name);
  if (existing && !existing.noselect) return session.send(`${tag} NO mailbox ${quoteName(name)} already exists\r\n`);
  try {
    session.store.createMailbox(acc, name);
  } catch (e) {
    return storeFailure(session, tag, e);
  }
  const m = session.store.imsp.mailboxes;
  m.locations.set(key(session.user, name), [host]);
  m.changed.delete(key(session.user, name));
  session.store.version++;
  session.completed(tag, word);
}

function* del(ctx: ImspContext): Step {
  const { session, tag, word, args } = ctx;
  const bad = () => session.reply(tag, `BAD command '${word}' requires a string and an optional hostname`);
  const name = yield* copyAstring(args, session.parse);
  if (name === null) return bad();
  let host: string | null = null;
  if (!args.atEnd) {
    host = yield* copyAstring(args, session.parse);
    if (host === null || !args.atEnd) return bad();
  }
  if (mustLogin(ctx)) return;
  if (isInbox(name)) return session.reply(tag, 'NO invalid mailbox name');
  const acc = account(session);
  if (!acc || !acc.mailboxes.has(name)) return session.send(`${tag} NO mailbox ${quoteName(name)} not found\r\n`);
  if (host !== null && !locationOf(session, session.user, name).includes(host)) {
    return session.send(`${tag} NO mailbox ${quoteName(name)} is not located on that IMAP server\r\n`);
  }
  try {
    session.store.deleteMailbox(acc, name);
  } catch (e) {
    return storeFailure(session, tag, e);
  }
  const m = session.store.imsp.mailboxes;
  m.locations.delete(key(session.user, name));
  if (acc.subscriptions.has(name)) m.changed.set(key(session.user, name), { kind: 'deleted' });
  session.store.version++;
  session.completed(tag, word);
}

function* rename(ctx: ImspContext): Step {
  const { session, tag, word, args } = ctx;
  const from = yield* copyAstring(args, session.parse);
  const to = from === null ? null : yield* copyAstring(args, session.parse);
  if (from === null || to === null || !args.atEnd) return session.reply(tag, `BAD command '${word}' requires 2 properly formed argument(s)`);
  if (mustLogin(ctx)) return;
  const acc = account(session);
  const src = isInbox(from) ? 'INBOX' : from;
  if (!acc || !acc.mailboxes.has(src)) return session.send(`${tag} NO mailbox ${quoteName(from)} not found\r\n`);
  const target = acc.mailboxes.get(to);
  const replace = word === 'replace';
  if (replace) {
    if (!target || target.noselect) return session.send(`${tag} NO can't replace mailbox ${quoteName(from)} since mailbox ${quoteName(to)} doesn't exist\r\n`);
    if (src === 'INBOX' || src === to) return session.reply(tag, 'NO invalid mailbox name');
  } else if (target && !target.noselect) {
    return session.send(`${tag} NO can't rename mailbox ${quoteName(from)} since mailbox ${quoteName(to)} already exists\r\n`);
  }
  const m = session.store.imsp.mailboxes;
  const user = session.user;
  try {
    if (replace) {
      // The old mailbox goes; its subscribers are sent to the new one ("merged").
      const wasSubscribed = acc.subscriptions.has(src);
      session.store.deleteMailbox(acc, src);
      m.locations.delete(key(user, src));
      if (wasSubscribed) m.changed.set(key(user, src), { kind: 'merged', to });
    } else {
      const moves = [...acc.mailboxes.keys()].filter((n) => n === src || n.startsWith(src + DELIM));
      const where = new Map(moves.map((n) => [n, m.locations.get(key(user, n))]));
      session.store.renameMailbox(acc, src, to);
      for (const [n, loc] of where) {
        m.locations.delete(key(user, n));
        const renamed = src === 'INBOX' ? (n === 'INBOX' ? to : null) : to + n.slice(src.length);
        if (loc && renamed) m.locations.set(key(user, renamed), loc);
      }
      if (src === 'INBOX') {
        // The INBOX stays (empty) where it was; the new mailbox is where the INBOX is.
        const loc = where.get('INBOX');
        if (loc) m.locations.set(key(user, 'INBOX'), loc);
      }
    }
  } catch (e) {
    return storeFailure(session, tag, e);
  }
  session.store.version++;
  session.completed(tag, word);
}

function* move(ctx: ImspContext): Step {
  const { session, tag, word, args } = ctx;
  const name = yield* copyAstring(args, session.parse);
  const host = name === null ? null : yield* copyAstring(args, session.parse);
  if (name === null || host === null || !args.atEnd) return session.reply(tag, `BAD command '${word}' requires 2 properly formed argument(s)`);
  if (mustLogin(ctx)) return;
  // Moving a mailbox between IMAP servers needed a server-to-server protocol that was never
  // built; the 1994 server refused it.
  session.reply(tag, 'NO MOVE not supported at this site');
}

// --- LAST / SEEN -------------------------------------------------------------------------------

function* lastSeen(ctx: ImspContext): Step {
  const { session, tag, word, args } = ctx;
  const seen = word === 'seen';
  const name = yield* copyAstring(args, session.parse);
  const uidText = name === null ? null : copyAtom(args, session.parse, true);
  const who = uidText === null || !seen ? null : yield* copyAstring(args, session.parse);
  const validUid = uidText !== null && /^(\*|\d{1,10})$/.test(uidText);
  if (name === null || !validUid || (seen && who === null) || !args.atEnd) {
    return session.reply(tag, `BAD command '${word}' requires ${seen ? 3 : 2} properly formed argument(s)`);
  }
  if (mustLogin(ctx)) return;
  const user = seen ? who! : session.user;
  if (user !== session.user && session.level !== AUTH_ADMIN) return session.reply(tag, 'NO User not authorized to execute that command');
  const acc = session.store.accounts.get(user);
  const mbName = isInbox(name) ? 'INBOX' : name;
  if (!acc || acc.user !== user || !acc.mailboxes.has(mbName)) return session.reply(tag, 'NO failed to update mailbox database');
  const table = seen ? session.store.imsp.mailboxes.seen : session.store.imsp.mailboxes.last;
  if (uidText === '*') table.delete(key(user, mbName));
  else table.set(key(user, mbName), Number(uidText));
  session.store.version++;
  session.completed(tag, word);
}

// --- ACL MAILBOX -------------------------------------------------------------------------------

export type MailboxAclRequest =
  | { op: 'set' | 'delete'; name: string; ident: string; rights: string | null }
  | { op: 'get' | 'myrights'; name: string; kindWord: string };

/**
 * SETACL/DELETEACL/GETACL/MYRIGHTS MAILBOX. cyrus-1.8 refuses them. draft-1995: the store
 * keeps no per-mailbox ACLs (each user owns their mailboxes), so GETACL/MYRIGHTS report the
 * owner's full rights and SETACL/DELETEACL are not supported.
 */
export function* mailboxAcl(ctx: ImspContext, req: MailboxAclRequest): Step {
  const { session, tag, word } = ctx;
  if (session.mode === 'cyrus-1.8') return session.reply(tag, NOT_SUPPORTED);
  if (mustLogin(ctx)) return;
  if (req.op === 'set' || req.op === 'delete') return session.reply(tag, 'NO ACL command not supported at this site');
  const kindWord = (req as { kindWord: string }).kindWord;
  const acc = account(session);
  const name = isInbox(req.name) ? 'INBOX' : req.name;
  if (!acc || !acc.mailboxes.has(name)) return session.send(`${tag} NO ${kindWord} '${pretty(req.name)}' does not exist\r\n`);
  if (req.op === 'get') session.send(`* ACL MAILBOX ${str(name)} ${str(session.user)} lrswipcda\r\n`);
  else session.send(`* MYRIGHTS ${kindWord} ${str(name)} lrswipcda\r\n`);
  session.completed(tag, word);
}

// --- tables --------------------------------------------------------------------------------------

const HISTORIC: Array<[string, string, string, (ctx: ImspContext) => Step]> = [
  ['subscribe', 'SUBSCRIBE mailbox', 'IMSP.md §10.2', subscribe],
  ['unsubscribe', 'UNSUBSCRIBE mailbox', 'IMSP.md §10.2', subscribe],
  ['create', 'CREATE mailbox [server | (server ...)]', 'IMSP.md §10.3', create],
  ['delete', 'DELETE mailbox [server]', 'IMSP.md §10.4', del],
  ['rename', 'RENAME old new', 'IMSP.md §10.5', rename],
  ['replace', 'REPLACE old new', 'IMSP.md §10.5', rename],
  ['move', 'MOVE mailbox server', 'IMSP.md §10.5', move],
  ['list', 'LIST reference pattern', 'IMSP.md §10.1', list],
  ['lsub', 'LSUB reference pattern', 'IMSP.md §10.1', list],
  ['lmarked', 'LMARKED reference pattern', 'IMSP.md §10.1', list],
  ['last', 'LAST mailbox uid', 'IMSP.md §10.6', lastSeen],
  ['seen', 'SEEN mailbox uid user', 'IMSP.md §10.6', lastSeen],
];

/** cyrus-1.8: the words are in the dispatch table; each answers the refusal. */
export const refusedMailboxCommands: ImspCommandSpec[] = HISTORIC.map(([name, syntax, ref]) => ({
  name,
  syntax,
  ref: `${ref} (not supported by Cyrus IMSP 1.6a1 and later)`,
  run: refuse,
}));

/** draft-1995: the reconstructed mailbox layer. */
export const draftMailboxCommands: ImspCommandSpec[] = HISTORIC.map(([name, syntax, ref, run]) => ({
  name,
  syntax,
  ref: `${ref} (reconstructed)`,
  historic: true,
  run,
}));
