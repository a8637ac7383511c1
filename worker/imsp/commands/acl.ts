/**
 * Access control: SETACL, DELETEACL, GETACL, MYRIGHTS (IMSP.md §4.17–§4.19, §7).
 * Kind ADDRESSBOOK works; MAILBOX is the mailbox layer (refused by cyrus-1.8, see mailbox.ts
 * for draft-1995); any other kind is BAD "Invalid option" (cyrus-1.8 answers SETACL/DELETEACL
 * with nothing at all and drops the connection on GETACL: never reproduced).
 */
import { AB_FAIL, AB_NOEXIST, AB_PERM, abookGetAcl, abookMyRights, abookSetAcl } from '../db/abook';
import type { ImspCommandSpec, ImspContext } from '../types';
import { copyAstring, copyAtom, lcase, pretty, str, type Step } from '../wire';
import { notPermitted } from './addressbooks';
import { mailboxAcl, NOT_SUPPORTED } from './mailbox';

type Kind = 'addressbook' | 'mailbox' | null;
const kindOf = (opt: string): Kind => {
  const k = lcase(opt);
  return k === 'addressbook' || k === 'mailbox' ? k : null;
};

function* setacl(ctx: ImspContext): Step {
  const { session, tag, word, args } = ctx;
  const isSet = word === 'setacl';
  const opt = copyAtom(args, session.parse);
  const item = opt === null ? null : yield* copyAstring(args, session.parse);
  const ident = item === null ? null : yield* copyAstring(args, session.parse);
  const rights = ident === null || !isSet ? null : yield* copyAstring(args, session.parse);
  if (opt === null || item === null || ident === null || (isSet && rights === null) || !args.atEnd) {
    return session.reply(tag, `BAD command '${word}' requires ${isSet ? 4 : 3} properly formed argument(s)`);
  }
  const kind = kindOf(opt);
  if (kind === 'mailbox') return yield* mailboxAcl(ctx, { op: isSet ? 'set' : 'delete', name: item, ident, rights });
  if (kind === null) return session.reply(tag, `BAD Invalid option '${opt}' to command '${word}'`);
  const name = lcase(item);
  switch (abookSetAcl(session.db, session.who, name, ident, rights)) {
    case AB_NOEXIST:
      return session.send(`${tag} NO ADDRESSBOOK '${pretty(name)}' does not exist\r\n`);
    case AB_PERM:
      return notPermitted(session, tag, 'modify ACL for', name);
    case AB_FAIL:
      return session.send(`${tag} NO Failed to modify access control list for ${opt} '${pretty(name)}'\r\n`);
    default:
      return session.completed(tag, word);
  }
}

function* getacl(ctx: ImspContext): Step {
  const { session, tag, word, args } = ctx;
  const opt = copyAtom(args, session.parse);
  const item = opt === null ? null : yield* copyAstring(args, session.parse);
  if (opt === null || item === null || !args.atEnd) return session.reply(tag, `BAD command '${word}' requires 2 properly formed argument(s)`);
  const name = lcase(item);
  const kind = kindOf(opt);
  if (kind === 'mailbox') return yield* mailboxAcl(ctx, { op: word === 'getacl' ? 'get' : 'myrights', name: item, kindWord: opt });
  if (kind === null) return session.reply(tag, `BAD Invalid option '${opt}' to command '${word}'`);
  if (word === 'getacl') {
    const acl = abookGetAcl(session.db, session.who, name);
    if (!acl) return session.send(`${tag} NO ${opt} '${pretty(name)}' does not exist\r\n`);
    for (const e of acl) session.send(`* ACL ADDRESSBOOK ${str(name)} ${str(e.identifier)} ${str(e.rights)}\r\n`);
  } else {
    session.send(`* MYRIGHTS ${opt} ${str(name)} ${str(abookMyRights(session.db, session.who, name))}\r\n`);
  }
  session.completed(tag, word);
}

export const aclCommands: ImspCommandSpec[] = [
  { name: 'setacl', syntax: 'SETACL ADDRESSBOOK|MAILBOX name identifier rights', ref: 'IMSP.md §4.17', run: setacl },
  { name: 'deleteacl', syntax: 'DELETEACL ADDRESSBOOK|MAILBOX name identifier', ref: 'IMSP.md §4.17', run: setacl },
  { name: 'getacl', syntax: 'GETACL ADDRESSBOOK|MAILBOX name', ref: 'IMSP.md §4.18', run: getacl },
  { name: 'myrights', syntax: 'MYRIGHTS ADDRESSBOOK|MAILBOX name', ref: 'IMSP.md §4.19', run: getacl },
];

export { NOT_SUPPORTED };
