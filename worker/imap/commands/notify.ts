import type { Reader } from '../../wire/parser';
import { readMailbox } from '../names';
import { Notifier } from '../notifier';
import type { ImapSession } from '../session';
import { AUTH, no, ok, type CommandSpec } from '../types';
import { parseFetchItems } from './fetch';

/**
 * NOTIFY (RFC 5465) as Dovecot 2.3 has it: the client names groups of mailboxes and the events
 * it wants to hear about in each; the server then sends them unasked, as they happen.
 *
 *   NOTIFY NONE
 *   NOTIFY SET [STATUS] (filter events) ...
 *
 * For the selected mailbox (SELECTED, or SELECTED-DELAYED which keeps EXPUNGE for a command)
 * the events are RFC 3501's EXISTS, EXPUNGE and FETCH; once NOTIFY is set without them, the
 * selected mailbox says nothing at all. For other mailboxes MessageNew/MessageExpunge send
 * `* STATUS`, MailboxName and SubscriptionChange send `* LIST`.
 */

export const NOTIFY_EVENTS = ['MessageNew', 'MessageExpunge', 'FlagChange', 'AnnotationChange', 'MailboxName', 'SubscriptionChange', 'MailboxMetadataChange', 'ServerMetadataChange'] as const;
/** Events Dovecot 2.3 refuses with NO [BADEVENT …] (RFC 5465 §3.1 lets a server). */
const UNSUPPORTED = new Set(['AnnotationChange', 'MailboxMetadataChange', 'ServerMetadataChange']);
const FILTERS = ['SELECTED', 'SELECTED-DELAYED', 'PERSONAL', 'INBOXES', 'SUBSCRIBED', 'SUBTREE', 'MAILBOXES'] as const;
type FilterKind = (typeof FILTERS)[number];

export interface NotifyFilter {
  kind: FilterKind;
  /** SUBTREE and MAILBOXES: the stored names. */
  names: string[];
  events: Set<string>;
  /** SELECTED's `MessageNew (fetch-att …)`: what to FETCH for each new message. */
  fetch?: string;
}

export interface NotifySpec {
  status: boolean;
  filters: NotifyFilter[];
}

/** Dovecot's wording for any grammar it does not accept here. */
const INVALID = 'Invalid arguments';

/** Reads what follows `NOTIFY`; returns the spec and the events refused as unsupported. */
export function parseNotify(session: ImapSession, args: Reader): { spec: NotifySpec; unsupported: string[] } {
  args.sp();
  const start = args.pos;
  const verb = args.atom().toUpperCase();
  if (verb === 'NONE') {
    args.end();
    return { spec: { status: false, filters: [] }, unsupported: [] };
  }
  if (verb !== 'SET') throw args.error(INVALID, start);
  const spec: NotifySpec = { status: false, filters: [] };
  const unsupported: string[] = [];
  if (!args.atEnd()) {
    const save = args.pos;
    args.sp();
    if (args.tryWord('STATUS')) spec.status = true;
    else args.pos = save;
  }
  while (!args.atEnd()) {
    args.sp();
    if (args.peek() !== 0x28 /* ( */) throw args.error(INVALID);
    args.list(() => {
      const filter = readFilter(session, args);
      args.sp();
      readEvents(session, args, filter, unsupported);
      spec.filters.push(filter);
      return null;
    }, { allowEmpty: false });
  }
  // RFC 5465 §5 and §6.1, and Dovecot's own checks for the selected mailbox.
  const selected = spec.filters.filter((f) => f.kind === 'SELECTED' || f.kind === 'SELECTED-DELAYED');
  if (selected.length > 1) throw args.error('Duplicate selected filter', start);
  for (const f of selected) {
    const nw = f.events.has('MessageNew');
    if (nw !== f.events.has('MessageExpunge')) throw args.error('MessageNew and MessageExpunge must be together', start);
    if (f.events.has('FlagChange') && !nw) throw args.error('FlagChange requires MessageNew and MessageExpunge', start);
  }
  return { spec, unsupported };
}

function readFilter(session: ImapSession, args: Reader): NotifyFilter {
  const start = args.pos;
  const kind = args.atom().toUpperCase() as FilterKind;
  if (!FILTERS.includes(kind)) throw args.error(INVALID, start);
  const names: string[] = [];
  if (kind === 'SUBTREE' || kind === 'MAILBOXES') {
    args.sp();
    if (args.peek() === 0x28) names.push(...args.list(() => readMailbox(session, args), { allowEmpty: false }));
    else names.push(readMailbox(session, args));
  }
  return { kind, names, events: new Set() };
}

function readEvents(session: ImapSession, args: Reader, f: NotifyFilter, unsupported: string[]): void {
  if (args.tryWord('NONE')) return;
  if (args.peek() !== 0x28) throw args.error(INVALID);
  args.list(() => {
    const start = args.pos;
    const word = args.atom();
    const ev = NOTIFY_EVENTS.find((e) => e.toLowerCase() === word.toLowerCase());
    if (!ev) throw args.error(INVALID, start);
    if (UNSUPPORTED.has(ev)) unsupported.push(ev);
    else f.events.add(ev);
    // RFC 5465 §5.2: only the selected mailbox's MessageNew may name FETCH items.
    if (ev === 'MessageNew' && args.peek() === 0x20 && args.peek(1) === 0x28) {
      if (f.kind !== 'SELECTED' && f.kind !== 'SELECTED-DELAYED') throw args.error(INVALID, start);
      args.sp();
      const from = args.pos;
      parseFetchItems(session, args);
      f.fetch = new TextDecoder('latin1').decode(args.bytes.subarray(from, args.pos));
    }
    return null;
  }, { allowEmpty: false });
}

/** RFC 5465 §3.1: NOTIFY NONE / NOTIFY SET [STATUS] (filter events) … */
export const NOTIFY: CommandSpec = {
  name: 'NOTIFY',
  states: AUTH,
  syntax: 'NOTIFY NONE | NOTIFY SET [STATUS] (filter (event ...)) ...',
  rfc: 'RFC 5465 §3.1',
  // Tab completion offers the events this server sends, not those it refuses.
  words: ['SET', 'NONE', 'STATUS', ...FILTERS, ...NOTIFY_EVENTS.filter((e) => !UNSUPPORTED.has(e))],
  run({ session, args }) {
    const { spec, unsupported } = parseNotify(session, args);
    args.end();
    // RFC 5465 §3.1: the events the server cannot send are named; nothing changes.
    // (Dovecot writes the list without the parentheses of RFC 5465's grammar; we follow it.)
    if (unsupported.length) return no('Unsupported NOTIFY events', `BADEVENT ${[...new Set(unsupported)].join(' ')}`);
    const notifier = new Notifier(session, spec);
    session.setNotify(notifier);
    if (spec.status) notifier.initialStatus();
    return ok('NOTIFY completed');
  },
};
