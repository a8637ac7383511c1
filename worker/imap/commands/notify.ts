import type { Mailbox } from '../../store/model';
import { HIERARCHY_DELIMITER } from '../../store/model';
import type { AccountEvent } from '../../store/store';
import { Reader } from '../../wire/parser';
type ReaderT = Reader;
import { atom, type Value } from '../../wire/values';
import { mailboxValue, readMailbox } from '../names';
import type { ImapSession } from '../session';
import type { SelectedMailbox } from '../tracker';
import { AUTH, no, ok, type CommandSpec } from '../types';
import { FETCH, parseFetchItems } from './fetch';
import { knownStatusItems, statusValues } from './status';

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
export function parseNotify(session: ImapSession, args: ReaderT): { spec: NotifySpec; unsupported: string[] } {
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

function readFilter(session: ImapSession, args: ReaderT): NotifyFilter {
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

function readEvents(session: ImapSession, args: ReaderT, f: NotifyFilter, unsupported: string[]): void {
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

/** Which filter (other than the selected mailbox's) covers a mailbox name, if any. */
function coveringFilter(session: ImapSession, spec: NotifySpec, name: string): NotifyFilter | undefined {
  const acc = session.account!;
  return spec.filters.find((f) => {
    switch (f.kind) {
      case 'PERSONAL':
        return true;
      case 'INBOXES':
        return name === 'INBOX';
      case 'SUBSCRIBED':
        return acc.subscriptions.has(name);
      case 'SUBTREE':
        return f.names.some((n) => name === n || name.startsWith(n + HIERARCHY_DELIMITER));
      case 'MAILBOXES':
        return f.names.includes(name);
      default:
        return false;
    }
  });
}

/**
 * A session's NOTIFY: watches the account, turns what happens into responses, and sends them
 * unasked (gathered for a moment, as IDLE does) or before the next command's own output.
 */
export class Notifier {
  private unwatch: () => void;
  private lines: Array<() => void> = [];
  /** Mailboxes whose messages changed in this turn of the event loop: one STATUS each. */
  private touched = new Map<Mailbox, { news: boolean; expunges: boolean }>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private selectedTouched = false;

  constructor(
    private readonly session: ImapSession,
    readonly spec: NotifySpec,
  ) {
    this.unwatch = session.store.watchAccount(session.account!, (ev) => this.hear(ev));
  }

  /** The filter for the selected mailbox (SELECTED or SELECTED-DELAYED), if any. */
  get selectedFilter(): NotifyFilter | undefined {
    return this.spec.filters.find((f) => f.kind === 'SELECTED' || f.kind === 'SELECTED-DELAYED');
  }

  /** Whether flag changes of the selected mailbox are to be told (FETCH FLAGS, also STORE's own). */
  get tellsFlags(): boolean {
    return this.selectedFilter?.events.has('FlagChange') ?? false;
  }

  /** NOTIFY SET STATUS: the STATUS of every covered mailbox but the selected one, now. */
  initialStatus(): void {
    const acc = this.session.account!;
    for (const mb of [...acc.mailboxes.values()].sort((a, b) => (a.name === 'INBOX' ? -1 : b.name === 'INBOX' ? 1 : a.name < b.name ? -1 : 1))) {
      if (mb.noselect || mb === this.session.selected?.mailbox) continue;
      const f = coveringFilter(this.session, this.spec, mb.name);
      if (!f || !(f.events.has('MessageNew') || f.events.has('MessageExpunge') || f.events.has('FlagChange'))) continue;
      // FlagChange's starting point is HIGHESTMODSEQ (RFC 5465 §5.1), where STATUS knows it (CONDSTORE).
      this.status(mb, ['MESSAGES', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', ...(f.events.has('FlagChange') ? ['HIGHESTMODSEQ'] : [])]);
    }
  }

  private status(mb: Mailbox, items: string[]): void {
    captureStatus(this.session, mb, items)();
  }

  private list(attrs: string[], name: string, oldName?: string): void {
    const s = this.session;
    const values: Value[] = [attrs.map(atom), HIERARCHY_DELIMITER, mailboxValue(s, name)];
    // RFC 5465 §5.4: a rename names the old mailbox in an OLDNAME extension (RFC 5258 §3.5).
    if (oldName !== undefined) values.push(['OLDNAME', [mailboxValue(s, oldName)]]);
    this.lines.push(() => s.untaggedValues('LIST', values));
  }

  private hear(ev: AccountEvent): void {
    const s = this.session;
    switch (ev.kind) {
      case 'messages': {
        const { mailbox, event } = ev;
        if (mailbox === s.selected?.mailbox) {
          if (this.selectedFilter) {
            this.selectedTouched = true;
            this.schedule();
          }
          return;
        }
        const f = coveringFilter(s, this.spec, mailbox.name);
        if (!f) return;
        const news = event.kind === 'exists' && f.events.has('MessageNew');
        const expunges = event.kind === 'expunge' && f.events.has('MessageExpunge');
        // FlagChange outside the selected mailbox needs HIGHESTMODSEQ (CONDSTORE), as on Dovecot.
        if (!news && !expunges) return;
        const t = this.touched.get(mailbox);
        if (t) {
          t.news ||= news;
          t.expunges ||= expunges;
          return;
        }
        this.touched.set(mailbox, { news, expunges });
        // One STATUS per mailbox for what one command did (a COPY of many, an EXPUNGE of many).
        queueMicrotask(() => this.settleTouched());
        return;
      }
      case 'created':
      case 'deleted':
      case 'renamed': {
        const name = ev.kind === 'renamed' ? ev.to : ev.name;
        const f = coveringFilter(s, this.spec, name) ?? (ev.kind === 'renamed' ? coveringFilter(s, this.spec, ev.from) : undefined);
        if (!f?.events.has('MailboxName')) return;
        if (ev.kind === 'renamed') this.list([], ev.to, ev.from);
        else this.list(ev.kind === 'deleted' ? ['\\NonExistent'] : [], name);
        this.schedule();
        return;
      }
      case 'subscription': {
        const f = coveringFilter(s, this.spec, ev.name);
        if (!f?.events.has('SubscriptionChange')) return;
        this.list(ev.subscribed ? ['\\Subscribed'] : [], ev.name);
        this.schedule();
        return;
      }
    }
  }

  private settleTouched(): void {
    if (!this.touched.size) return;
    for (const [mb] of this.touched) {
      const live = this.session.account!.mailboxes.get(mb.name) === mb;
      // The values once the command is done (Dovecot: MESSAGES UIDNEXT UNSEEN), taken now:
      // a later change gets its own line.
      if (live) this.lines.push(captureStatus(this.session, mb, ['MESSAGES', 'UIDNEXT', 'UNSEEN']));
    }
    this.touched.clear();
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.deliver();
    }, PUSH_DELAY_MS);
  }

  /** Sends what is waiting: before a command's own output, or when the push timer fires. */
  deliver(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const s = this.session;
    this.settleTouched();
    if (this.selectedTouched && s.selected) {
      this.selectedTouched = false;
      // SELECTED-DELAYED keeps EXPUNGE for a command (RFC 5465 §6.1); SELECTED sends it now.
      s.flushUpdates(this.selectedFilter?.kind === 'SELECTED');
    }
    const lines = this.lines;
    this.lines = [];
    for (const l of lines) l();
  }

  /** Per selection: the first UID not yet FETCHed for MessageNew (from UIDNEXT at SELECT). */
  private fetchedBelow = new WeakMap<SelectedMailbox, number>();

  /**
   * SELECTED's `MessageNew (fetch-att …)`, after new messages were announced: the items for
   * every message that arrived since the last such FETCH, those the silent mailbox took in
   * without a word included (as Dovecot does).
   */
  fetchNew(announced: number): void {
    const att = this.selectedFilter?.fetch;
    const sel = this.session.selected;
    if (!att || !sel || !announced) return;
    const from = this.fetchedBelow.get(sel) ?? sel.uidNextAtSelect;
    const seqs: number[] = [];
    sel.messages.forEach((m, i) => {
      if (m.uid >= from) seqs.push(i + 1);
    });
    this.fetchedBelow.set(sel, sel.messages.length ? sel.messages[sel.messages.length - 1].uid + 1 : from);
    if (seqs.length) FETCH.run({ session: this.session, tag: '*', name: 'FETCH', uid: false, args: new Reader(` ${seqs.join(',')} ${att}`) });
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.unwatch();
  }
}

/** How long events are gathered before they are pushed (as IDLE's coalescing). */
const PUSH_DELAY_MS = 25;

/** A STATUS line with the values of now, written later. */
function captureStatus(session: ImapSession, mb: Mailbox, items: string[]): () => void {
  const known = knownStatusItems(session);
  const values = [mailboxValue(session, mb.name), statusValues(session, mb, items.filter((i) => known.includes(i)))];
  return () => session.untaggedValues('STATUS', values);
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
    session.setNotify(spec);
    if (spec.status) session.notify!.initialStatus();
    return ok('NOTIFY completed');
  },
};
