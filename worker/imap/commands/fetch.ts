import { binBytes } from '../../mime/bytes';
import { fetchSection, type SectionSpec } from '../../mime/section';
import { formatDateTime } from '../../store/dates';
import { StoreError } from '../../store/store';
import type { Message } from '../../store/model';
import { ByteWriter, writeValue } from '../../wire/encode';
import { ParseError, type Reader, type SequenceSet } from '../../wire/parser';
import { changeItems, condstoreOn, enableCondstore, modseqItem, qresyncOn, readModseq } from '../condstore';
import { vanishedUids, viewChangedSince } from '../qresync';
import { compactUidSet } from '../uidset';
import { bodyStructureOctets, envelopeOctets, headerFieldsOctets, mimeOf } from '../mimecache';
import { binaryLabel, binaryOctets, readBinarySection, type BinaryData, type BinaryItem } from '../binary';
import { messagesIn, readSequenceSet } from '../sequence';
import type { ImapSession } from '../session';
import { PENDING, SELECTED, ok, type CommandSpec, type Completion } from '../types';

/** A BINARY item whose part cannot be decoded ends the FETCH with NO [UNKNOWN-CTE]. */
class BinaryRefused extends StoreError {}

/** One requested FETCH attribute (RFC 3501 §6.4.5 `fetch-att`). */
export type FetchItem =
  | { kind: 'UID' | 'FLAGS' | 'INTERNALDATE' | 'RFC822.SIZE' | 'ENVELOPE' | 'BODYSTRUCTURE' | 'BODY' | 'MODSEQ' }
  | { kind: 'RFC822' | 'RFC822.HEADER' | 'RFC822.TEXT' }
  | { kind: 'section'; peek: boolean; spec: SectionSpec; label: string; partial: [number, number] | null }
  | BinaryItem;

const MACROS: Record<string, string[]> = {
  ALL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE'],
  FAST: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE'],
  FULL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODY'],
};

const SIMPLE = ['UID', 'FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODYSTRUCTURE', 'BODY', 'RFC822', 'RFC822.HEADER', 'RFC822.TEXT'];

/** `[section]` after BODY / BODY.PEEK: part numbers, then HEADER, HEADER.FIELDS(.NOT) (list), TEXT or MIME. */
function readSection(args: Reader): { spec: SectionSpec; label: string } {
  args.char('[');
  const spec: SectionSpec = { part: [] };
  let label = '';
  if (args.peek() !== 0x5d /* ] */) {
    const word = args.keyword('section');
    const pieces = word.split('.');
    let i = 0;
    while (i < pieces.length && /^\d+$/.test(pieces[i])) {
      const n = Number(pieces[i]);
      if (n < 1 && !(n === 0 && pieces.length === 1)) throw args.error('Invalid section part number');
      spec.part.push(n);
      i++;
    }
    const text = pieces.slice(i).join('.');
    if (text) {
      if (!['HEADER', 'HEADER.FIELDS', 'HEADER.FIELDS.NOT', 'TEXT', 'MIME'].includes(text)) throw args.error(`Invalid section ${word}`);
      if (text === 'MIME' && spec.part.length === 0) throw args.error('MIME needs a part number');
      spec.text = text as SectionSpec['text'];
    }
    if (i === 0 && pieces[0] === '') throw args.error('Invalid section');
    label = word;
    if (text === 'HEADER.FIELDS' || text === 'HEADER.FIELDS.NOT') {
      args.sp();
      // Echoed upper-cased as the client wrote each name: an atom stays an atom, a quoted
      // string or a literal comes back quoted (as Dovecot does).
      const fields = args.list(() => {
        const wasString = args.peek() === 0x22 || args.peek() === 0x7b;
        const name = args.astring();
        return { name, shown: wasString ? `"${name.toUpperCase()}"` : name.toUpperCase() };
      });
      if (!fields.length) throw args.error('Empty header list');
      spec.fields = fields.map((f) => f.name);
      label += ` (${fields.map((f) => f.shown).join(' ')})`;
    }
  }
  args.char(']');
  return { spec, label };
}

function readPartial(args: Reader): [number, number] | null {
  if (args.peek() !== 0x3c /* < */) return null;
  args.char('<');
  const origin = args.number();
  args.char('.');
  const count = args.number();
  args.char('>');
  return [origin, count];
}

