/**
 * RFC 822/5322 and MIME lexical rules as Dovecot 2.3 applies them (lib-mail/rfc822-parser.c):
 * comments, LWSP, atoms, dot-atoms, MIME tokens, quoted strings, phrases, domains, Content-Type
 * and ";key=value" parameters. Works on binary strings (one code unit per octet).
 *
 * Return values follow the C original so the callers can be ported rule for rule:
 * -1 = syntax error, 0 = reached the end of input, 1 = more input follows.
 */

/** U+FFFD in UTF-8, as a binary string: Dovecot's replacement for NUL octets. */
export const NUL_REPLACEMENT = '\xef\xbf\xbd';

// Octet classes (Dovecot's rfc822_atext_chars): 1 = atext, 2 = alpha/digit/8-bit,
// 4 = atext that is a MIME tspecial ("/", "=", "?"). 0 = not atext.
const ATEXT = new Uint8Array(256);
{
  const rows = [
    '0000000000000000',
    '0000000000000000',
    '0101111100110104', // SP ! " # $ % & ' ( ) * + , - . /
    '2222222222000404', // 0-9 : ; < = > ?
    '0222222222222222', // @ A-O
    '2222222222200011', // P-Z [ \ ] ^ _
    '1222222222222222', // ` a-o
    '2222222222211110', // p-z { | } ~ DEL
  ];
  rows.forEach((row, r) => {
    for (let c = 0; c < 16; c++) ATEXT[r * 16 + c] = row.charCodeAt(c) - 48;
  });
  for (let c = 128; c < 256; c++) ATEXT[c] = 2;
}

export const isAtext = (c: number): boolean => ATEXT[c & 0xff] !== 0;
export const isAtextNonTspecial = (c: number): boolean => (ATEXT[c & 0xff] & 3) !== 0;

/** Growable output buffer (a binary string). */
export interface Out {
  v: string;
}

export class Rfc822Parser {
  pos = 0;
  readonly end: number;
  /** When set, the text of the last comment skipped (Dovecot's last_comment). */
  lastComment: Out | null = null;
  /** When set, NUL octets inside quoted strings/comments/domain literals are replaced. */
  nulReplacement: string | null = null;

  constructor(readonly s: string) {
    this.end = s.length;
  }

  c(at = this.pos): number {
    return at < this.end ? this.s.charCodeAt(at) : -1;
  }

  skipComment(): number {
    const s = this.s;
    const lc = this.lastComment;
    let level = 1;
    if (lc) lc.v = '';
    let start = ++this.pos;
    for (; this.pos < this.end; this.pos++) {
      const c = s.charCodeAt(this.pos);
      if (c === 0) {
        if (lc && this.nulReplacement !== null) {
          lc.v += s.slice(start, this.pos) + this.nulReplacement;
          start = this.pos + 1;
        }
      } else if (c === 0x28) {
        level++;
      } else if (c === 0x29) {
        if (--level === 0) {
          if (lc) lc.v += s.slice(start, this.pos);
          this.pos++;
          return this.pos < this.end ? 1 : 0;
        }
      } else if (c === 0x0a) {
        if (lc) {
          let len = this.pos - start;
          if (len > 0 && s.charCodeAt(start + len - 1) === 0x0d) len--;
          lc.v += s.slice(start, start + len);
          start = this.pos + 1;
        }
      } else if (c === 0x5c) {
        this.pos++;
        if (this.pos >= this.end) return -1;
        const n = s.charCodeAt(this.pos);
        if (n === 0x0d || n === 0x0a || n === 0) {
          this.pos--;
          continue;
        }
        if (lc) lc.v += s.slice(start, this.pos - 1);
        start = this.pos;
      }
    }
    return -1; // missing ")"
  }

