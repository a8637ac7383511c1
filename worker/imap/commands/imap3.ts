import { checkQuota } from '../../store/quota';
import type { Dialect } from '../dialect';
import { StoreError } from '../../store/store';
import { BBOARD_ACCOUNT } from './imap2';
import { mailboxFlags } from '../flaglist';
import { checkFlag } from '../flagargs';
import { readMailbox } from '../names';
import type { ImapSession } from '../session';
import { ANY, SELECTED, AUTH, bad, no, ok, type CommandSpec, type Completion } from '../types';

/**
 * The commands RFC 1203 (IMAP3, February 1991) added to IMAP2: version and feature
 * negotiation, explicit read-only/read-write, the keyword list, and what some features bring.
 * A server starts as IMAP2 ("version 2.0") and changes only when the client asks.
 */

/** What the dialect modules tell these commands: the dialect of each version and its features. */
export interface Imap3Versions {
  /** `[major, minor, dialect, features offered, features on by default]` */
  versions: Array<{ major: number; minor: number; dialect: () => Dialect; features: string[]; defaults: string[] }>;
}

let registry: Imap3Versions = { versions: [] };

/** Called once by worker/dialects/imap3.ts (the dialect objects import these commands). */
export function registerImap3Versions(v: Imap3Versions): void {
  registry = v;
}

function current(session: ImapSession) {
  return registry.versions.find((v) => v.dialect() === session.dialect) ?? registry.versions[0];
}

/** `SUPPORTED.VERSIONS ((2 0) (3 0 FEATURE ...))` */
export function supportedVersions(): string {
  return `SUPPORTED.VERSIONS (${registry.versions.map((v) => `(${[v.major, v.minor, ...v.features].join(' ')})`).join(' ')})`;
}

export const SUPPORTED_VERSIONS: CommandSpec = {
  name: 'SUPPORTED.VERSIONS',
  states: ANY,
  syntax: 'SUPPORTED.VERSIONS',
  rfc: 'RFC 1203 "SUPPORTED.VERSIONS"',
  run({ session, args }) {
    args.end();
    session.untagged(supportedVersions());
    return ok('Supported versions returned');
  },
};

/** Keeps the notifier of NEW.MAIL.NOTIFY in step with the feature and the selected mailbox. */
export function syncNotifier(session: ImapSession): void {
  const sel = session.selected;
  if (!sel) return;
  if (!session.enabled.has('NEW.MAIL.NOTIFY')) {
    sel.onUpdate = null;
    return;
  }
  // Unsolicited: `*` even in tagged mode, pushed without a command (RFC 1203 appendix).
  session.pushUpdates();
}

function setFeatures(session: ImapSession, on: string[]): void {
  for (const f of [...session.enabled]) session.enabled.delete(f);
  for (const f of on) session.enabled.add(f);
  syncNotifier(session);
}

/** `SELECT.VERSION (major minor)`: switches the whole session to that version's protocol. */
export const SELECT_VERSION: CommandSpec = {
  name: 'SELECT.VERSION',
  states: ANY,
  syntax: 'SELECT.VERSION (major minor)',
  rfc: 'RFC 1203 "SELECT.VERSION"',
  run({ session, args }): Completion {
    args.sp();
    const [major, minor] = args.list(() => args.number('version number'), { allowEmpty: false, what: '(major minor)' });
    args.end();
    if (minor === undefined) throw args.error('Expected (major minor)');
    const v = registry.versions.find((x) => x.major === major && x.minor === minor);
    if (!v) return no(`Version ${major}.${minor} is not supported (see SUPPORTED.VERSIONS)`);
    if (session.selected) return no('The version cannot change while a mailbox is selected');
    session.dialect = v.dialect();
    setFeatures(session, v.defaults);
    return ok(`Version ${major}.${minor} selected`);
  },
};

/**
 * `SELECT.FEATURES feature ...`: the features of the current version become its defaults
 * changed by this list (`X` on, `~X` off). A feature the version does not offer is NO.
 */
export const SELECT_FEATURES: CommandSpec = {
  name: 'SELECT.FEATURES',
  states: ANY,
  syntax: 'SELECT.FEATURES [~]feature ...',
  rfc: 'RFC 1203 "SELECT.FEATURES", Appendix (features)',
  run({ session, args }): Completion {
    const wanted: Array<[string, boolean]> = [];
    do {
      args.sp();
      const off = args.tryChar('~');
      wanted.push([args.atom('feature').toUpperCase(), !off]);
    } while (!args.atEnd());
    const v = current(session);
    const unknown = wanted.filter(([f]) => !v.features.includes(f)).map(([f]) => f);
    if (unknown.length) return no(`Version ${v.major}.${v.minor} has no feature ${unknown.join(', ')}`);
    const on = new Set(v.defaults);
    for (const [f, yes] of wanted) {
      if (yes) on.add(f);
      else on.delete(f);
    }
    setFeatures(session, [...on]);
    return ok('Features selected');
  },
};

