/**
 * The MIME parser: one linear pass over the message octets producing a tree of parts with exact
 * offsets and the sizes/line counts IMAP reports. It follows Dovecot 2.3's message parser rule
 * for rule (lib-mail/message-parser.c + message-part-data.c), because BODYSTRUCTURE, BODY[n] and
 * RFC822.SIZE must match the reference byte for byte, broken messages included:
 *
 * - boundaries match by prefix ("--" + boundary at a line start, longest match wins, the newest
 *   multipart first); the [CR]LF before a boundary line belongs to the boundary, except when the
 *   boundary is the first line of a body;
 * - a boundary of an enclosing multipart ends every part inside it (also inside headers);
 * - text before the first boundary (preamble) and after the closing one (epilogue) belongs to the
 *   multipart's own body; a missing closing boundary just runs to the end of the enclosing part;
 * - Content-* headers count only when the part is MIME (MIME-Version or Content-Type present, or
 *   the part is inside a multipart); the default type is text/plain, or message/rfc822 inside
 *   multipart/digest;
 * - nesting deeper than 100 levels, and more than 10000 parts, are treated as opaque bodies.
 *
 * Sizes are "virtual" sizes: octets with every bare LF counted as CRLF, which is what IMAP sends.
 * The parser never recurses, so hostile nesting cannot overflow the stack.
 */
import { CR, LF, eqIgnoreCase, lowerAscii } from './bytes';
import { type FieldStats, type HeaderField, fullValue, readField } from './header';
import { NUL_REPLACEMENT, type Out, Rfc822Parser } from './rfc822';
import { type MimeParam, parseParams } from './rfc2231';

export type { HeaderField } from './header';
export type { MimeParam } from './rfc2231';

/** Dovecot's limits (message_parser_settings defaults). */
export const MAX_NESTED_PARTS = 100;
export const MAX_TOTAL_PARTS = 10000;
const BOUNDARY_STRING_MAX_LEN = 80;
const BOUNDARY_END_MAX_LEN = 84;

export interface MimePart {
  /** The whole message (shared by every part of the tree). */
  readonly raw: Uint8Array;
  readonly parent: MimePart | null;
  /** Nesting level: 0 for the message itself. */
  readonly depth: number;

  /** Offset of the part's first header octet. */
  start: number;
  /** End of the header, including the blank line when there is one; = bodyStart. */
  headerEnd: number;
  bodyStart: number;
  bodyEnd: number;
  /** True when the header ended with a blank line (kept in [start, headerEnd)). */
  hasBlankLine: boolean;

  headerVirtualSize: number;
  headerLines: number;
  /** Body size as IMAP counts it (BODYSTRUCTURE size field). */
  bodyVirtualSize: number;
  /** LF count of the body (BODYSTRUCTURE lines field for text/* and message/rfc822). */
  bodyLines: number;

  /** Header fields in message order. */
  fields: HeaderField[];

  /** MIME-Version or Content-Type seen, or a multipart child: Content-* headers count. */
  isMime: boolean;
  /** Structural kind (Dovecot's part flags): drives children, sections and the lines field. */
  kind: 'text' | 'multipart' | 'message' | 'other';
  /** multipart/digest: children default to message/rfc822. */
  isDigest: boolean;

  /**
   * Content-Type as written (original case; BODYSTRUCTURE prints it that way). null when absent
   * or not counted; "" pieces when the header is malformed the way Dovecot reports it.
   */
  contentType: string | null;
  contentSubtype: string | null;
  params: MimeParam[];
  contentId: string | null;
  contentDescription: string | null;
  contentTransferEncoding: string | null;
  contentMd5: string | null;
  contentLocation: string | null;
  contentLanguage: string[] | null;
  disposition: string | null;
  dispositionParams: MimeParam[];

  /** Parts of a multipart, in order. */
  children: MimePart[];
  /** The encapsulated message of a message/rfc822 part. */
  message: MimePart | null;
}

/** Lower-case effective media type for program logic, e.g. "text/plain", "message/rfc822". */
export function mediaType(part: MimePart): string {
  if (part.kind === 'message') return 'message/rfc822';
  if (part.contentType === null) return 'text/plain';
  return `${lowerAscii(part.contentType)}/${lowerAscii(part.contentSubtype ?? '')}`;
}

/** The value of a Content-Type parameter (case-insensitive name), or null. */
export function param(part: MimePart, name: string): string | null {
  for (const p of part.params) if (eqIgnoreCase(p.name, name)) return p.value;
  return null;
}

