import type { Mailbox } from '../../store/model';
import { entriesUnder, entryNameProblem, mailboxEntries, serverEntryReadOnly, SPECIAL_USE_ENTRY, type MetadataEntries } from '../../store/metadata';
import { StoreError } from '../../store/store';
import type { Reader } from '../../wire/parser';
import { ByteWriter, isAtomText, writeValue } from '../../wire/encode';
import { Atom, atom, type Value } from '../../wire/values';
import { compilePattern, sortedMailboxes } from '../listing';
import { fromWire, mailboxValue } from '../names';
import type { ImapSession } from '../session';
import { wordingOf } from '../wording';
import { AUTH, bad, no, ok, type CommandSpec, type Completion } from '../types';

/**
 * METADATA (RFC 5464): GETMETADATA and SETMETADATA, on the server (mailbox name "") and on
 * each mailbox. Where RFC 5464 leaves room, the answers are Dovecot 2.3's (the rev1 reference):
 * entry names come back in lower case, a requested entry that does not exist comes back as NIL
 * (with DEPTH 1 or infinity only the entries that exist), MAXSIZE leaves long values out and
 * says `[METADATA LONGENTRIES n]`. The store keeps the entries (worker/store/metadata.ts).
 */

type Depth = 0 | 1 | 'infinity';

/** An entry name or a mailbox name as Dovecot writes an astring: an atom when it can be one. */
const astringValue = (s: string): Value => (isAtomText(s) && s.toUpperCase() !== 'NIL' ? atom(s) : s);

/** The bad name's reason as a BAD (RFC 5464 §4.2, §4.3: a malformed entry is a syntax error). */
function checkNames(args: Reader, names: string[]): void {
  for (const n of names) {
    const p = entryNameProblem(n);
    if (p) throw args.error(p);
  }
}

/** The mailbox a command names: null for the server (""), else one that can hold entries. */
function target(session: ImapSession, name: string): Mailbox | null {
  if (name === '') return null;
  session.requireHere(name);
  return session.store.selectable(session.account!, name);
}

/** RFC 5464 §4.2.1/§4.2.2 options: `MAXSIZE n`, `DEPTH 0|1|infinity` (option names in any case). */
function readOptions(args: Reader): { maxSize: number | null; depth: Depth } {
  const items = args.list((r) => r.value());
  let maxSize: number | null = null;
  let depth: Depth = 0;
  const isAtom = (v: Value | undefined): v is Atom | number => v instanceof Atom || typeof v === 'number';
  const text = (v: Atom | number) => (typeof v === 'number' ? String(v) : v.text);
  for (let i = 0; i < items.length; i++) {
    const name = items[i];
    const key = isAtom(name) ? text(name).toUpperCase() : '';
    const v = items[i + 1];
    if (key === 'MAXSIZE') {
      // A 32-bit number (Dovecot's str_to_uint32): 4294967296 is refused.
      if (!isAtom(v) || !/^\d+$/.test(text(v)) || Number(text(v)) > 0xffff_ffff) throw args.error('Invalid value for MAXSIZE option');
      maxSize = Number(text(v));
    } else if (key === 'DEPTH') {
      const d = isAtom(v) ? text(v) : '';
      // The grammar's `"0" / "1" / "infinity"`, matched exactly (Dovecot does not fold the case).
      if (d === '0' || d === '1') depth = Number(d) as 0 | 1;
      else if (d === 'infinity') depth = 'infinity';
      else throw args.error('Invalid value for DEPTH option');
    } else throw args.error('Unknown option');
    i++;
  }
  return { maxSize, depth };
}

/** The `* METADATA mailbox (entry value …)` of one mailbox (or the server), or nothing when no entry qualifies. */
function answer(session: ImapSession, name: string, entries: MetadataEntries, wanted: string[], maxSize: number | null, depth: Depth): number {
  const out: Value[] = [];
  let longest = 0;
  for (const w of wanted) {
    const found = entriesUnder(entries, w, depth);
    // Asked for by name (DEPTH 0) and absent: NIL says so (RFC 5464 §4.2).
    if (depth === 0 && found.length === 0) out.push(astringValue(w), null);
    for (const e of found) {
      const v = entries.get(e)!;
      // RFC 5464 §4.2.1: a value longer than MAXSIZE is left out; the largest such size is reported.
      if (maxSize !== null && v.length > maxSize) {
        longest = Math.max(longest, v.length);
        continue;
      }
      out.push(astringValue(e), v);
    }
  }
  if (!out.length) return longest;
  // Written by hand for one case the encoder has no Value for: a value holding NUL goes out as
  // a literal8 (`~{n}`, RFC 5464 §5 `value = nstring / literal8`), any other as a literal.
  const w = new ByteWriter().text(`${session.prefix} METADATA `);
  writeValue(w, name === '' ? '' : mailboxValue(session, name));
  w.text(' (');
  out.forEach((v, i) => {
    if (i > 0) w.text(' ');
    if (v instanceof Uint8Array && v.includes(0)) w.text(`~{${v.length}}\r\n`).bytes(v);
    else writeValue(w, v);
  });
  session.send(w.text(')\r\n').finish());
  return longest;
}

