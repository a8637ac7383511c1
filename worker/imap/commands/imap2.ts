import { checkQuota } from '../../store/quota';
import { StoreError } from '../../store/store';
import type { Mailbox } from '../../store/model';
import type { Reader } from '../../wire/parser';
import { checkFlag } from '../flagargs';
import { readMailbox } from '../names';
import { messagesIn, readSequenceSet } from '../sequence';
import type { ImapSession } from '../session';
import { AUTH, SELECTED, no, ok, type CommandSpec, type Completion } from '../types';
import { expungeDeleted, openMailbox, requireLexable } from './select';

/**
 * The commands of RFC 1176 (IMAP2) that behave differently from their IMAP4 namesakes,
 * shared with IMAP3 (RFC 1203), which starts out as IMAP2 and changes a few of them.
 */

/** The account whose mailboxes are the bulletin boards (TOPS-20's `POBOX:<BBOARD>`). */
export const BBOARD_ACCOUNT = 'bboard';

/** The bulletin boards: the mailboxes of the `bboard` account, if there is one. */
export function bboards(session: ImapSession): Mailbox[] {
  const acc = session.store.account(BBOARD_ACCOUNT);
  return acc ? [...acc.mailboxes.values()].filter((mb) => !mb.noselect && mb.name !== 'INBOX') : [];
}

/** RFC 1176 "tag SELECT mailbox": no EXAMINE, no CLOSE; a second SELECT silently deselects. */
export const SELECT2: CommandSpec = {
  name: 'SELECT',
  states: AUTH,
  syntax: 'SELECT mailbox',
  rfc: 'RFC 1176 "tag SELECT mailbox"',
  run({ session, args }) {
    requireLexable(args);
    session.unselect();
    args.sp();
    const name = readMailbox(session, args);
    args.end();
    session.requireHere(name);
    const mb = session.store.selectable(session.account!, name);
    return openMailbox(session, mb, false, 'SELECT');
  },
};

/**
 * RFC 1176 "tag BBOARD bulletin_board": like SELECT, for a shared bulletin board. Here the
 * boards are the mailboxes of the `bboard` account, opened read-only for everyone else.
 */
export const BBOARD: CommandSpec = {
  name: 'BBOARD',
  states: AUTH,
  syntax: 'BBOARD bulletin-board',
  rfc: 'RFC 1176 "tag BBOARD bulletin_board"',
  run({ session, args }) {
    requireLexable(args);
    session.unselect();
    args.sp();
    const name = args.astring('bulletin board name');
    args.end();
    const mb = bboards(session).find((b) => b.name.toLowerCase() === name.toLowerCase());
    if (!mb) return no(`No such bulletin board: ${name}`);
    return openMailbox(session, mb, session.account!.user !== BBOARD_ACCOUNT, 'BBOARD');
  },
};

/** RFC 1176: CHECK "should" report the current EXISTS and RECENT. */
export const CHECK2: CommandSpec = {
  name: 'CHECK',
  states: SELECTED,
  syntax: 'CHECK',
  rfc: 'RFC 1176 "tag CHECK"',
  run({ session, args }) {
    args.end();
    session.flushUpdates(true);
    const sel = session.selected!;
    session.untagged(`${sel.messages.length} EXISTS`);
    if (session.dialect.recent) session.untagged(`${sel.recent.size} RECENT`);
    return ok('Check completed');
  },
};

/**
 * RFC 1176 EXPUNGE: one `* n EXPUNGE` per removed message, with the implicit check before
 * and after that the RFC's scenario shows (`* 19 EXISTS`, `* 8 EXPUNGE`, `* 18 EXISTS`).
 * Needs write access.
 */
export const EXPUNGE2: CommandSpec = {
  name: 'EXPUNGE',
  states: SELECTED,
  syntax: 'EXPUNGE',
  rfc: 'RFC 1176 "tag EXPUNGE"',
  run({ session, args }) {
    args.end();
    const sel = session.selected!;
    if (sel.readOnly) return no('Mailbox is read-only: nothing can be expunged');
    session.flushUpdates(true);
    session.untagged(`${sel.messages.length} EXISTS`);
    expungeDeleted(session);
    session.flushUpdates(true);
    session.untagged(`${sel.messages.length} EXISTS`);
    return ok('Expunge completed');
  },
};

/**
 * RFC 1176 COPY: the destination is created when it does not exist (IMAP2 has no CREATE),
 * each copied message is reported with `* n COPY`, and a copied message gets \Seen.
 * `autoSeen` and `report` let IMAP3 change the last two; `create: false` is IMAP2bis, which
 * has CREATE and answers a missing destination with TRYCREATE instead (RFC 1732).
 */
