import { readFlags } from '../flagargs';
import { messagesIn, readSequenceSet } from '../sequence';
import { SELECTED, ok, type CommandSpec } from '../types';

/** RFC 3501 §6.4.6: STORE sequence-set (+|-)FLAGS[.SILENT] (flags). */
export const STORE: CommandSpec = {
  name: 'STORE',
  states: SELECTED,
  syntax: 'STORE sequence-set [+|-]FLAGS[.SILENT] (flag ...)',
  rfc: 'RFC 3501 §6.4.6',
  holdsExpunges: true,
  run({ session, args, uid }) {
    args.sp();
    const set = readSequenceSet(session, args, uid);
    args.sp();
    const item = args.atom().toUpperCase();
    const m = /^([+-]?)FLAGS(\.SILENT)?$/.exec(item);
    if (!m) throw args.error(`Invalid STORE data item ${item}`);
    args.sp();
    const flags = readFlags(args, true);
    args.end();
    const sel = session.selected!;
    const messages = messagesIn(session, set, uid);
    if (sel.readOnly) return ok('Store ignored with read-only mailbox.');
    const op = m[1] === '+' ? 'add' : m[1] === '-' ? 'remove' : 'set';
    const changed = session.store.storeFlags(sel.mailbox, messages, op, flags, session);
    for (const line of sel.keywordLines()) session.untagged(line);
    // Like Dovecot, only messages whose flags actually changed are reported.
    // .SILENT, or NOTIFY set without FlagChange for the selected mailbox (as Dovecot): no FETCH.
    if (!m[2] && (!session.notify || session.notify.tellsFlags)) {
      for (const msg of changed) {
        const seq = sel.seqOfUid(msg.uid);
        session.untagged(`${seq} FETCH (${uid ? `UID ${msg.uid} ` : ''}${session.flagsItem(msg)})`);
        sel.told(msg);
      }
    }
    return ok('Store completed.');
  },
};
