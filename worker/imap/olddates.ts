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

/** RFC 822 zone names (§5.1) in minutes east of UTC, for reading old date-times. */
const ZONES_BY_NAME: Record<string, number> = {
  UT: 0, GMT: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
};

const DATE_TIME_RE = /^ ?(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4}) (\d{2}):(\d{2}):(\d{2})(?: ([+-])(\d{2})(\d{2})|[ -]([A-Za-z]{2,3}))$/;

/**
 * A date-time in either form: RFC 1730's `dd-mmm-yyyy hh:mm:ss +zzzz` or the older one
 * with a two-digit year and a zone name (`9-Jun-88 12:55:44 PDT`, also `…-PDT` as RFC 1176's
 * grammar writes it). Null when it is neither or names an impossible day or time.
 */
export function parseAnyDateTime(text: string): { time: number; zone: number } | null {
  const m = DATE_TIME_RE.exec(text);
  if (!m) return null;
  const [, dd, mon, yy, hh, mi, ss, sign, zh, zm, name] = m;
  // A numeric zone goes with a four-digit year, a zone name with the old two-digit form.
  if ((sign !== undefined) !== (yy.length === 4)) return null;
  const day = parseOldDate(`${dd}-${mon}-${yy}`);
  if (day === null || Number(hh) > 23 || Number(mi) > 59 || Number(ss) > 60) return null;
  let zone: number;
  if (sign !== undefined) {
    if (Number(zh) > 23 || Number(zm) > 59) return null;
    zone = (sign === '-' ? -1 : 1) * (Number(zh) * 60 + Number(zm));
  } else {
    const z = ZONES_BY_NAME[name.toUpperCase()];
    if (z === undefined) return null;
    zone = z;
  }
  return { time: day + ((Number(hh) * 60 + Number(mi)) * 60 + Number(ss)) * 1000 - zone * 60_000, zone };
}

/** APPEND's date argument as IMAP2bis read it: a quoted string in either form above. */
export function readAnyDateTime(args: Reader): { time: number; zone: number } {
  const start = args.pos;
  const text = args.astring('date-time');
  const dt = parseAnyDateTime(text);
  if (!dt) throw args.error('Invalid date-time: expected "dd-mmm-yy hh:mm:ss zzz" or "dd-Mon-yyyy hh:mm:ss +zzzz"', start, 'date');
  return dt;
}
