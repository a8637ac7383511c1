import { StoreError } from '../../store/store';
import { checkQuota } from '../../store/quota';
import { readMailbox } from '../names';
import { messagesIn, readSequenceSet } from '../sequence';
import { compactUidSet } from '../uidset';
import { condstoreOn } from '../condstore';
import { SELECTED, no, ok, type CommandSpec } from '../types';

/** COPY (RFC 3501 §6.4.7) and MOVE (RFC 6851), with COPYUID (RFC 4315 UIDPLUS). */
function copySpec(name: 'COPY' | 'MOVE', rfc: string): CommandSpec {
  return {
    name,
    states: SELECTED,
    syntax: `${name} sequence-set mailbox`,
    rfc,
    run({ session, args, uid }) {
      args.sp();
      const set = readSequenceSet(session, args, uid);
      args.sp();
      const target = readMailbox(session, args);
      args.end();
      const sel = session.selected!;
      const messages = messagesIn(session, set, uid);
      const dest = session.store.mailbox(session.account!, target);
      if (!dest || dest.noselect) throw new StoreError('TRYCREATE', `Mailbox doesn't exist: ${target}`);
      if (name === 'MOVE' && sel.readOnly) return no('Mailbox is read-only.', 'READ-ONLY');
      if (!messages.length) return ok(name === 'COPY' ? 'No messages found.' : 'No messages found.');
      // MOVE within the account adds no octets, but the destination still gains messages.
      let bytes = 0;
      if (name === 'COPY') for (const m of messages) bytes += m.raw.length;
      checkQuota(session.store, session.account!, dest, messages.length, bytes);
      // A CONDSTORE session's change is made with modseqs kept in the target (as Dovecot's index does).
      if (condstoreOn(session)) session.store.trackModseqs(dest);
      const pairs = session.store.copy(messages, dest);
      const code = `COPYUID ${dest.uidValidity} ${compactUidSet(pairs.map((p) => p[0]))} ${compactUidSet(pairs.map((p) => p[1]))}`;
      if (name === 'COPY') return ok('Copy completed.', code);
      // RFC 6851 §4.3: COPYUID comes untagged, before the EXPUNGEs.
      session.untagged(`OK [${code}] Moved UIDs.`);
      session.store.expunge(sel.mailbox, new Set(messages.map((m) => m.uid)));
      return ok('Move completed.');
    },
  };
}

export const COPY = copySpec('COPY', 'RFC 3501 §6.4.7, RFC 4315 §3');
export const MOVE = copySpec('MOVE', 'RFC 6851 §3.1');
