import { AUTH, PENDING, bad, ok, type CommandSpec } from '../types';

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
    // Updates already waiting go out at once; later ones as they arrive (batched per tick).
    session.flushUpdates(true);
    let scheduled = false;
    if (sel) {
      sel.onUpdate = () => {
        if (scheduled) return;
        scheduled = true;
        queueMicrotask(() => {
          scheduled = false;
          if (session.selected === sel) session.flushUpdates(true);
        });
      };
    }
    session.takeLines((line) => {
      session.endLineMode();
      if (sel) sel.onUpdate = null;
      const text = new TextDecoder().decode(line);
      session.finish(tag, text.toUpperCase() === 'DONE' ? ok('Idle completed.') : bad('Expected DONE.'));
    });
    return PENDING;
  },
};
