import { StoreError } from '../../store/store';
import { readFlags } from '../flagargs';
import { readMailbox } from '../names';
import { AUTH, no, ok, type CommandSpec } from '../types';

/** RFC 3501 §6.3.11: APPEND mailbox [(flags)] [date-time] literal, with APPENDUID (RFC 4315). */
export const APPEND: CommandSpec = {
  name: 'APPEND',
  states: AUTH,
  syntax: 'APPEND mailbox [(flag ...)] ["dd-Mon-yyyy hh:mm:ss +zzzz"] {size}',
  rfc: 'RFC 3501 §6.3.11',
  run({ session, args }) {
    args.sp();
    const name = readMailbox(session, args);
    args.sp();
    let flags: string[] = [];
    if (args.peek() === 0x28) {
      flags = readFlags(args, false);
      args.sp();
    }
    let when: [number, number] | null = null;
    if (args.peek() === 0x22 /* " */) {
      const dt = args.dateTime();
      when = [dt.time, dt.zone];
      args.sp();
    }
    const raw = args.literalBytes();
    args.end();
    const mb = session.store.mailbox(session.account!, name);
    if (!mb || mb.noselect) throw new StoreError('TRYCREATE', `Mailbox doesn't exist: ${name}`);
    if (raw.length === 0) return no('Can\'t save a zero byte message.');
    const msg = session.store.append(mb, raw, flags, when ? when[0] : Date.now(), when ? when[1] : 0);
    return ok('Append completed.', `APPENDUID ${mb.uidValidity} ${msg.uid}`);
  },
};