export function copy2(opts: { seen: (s: ImapSession) => boolean; announceNew?: boolean; create?: boolean }): CommandSpec {
  return {
    name: 'COPY',
    states: SELECTED,
    syntax: 'COPY sequence mailbox',
    rfc: 'RFC 1176 "tag COPY sequence mailbox", RFC 1203',
    run({ session, args }): Completion {
      args.sp();
      const set = readSequenceSet(session, args, false);
      args.sp();
      const target = readMailbox(session, args);
      args.end();
      const sel = session.selected!;
      const messages = messagesIn(session, set, false);
      const acc = session.account!;
      let dest = session.store.mailbox(acc, target);
      if (dest?.noselect) throw new StoreError(null, `Can't copy to ${target}: it holds no messages`);
      if (!dest && opts.create === false) throw new StoreError('TRYCREATE', `Mailbox doesn't exist: ${target}`);
      if (!dest) {
        dest = session.store.createMailbox(acc, target);
        // RFC 1203: an unsolicited MAILBOX announces a mailbox that was just created.
        if (opts.announceNew) session.unsolicited(`MAILBOX ${target}`);
      }
      let bytes = 0;
      for (const m of messages) bytes += m.raw.length;
      checkQuota(session.store, acc, dest, messages.length, bytes);
      session.store.copy(messages, dest);
      for (const m of messages) session.untagged(`${sel.seqOfUid(m.uid)} COPY`);
      if (!sel.readOnly && opts.seen(session)) {
        const unseen = messages.filter((m) => !m.flags.has('\\Seen'));
        if (unseen.length) session.store.storeFlags(sel.mailbox, unseen, 'add', ['\\Seen'], null);
      }
      return ok('Copy completed');
    },
  };
}

/** A flag as the dialect knows it: IMAP2 has no \Draft, and \Recent is never stored. */
function dialectFlag(session: ImapSession, args: Reader): string {
  const start = args.pos;
  const f = checkFlag(args.flag());
  const system = session.dialect.systemFlags;
  if (f.startsWith('\\') && system && !system.includes(f)) throw args.error(`Invalid system flag ${f}`, start, 'system-flag');
  return f;
}

/**
 * RFC 1176 STORE: `FLAGS`, `+FLAGS` or `-FLAGS` and one flag or a parenthesised list; the
 * new flags of every message come back as `* n FETCH (FLAGS (...))` (IMAP3: `STORE`).
 */
export function store2(opts: { response: 'FETCH' | 'STORE' }): CommandSpec {
  return {
    name: 'STORE',
    states: SELECTED,
    syntax: 'STORE sequence (FLAGS | +FLAGS | -FLAGS) (flag ...) | flag',
    rfc: 'RFC 1176 "tag STORE sequence data value"',
    holdsExpunges: true,
    run({ session, args }): Completion {
      args.sp();
      const set = readSequenceSet(session, args, false);
      args.sp();
      const start = args.pos;
      const item = args.atom('store item').toUpperCase();
      const m = /^([+-]?)FLAGS$/.exec(item);
      if (!m) {
        // RFC 1203 lets STORE write header, text or any key: messages here never change.
        if (session.dialect.fetch?.keys) return no(`Can't store ${item}: messages in this store are immutable, only flags can change`);
        throw args.error(`Invalid STORE data item ${item}: FLAGS, +FLAGS or -FLAGS`, start);
      }
      args.sp();
      const flags = args.peek() === 0x28 ? args.list(() => dialectFlag(session, args), { what: 'flag list' }) : [dialectFlag(session, args)];
      args.end();
      const sel = session.selected!;
      const messages = messagesIn(session, set, false);
      if (sel.readOnly) return no('Mailbox is read-only: flags cannot be changed');
      const op = m[1] === '+' ? 'add' : m[1] === '-' ? 'remove' : 'set';
      // \Draft is invisible to an IMAP2 client; replacing the flags must not take it away.
      const keep = session.dialect.systemFlags ? ['\\Draft'].filter((f) => !session.dialect.systemFlags!.includes(f)) : [];
      if (op === 'set' && keep.length) {
        for (const msg of messages) {
          const kept = keep.filter((f) => msg.flags.has(f));
          session.store.storeFlags(sel.mailbox, [msg], 'set', [...flags, ...kept], session);
        }
      } else session.store.storeFlags(sel.mailbox, messages, op, flags, session);
      for (const line of sel.keywordLines()) session.untagged(line);
      for (const msg of messages) session.untagged(`${sel.seqOfUid(msg.uid)} ${opts.response} (${session.flagsItem(msg)})`);
      return ok('Store completed');
    },
  };
}