function readItem(session: ImapSession, args: Reader, items: FetchItem[]): void {
  const start = args.pos;
  const word = args.keyword('fetch attribute');
  // IMAP4rev2 (RFC 9051 §6.4.5): BINARY is part of the base protocol; RFC822* items are gone.
  if (session.dialect.binary && (word === 'BINARY' || word === 'BINARY.PEEK' || word === 'BINARY.SIZE') && args.peek() === 0x5b) {
    const part = readBinarySection(args);
    const size = word === 'BINARY.SIZE';
    // Dovecot reads a partial after BINARY.SIZE too, and ignores it (the size is the whole part's).
    const partial = readPartial(args);
    items.push({ kind: 'binary', peek: word !== 'BINARY', size, part, partial: size ? null : partial });
    return;
  }
  const hint = session.dialect.fetchRemoved?.[word];
  if (hint) throw args.error(`${word} is not part of ${session.dialect.title}: ${hint}`, start);
  if ((word === 'BODY' || word === 'BODY.PEEK') && args.peek() === 0x5b /* [ */) {
    const { spec, label } = readSection(args);
    items.push({ kind: 'section', peek: word === 'BODY.PEEK', spec, label, partial: readPartial(args) });
    return;
  }
  // RFC 7162 §3.1.4: MODSEQ, where the dialect has CONDSTORE.
  if (!SIMPLE.includes(word) && !(word === 'MODSEQ' && session.dialect.condstore)) throw args.error(`Unknown fetch attribute ${word}`);
  items.push({ kind: word as 'UID' });
}

export function parseFetchItems(session: ImapSession, args: Reader): FetchItem[] {
  const items: FetchItem[] = [];
  if (args.peek() === 0x28 /* ( */) {
    args.list(() => readItem(session, args, items));
    if (!items.length) throw args.error('Empty fetch attribute list');
    return items;
  }
  const save = args.pos;
  const word = args.keyword('fetch attribute');
  if (MACROS[word]) {
    for (const k of MACROS[word]) items.push({ kind: k as 'UID' });
    return items;
  }
  args.pos = save;
  readItem(session, args, items);
  return items;
}

const sliceOf = (bytes: Uint8Array, partial: [number, number] | null) =>
  partial ? bytes.subarray(Math.min(partial[0], bytes.length), Math.min(partial[0] + partial[1], bytes.length)) : bytes;

/** `BODY[section]<origin> ` as the response names a section item: made once per command. */
const heads = new WeakMap<FetchItem, string>();
function sectionHead(it: Extract<FetchItem, { kind: 'section' }>): string {
  let head = heads.get(it);
  if (head === undefined) heads.set(it, (head = `BODY[${it.label}]${it.partial ? `<${it.partial[0]}>` : ''} `));
  return head;
}

/** The items with FLAGS added where Dovecot reports a flag change the fetch made (after UID). */
function withFlags(items: FetchItem[]): FetchItem[] {
  const out = [...items];
  out.splice(items[0]?.kind === 'UID' ? 1 : 0, 0, { kind: 'FLAGS' });
  return out;
}

