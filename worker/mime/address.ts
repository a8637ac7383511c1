/**
 * RFC 5322 address lists as Dovecot 2.3 parses them for ENVELOPE (lib-mail/message-address.c with
 * MESSAGE_ADDRESS_PARSE_FLAG_FILL_MISSING), including its recovery from broken input:
 * a missing local part becomes "MISSING_MAILBOX", a missing domain "MISSING_DOMAIN", a broken
 * angle address "SYNTAX_ERROR", a broken route "INVALID_ROUTE".
 *
 * A group is represented like in the IMAP ENVELOPE: a start marker {mailbox: display-name, domain:
 * null} and an end marker with every field null. All strings are binary strings (octets).
 */
import { NUL_REPLACEMENT, type Out, Rfc822Parser, isAtext } from './rfc822';

export interface Address {
  name: string | null;
  route: string | null;
  mailbox: string | null;
  domain: string | null;
  invalidSyntax: boolean;
}

const empty = (): Address => ({ name: null, route: null, mailbox: null, domain: null, invalidSyntax: false });

class AddressParser {
  readonly p: Rfc822Parser;
  readonly list: Address[] = [];
  addr: Address = empty();
  str: Out = { v: '' };
  private readonly comment: Out = { v: '' };

  constructor(value: string) {
    this.p = new Rfc822Parser(value);
    this.p.lastComment = this.comment;
    this.p.nulReplacement = NUL_REPLACEMENT;
  }

  private add(): void {
    this.list.push(this.addr);
    this.addr = empty();
  }

  private addFixed(): void {
    if (this.addr.mailbox === null) {
      this.addr.mailbox = 'MISSING_MAILBOX';
      this.addr.invalidSyntax = true;
    }
    if (this.addr.domain === null || this.addr.domain === '') {
      this.addr.domain = 'MISSING_DOMAIN';
      this.addr.invalidSyntax = true;
    }
    this.add();
  }

  private localPart(): number {
    this.str = { v: '' };
    const ret = this.p.c() === 0x22 ? this.p.parseQuotedString(this.str) : this.p.parseDotAtom(this.str);
    if (ret < 0) return -1;
    this.addr.mailbox = this.str.v;
    return ret;
  }

  private domain(): number {
    this.str = { v: '' };
    const ret = this.p.parseDomain(this.str);
    if (ret < 0) return -1;
    this.addr.domain = this.str.v;
    return ret;
  }

  private domainList(): number {
    const p = this.p;
    this.str = { v: '' };
    for (;;) {
      if (p.pos >= p.end) return 0;
      if (p.c() !== 0x40) break;
      if (this.str.v.length > 0) this.str.v += ',';
      this.str.v += '@';
      const ret = p.parseDomain(this.str);
      if (ret <= 0) return ret;
      while (p.skipLwsp() > 0 && p.c() === 0x2c) p.pos++;
    }
    this.addr.route = this.str.v;
    return 1;
  }

  private angleAddr(): number {
    const p = this.p;
    p.pos++; // '<'
    if (p.skipLwsp() <= 0) return -1;
    if (p.c() === 0x40) {
      if (this.domainList() > 0 && p.c() === 0x3a) {
        p.pos++;
      } else {
        this.addr.route = 'INVALID_ROUTE';
        if (p.pos >= p.end) return -1;
      }
      if (p.skipLwsp() <= 0) return -1;
    }
    if (p.c() !== 0x3e) {
      if (this.localPart() <= 0) return -1;
      if (p.c() === 0x40 && this.domain() <= 0) return -1;
    }
    if (p.c() !== 0x3e) return -1;
    p.pos++;
    return p.skipLwsp();
  }

  private nameAddr(): number {
    const p = this.p;
    this.str = { v: '' };
    if (p.parsePhrase(this.str) <= 0 || p.c() !== 0x3c) return -1;
    this.addr.name = this.str.v === '' ? null : this.str.v;
    if (this.angleAddr() < 0) {
      this.addr.domain = 'SYNTAX_ERROR';
      this.addr.invalidSyntax = true;
    }
    return p.pos < p.end ? 1 : 0;
  }

  private addrSpec(): number {
    const p = this.p;
    this.comment.v = '';
    const quoted = p.c() === 0x22;
    let ret = this.localPart();
    if (ret <= 0) this.addr.invalidSyntax = true;
    let ret2 = -2;
    if (ret !== 0 && p.pos < p.end && p.c() === 0x40) {
      ret2 = this.domain();
      if (ret2 <= 0) ret = ret2;
    }
    if (this.comment.v.length > 0) {
      this.addr.name = this.comment.v;
    } else if (ret2 === -2) {
      // "user" without @domain: a lone word is a mailbox, anything after it makes a name.
      this.str.v += ' ';
      const orig = this.str.v.length;
      p.parsePhrase(this.str);
      if (this.str.v.length !== orig) {
        this.addr.mailbox = null;
        this.addr.name = this.str.v;
      } else if (!quoted) {
        this.addr.domain = '';
      }
      this.addr.invalidSyntax = true;
      ret = -1;
    }
    return ret;
  }

