/**
 * Modified UTF-7 for mailbox names, RFC 3501 §5.1.3 (IMAP4rev1; IMAP4rev2 uses UTF-8).
 *
 * - Printable US-ASCII 0x20–0x7E stands for itself, except `&`, written `&-`.
 * - Everything else goes, as UTF-16BE, into modified base64 (`,` instead of `/`, no `=`)
 *   between `&` and `-`.
 * - Strict: every run ends with `-`; a run never encodes what could stand for itself; two runs
 *   are never adjacent (`&U,BTFw-&ZeVnLIqe-` is one run, `&U,BTF2XlZyyKng-`); leftover bits
 *   are zero; UTF-16 surrogates come in pairs. So each name has exactly one encoding and
 *   `encode(decode(x)) === x` for every valid x.
 */

export class MailboxNameError extends Error {
  constructor(
    message: string,
    /** Index in the encoded name where the problem is. */
    readonly pos: number,
  ) {
    super(message);
    this.name = 'MailboxNameError';
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

const AMP = 0x26;
const MINUS = 0x2d;
const direct = (c: number) => c >= 0x20 && c <= 0x7e;

/** Unicode → modified UTF-7. Throws MailboxNameError on a lone surrogate. */
export function encodeMailboxName(name: string): string {
  let out = '';
  let i = 0;
  while (i < name.length) {
    const c = name.charCodeAt(i);
    if (direct(c)) {
      out += c === AMP ? '&-' : name[i];
      i++;
      continue;
    }
    let j = i;
    while (j < name.length && !direct(name.charCodeAt(j))) j++;
    out += '&' + encodeRun(name, i, j) + '-';
    i = j;
  }
  return out;
}

function encodeRun(name: string, from: number, to: number): string {
  let out = '';
  let bits = 0;
  let nbits = 0;
  for (let k = from; k < to; k++) {
    const u = name.charCodeAt(k);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = k + 1 < to ? name.charCodeAt(k + 1) : -1;
      if (next < 0xdc00 || next > 0xdfff) throw new MailboxNameError('Mailbox name has a lone UTF-16 surrogate', k);
    } else if (u >= 0xdc00 && u <= 0xdfff) {
      const prev = k > from ? name.charCodeAt(k - 1) : -1;
      if (prev < 0xd800 || prev > 0xdbff) throw new MailboxNameError('Mailbox name has a lone UTF-16 surrogate', k);
    }
    bits = (bits << 16) | u;
    nbits += 16;
    while (nbits >= 6) {
      nbits -= 6;
      out += ALPHABET[(bits >> nbits) & 0x3f];
    }
    bits &= (1 << nbits) - 1;
  }
  if (nbits > 0) out += ALPHABET[(bits << (6 - nbits)) & 0x3f];
  return out;
}

/** Modified UTF-7 → Unicode. Throws MailboxNameError on anything that is not strictly valid. */
export function decodeMailboxName(wire: string): string {
  let out = '';
  let i = 0;
  /** The last thing read was an encoded run (so another may not follow at once). */
  let afterRun = false;
  while (i < wire.length) {
    const c = wire.charCodeAt(i);
    if (!direct(c)) throw new MailboxNameError('Mailbox name must be 7-bit printable ASCII (modified UTF-7)', i);
    if (c !== AMP) {
      out += wire[i++];
      afterRun = false;
      continue;
    }
    let j = i + 1;
    while (j < wire.length && wire.charCodeAt(j) < 128 && VALUE[wire.charCodeAt(j)] >= 0) j++;
    if (j >= wire.length || wire.charCodeAt(j) !== MINUS) throw new MailboxNameError("Modified UTF-7 run is not ended by '-'", i);
    if (j === i + 1) {
      out += '&';
      afterRun = false;
    } else {
      if (afterRun) throw new MailboxNameError('Adjacent modified UTF-7 runs must be written as one', i);
      out += decodeRun(wire, i + 1, j);
      afterRun = true;
    }
    i = j + 1;
  }
  return out;
}

function decodeRun(wire: string, from: number, to: number): string {
  const units: number[] = [];
  let bits = 0;
  let nbits = 0;
  for (let k = from; k < to; k++) {
    bits = (bits << 6) | VALUE[wire.charCodeAt(k)];
    nbits += 6;
    if (nbits >= 16) {
      nbits -= 16;
      units.push((bits >> nbits) & 0xffff);
      bits &= (1 << nbits) - 1;
    }
  }
  // What is left must be padding: fewer than 6 bits, all zero.
  if (nbits >= 6 || bits !== 0) throw new MailboxNameError('Modified UTF-7 run has a bad length or padding', from - 1);
  let out = '';
  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    if (direct(u)) throw new MailboxNameError(`Modified UTF-7 run encodes '${String.fromCharCode(u)}', which must be written as itself`, from - 1);
    if (u >= 0xd800 && u <= 0xdbff) {
      const lo = units[k + 1];
      if (lo === undefined || lo < 0xdc00 || lo > 0xdfff) throw new MailboxNameError('Modified UTF-7 run has a lone UTF-16 surrogate', from - 1);
      out += String.fromCharCode(u, lo);
      k++;
      continue;
    }
    if (u >= 0xdc00 && u <= 0xdfff) throw new MailboxNameError('Modified UTF-7 run has a lone UTF-16 surrogate', from - 1);
    out += String.fromCharCode(u);
  }
  return out;
}

/** Whether `wire` is valid modified UTF-7. */
export function isValidMailboxName(wire: string): boolean {
  try {
    decodeMailboxName(wire);
    return true;
  } catch {
    return false;
  }
}