/** Writes `* n FETCH (...)` for one message; `seenNow` says this fetch just set \Seen. */
function writeFetch(w: ByteWriter, session: ImapSession, seq: number, m: Message, items: FetchItem[], seenNow: boolean): void {
  w.text(`* ${seq} FETCH (`);
  // RFC 3501 §6.4.5: a flag change caused by the fetch is reported; Dovecot puts it after UID.
  // (No closure or copy per message here: this runs once per message of a `FETCH 1:*`.)
  const written = seenNow && !items.some((i) => i.kind === 'FLAGS') ? withFlags(items) : items;
  for (let k = 0; k < written.length; k++) {
    const it = written[k];
    const binaryData = it.kind === 'binary' ? binaryOctets(m, it.part) : null;
    if (binaryData && !('octets' in binaryData)) {
      // RFC 3516 §4.2: NO [UNKNOWN-CTE]. Dovecot ends the message's FETCH line with what it
      // wrote so far (or just the UID) before the NO; so do we.
      if (k === 0) w.text(`UID ${m.uid}`);
      w.text(')\r\n');
      throw new BinaryRefused(binaryData.code, binaryData.text);
    }
    if (k > 0) w.text(' ');
    switch (it.kind) {
      case 'UID':
        w.text(`UID ${m.uid}`);
        break;
      case 'FLAGS':
        w.text(session.flagsItem(m));
        break;
      case 'MODSEQ':
        w.text(modseqItem(session, m));
        break;
      case 'INTERNALDATE':
        w.text(`INTERNALDATE "${formatDateTime(m.internalDate, m.zone)}"`);
        break;
      case 'RFC822.SIZE':
        w.text(`RFC822.SIZE ${m.raw.length}`);
        break;
      case 'ENVELOPE':
        w.text('ENVELOPE ').binary(envelopeOctets(m));
        break;
      case 'BODYSTRUCTURE':
        w.text('BODYSTRUCTURE ').binary(bodyStructureOctets(m, true));
        break;
      case 'BODY':
        w.text('BODY ').binary(bodyStructureOctets(m, false));
        break;
      case 'RFC822':
        w.text('RFC822 ');
        writeValue(w, m.raw);
        break;
      case 'RFC822.HEADER':
        w.text('RFC822.HEADER ');
        writeValue(w, fetchSection(m.raw, mimeOf(m), { part: [], text: 'HEADER' }));
        break;
      case 'RFC822.TEXT':
        w.text('RFC822.TEXT ');
        writeValue(w, fetchSection(m.raw, mimeOf(m), { part: [], text: 'TEXT' }));
        break;
      case 'section': {
        const whole = it.spec.part.length === 0;
        w.text(sectionHead(it));
        if (whole && (it.spec.text === 'HEADER.FIELDS' || it.spec.text === 'HEADER.FIELDS.NOT')) {
          const kept = headerFieldsOctets(m, it.spec);
          if (!it.partial) w.text(`{${kept.length}}\r\n`).binary(kept);
          else writeValue(w, sliceOf(binBytes(kept), it.partial));
          break;
        }
        writeValue(w, sliceOf(whole && !it.spec.text ? m.raw : fetchSection(m.raw, mimeOf(m), it.spec), it.partial));
        break;
      }
      case 'binary': {
        const data = binaryData as BinaryData;
        w.text(`${binaryLabel(it)} `);
        if (it.size) w.text(String(data.octets.length));
        else {
          const out = sliceOf(data.octets, it.partial);
          // RFC 3516 §4.3: literal8 (`~{n}`) for octets that may hold NUL; Dovecot uses it for
          // every part it had to decode, and for nothing else.
          if (data.decoded || out.includes(0)) w.text(`~{${out.length}}\r\n`).bytes(out);
          else writeValue(w, out);
        }
        break;
      }
    }
  }
  w.text(')\r\n');
}

/**
 * FETCH responses are gathered over several messages and sent in chunks: one buffer and one
 * send per chunk instead of per message, which is most of what a `FETCH 1:*` of small items
 * costs. The first chunk is small, so the client has something to read at once; each next one
 * is twice as large, up to FETCH_CHUNK_MAX. Few large writes matter over loopback: every write
 * that finds the client waiting wakes it, and a woken client often runs on the server's core
 * and holds it until it has read everything there, so small writes make the two take turns
 * instead of working side by side (Dovecot corks its socket and sends full 64 KiB segments).
 * Measured with imaplib on 10,000 messages (bench/imaplib_rows.py): BODY.PEEK[HEADER.FIELDS]
 * went from 107 writes of 16 KiB to 11, on a busy machine 0.82 of Dovecot's time against 1.01.
 */
const FETCH_CHUNK_FIRST = 16 * 1024;
const FETCH_CHUNK_MAX = 256 * 1024;

/**
 * The order of items in the response, as Dovecot writes them: UID first for UID FETCH (it
 * always returns UID, RFC 3501 §6.4.8), then the items read from the index (FLAGS,
 * INTERNALDATE, RFC822.SIZE, MODSEQ, UID) as asked, then those read from the message itself
 * (ENVELOPE, BODY, BODYSTRUCTURE, body sections, RFC822*, BINARY*) as asked.
 */
function responseOrder(items: FetchItem[], uid: boolean): FetchItem[] {
  const fromIndex = (i: FetchItem) => i.kind === 'UID' || i.kind === 'FLAGS' || i.kind === 'INTERNALDATE' || i.kind === 'RFC822.SIZE' || i.kind === 'MODSEQ';
  const ordered = [...items.filter(fromIndex), ...items.filter((i) => !fromIndex(i))];
  return uid ? [{ kind: 'UID' }, ...ordered.filter((i) => i.kind !== 'UID')] : ordered;
}