/** Effective charset of a text part (us-ascii by default). */
export function charset(part: MimePart): string {
  return param(part, 'charset') ?? 'us-ascii';
}

/** RFC822.SIZE: the message size with bare LFs counted as CRLF. */
export function messageSize(root: MimePart): number {
  return root.headerVirtualSize + root.bodyVirtualSize;
}

// ---------------------------------------------------------------------------------------------

interface Boundary {
  part: MimePart;
  text: Uint8Array;
  epilogue: boolean;
}

function newPart(raw: Uint8Array, parent: MimePart | null, start: number): MimePart {
  return {
    raw,
    parent,
    depth: parent ? parent.depth + 1 : 0,
    start,
    headerEnd: start,
    bodyStart: start,
    bodyEnd: start,
    hasBlankLine: false,
    headerVirtualSize: 0,
    headerLines: 0,
    bodyVirtualSize: 0,
    bodyLines: 0,
    fields: [],
    isMime: false,
    kind: 'other',
    isDigest: false,
    contentType: null,
    contentSubtype: null,
    params: [],
    contentId: null,
    contentDescription: null,
    contentTransferEncoding: null,
    contentMd5: null,
    contentLocation: null,
    contentLanguage: null,
    disposition: null,
    dispositionParams: [],
    children: [],
    message: null,
  };
}

/** Replaces NUL octets the way Dovecot's message_header_strdup() does. */
function strdup(s: string): string {
  return s.indexOf('\0') === -1 ? s : s.split('\0').join(NUL_REPLACEMENT);
}

const enum State {
  HeaderInit,
  Header,
  BodyToBoundary,
  BodyToEof,
  Done,
}

class Parser {
  private readonly end: number;
  private pos = 0;
  private part: MimePart;
  private boundaries: Boundary[] = [];
  private nested = 0;
  private total = 0;

  // per-header state
  private lastBoundary: string | null = null;
  private seenContentType = false;
  private multipart = false;
  private blankSeen = false;
  private prevNewline = 0;
  private hdrPhys = 0;
  private bodyPhys = new Map<MimePart, number>();

  readonly root: MimePart;

  constructor(private readonly raw: Uint8Array) {
    this.end = raw.length;
    this.root = newPart(raw, null, 0);
    this.part = this.root;
  }

  run(): MimePart {
    let state = State.HeaderInit;
    while (state !== State.Done) {
      switch (state) {
        case State.HeaderInit:
          this.lastBoundary = null;
          this.seenContentType = false;
          this.multipart = false;
          this.blankSeen = false;
          this.prevNewline = 0;
          this.hdrPhys = 0;
          state = State.Header;
          break;
        case State.Header:
          state = this.headerStep();
          break;
        case State.BodyToBoundary:
          state = this.bodyToBoundary();
          break;
        case State.BodyToEof:
          this.addBody(this.pos, this.end);
          this.pos = this.end;
          state = State.Done;
          break;
      }
    }
    while (this.part.parent !== null) this.finishPart();
    this.finishOffsets(this.root);
    return this.root;
  }

  // -- sizes -----------------------------------------------------------------------------------

  private addBody(from: number, to: number): void {
    if (to <= from) return;
    const raw = this.raw;
    let lines = 0;
    let bare = 0;
    for (let i = raw.indexOf(LF, from); i !== -1 && i < to; i = raw.indexOf(LF, i + 1)) {
      lines++;
      if (i === 0 || raw[i - 1] !== CR) bare++;
    }
    this.addCountedBody(from, to, lines, bare);
  }

  /** addBody when the caller has counted the LFs of [from, to) already (and how many are bare). */
  private addCountedBody(from: number, to: number, lines: number, bare: number): void {
    if (to <= from) return;
    const p = this.part;
    p.bodyLines += lines;
    p.bodyVirtualSize += to - from + bare;
    this.bodyPhys.set(p, (this.bodyPhys.get(p) ?? 0) + (to - from));
  }

  private appendPart(): MimePart {
    const parent = this.part;
    // Dovecot positions a child by its parent's accounted sizes, not by the read position; the
    // two differ by the line break that moves to the boundary when a header ends at a boundary.
    const start = parent.headerEnd + (this.bodyPhys.get(parent) ?? 0);
    const child = newPart(this.raw, parent, start);
    if (parent.kind === 'multipart') parent.children.push(child);
    else parent.message = child;
    this.nested++;
    this.total++;
    this.part = child;
    return child;
  }

