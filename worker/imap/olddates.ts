import { MONTHS } from '../store/dates';
import type { Reader } from '../wire/parser';

/**
 * Dates as IMAP spoke them before RFC 1730: `dd-mmm-yy hh:mm:ss-zzz` with a two-digit year
 * and a zone *name* (RFC 1176 §"Formal Syntax"; the RFC's sample session writes
 * `" 9-Jun-88 12:55:44 PDT"`, a space-padded day and a space before the zone, which is
 * the shape sent here). RFC 2062 lists the zone names old servers used.
 */
const ZONE_NAMES: Record<number, string> = { 0: 'GMT', [-300]: 'EST', [-240]: 'EDT', [-360]: 'CST', [-420]: 'MST', [-480]: 'PST' };

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * INTERNALDATE in RFC 1176's form. A zone with no name (anything but GMT and the North
 * American zones) is given in GMT, the only choice the old grammar leaves.
 */
export function formatOldDateTime(ms: number, zone: number): string {
  const name = ZONE_NAMES[zone];
  const z = name ? zone : 0;
  const d = new Date(ms + z * 60_000);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  return (
    `${day}-${MONTHS[d.getUTCMonth()]}-${pad(d.getUTCFullYear() % 100)} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${name ?? 'GMT'}`
  );
}

/**
 * A two-digit year as old clients wrote it (`1-OCT-87`). RFC 1730's `date_year_old` is
 * "year - 1900"; like UW's c-client, years below 70 are taken as 20yy so that the
 * playground's 2024 mail can be searched with the old syntax.
 */
export function expandYear(yy: number, digits: number): number {
  if (digits === 4) return yy;
  return yy < 70 ? 2000 + yy : 1900 + yy;
}

const DATE_RE = /^(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4})$/;

/** `d-mmm-yy` or `d-mmm-yyyy` → the UTC midnight of that day, or null. */
export function parseOldDate(text: string): number | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const month = MONTHS.findIndex((x) => x.toLowerCase() === m[2].toLowerCase());
  const day = Number(m[1]);
  const year = expandYear(Number(m[3]), m[3].length);
  if (month < 0 || day < 1 || day > new Date(Date.UTC(year, month + 1, 0)).getUTCDate()) return null;
  return Date.UTC(year, month, day);
}

/** A search date in the old grammar: a `string` (atom or quoted) holding `d-mmm-yy[yy]`. */
export function readOldDate(args: Reader): number {
  const start = args.pos;
  const text = args.astring('date');
  const day = parseOldDate(text);
  if (day === null) throw args.error('Invalid date: expected dd-mmm-yy', start, 'date');
  return day;
}