function dedupe(items: FetchItem[]): FetchItem[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = i.kind === 'section' ? `${i.peek}|${i.label}|${i.partial}` : i.kind === 'binary' ? `${binaryLabel(i)}|${i.peek}` : i.kind;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const setsSeen = (it: FetchItem) =>
  it.kind === 'RFC822' || it.kind === 'RFC822.TEXT' || (it.kind === 'section' && !it.peek) || (it.kind === 'binary' && !it.peek && !it.size);

/**
 * RFC 7162 `fetch-modifiers` after the items, where the dialect has CONDSTORE:
 * `(CHANGEDSINCE m)` (§3.1.4.1) and, for UID FETCH with QRESYNC on, `VANISHED` (§3.2.6).
 */
function readFetchModifiers(session: ImapSession, args: Reader, uid: boolean): { changedSince?: number; vanished?: boolean } {
  const mods: { changedSince?: number; vanished?: boolean } = {};
  if (!session.dialect.condstore || args.atEnd()) return mods;
  args.sp();
  args.list(() => {
    const start = args.pos;
    const name = args.atom('FETCH modifier').toUpperCase();
    if (name === 'CHANGEDSINCE') {
      args.sp();
      mods.changedSince = readModseq(args, 'CHANGEDSINCE modseq');
    } else if (name === 'VANISHED' && uid) mods.vanished = true;
    else if (name === 'VANISHED') throw args.error('VANISHED is a modifier of UID FETCH only (RFC 7162 §3.2.6)', start);
    else throw args.error(`Unknown FETCH modifier ${name} (RFC 7162 defines CHANGEDSINCE and VANISHED)`, start);
  });
  if (mods.vanished && !qresyncOn(session)) throw args.error('QRESYNC is not enabled: send ENABLE QRESYNC first (RFC 7162 §3.2.6)');
  if (mods.vanished && mods.changedSince === undefined) throw args.error('VANISHED needs CHANGEDSINCE (RFC 7162 §3.2.6)');
  return mods;
}

/**
 * The messages of `set` changed after `since`, in message-number order, found through the
 * store's modseq index rather than by reading every message (a 10,000-message mailbox with
 * 100 changes costs about 100 lookups).
 */
function changedIn(session: ImapSession, set: SequenceSet, byUid: boolean, since: number): Message[] {
  const view = session.selected!.messages;
  if (!byUid) messagesInRange(set, view.length); // BAD for numbers past the mailbox, as without CHANGEDSINCE
  const ranges = set.resolve(byUid ? (view.length ? view[view.length - 1].uid : 0) : view.length);
  const inSet = (n: number) => {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (n < ranges[mid][0]) hi = mid - 1;
      else if (n > ranges[mid][1]) lo = mid + 1;
      else return true;
    }
    return false;
  };
  return viewChangedSince(session, since)
    .filter(({ m, seq }) => inSet(byUid ? m.uid : seq))
    .map(({ m }) => m);
}

/** Message numbers beyond the mailbox are an error (as messagesIn says, without building the list). */
function messagesInRange(set: SequenceSet, count: number): void {
  if (!count) throw new ParseError('Invalid messageset', 0);
  for (const [lo, hi] of set.resolve(count)) if (lo < 1 || hi > count) throw new ParseError('Invalid messageset', 0);
}

export const FETCH: CommandSpec = {
  name: 'FETCH',
  states: SELECTED,
  syntax: 'FETCH sequence-set (item ...) | ALL | FAST | FULL [(CHANGEDSINCE modseq [VANISHED])]',
  rfc: 'RFC 3501 §6.4.5, RFC 7162 §3.1.4 (MODSEQ, CHANGEDSINCE), §3.2.6 (VANISHED)',
  holdsExpunges: true,
  run({ session, tag, args, uid }) {
    args.sp();
    const set = readSequenceSet(session, args, uid);
    args.sp();
    let items = parseFetchItems(session, args);
    const mods = readFetchModifiers(session, args, uid);
    args.end();
    if (mods.changedSince !== undefined || items.some((i) => i.kind === 'MODSEQ')) enableCondstore(session);
    let messages: Message[];
    if (mods.changedSince === undefined) messages = messagesIn(session, set, uid);
    else {
      // RFC 7162 §3.1.4.1: only messages changed since, each with its MODSEQ.
      if (!items.some((i) => i.kind === 'MODSEQ')) items.push({ kind: 'MODSEQ' });
      messages = changedIn(session, set, uid, mods.changedSince);
      if (mods.vanished) {
        const sel = session.selected!;
        // `*` reaches the last UID ever given, so an emptied mailbox still reports its expunges.
        const range = set.resolve(Math.max(1, sel.mailbox.uidNext - 1));
        const gone = vanishedUids(session, sel.mailbox, mods.changedSince, range);
        if (gone.length) session.untagged(`VANISHED (EARLIER) ${compactUidSet(gone)}`);
      }
    }
    items = responseOrder(dedupe(items), uid);
    const marksSeen = !session.selected!.readOnly && items.some(setsSeen);
    return new FetchRun(session, tag, uid, messages, items, marksSeen).write(true);
  },
};

