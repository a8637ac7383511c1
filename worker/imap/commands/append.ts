import { toCrlf } from '../../store/load';
import { condstoreOn } from '../condstore';
import { StoreError } from '../../store/store';
import { checkQuota } from '../../store/quota';
import { parseMessage } from '../../mime/parse';
import { concatBytes } from '../../mime/bytes';
import { MAX_APPEND_PARTS, MAX_APPEND_SIZE, MAX_LITERAL_SIZE } from '../../limits';
import { readFlags } from '../flagargs';
import { readMailbox } from '../names';
import { encodeBinaryParts } from '../binary';
import { BadUrl, fetchUrl } from '../imapurl';
import type { Reader } from '../../wire/parser';
import type { ImapSession } from '../session';
import { AUTH, no, ok, type CommandSpec, type Completion } from '../types';

/**
 * APPEND (RFC 3501 §6.3.11) with the extensions that change what one APPEND carries:
 *
 *   append         = "APPEND" SP mailbox 1*append-message          ; MULTIAPPEND, RFC 3502
 *   append-message = [SP flag-list] [SP date-time] SP append-data
 *   append-data    = literal / literal8 / "CATENATE" SP "(" cat-part *(SP cat-part) ")"
 *   cat-part       = "URL" SP astring / "TEXT" SP (literal / literal8)  ; CATENATE, RFC 4469
 *
 * literal8 (`~{n}`, RFC 3516) only where the dialect has BINARY. The whole command is read
 * and checked before anything is stored, so it is all or nothing (RFC 3502 §6.3.11): one bad
 * message, date, flag or URL and no message of the command is appended.
 */
interface AppendMessage {
  flags: string[];
  when: [number, number] | null;
  /** A message literal, or the parts of a CATENATE. */
  data: { literal: Uint8Array; literal8: boolean } | { catenate: CatPart[] };
}

/** A CATENATE part; `at` is where a URL stands in the command (to check each URL only once early). */
type CatPart = { text: Uint8Array; literal8: boolean } | { url: string; at: number };

interface ParsedAppend {
  name: string;
  messages: AppendMessage[];
  /**
   * Set when reading stopped at the literal header a client just announced (beforeLiteral):
   * what that literal will be.
   */
  pending: null | 'message' | 'text';
  /** Where the last literal read ended: URLs after it are new since the last literal header. */
  lastLiteralEnd: number;
}

/** Whether the rest of the input is just a literal header, the one being announced. */
const atAnnouncedLiteral = (args: Reader) =>
  args.length - args.pos <= 32 && /^~?\{\d+\+?\}$/.test(new TextDecoder().decode(args.bytes.subarray(args.pos)));

/**
 * A message or TEXT literal: `{n}` or, with BINARY, `~{n}`. Before a later literal (`announced`)
 * the octets are not looked at again (the NUL check waits for the complete command), so the
 * checks before each literal cost the number of arguments, not the octets uploaded so far.
 */
function readLiteralData(session: ImapSession, args: Reader, announced: boolean): { bytes: Uint8Array; literal8: boolean } {
  if (args.peek() === 0x7e /* ~ */ && session.dialect.binary) return { bytes: args.literal8(), literal8: true };
  return { bytes: args.literalBytes({ what: 'message literal', allowNul: announced }), literal8: false };
}

