import type { Message } from '../../store/model';
import { changeItems, enableCondstore, readModseq } from '../condstore';
import { readFlags } from '../flagargs';
import { messagesIn, readSequenceSet } from '../sequence';
import type { ImapSession } from '../session';
import { compactUidSet } from '../uidset';
import type { Reader } from '../../wire/parser';
import { SELECTED, no, ok, type CommandSpec } from '../types';

/**
 * RFC 7162 §3.1.3 `store-modifiers`: `(UNCHANGEDSINCE m)`, where the dialect has CONDSTORE.
 * Returns the modseq, or undefined when there is no modifier list.
 */
function readStoreModifiers(session: ImapSession, args: Reader): number | undefined {
  if (!session.dialect.condstore || args.peek() !== 0x28 /* ( */) return undefined;
  let unchangedSince: number | undefined;
  args.list(() => {
    const start = args.pos;
    const name = args.atom('STORE modifier').toUpperCase();
    if (name !== 'UNCHANGEDSINCE') throw args.error(`Unknown STORE modifier ${name} (RFC 7162 defines UNCHANGEDSINCE)`, start);
    args.sp();
    unchangedSince = readModseq(args, 'UNCHANGEDSINCE modseq');
  });
  args.sp();
  return unchangedSince;
}

/** RFC 3501 §6.4.6: STORE sequence-set (+|-)FLAGS[.SILENT] (flags); see STORE_CONDSTORE. */
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
    const unchangedSince = readStoreModifiers(session, args);
    const item = args.atom().toUpperCase();
    const m = /^([+-]?)FLAGS(\.SILENT)?$/.exec(item);
    if (!m) throw args.error(`Invalid STORE data item ${item}`);
    args.sp();
    const flags = readFlags(args, true);
    args.end();
    const sel = session.selected!;
    const messages = messagesIn(session, set, uid);
    if (unchangedSince !== undefined) {
      // RFC 7162 §3.1.3: a conditional STORE cannot be ignored silently, as a plain one is.
      if (sel.readOnly) return no('CONDSTORE failed: the mailbox is read-only (EXAMINE)');
      enableCondstore(session);
    }
    if (sel.readOnly) return ok('Store ignored with read-only mailbox.');
    const op = m[1] === '+' ? 'add' : m[1] === '-' ? 'remove' : 'set';
    const modified: Message[] = [];
    const changed = session.store.storeFlags(sel.mailbox, messages, op, flags, session, unchangedSince, modified);
    for (const line of sel.keywordLines()) session.untagged(line);
    // Like Dovecot, only messages whose flags actually changed are reported; with CONDSTORE
    // even .SILENT reports the new MODSEQ (RFC 7162 §3.1.3). NOTIFY set without FlagChange for
    // the selected mailbox (RFC 5465) sends no FETCH at all, as Dovecot.
    const silent = !!m[2];
    const tells = !session.notify || session.notify.tellsFlags;
    for (const msg of tells ? changed : []) {
      const head = changeItems(session, msg, uid);
      if (silent && !head.includes('MODSEQ')) continue;
      const seq = sel.seqOfUid(msg.uid);
      session.untagged(`${seq} FETCH (${silent ? head.trimEnd() : head + session.flagsItem(msg)})`);
    }
    // Another session's earlier change to these messages needs no FETCH of its own now: the
    // answer just carried their flags (Dovecot sends one).
    if (!silent && tells) sel.flagsSent(changed);
    if (modified.length) {
      const numbers = modified.map((x) => (uid ? x.uid : sel.seqOfUid(x.uid)));
      return ok('Conditional STORE failed for the messages in MODIFIED: they changed after UNCHANGEDSINCE', `MODIFIED ${compactUidSet(numbers)}`);
    }
    return ok('Store completed.');
  },
};

/** The same STORE where the dialect has CONDSTORE: `(UNCHANGEDSINCE m)` before the item. */
export const STORE_CONDSTORE: CommandSpec = {
  ...STORE,
  syntax: 'STORE sequence-set [(UNCHANGEDSINCE modseq)] [+|-]FLAGS[.SILENT] (flag ...)',
  rfc: 'RFC 3501 §6.4.6, RFC 7162 §3.1.3 (UNCHANGEDSINCE)',
};