/**
 * Writes a FETCH's responses message by message. If the client falls behind in reading (the
 * bridge's flow control), the rest waits until its output drains, so `FETCH 1:* BODY[]` of a
 * big mailbox is not all buffered at once. Only the first stretch counts against the work
 * budget: the rest is paced by the client. (A class rather than closures: one FETCH is often
 * one message, and what a command allocates is most of its cost then.)
 */
class FetchRun {
  private i = 0;
  private w: ByteWriter;
  /** The size at which the current chunk is sent. */
  private chunk = FETCH_CHUNK_FIRST;
  /** Where in the view the next message probably is (the previous one's sequence number). */
  private seqHint = 0;
  /** Messages this FETCH marked \Seen (RFC 3501 §6.4.5). */
  private seen: Message[] = [];

  constructor(
    private session: ImapSession,
    private tag: string,
    private uid: boolean,
    private messages: Message[],
    private items: FetchItem[],
    private marksSeen: boolean,
  ) {
    this.w = new ByteWriter(this.capacity());
  }

  /** Sized for what is coming (a one-message FETCH should not clear 17 KiB); grows as needed. */
  private capacity(): number {
    return Math.min(this.chunk + 1024, 256 * (this.messages.length - this.i) + 64);
  }

  private send(): void {
    if (!this.w.length) return;
    this.session.send(this.w.finish(false));
    this.chunk = Math.min(this.chunk * 2, FETCH_CHUNK_MAX);
    this.w = new ByteWriter(this.capacity());
  }

  write(budgeted: boolean): Completion | typeof PENDING {
    const { session, messages } = this;
    while (this.i < messages.length) {
      const sel = session.selected;
      if (!sel || session.isClosed) return PENDING; // the connection ended meanwhile
      const mark = this.w.length;
      try {
        if (budgeted) session.checkBudget();
        const m = messages[this.i++];
        let seenNow = false;
        if (this.marksSeen && !m.flags.has('\\Seen')) {
          session.store.storeFlags(sel.mailbox, [m], 'add', ['\\Seen'], session);
          seenNow = true;
          this.seen.push(m);
        }
        // Messages come in mailbox order, so the next one is usually at the next position.
        const seq = sel.messages[this.seqHint] === m ? this.seqHint + 1 : sel.seqOfUid(m.uid);
        this.seqHint = seq;
        writeFetch(this.w, session, seq, m, this.items, seenNow);
      } catch (e) {
        // The responses completed so far still go out, before the NO that ends the command
        // (and a FETCH line a BINARY refusal closed early, as Dovecot sends it).
        if (!(e instanceof BinaryRefused)) this.w.truncate(mark);
        this.send();
        throw e;
      }
      if (this.w.length >= this.chunk) {
        this.send();
        if (this.i < messages.length && session.pauseOutput(() => this.resume())) return PENDING;
      }
    }
    this.send();
    // RFC 7162 §3.1.4: the \Seen this FETCH set is a change; with CONDSTORE the client hears
    // its new MODSEQ after the data (as Dovecot sends it).
    if (condstoreOn(session) && session.selected) {
      const sel = session.selected;
      for (const m of this.seen) session.untagged(`${sel.seqOfUid(m.uid)} FETCH (${changeItems(session, m, !!session.dialect.unsolicitedUid).trimEnd()})`);
    }
    return ok('Fetch completed.');
  }

  private resume(): void {
    const r = this.write(false);
    // RFC 3501 §7.4.1: only UID FETCH may be answered with EXPUNGEs.
    if (r !== PENDING) this.session.finish(this.tag, r, this.uid, false);
  }
}