  private finishPart(): void {
    const p = this.part;
    const parent = p.parent as MimePart;
    parent.bodyLines += p.headerLines + p.bodyLines;
    parent.bodyVirtualSize += p.headerVirtualSize + p.bodyVirtualSize;
    const phys = p.headerEnd - p.start + (this.bodyPhys.get(p) ?? 0);
    this.bodyPhys.set(parent, (this.bodyPhys.get(parent) ?? 0) + phys);
    this.nested--;
    this.part = parent;
  }

  /** Turns the accumulated physical sizes into offsets (iteratively: trees may be deep). */
  private finishOffsets(root: MimePart): void {
    const stack: MimePart[] = [root];
    while (stack.length > 0) {
      const p = stack.pop() as MimePart;
      p.bodyStart = p.headerEnd;
      p.bodyEnd = p.bodyStart + (this.bodyPhys.get(p) ?? 0);
      for (const c of p.children) stack.push(c);
      if (p.message) stack.push(p.message);
    }
  }

  private tooManyNested(): boolean {
    return this.nested + 1 >= MAX_NESTED_PARTS;
  }

  // -- boundaries ------------------------------------------------------------------------------

  /** Is the line at `pos` a boundary of an open multipart? (Dovecot's boundary_line_find.) */
  private boundaryAt(pos: number): Boundary | null {
    const raw = this.raw;
    if (this.boundaries.length === 0 || this.end - pos < 2) return null;
    if (raw[pos] !== 0x2d || raw[pos + 1] !== 0x2d) return null;
    if (this.total >= MAX_TOTAL_PARTS) return null;
    const data = pos + 2;
    const size = this.end - data;
    const lf = raw.indexOf(LF, data);
    let findSize = size;
    if (lf !== -1) {
      findSize = lf - data;
      if (findSize > 0 && raw[data + findSize - 1] === CR) findSize--;
      if (findSize > 2 && raw[data + findSize - 1] === 0x2d && raw[data + findSize - 2] === 0x2d) findSize -= 2;
    } else if (findSize > BOUNDARY_END_MAX_LEN) findSize = BOUNDARY_END_MAX_LEN;

    let best: Boundary | null = null;
    for (let k = this.boundaries.length - 1; k >= 0; k--) {
      const b = this.boundaries[k];
      const len = b.text.length;
      if (len > findSize || (best !== null && best.text.length >= len)) continue;
      let same = true;
      for (let j = 0; j < len; j++) {
        if (raw[data + j] !== b.text[j]) {
          same = false;
          break;
        }
      }
      if (!same) continue;
      best = b;
      if (len === findSize) break;
    }
    if (best === null) return null;
    const len = best.text.length;
    best.epilogue = size >= len + 2 && raw[data + len] === 0x2d && raw[data + len + 1] === 0x2d;
    return best;
  }

  /** A boundary line starts at `cut` (after its [CR]LF unless `firstLine`): close parts. */
  private partFinish(b: Boundary, cut: number, firstLine: boolean): State {
    while (this.part !== b.part) this.finishPart();
    const idx = this.boundaries.indexOf(b);
    this.boundaries.length = b.epilogue ? idx : idx + 1;

    const raw = this.raw;
    let lineStart = cut;
    if (!firstLine) lineStart += raw[cut] === CR ? 2 : 1;
    const lineEnd = lineStart + 2 + b.text.length + (b.epilogue ? 2 : 0);
    // the rest of the boundary line, up to and including its LF, belongs to it too
    const lf = raw.indexOf(LF, lineEnd);
    const next = lf === -1 ? this.end : lf + 1;
    this.addBody(cut, next);
    this.pos = next;
    if (lf === -1) return State.Done;

    const top = this.boundaries[this.boundaries.length - 1];
    if (top === undefined || top.part !== this.part) {
      // epilogue
      return this.boundaries.length > 0 ? State.BodyToBoundary : State.BodyToEof;
    }
    const child = this.appendPart();
    child.isMime = true;
    return State.HeaderInit;
  }

