import type { Mailbox } from '../store/model';
import { HIERARCHY_DELIMITER } from '../store/model';
import type { AccountEvent } from '../store/store';
import { Reader } from '../wire/parser';
import { atom, type Value } from '../wire/values';
import { FETCH } from './commands/fetch';
import type { NotifyFilter, NotifySpec } from './commands/notify';
import { knownStatusItems, statusValues } from './commands/status';
import { mailboxValue } from './names';
import { PUSH_COALESCE_MS, type ImapSession } from './session';
import type { SelectedMailbox } from './tracker';

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
  private touched = new Set<Mailbox>();
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
        if (this.touched.has(mailbox)) return;
        this.touched.add(mailbox);
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
    for (const mb of this.touched) {
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
    }, PUSH_COALESCE_MS);
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


/** A STATUS line with the values of now, written later. */
function captureStatus(session: ImapSession, mb: Mailbox, items: string[]): () => void {
  const known = knownStatusItems(session);
  const values = [mailboxValue(session, mb.name), statusValues(session, mb, items.filter((i) => known.includes(i)))];
  return () => session.untaggedValues('STATUS', values);
}