  skipLwsp(): number {
    while (this.pos < this.end) {
      const c = this.s.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) {
        this.pos++;
        continue;
      }
      if (c !== 0x28) break;
      if (this.skipComment() < 0) return -1;
    }
    return this.pos < this.end ? 1 : 0;
  }

  parseAtom(out: Out): number {
    if (this.pos >= this.end || !isAtext(this.c())) return -1;
    const start = this.pos++;
    for (; this.pos < this.end; this.pos++) {
      if (isAtext(this.s.charCodeAt(this.pos))) continue;
      out.v += this.s.slice(start, this.pos);
      return this.skipLwsp();
    }
    out.v += this.s.slice(start, this.pos);
    return 0;
  }

  parseDotAtom(out: Out): number {
    if (this.pos >= this.end || !isAtext(this.c())) return -1;
    let start = this.pos++;
    while (this.pos < this.end) {
      if (isAtext(this.s.charCodeAt(this.pos))) {
        this.pos++;
        continue;
      }
      if (start === this.pos) return -1;
      out.v += this.s.slice(start, this.pos);
      const ret = this.skipLwsp();
      if (ret <= 0) return ret;
      if (this.c() !== 0x2e) return 1;
      this.pos++;
      out.v += '.';
      if (this.skipLwsp() <= 0) return -1;
      start = this.pos;
    }
    out.v += this.s.slice(start, this.pos);
    return 0;
  }

  parseMimeToken(out: Out): number {
    const start = this.pos;
    for (; this.pos < this.end; this.pos++) {
      const c = this.s.charCodeAt(this.pos);
      if (isAtextNonTspecial(c) || c === 0x2e) continue;
      out.v += this.s.slice(start, this.pos);
      return this.skipLwsp();
    }
    out.v += this.s.slice(start, this.pos);
    return 0;
  }

  /** At a `"`: the unquoted content (folding CRLFs removed, `\x` unescaped). */
  parseQuotedString(out: Out): number {
    const s = this.s;
    this.pos++;
    let start = this.pos;
    for (; this.pos < this.end; this.pos++) {
      const c = s.charCodeAt(this.pos);
      if (c === 0) {
        if (this.nulReplacement !== null) {
          out.v += s.slice(start, this.pos) + this.nulReplacement;
          start = this.pos + 1;
        }
      } else if (c === 0x22) {
        out.v += s.slice(start, this.pos);
        this.pos++;
        return this.skipLwsp();
      } else if (c === 0x0a) {
        let len = this.pos - start;
        if (len > 0 && s.charCodeAt(start + len - 1) === 0x0d) len--;
        out.v += s.slice(start, start + len);
        start = this.pos + 1;
      } else if (c === 0x5c) {
        this.pos++;
        if (this.pos >= this.end) return -1;
        const n = s.charCodeAt(this.pos);
        if (n === 0x0d || n === 0x0a || n === 0) {
          this.pos--;
          continue;
        }
        out.v += s.slice(start, this.pos - 1);
        start = this.pos;
      }
    }
    return -1; // missing '"'
  }

  private parseAtomOrDot(out: Out): number {
    const start = this.pos;
    for (; this.pos < this.end; this.pos++) {
      const c = this.s.charCodeAt(this.pos);
      if (isAtext(c) || c === 0x2e) continue;
      out.v += this.s.slice(start, this.pos);
      return this.skipLwsp();
    }
    out.v += this.s.slice(start, this.pos);
    return 0;
  }

  /** phrase = 1*word / obs-phrase; words are joined with one space, comments dropped. */
  parsePhrase(out: Out): number {
    if (this.pos >= this.end) return 0;
    if (this.c() === 0x2e) return -1;
    for (;;) {
      const ret = this.c() === 0x22 ? this.parseQuotedString(out) : this.parseAtomOrDot(out);
      if (ret <= 0) return ret;
      const c = this.c();
      if (!isAtext(c) && c !== 0x22 && c !== 0x2e) break;
      out.v += ' ';
    }
    return this.skipLwsp();
  }

  private parseDomainLiteral(out: Out): number {
    const s = this.s;
    let start = this.pos++;
    for (; this.pos < this.end; this.pos++) {
      const c = s.charCodeAt(this.pos);
      if (c === 0) {
        if (this.nulReplacement !== null) {
          out.v += s.slice(start, this.pos) + this.nulReplacement;
          start = this.pos + 1;
        }
      } else if (c === 0x5b) {
        return -1;
      } else if (c === 0x5d) {
        out.v += s.slice(start, this.pos + 1);
        this.pos++;
        return this.skipLwsp();
      } else if (c === 0x0a) {
        let len = this.pos - start;
        if (len > 0 && s.charCodeAt(start + len - 1) === 0x0d) len--;
        out.v += s.slice(start, start + len);
        start = this.pos + 1;
      } else if (c === 0x5c) {
        this.pos++;
        if (this.pos >= this.end) return -1;
        const n = s.charCodeAt(this.pos);
        if (n === 0x0d || n === 0x0a || n === 0) {
          out.v += s.slice(start, this.pos);
          start = this.pos;
          this.pos--;
        }
      }
    }
    return -1; // missing ']'
  }

  /** At an `@`: domain = dot-atom / domain-literal. */
  parseDomain(out: Out): number {
    this.pos++;
    if (this.skipLwsp() <= 0) return -1;
    return this.c() === 0x5b ? this.parseDomainLiteral(out) : this.parseDotAtom(out);
  }

  /**
   * "type/subtype" (Dovecot 2.3.19). Both tokens must be non-empty and only ";" may follow;
   * otherwise the output is rolled back to "" -- except "type" alone at the end of the value,
   * which is kept (-1 is returned either way, and then no parameters are parsed).
   */
  parseContentType(out: Out): number {
    const pos0 = out.v.length;
    if (this.skipLwsp() <= 0) return -1;
    if (this.parseMimeToken(out) <= 0 || out.v.length === pos0) return -1;
    // (no closure for the roll-back: this runs for every part of every message parsed)
    if (this.c() === 0x2f) {
      this.pos++;
      if (this.skipLwsp() > 0) {
        out.v += '/';
        const posSub = out.v.length;
        const ret = this.parseMimeToken(out);
        if (!(ret < 0 || out.v.length === posSub || (this.pos < this.end && this.c() !== 0x3b))) return ret;
      }
    }
    out.v = out.v.slice(0, pos0);
    return -1;
  }

  /**
   * One `; key=value` parameter. Returns 0 at the end of input, -1 on a syntax error, 1 with
   * `param.key` / `param.value` set.
   */
  parseContentParam(param: { key: string; value: string }): number {
    param.key = '';
    param.value = '';
    if (this.pos >= this.end) return 0;
    if (this.c() !== 0x3b) return -1;
    this.pos++;
    if (this.skipLwsp() <= 0) return -1;
    const key: Out = { v: '' };
    if (this.parseMimeToken(key) <= 0) return -1;
    if (this.c() !== 0x3d) return -1;
    this.pos++;
    const value: Out = { v: '' };
    let ret = this.skipLwsp();
    if (ret <= 0) {
      // broken / no value
    } else if (this.c() === 0x22) {
      ret = this.parseQuotedString(value);
    } else if (this.c() === 0x3d) {
      // workaround for broken input: name==?utf-8?b?...?=
      const start = this.pos;
      while (this.pos < this.end) {
        const c = this.s.charCodeAt(this.pos);
        if (c === 0x3b || c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) break;
        this.pos++;
      }
      value.v += this.s.slice(start, this.pos);
    } else {
      ret = this.parseMimeToken(value);
    }
    param.key = key.v;
    param.value = value.v;
    return ret < 0 ? -1 : 1;
  }
}