  private mailbox(): number {
    const start = this.p.pos;
    let ret = this.nameAddr();
    if (ret < 0) {
      this.p.pos = start;
      ret = this.addrSpec();
      const a = this.addr;
      if (a.invalidSyntax && a.name === null && a.mailbox !== null && a.domain === null) {
        a.name = a.mailbox;
        a.mailbox = null;
      }
    }
    if (ret < 0) this.addr.invalidSyntax = true;
    this.addFixed();
    return ret;
  }

  private group(): number {
    const p = this.p;
    this.str = { v: '' };
    if (p.parsePhrase(this.str) <= 0 || p.c() !== 0x3a) return -1;
    p.pos++;
    let ret = p.skipLwsp();
    if (ret <= 0) this.addr.invalidSyntax = true;
    this.addr.mailbox = this.str.v;
    this.add();
    if (ret > 0 && p.c() !== 0x3b) {
      for (;;) {
        this.mailbox();
        if (p.pos >= p.end || p.c() !== 0x2c) break;
        p.pos++;
        if (p.skipLwsp() <= 0) {
          ret = -1;
          break;
        }
      }
    }
    if (ret >= 0) {
      if (p.pos >= p.end || p.c() !== 0x3b) ret = -1;
      else {
        p.pos++;
        ret = p.skipLwsp();
      }
    }
    if (ret < 0) this.addr.invalidSyntax = true;
    this.add();
    return ret === 0 ? 0 : 1;
  }

  private address(): number {
    const start = this.p.pos;
    let ret = this.group();
    if (ret < 0) {
      this.p.pos = start;
      ret = this.mailbox();
    }
    return ret;
  }

  parseList(): Address[] {
    const p = this.p;
    if (p.skipLwsp() <= 0) return this.list;
    for (;;) {
      if (this.address() === 0) break;
      if (p.pos >= p.end || p.c() !== 0x2c) break;
      p.pos++;
      const ret = p.skipLwsp();
      if (ret <= 0) {
        if (ret < 0) this.addFixed(); // ends with some garbage
        break;
      }
    }
    return this.list;
  }
}

/** Parses an address header value (Dovecot's full_value, a binary string). Empty list = NIL. */
export function parseAddressList(value: string): Address[] {
  return new AddressParser(value).parseList();
}

const isEscaped = (c: number): boolean => c === 0x22 || c === 0x5c || c === 0x27;

function maybeEscape(s: string, escapeDot: boolean): string {
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isAtext(c) && (escapeDot || c !== 0x2e)) break;
  }
  if (i === s.length) return s;
  let out = '"';
  for (let j = 0; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (isEscaped(c)) out += '\\';
    out += s[j];
  }
  return out + '"';
}

/**
 * Writes an address list back in canonical form (Dovecot's message_address_write), which is
 * what SEARCH FROM/TO/CC/BCC match against.
 */
export function writeAddressList(list: readonly Address[]): string {
  if (list.length === 0) return '';
  const first = list[0];
  if (first.mailbox === null && first.domain === null) return '<>';
  let out = '';
  let firstItem = true;
  let inGroup = false;
  for (const a of list) {
    if (firstItem) firstItem = false;
    else out += ', ';
    if (a.domain === null) {
      if (!inGroup) {
        if (a.mailbox !== null && a.mailbox !== '') {
          out += a.mailbox.includes('=?') ? a.mailbox : maybeEscape(a.mailbox, true);
        } else out += '""';
        out += ': ';
        firstItem = true;
      } else {
        if (out.endsWith(', ')) out = out.slice(0, -2);
        else if (out.endsWith(': ')) out = out.slice(0, -1);
        out += ';';
      }
      inGroup = !inGroup;
    } else {
      const mailbox = a.mailbox ?? '';
      if (a.name !== null) out += a.name.includes('=?') ? a.name : maybeEscape(a.name, true);
      if (a.route !== null || mailbox !== '' || a.domain !== '') {
        if (a.name !== null && a.name !== '') out += ' ';
        out += '<';
        if (a.route !== null) out += a.route + ':';
        out += mailbox === '' ? '""' : maybeEscape(mailbox, false);
        if (a.domain !== '') out += '@' + a.domain;
        out += '>';
      }
    }
  }
  return out;
}