  private bodyToBoundary(): State {
    const raw = this.raw;
    const from = this.pos;
    // the first line of a body may itself be a boundary (no [CR]LF before it then)
    const first = this.boundaryAt(from);
    if (first !== null) return this.partFinish(first, from, true);
    // One pass finds the boundary and counts the body's lines on the way.
    let lines = 0;
    let bare = 0;
    for (let lf = raw.indexOf(LF, from); lf !== -1; lf = raw.indexOf(LF, lf + 1)) {
      const b = raw[lf + 1] === 0x2d && raw[lf + 2] === 0x2d ? this.boundaryAt(lf + 1) : null;
      if (b !== null) {
        const cut = lf > from && raw[lf - 1] === CR ? lf - 1 : lf;
        this.addCountedBody(from, cut, lines, bare);
        return this.partFinish(b, cut, false);
      }
      lines++;
      if (lf === 0 || raw[lf - 1] !== CR) bare++;
    }
    this.addCountedBody(from, this.end, lines, bare);
    this.pos = this.end;
    return State.Done;
  }

  // -- headers ---------------------------------------------------------------------------------

  private headerStep(): State {
    const raw = this.raw;
    const part = this.part;
    const pos = this.pos;
    const atBlank = pos < this.end && (raw[pos] === LF || (raw[pos] === CR && pos + 1 < this.end && raw[pos + 1] === LF));

    if (atBlank && this.lastBoundary !== null && part.isMime) {
      // the multipart's own boundary is known before its body starts
      if (!this.tooManyNested()) {
        this.boundaries.push({ part, text: binToBoundary(this.lastBoundary), epilogue: false });
        this.multipart = true;
        this.lastBoundary = null;
      } else if (part.kind === 'multipart') {
        part.kind = 'other';
      }
    }

    const b = this.boundaryAt(pos);
    if (b !== null && b.part !== part) {
      // a boundary of an enclosing multipart ends this header; the previous line break
      // belongs to the boundary
      if (this.prevNewline > 0) {
        part.headerLines--;
        this.hdrPhys -= this.prevNewline;
        part.headerVirtualSize -= 2;
        const parent = part.parent as MimePart;
        parent.bodyLines++;
        parent.bodyVirtualSize += 2;
        this.bodyPhys.set(parent, (this.bodyPhys.get(parent) ?? 0) + this.prevNewline);
      }
      return this.endOfHeader();
    }
    if (this.blankSeen || pos >= this.end) return this.endOfHeader();

    if (atBlank) {
      const n = raw[pos] === CR ? 2 : 1;
      part.headerLines++;
      part.headerVirtualSize += 2;
      this.hdrPhys += n;
      this.pos = pos + n;
      part.hasBlankLine = true;
      this.blankSeen = true;
      this.prevNewline = n;
      return State.Header;
    }

    const stats: FieldStats = { lines: 0, bareLf: 0 };
    const f = readField(raw, pos, this.end, stats);
    part.fields.push(f);
    const size = f.end - f.start;
    part.headerLines += stats.lines;
    part.headerVirtualSize += size + stats.bareLf;
    this.hdrPhys += size;
    this.prevNewline = f.newline;
    this.pos = f.end;
    this.fieldSeen(part, f);
    return State.Header;
  }

  private fieldSeen(part: MimePart, f: HeaderField): void {
    const name = f.name;
    if (name.length === 12 && eqIgnoreCase(name, 'Mime-Version')) {
      part.isMime = true;
      return;
    }
    if (name.length < 8 || !eqIgnoreCase(name.slice(0, 8), 'Content-')) return;
    if (name.length === 12 && eqIgnoreCase(name, 'Content-Type')) {
      part.isMime = true;
      if (this.seenContentType) return;
      this.seenContentType = true;
      this.contentType(part, f);
      return;
    }
    contentHeader(part, name.slice(8), f);
  }

  private contentType(part: MimePart, f: HeaderField): void {
    const p = new Rfc822Parser(fullValue(this.raw, f));
    p.skipLwsp();
    const out: Out = { v: '' };
    const ret = p.parseContentType(out);
    const value = out.v;
    const slash = value.indexOf('/');
    part.contentType = slash === -1 ? value : value.slice(0, slash);
    part.contentSubtype = slash === -1 ? '' : value.slice(slash + 1);

    const lower = lowerAscii(value);
    if (lower === 'message/rfc822') part.kind = 'message';
    else if (lower.startsWith('text') && (lower.length === 4 || lower.charCodeAt(4) === 0x2f)) part.kind = 'text';
    else if (lower.startsWith('multipart/')) {
      part.kind = 'multipart';
      if (lower.slice(10) === 'digest') part.isDigest = true;
    }
    if (ret < 0) return;
    part.params = parseParams(p);
    if (part.kind === 'multipart' && this.lastBoundary === null) {
      for (const prm of part.params) {
        if (eqIgnoreCase(prm.name, 'boundary')) {
          this.lastBoundary = prm.value.slice(0, BOUNDARY_STRING_MAX_LEN);
          break;
        }
      }
    }
  }