export const GETMETADATA: CommandSpec = {
  name: 'GETMETADATA',
  states: AUTH,
  syntax: 'GETMETADATA [(MAXSIZE n DEPTH 0|1|infinity)] mailbox (entry ...)',
  rfc: 'RFC 5464 §4.2',
  run({ session, args }) {
    args.sp();
    let options: { maxSize: number | null; depth: Depth } = { maxSize: null, depth: 0 };
    if (args.peek() === 0x28 /* ( */) {
      options = readOptions(args);
      args.sp();
    }
    const { maxSize, depth } = options;
    // A list-mailbox: Dovecot also takes a pattern here (see below).
    const wireName = args.listMailbox('mailbox name');
    args.sp();
    // One entry, or a parenthesised list of them (RFC 5464 §4.2: `entries`).
    const wanted = args.peek() === 0x28 ? args.list((r) => r.astring('entry name')) : [args.astring('entry name')];
    args.end();
    checkNames(args, wanted);
    // Entry names are case-insensitive (RFC 5464 §3.2): asked and answered in lower case.
    const names = wanted.map((n) => n.toLowerCase());
    const acc = session.account!;
    let longest = 0;
    if (wireName === '') longest = answer(session, '', acc.serverMetadata, names, maxSize, depth);
    else if (/[*%]/.test(wireName)) {
      // A pattern instead of a name: RFC 5464's drafts had it and Dovecot still answers it, with
      // one METADATA response per matching mailbox and \Noselect names skipped.
      const match = compilePattern(fromWire(session, wireName));
      for (const mb of sortedMailboxes(acc, (n) => match.test(n))) {
        if (mb.noselect) continue;
        longest = Math.max(longest, answer(session, mb.name, mailboxEntries(mb), names, maxSize, depth));
      }
    } else {
      const mb = target(session, fromWire(session, wireName))!;
      longest = answer(session, mb.name, mailboxEntries(mb), names, maxSize, depth);
    }
    return longest ? ok('Getmetadata completed.', `METADATA LONGENTRIES ${longest}`) : ok('Getmetadata completed.');
  },
};

/** One SETMETADATA value: a string, a literal8, NIL (remove) or, as Dovecot also takes, an atom. */
function readValue(args: Reader): Uint8Array | null {
  const b = args.peek();
  if (b === 0x28 /* ( */) throw args.error("Entry value can't be a list");
  if (b === 0x22 /* " */ || b === 0x7b /* { */) return args.stringBytes('entry value').slice();
  if (b === 0x7e /* ~ */) return args.literal8().slice();
  if (args.tryWord('NIL')) return null;
  return new TextEncoder().encode(args.atom('entry value'));
}

/** The entry/value pairs of SETMETADATA's list (RFC 5464 §4.3). */
function readPairs(args: Reader): Array<[string, Uint8Array | null]> {
  return args.list((r) => {
    const entry = r.astring('entry name');
    if (r.peek() !== 0x20 /* SP */) throw r.error('Entry value missing');
    r.sp();
    if (r.peek() === 0x29 /* ) */) throw r.error('Entry value missing');
    return [entry, readValue(r)] as [string, Uint8Array | null];
  });
}

export const SETMETADATA: CommandSpec = {
  name: 'SETMETADATA',
  states: AUTH,
  syntax: 'SETMETADATA mailbox (entry value ...)',
  rfc: 'RFC 5464 §4.3',
  // A value may be a literal8 (RFC 5464 §5's grammar takes RFC 3516's literal8), as Dovecot takes it.
  literal8: true,
  beforeLiteral({ session, args }, size) {
    // Refused before the client uploads a value: a mailbox that does not exist, a bad entry
    // name ahead of the literal (Dovecot sends no "+ OK" then either), a value over the limit.
    try {
      args.sp();
      if (args.peek() === 0x7b) return null; // the literal is the mailbox name
      const name = fromWire(session, args.astring('mailbox name'));
      args.sp();
      if (args.peek() !== 0x28) return null;
      target(session, name);
      args.char('(');
      for (;;) {
        if (args.peek() === 0x7b) return null; // the literal is an entry name
        const entry = args.astring('entry name');
        const p = entryNameProblem(entry);
        if (p) return bad(wordingOf(session.dialect).badSyntax('SETMETADATA', p, SETMETADATA.syntax));
        args.sp();
        if (args.peek() === 0x7b || (args.peek() === 0x7e && args.peek(1) === 0x7b)) {
          const max = session.store.limits.maxMetadataValueSize;
          return size > max ? no(`Entry value too large (max ${max} octets)`, `METADATA MAXSIZE ${max}`) : null;
        }
        readValue(args);
        args.sp();
      }
    } catch (e) {
      if (e instanceof StoreError) return { status: 'NO', code: e.code ?? undefined, text: e.message } satisfies Completion;
      return null; // anything else is the whole command's to report
    }
  },
  run({ session, args }) {
    args.sp();
    const name = fromWire(session, args.astring('mailbox name'));
    args.sp();
    if (args.peek() !== 0x28) throw args.error('Invalid arguments');
    // The mailbox is opened before its list is read, as on Dovecot: a missing one is a NO.
    const mb = target(session, name);
    const pairs = readPairs(args);
    args.end();
    checkNames(args, pairs.map(([e]) => e));
    const changes = pairs.map(([e, v]): [string, Uint8Array | null] => [e.toLowerCase(), v]);
    // RFC 6154 §4 lets a server take a new special use this way; Dovecot does not, nor do we.
    if (mb && changes.some(([e]) => e === SPECIAL_USE_ENTRY)) return no(`The ${SPECIAL_USE_ENTRY} entry is the mailbox's special use (RFC 6154); it cannot be changed`, 'CANNOT');
    if (!mb) {
      const fixed = changes.find(([e]) => serverEntryReadOnly(e));
      if (fixed) return no(`The ${fixed[0]} server entry is the administrator's to set, not a client's`, 'CANNOT');
    }
    session.store.setMetadata(session.account!, mb, changes);
    return ok('Setmetadata completed.');
  },
};
