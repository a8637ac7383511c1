/**
 * Advisory locks: LOCK and UNLOCK of an option or an address-book entry (IMSP.md §4.20, §8).
 */
import { abookCanFetch, abookCanLock, AUTH_NONE } from '../db/abook';
import { optionGet } from '../db/options';
import type { ImspCommandSpec, ImspContext } from '../types';
import { copyAstring, getAtom, lcase, pretty, str, type Step } from '../wire';
import { notPermitted, showAddress } from './addressbooks';

const KINDS = ['option', 'addressbook'];

function* lock({ session, tag, word, args }: ImspContext): Step {
  const isLock = word === 'lock';
  const bad = () => session.reply(tag, `BAD command '${word}' requires an option and one or two valid arguments`);
  const opt = getAtom(args);
  if (opt === null) return bad();
  const kind = KINDS.indexOf(lcase(opt));
  if (kind < 0) return session.reply(tag, `BAD Invalid option '${opt}' to command '${word}'`);
  let item1 = yield* copyAstring(args, session.parse);
  const item2 = item1 === null || kind !== 1 ? null : yield* copyAstring(args, session.parse);
  if (item1 === null || (kind === 1 && item2 === null) || !args.atEnd) return bad();
  const user = session.user;
  let value: { value: string; readWrite: boolean } | null = null;
  if (kind === 1) {
    item1 = lcase(item1);
    if (!abookCanLock(session.db, session.who, item1)) return notPermitted(session, tag, 'modify', item1);
  } else {
    value = optionGet(session.db, user, item1, true);
    // (For an option that does not exist, the C code reads an uninitialised flag, which the
    // real server treats as writable: such locks succeed.)
    if (session.level === AUTH_NONE || (value !== null && !value.readWrite)) {
      return session.send(`${tag} NO User '${pretty(user)}' not authorized to change option '${pretty(item1)}'\r\n`);
    }
  }
  const what = `${KINDS[kind]}${kind ? ' entry' : ''} '${pretty(item2 ?? item1)}'`;
  const r = session.locks.dolock(user, item1, item2, isLock, session.clientHost);
  if (r.rc < 0) return session.send(`${tag} NO failed to ${word} ${what}\r\n`);
  if (r.rc > 0) {
    if (isLock) return session.send(`${tag} NO [LOCKED] ${what} already locked by ${pretty(r.holder)}\r\n`);
    return session.send(`${tag} NO ${what} not locked by current client\r\n`);
  }
  if (isLock) {
    if (kind === 1) {
      if (abookCanFetch(session.db, session.who, item1)) showAddress(session, item1, item2!);
    } else if (value) session.send(`* OPTION ${item1} ${str(value.value)} [READ-WRITE]\r\n`);
  }
  session.completed(tag, word);
}

export const lockCommands: ImspCommandSpec[] = [
  { name: 'lock', syntax: 'LOCK OPTION name | LOCK ADDRESSBOOK book entry', ref: 'IMSP.md §4.20', run: lock },
  { name: 'unlock', syntax: 'UNLOCK OPTION name | UNLOCK ADDRESSBOOK book entry', ref: 'IMSP.md §4.20', run: lock },
];
