import { fetchSection, parseSection, type SectionSpec } from '../mime/section';
import type { Message } from '../store/model';
import { isInbox } from '../wire/parser';
import { fromWire } from './names';
import { mimeOf } from './mimecache';
import type { ImapSession } from './session';

/**
 * IMAP URLs of messages on this server (RFC 5092), as CATENATE (RFC 4469 §3) takes them: the
 * relative forms only, resolved against the session's own server and user, as Dovecot does
 * (an absolute `imap://…` URL it refuses: "Relative URL required").
 *
 *   /mailbox[;UIDVALIDITY=n]/;UID=n[/;SECTION=section][/;PARTIAL=origin[.length]]
 *
 * The leading `/` may be left out. Parameter names are case-insensitive; the mailbox and the
 * section are %-encoded (RFC 5092 §9 `enc-mailbox`, `enc-section`). URL-PARTIAL (RFC 5550)
 * gives the `;PARTIAL=` part.
 */
export interface ImapUrl {
  mailbox: string;
  uidValidity: number | null;
  uid: number;
  section: SectionSpec | null;
  partial: [number, number | undefined] | null;
}

/** A URL CATENATE cannot use: `NO [BADURL url] why` (RFC 4469 §4). */
export class BadUrl extends Error {}

const invalid = (why: string) => new BadUrl(`Invalid IMAP URL: ${why}`);

function percentDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw invalid('Invalid %-encoding');
  }
}

const NUMBER = /^[0-9]{1,10}$/;

/** Reads a relative IMAP URL; throws BadUrl saying what is wrong with it. */
export function parseImapUrl(url: string): ImapUrl {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) throw invalid('Relative URL required');
  const path = url.startsWith('/') ? url.slice(1) : url;
  const pieces = path.split('/;');
  const [mailboxPart, ...params] = pieces;
  if (!mailboxPart) throw invalid('Mailbox name missing');
  const semi = mailboxPart.indexOf(';');
  const mailbox = percentDecode(semi < 0 ? mailboxPart : mailboxPart.slice(0, semi));
  let uidValidity: number | null = null;
  if (semi >= 0) {
    const m = /^;UIDVALIDITY=(.*)$/i.exec(mailboxPart.slice(semi));
    if (!m || !NUMBER.test(m[1]) || Number(m[1]) === 0 || Number(m[1]) > 0xffffffff) throw invalid('Invalid UIDVALIDITY');
    uidValidity = Number(m[1]);
  }
  let uid: number | null = null;
  let section: SectionSpec | null = null;
  let partial: ImapUrl['partial'] = null;
  for (const p of params) {
    const eq = p.indexOf('=');
    const key = (eq < 0 ? p : p.slice(0, eq)).toUpperCase();
    const value = eq < 0 ? '' : p.slice(eq + 1);
    if (key === 'UID' && uid === null && section === null && partial === null) {
      if (!NUMBER.test(value) || Number(value) > 0xffffffff) throw invalid('Invalid UID');
      uid = Number(value);
      if (uid === 0) throw invalid('UID cannot be zero');
    } else if (key === 'SECTION' && uid !== null && section === null && partial === null) {
      section = parseSection(percentDecode(value));
      if (!section) throw invalid(`Invalid section ${value}`);
    } else if (key === 'PARTIAL' && uid !== null && partial === null) {
      const m = /^([0-9]{1,10})(?:\.([0-9]{1,10}))?$/.exec(value);
      if (!m || (m[2] !== undefined && Number(m[2]) === 0)) throw invalid('Invalid PARTIAL');
      partial = [Number(m[1]), m[2] === undefined ? undefined : Number(m[2])];
    } else throw invalid(`Unexpected ;${key}`);
  }
  if (uid === null) throw invalid('Message UID missing (this server takes URLs of messages only)');
  return { mailbox: isInbox(mailbox) ? 'INBOX' : mailbox, uidValidity, uid, section, partial };
}

/**
 * The octets a URL names, as `BODY.PEEK[section]<partial>` would give them (RFC 4469 §3: the
 * URL is fetched as if by the user; \Seen is not set). A section the message does not have is
 * empty, as Dovecot answers.
 */
export function fetchUrl(session: ImapSession, url: string): Uint8Array {
  const u = parseImapUrl(url);
  let name: string;
  try {
    name = fromWire(session, u.mailbox);
  } catch {
    throw invalid('Mailbox name is not valid mUTF-7');
  }
  const mb = session.store.mailbox(session.account!, name);
  if (!mb || mb.noselect || !session.isHere(name)) throw new BadUrl(`Mailbox doesn't exist: ${u.mailbox}`);
  if (u.uidValidity !== null && u.uidValidity !== mb.uidValidity) throw new BadUrl('Invalid UIDVALIDITY');
  const m: Message | undefined = mb.messages.find((x) => x.uid === u.uid);
  if (!m) throw new BadUrl('Message not found');
  let data = u.section ? fetchSection(m.raw, mimeOf(m), u.section) : m.raw;
  if (u.partial) {
    const [origin, length] = u.partial;
    const from = Math.min(origin, data.length);
    data = data.subarray(from, length === undefined ? data.length : Math.min(data.length, origin + length));
  }
  return data;
}