  private endOfHeader(): State {
    const part = this.part;
    part.headerEnd = part.start + this.hdrPhys;
    if (!part.isMime) {
      // not MIME: forget everything Content-* said (the envelope stays)
      part.kind = 'other';
      part.isDigest = false;
      clearContent(part);
    }
    this.lastBoundary = null;
    if (!this.seenContentType || !part.isMime) {
      part.kind = part.parent !== null && part.parent.isDigest ? 'message' : 'text';
    }
    if (this.multipart) {
      this.multipart = false;
      return State.BodyToBoundary;
    }
    if (part.kind === 'message' && !this.tooManyNested()) {
      this.appendPart();
      return State.HeaderInit;
    }
    if (part.kind === 'message') part.kind = 'other';
    return this.boundaries.length > 0 ? State.BodyToBoundary : State.BodyToEof;
  }
}

function binToBoundary(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function clearContent(part: MimePart): void {
  part.contentType = null;
  part.contentSubtype = null;
  part.params = [];
  part.contentId = null;
  part.contentDescription = null;
  part.contentTransferEncoding = null;
  part.contentMd5 = null;
  part.contentLocation = null;
  part.contentLanguage = null;
  part.disposition = null;
  part.dispositionParams = [];
}

/** The other Content-* headers (Dovecot's parse_content_header: first one wins). */
function contentHeader(part: MimePart, rest: string, f: HeaderField): void {
  const raw = part.raw;
  switch (rest.length) {
    case 2:
      if (eqIgnoreCase(rest, 'ID') && part.contentId === null) part.contentId = strdup(fullValue(raw, f));
      return;
    case 3:
      if (eqIgnoreCase(rest, 'MD5') && part.contentMd5 === null) part.contentMd5 = strdup(fullValue(raw, f));
      return;
    case 17:
      if (eqIgnoreCase(rest, 'Transfer-Encoding') && part.contentTransferEncoding === null) {
        const p = new Rfc822Parser(fullValue(raw, f));
        p.skipLwsp();
        const out: Out = { v: '' };
        if (p.parseMimeToken(out) >= 0 && p.skipLwsp() === 0 && out.v.length > 0) {
          part.contentTransferEncoding = out.v;
        }
      }
      return;
    case 8:
      if (eqIgnoreCase(rest, 'Language') && part.contentLanguage === null) {
        const p = new Rfc822Parser(fullValue(raw, f));
        const langs: string[] = [];
        p.skipLwsp();
        for (;;) {
          const out: Out = { v: '' };
          if (p.parseAtom(out) < 0) break;
          langs.push(out.v);
          if (p.pos >= p.end || p.c() !== 0x2c) break;
          p.pos++;
          p.skipLwsp();
        }
        if (langs.length > 0) part.contentLanguage = langs;
      } else if (eqIgnoreCase(rest, 'Location') && part.contentLocation === null) {
        part.contentLocation = strdup(fullValue(raw, f));
      }
      return;
    case 11:
      if (eqIgnoreCase(rest, 'Description') && part.contentDescription === null) {
        part.contentDescription = strdup(fullValue(raw, f));
      } else if (eqIgnoreCase(rest, 'Disposition') && part.dispositionParams.length === 0) {
        const p = new Rfc822Parser(fullValue(raw, f));
        p.skipLwsp();
        const out: Out = { v: '' };
        if (p.parseMimeToken(out) < 0) return;
        part.disposition = out.v;
        part.dispositionParams = parseParams(p);
      }
      return;
  }
}

/** Parses a message (CRLF or bare-LF line ends) into its part tree. Never throws. */
export function parseMessage(raw: Uint8Array): MimePart {
  return new Parser(raw).run();
}

/** Every part in depth-first order (the message, then each child before its siblings). */
export function walkParts(root: MimePart): MimePart[] {
  const out: MimePart[] = [];
  const stack: MimePart[] = [root];
  while (stack.length > 0) {
    const p = stack.pop() as MimePart;
    out.push(p);
    if (p.message) stack.push(p.message);
    for (let i = p.children.length - 1; i >= 0; i--) stack.push(p.children[i]);
  }
  return out;
}

