/**
 * The values an IMAP (or IMSP) response is made of, as RFC 3501 §4 names them.
 * Handlers and the MIME layer build these; only the encoder (encode.ts) decides how a string
 * goes on the wire (atom, quoted or literal), so that choice is made in exactly one place.
 */
export type Value =
  | null // NIL
  | number // number: digits
  | string // string: quoted or literal, chosen by the encoder
  | Uint8Array // string of raw octets (always a literal unless empty rules apply)
  | Atom // atom, written verbatim (flags, keywords, response items like ENVELOPE)
  | Value[]; // parenthesised list

export class Atom {
  constructor(readonly text: string) {}
}

/** An atom written verbatim, e.g. `atom('\\Seen')`, `atom('BODY[1]')`. */
export const atom = (text: string): Atom => new Atom(text);