/** Reads the whole APPEND; with `announced`, stops at the trailing literal header instead. */
function readAppend(session: ImapSession, args: Reader, announced: boolean): ParsedAppend {
  args.sp();
  const name = readMailbox(session, args);
  const messages: AppendMessage[] = [];
  const multi = session.dialect.multiAppend === true;
  let lastLiteralEnd = 0;
  let count = 0;
  const counted = () => {
    if (++count > MAX_APPEND_PARTS) throw new StoreError('LIMIT', `Too many messages and CATENATE parts in one APPEND: this server takes at most ${MAX_APPEND_PARTS}`);
  };
  do {
    counted();
    args.sp();
    let flags: string[] = [];
    if (args.peek() === 0x28 /* ( */) {
      const start = args.pos;
      flags = readFlags(args, false);
      // A dialect older than \Draft (IMAP2bis) does not take it (nor any system flag it lacks).
      const system = session.dialect.systemFlags;
      const unknown = system && flags.find((f) => f.startsWith('\\') && !system.includes(f));
      if (unknown) throw args.error(`Invalid system flag ${unknown}`, start, 'system-flag');
      args.sp();
    }
    let when: [number, number] | null = null;
    if (args.peek() === 0x22 /* " */) {
      const dt = session.dialect.appendDate?.(args) ?? args.dateTime();
      when = [dt.time, dt.zone];
      args.sp();
    }
    if (announced && atAnnouncedLiteral(args)) return { name, messages, pending: 'message', lastLiteralEnd };
    if (session.dialect.catenate && args.tryWord('CATENATE')) {
      args.sp();
      const parts: CatPart[] = [];
      try {
        args.list(
          () => {
            counted();
            const kind = args.atom('CATENATE part (TEXT or URL)').toUpperCase();
            args.sp();
            if (kind === 'URL') return parts.push({ at: args.pos, url: args.astring('URL') });
            if (kind !== 'TEXT') throw args.error(`Unknown CATENATE part ${kind}: expected TEXT or URL`);
            if (announced && atAnnouncedLiteral(args)) throw STOP;
            const { bytes, literal8 } = readLiteralData(session, args, announced);
            lastLiteralEnd = args.pos;
            return parts.push({ text: bytes, literal8 });
          },
          { what: 'CATENATE list', allowEmpty: false },
        );
      } catch (e) {
        if (e !== STOP) throw e;
        // The announced literal is a TEXT part: what came before it is what can be checked.
        messages.push({ flags, when, data: { catenate: parts } });
        return { name, messages, pending: 'text', lastLiteralEnd };
      }
      messages.push({ flags, when, data: { catenate: parts } });
    } else {
      const { bytes, literal8 } = readLiteralData(session, args, announced);
      lastLiteralEnd = args.pos;
      messages.push({ flags, when, data: { literal: bytes, literal8 } });
    }
  } while (multi && !args.atEnd());
  return { name, messages, pending: null, lastLiteralEnd };
}

/** Thrown out of the CATENATE list when it reaches the announced TEXT literal. */
const STOP = new Error('stop');

function target(session: ImapSession, name: string) {
  const mb = session.store.mailbox(session.account!, name);
  if (!mb || mb.noselect) throw new StoreError('TRYCREATE', `Mailbox doesn't exist: ${name}`);
  return mb;
}

const ZERO = no('Can\'t save a zero byte message.');

const tooBig = (what: string, limit: number) => no(`${what} is too big: this server takes at most ${limit} octets`, 'TOOBIG');