/** `READONLY` / `READWRITE`: asks for that access; the answer says which one holds now. */
function accessSpec(name: 'READONLY' | 'READWRITE'): CommandSpec {
  return {
    name,
    states: SELECTED,
    syntax: name,
    rfc: `RFC 1203 "${name}"`,
    run({ session, args }) {
      args.end();
      const sel = session.selected!;
      // A bulletin board is read-only for everyone but its owner.
      const board = session.store.account(BBOARD_ACCOUNT)?.mailboxes.get(sel.mailbox.name) === sel.mailbox;
      const mayWrite = !board || session.account!.user === BBOARD_ACCOUNT;
      if (name === 'READONLY') sel.readOnly = true;
      else if (mayWrite) sel.readOnly = false;
      session.untagged(sel.readOnly ? 'READONLY' : 'READWRITE');
      return sel.readOnly === (name === 'READONLY') ? ok(`${name} completed`) : no('This mailbox cannot be written to');
    },
  };
}

export const READONLY = accessSpec('READONLY');
export const READWRITE = accessSpec('READWRITE');

/** `FLAGS`: the keywords and flags of the selected mailbox, again. */
export const FLAGS3: CommandSpec = {
  name: 'FLAGS',
  states: SELECTED,
  syntax: 'FLAGS',
  rfc: 'RFC 1203 "FLAGS"',
  run({ session, args }) {
    args.end();
    session.untagged(`FLAGS (${mailboxFlags(session, session.selected!.mailbox).join(' ')})`);
    return ok('Flags returned');
  },
};

/**
 * `SET.FLAGS flag_list`: the mailbox's keywords become exactly those listed (system flags
 * are ignored). A keyword that goes is taken off its messages, each reported with STORE.
 */
export const SET_FLAGS: CommandSpec = {
  name: 'SET.FLAGS',
  states: SELECTED,
  syntax: 'SET.FLAGS (keyword ...)',
  rfc: 'RFC 1203 "SET.FLAGS"',
  run({ session, args }): Completion {
    args.sp();
    const listed = (args.peek() === 0x28 ? args.list(() => checkFlag(args.flag()), { what: 'flag list' }) : [checkFlag(args.flag())]).filter(
      (f) => !f.startsWith('\\'),
    );
    args.end();
    const sel = session.selected!;
    if (sel.readOnly) return no('Mailbox is read-only: its keywords cannot change');
    const mb = sel.mailbox;
    const keep = new Set(listed.map((k) => k.toLowerCase()));
    const gone = mb.keywords.filter((k) => !keep.has(k.toLowerCase()));
    for (const k of gone) {
      const holders = sel.messages.filter((m) => m.flags.has(k));
      const changed = holders.length ? session.store.storeFlags(mb, holders, 'remove', [k], session) : [];
      mb.keywords.splice(mb.keywords.indexOf(k), 1);
      for (const m of changed) session.untagged(`${sel.seqOfUid(m.uid)} STORE (${session.flagsItem(m)})`);
    }
    session.store.canonicalFlags(mb, listed);
    sel.keywordLines();
    session.untagged(`FLAGS (${mailboxFlags(session, mb).join(' ')})`);
    return ok('Keywords set');
  },
};

/** ADD.MESSAGE feature: `ADD.MESSAGE mailbox RFC822 {n}` appends a message (IMAP4's APPEND). */
export const ADD_MESSAGE: CommandSpec = {
  name: 'ADD.MESSAGE',
  states: AUTH,
  syntax: 'ADD.MESSAGE mailbox RFC822 {size}',
  rfc: 'RFC 1203 Appendix "ADD.MESSAGE"',
  // Refused before the client sends the message when the feature is off.
  beforeLiteral: ({ session }) => (session.enabled.has('ADD.MESSAGE') ? null : bad('ADD.MESSAGE needs the ADD.MESSAGE feature (SELECT.FEATURES ADD.MESSAGE)')),
  run({ session, args }): Completion {
    if (!session.enabled.has('ADD.MESSAGE')) return bad('ADD.MESSAGE needs the ADD.MESSAGE feature (SELECT.FEATURES ADD.MESSAGE)');
    args.sp();
    const name = readMailbox(session, args);
    args.sp();
    args.word('RFC822', 'message format');
    args.sp();
    const raw = args.stringBytes('message');
    args.end();
    const mb = session.store.mailbox(session.account!, name);
    if (!mb || mb.noselect) throw new StoreError(null, `No such mailbox: ${name}`);
    if (!raw.length) return no('An empty message cannot be added');
    checkQuota(session.store, session.account!, mb, 1, raw.length);
    session.store.append(mb, raw, [], Date.now(), 0);
    return ok('Message added');
  },
};
