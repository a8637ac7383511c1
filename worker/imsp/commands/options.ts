/**
 * Options: GET, SET, UNSET (IMSP.md §4.6–§4.8, §5).
 */
import { AUTH_ADMIN, AUTH_USER } from '../db/abook';
import { optionGet, optionMatch, optionSet, optionUnset } from '../db/options';
import type { ImspCommandSpec, ImspContext } from '../types';
import { copyAstring, pretty, str, type Step } from '../wire';

const option = (name: string, value: string, rw: boolean) => `* OPTION ${name} ${str(value)} [READ-${rw ? 'WRITE' : 'ONLY'}]\r\n`;

function* get({ session, tag, word, args }: ImspContext): Step {
  const pat = yield* copyAstring(args, session.parse, { wildcards: true });
  if (pat === null || !args.atEnd) return session.reply(tag, `BAD command '${word}' requires 1 properly formed argument(s)`);
  const user = session.level >= AUTH_USER ? session.user : '';
  const hits = optionMatch(session.db, user, pat, session.level === AUTH_ADMIN);
  if (!hits) return session.reply(tag, 'NO options database unavailable');
  for (const h of hits) session.send(option(h.name, h.value, h.readWrite));
  session.completed(tag, word);
}

function mustLogin(ctx: ImspContext): boolean {
  if (ctx.session.level >= AUTH_USER) return false;
  ctx.session.reply(ctx.tag, `NO User must LOGIN to execute command '${ctx.word}'`);
  return true;
}

const notAuthorized = (tag: string, user: string, opt: string) => `${tag} NO User '${pretty(user)}' not authorized to change option '${pretty(opt)}'\r\n`;

function* set(ctx: ImspContext): Step {
  const { session, tag, word, args } = ctx;
  const opt = yield* copyAstring(args, session.parse);
  const value = opt === null ? null : yield* copyAstring(args, session.parse);
  if (opt === null || value === null || !args.atEnd) return session.reply(tag, `BAD command '${word}' requires 2 properly formed argument(s)`);
  if (mustLogin(ctx)) return;
  const r = optionSet(session.db, session.user, opt, session.level === AUTH_ADMIN, value);
  if (r < 0) {
    // option_set reports quota with -3 but imsp_set tests -2 (cyrus-1.8 quirk).
    const quota = session.dialect.quirks.setQuotaAsNotAuthorized ? r === -2 : r === -2 || r === -3;
    if (quota) session.reply(tag, 'NO operation failed: IMSP user quota exceeded');
    else session.send(notAuthorized(tag, session.user, opt));
    return;
  }
  session.completed(tag, word);
}

function* unset(ctx: ImspContext): Step {
  const { session, tag, word, args } = ctx;
  const opt = yield* copyAstring(args, session.parse);
  if (opt === null || !args.atEnd) return session.reply(tag, `BAD command '${word}' requires 1 properly formed argument(s)`);
  if (mustLogin(ctx)) return;
  const admin = session.level === AUTH_ADMIN;
  const r = optionUnset(session.db, session.user, opt, admin);
  if (r < 0) return session.send(notAuthorized(tag, session.user, opt));
  if (r === 0) return session.send(`${tag} NO option '${pretty(opt)}' was already unset\r\n`);
  // What shows through now (the global value), if anything.
  const name = opt.replace(/^[*%]+/, '');
  const now = optionGet(session.db, session.user, name, admin);
  if (now) session.send(option(name, now.value, now.readWrite));
  session.completed(tag, word);
}

export const optionCommands: ImspCommandSpec[] = [
  { name: 'get', syntax: 'GET pattern', ref: 'IMSP.md §4.6', run: get },
  { name: 'set', syntax: 'SET option value', ref: 'IMSP.md §4.7', run: set },
  { name: 'unset', syntax: 'UNSET option', ref: 'IMSP.md §4.8', run: unset },
];
