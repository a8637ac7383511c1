/**
 * SORT and THREAD are loaded on demand in the browser, so the engine a first visit downloads
 * stays small (README "The site": the prompt's JavaScript budget): the command table knows
 * the commands (../commands/sort.ts), and the code that answers them (./impl.ts) comes the
 * first time it is needed — usually fetched in the background when an IMAP connection opens
 * (Engine.prepare). Node loads it with the engine (./register.ts), so there it is synchronous.
 */
import { ParseError } from '../../wire/parser';
import { StoreError } from '../../store/store';
import type { ImapSession } from '../session';
import { PENDING, no, type CommandContext, type CommandResult, type CommandSpec, type Completion } from '../types';
import { wordingOf } from '../wording';
import type * as Impl from './impl';

export type SortThreadImpl = typeof Impl;

let impl: SortThreadImpl | null = null;
let loading: Promise<SortThreadImpl> | null = null;

/** Called by ./register.ts (Node) or when the dynamic import arrives. */
export function provideSortThread(i: SortThreadImpl): void {
  impl = i;
}

/** Starts loading (once) and resolves when SORT and THREAD can answer. */
export function loadSortThread(): Promise<SortThreadImpl> {
  if (impl) return Promise.resolve(impl);
  return (loading ??= import('./impl').then((m) => (impl = m)));
}

/** What a handler throws, as the session itself would answer it (see ImapSession.run). */
function completionFor(e: unknown, session: ImapSession, spec: CommandSpec, ctx: CommandContext): Completion {
  if (e instanceof ParseError) return { status: 'BAD', text: wordingOf(session.dialect).badSyntax(`${ctx.uid ? 'UID ' : ''}${ctx.name}`, e.message, spec.syntax) };
  if (e instanceof StoreError) return no(e.message, e.code ?? undefined);
  console.error(e);
  return no(`Internal error: ${(e as Error)?.message ?? e}`, 'SERVERBUG');
}

/**
 * Runs `run` with the implementation: at once when it is loaded; otherwise the command waits
 * for it (the client's further input is not read meanwhile, as for any pending command) and is
 * answered when it arrives.
 */
export function withSortThread(spec: CommandSpec, ctx: CommandContext, run: (i: SortThreadImpl, ctx: CommandContext) => Completion): CommandResult {
  if (impl) return run(impl, ctx);
  const { session, tag } = ctx;
  const start = ctx.args.pos;
  session.hold('extension');
  void loadSortThread().then(
    (i) => {
      ctx.args.pos = start;
      let c: Completion;
      try {
        c = run(i, ctx);
      } catch (e) {
        c = completionFor(e, session, spec, ctx);
      }
      session.finish(tag, c, !(spec.holdsExpunges && !ctx.uid));
      // Only now the commands behind it: releasing frames them at once.
      session.release('extension');
    },
    (e) => {
      session.finish(tag, no(`SORT and THREAD could not be loaded: ${(e as Error)?.message ?? e}`, 'UNAVAILABLE'));
      session.release('extension');
    },
  );
  return PENDING;
}
