/** IMAP date and date-time values (RFC 3501 §9 `date-time`, `date`). */

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `02-Jan-2024 09:15:05 +0000` → [epoch ms, zone minutes]; null when malformed or impossible. */
export function parseDateTime(s: string): [number, number] | null {
  const m = /^ ?(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const month = MONTHS.findIndex((x) => x.toLowerCase() === m[2].toLowerCase());
  const [day, year, hh, mm, ss, zh, zm] = [m[1], m[3], m[4], m[5], m[6], m[8], m[9]].map(Number);
  if (month < 0 || day < 1 || day > daysIn(year, month) || hh > 23 || mm > 59 || ss > 60 || zm > 59) return null;
  const zone = (m[7] === '-' ? -1 : 1) * (zh * 60 + zm);
  return [Date.UTC(year, month, day, hh, mm, ss) - zone * 60_000, zone];
}

/** `1-Feb-1994` → the UTC midnight of that day (ms); null when malformed. */
export function parseDate(s: string): number | null {
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(s);
  if (!m) return null;
  const month = MONTHS.findIndex((x) => x.toLowerCase() === m[2].toLowerCase());
  const day = Number(m[1]);
  const year = Number(m[3]);
  if (month < 0 || day < 1 || day > daysIn(year, month)) return null;
  return Date.UTC(year, month, day);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** INTERNALDATE as the server writes it: `dd-Mon-yyyy hh:mm:ss +zzzz` (day padded with a space? no: 2 digits). */
export function formatDateTime(ms: number, zone: number): string {
  const d = new Date(ms + zone * 60_000);
  const sign = zone < 0 ? '-' : '+';
  const az = Math.abs(zone);
  return (
    `${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${sign}${pad(Math.floor(az / 60))}${pad(az % 60)}`
  );
}

/** The calendar day (UTC midnight ms) of an instant seen in a zone: SEARCH compares days, not instants. */
export function dayOf(ms: number, zone: number): number {
  const d = new Date(ms + zone * 60_000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}
