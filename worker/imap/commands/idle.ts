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
    // Updates already waiting go out at once; later ones shortly after they arrive.
    session.flushPushed();
    const stop = session.pushUpdates();
    session.takeLines(
      (line) => {
        session.endLineMode();
        stop();
        const text = new TextDecoder().decode(line);
        session.finish(tag, text.toUpperCase() === 'DONE' ? ok('Idle completed.') : bad('Expected DONE.'));
      },
      () => {
        // A line over the limit is not DONE either: IDLE ends as for any other line (Dovecot
        // answers the same), and the rest of the long line is skipped.
        session.endLineMode();
        stop();
        session.finish(tag, bad('Expected DONE.'));
      },
    );
    return PENDING;
  },
};