/** The octets of one message: its literal, or its CATENATE parts put together. */
function messageOctets(session: ImapSession, m: AppendMessage): Uint8Array {
  if ('literal' in m.data) {
    const { literal, literal8 } = m.data;
    // Bare LF becomes CRLF on the way in, so the stored octets are what FETCH serves and
    // RFC822.SIZE counts. A literal8's binary parts are stored base64-encoded (as Dovecot
    // does), so BODY[] stays 7-bit and only BINARY gives the raw octets back.
    return literal8 ? toCrlf(encodeBinaryParts(literal, parseMessage(literal))) : toCrlf(literal.slice());
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (const p of m.data.catenate) {
    const bytes = 'url' in p ? urlOctets(session, p.url) : p.literal8 ? p.text.slice() : toCrlf(p.text.slice());
    size += bytes.length;
    if (size > MAX_LITERAL_SIZE) throw new StoreError('TOOBIG', `CATENATE result is too big: this server takes messages of at most ${MAX_LITERAL_SIZE} octets`);
    chunks.push(bytes);
  }
  const whole = concatBytes(chunks);
  // A TEXT part sent as literal8 may carry a `binary` part: stored like a literal8 message.
  return m.data.catenate.some((p) => 'text' in p && p.literal8) ? encodeBinaryParts(whole, parseMessage(whole)) : whole;
}

function urlOctets(session: ImapSession, url: string): Uint8Array {
  try {
    return fetchUrl(session, url);
  } catch (e) {
    if (e instanceof BadUrl) throw new StoreError(`BADURL ${url}`, e.message);
    throw e;
  }
}

/** RFC 3502 §6.3.11 / RFC 4315: the UIDs of the messages appended, `7` or `7:9`. */
const uidRange = (first: number, last: number) => (first === last ? `${first}` : `${first}:${last}`);

export const APPEND: CommandSpec = {
  name: 'APPEND',
  states: AUTH,
  syntax: 'APPEND mailbox [(flag ...)] ["dd-Mon-yyyy hh:mm:ss +zzzz"] {size} [...more messages] | CATENATE (TEXT {size} URL "/mailbox/;UID=n" ...)',
  rfc: 'RFC 3501 §6.3.11, RFC 3502, RFC 4469, RFC 3516',
  literal8: true,
  beforeLiteral({ session, args }, size) {
    // A literal right after APPEND is the mailbox name itself: nothing to check yet.
    const save = args.pos;
    args.sp();
    if (args.peek() === 0x7b /* { */ && atAnnouncedLiteral(args)) return null;
    args.pos = save;
    const head = readAppend(session, args, true);
    const mb = target(session, head.name);
    if (size === 0 && head.pending === 'message') return ZERO;
    // The octets uploaded so far and this literal; URLs are counted when the command is complete.
    let total = size;
    for (const m of head.messages) {
      if ('literal' in m.data) total += m.data.literal.length;
      else
        for (const p of m.data.catenate) {
          if ('text' in p) total += p.text.length;
          // A URL given since the last literal that cannot be resolved fails the command
          // before more is uploaded (each URL is looked at once here, however many literals follow).
          else if (p.at > head.lastLiteralEnd) urlOctets(session, p.url);
        }
    }
    if (size > MAX_LITERAL_SIZE) return tooBig('The message', MAX_LITERAL_SIZE);
    if (total > MAX_APPEND_SIZE) return tooBig('This APPEND', MAX_APPEND_SIZE);
    // Over quota: refused before the upload (RFC 9208 §4.3 allows NO [OVERQUOTA] here).
    checkQuota(session.store, session.account!, mb, head.messages.length + (head.pending === 'message' ? 1 : 0), total);
    return null;
  },
  run({ session, args }) {
    const { name, messages } = readAppend(session, args, false);
    args.end();
    const mb = target(session, name);
    const octets: Uint8Array[] = [];
    let total = 0;
    for (const m of messages) {
      if ('literal' in m.data && m.data.literal.length === 0) return ZERO;
      const bytes = messageOctets(session, m);
      total += bytes.length;
      if (total > MAX_APPEND_SIZE) return tooBig('This APPEND', MAX_APPEND_SIZE);
      octets.push(bytes);
    }
    checkQuota(session.store, session.account!, mb, octets.length, total);
    // A CONDSTORE session's change is made with modseqs kept (as Dovecot's index does).
    if (condstoreOn(session)) session.store.trackModseqs(mb);
    let first = 0;
    let last = 0;
    messages.forEach((m, i) => {
      const msg = session.store.append(mb, octets[i], m.flags, m.when ? m.when[0] : Date.now(), m.when ? m.when[1] : 0);
      if (i === 0) first = msg.uid;
      last = msg.uid;
    });
    return ok('Append completed.', `APPENDUID ${mb.uidValidity} ${uidRange(first, last)}`) satisfies Completion;
  },
};
