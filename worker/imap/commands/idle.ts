import { AUTH, PENDING, bad, ok, type CommandSpec } from '../types';

/** How long IDLE gathers changes before pushing them: a burst (STORE then EXPUNGE) goes out as one. */
export const IDLE_COALESCE_MS = 25;

/**
 * RFC 2177 IDLE: after `+ idling`, changes to the selected mailbox are pushed as they
 * happen, until the client sends DONE on a line of its own.
 */
export const IDLE: CommandSpec = {
  name: 'IDLE',
  states: AUTH,
  syntax: 'IDLE ... DONE',
  rfc: 'RFC 2177 §3',
  run({ session, tag, args }) {
    args.end();
    session.continuation('idling');
    const sel = session.selected;
    // Updates already waiting go out at once; later ones shortly after they arrive.
    session.flushUpdates(true);
    let timer: ReturnType<typeof setTimeout> | null = null;
    if (sel) {
      sel.onUpdate = () => {
        if (timer !== null) return;
        timer = setTimeout(() => {
          timer = null;
          if (session.selected === sel) session.flushUpdates(true);
        }, IDLE_COALESCE_MS);
      };
    }
    session.takeLines((line) => {
      session.endLineMode();
      if (timer !== null) clearTimeout(timer);
      if (sel) sel.onUpdate = null;
      const text = new TextDecoder().decode(line);
      session.finish(tag, text.toUpperCase() === 'DONE' ? ok('Idle completed.') : bad('Expected DONE.'));
    });
    return PENDING;
  },
};
