import { formatDateTime, parseDateTime } from '../../worker/store/dates';

/**
 * What may differ between our server's bytes and the reference server's for the same
 * transcript. Every rule here is a deliberate difference, written down in docs/fidelity.md;
 * anything not masked here must match byte for byte.
 */
export interface NormalizeOptions {
  /** Mask INTERNALDATE values (for transcripts that APPEND without a date: "now" differs). */
  dates?: boolean;
}

type Rule = [RegExp, string | ((substring: string, ...groups: string[]) => string)];

const FIXTURE_UIDVALIDITY = new Set(['1700000001', '1700000002', '1700000003', '1700000004', '1700000005', '1700000006', '1700000101']);

const RULES: Rule[] = [
  // The greeting names the server: ours says what it is, Dovecot says "Dovecot (Debian) ready.".
  [/^\* OK (\[CAPABILITY [^\]]*\] )?.*$/m, '* OK GREETING'],
  // Capability lists differ by design: Dovecot implements extensions we do not (SORT, THREAD,
  // CONDSTORE, …) and we do not advertise what we lack.
  [/^\* CAPABILITY .*$/gm, '* CAPABILITY ...'],
  [/\[CAPABILITY [^\]]*\]/g, '[CAPABILITY ...]'],
  // Human-readable text after a status response (and its code) is free-form (RFC 3501 §7.1);
  // Dovecot also appends timings like "(0.001 + 0.000 secs)".
  [/^((?:\*|[^ \r\n]+) (?:OK|NO|BAD|BYE|PREAUTH)(?: \[[^\]]*\])?)(?: [^\r\n]*)?$/gm, '$1 TEXT'],
  // The text of a continuation request is free-form too.
  [/^\+ .*$/gm, '+ TEXT'],
  // \Marked / \UnMarked (RFC 3501 §7.2.2 lets a server leave them out): Dovecot adds them to
  // LIST lines only when its list index happens to hold the mailbox's state; we never send them.
  [/^\* LIST \([^)]*\)/gm, (attrs: string) => attrs.replace(/ ?\\(?:Marked|UnMarked)\b/gi, '').replace('( ', '(')],
  // The ID response carries the server's name and version.
  [/^\* ID .*$/gm, '* ID (...)'],
  // A mailbox created during a transcript gets a UIDVALIDITY from a counter here and from the
  // clock on Dovecot (RFC 3501 §2.3.1.1 only asks that it never repeat for a name). The
  // fixture mailboxes keep their fixed values, which must match.
  [/(UIDVALIDITY |\[(?:APPENDUID|COPYUID) )(\d+)/g, (all: string, pre: string, n: string) => (FIXTURE_UIDVALIDITY.has(n) ? all : `${pre}N`)],
];

const DATE_RULE: [RegExp, string] = [/INTERNALDATE "[^"]*"/g, 'INTERNALDATE "DATE"'];

/**
 * We keep the zone an APPEND gave (RFC 3501 §6.3.11); Dovecot's maildir keeps only the
 * instant and answers in UTC. The same instant in another zone is the same INTERNALDATE.
 */
function internalDatesInUtc(text: string): string {
  return text.replace(/INTERNALDATE "([^"]*)"/g, (all, d: string) => {
    const when = parseDateTime(d);
    return when ? `INTERNALDATE "${formatDateTime(when[0], 0)}"` : all;
  });
}

/**
 * Sorts runs of consecutive LIST/LSUB lines: Dovecot lists in directory order, we by name. A
 * STATUS line right after a LIST line (LIST-STATUS, RFC 5819) travels with it.
 */
function sortListRuns(input: string[]): string[] {
  const lines: string[] = [];
  for (const l of input) {
    if (/^\* STATUS /.test(l) && lines.length && /^\* LIST /.test(lines[lines.length - 1])) lines[lines.length - 1] += `\r\n${l}`;
    else lines.push(l);
  }
  const out: string[] = [];
  let run: string[] = [];
  const key = (l: string) => l.replace(/^\* (LIST|LSUB) \([^)]*\) (NIL|"[^"]*") /, '');
  const flush = () => {
    out.push(...run.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a < b ? -1 : 1)));
    run = [];
  };
  for (const l of lines) {
    if (/^\* (LIST|LSUB) /.test(l)) run.push(l);
    else {
      flush();
      out.push(l);
    }
  }
  flush();
  return out;
}

export function normalize(bytes: Uint8Array, opts: NormalizeOptions = {}): string {
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  for (const [re, rep] of RULES) {
    if (typeof rep === 'string') text = text.replace(re, rep);
    else text = text.replace(re, rep);
  }
  text = opts.dates ? text.replace(DATE_RULE[0], DATE_RULE[1]) : internalDatesInUtc(text);
  return sortListRuns(text.split('\r\n')).join('\r\n');
}
