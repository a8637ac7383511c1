/**
 * BODY and BODYSTRUCTURE (RFC 3501 §7.4.2) the way Dovecot 2.3 writes them
 * (lib-imap/imap-bodystructure.c):
 *
 * - type/subtype/parameter names and values as written in the message (no case change), except
 *   a message/rfc822 part, always "message" "rfc822"; no Content-Type -> "text" "plain";
 * - text types get ("charset" "us-ascii") appended when they name no charset;
 * - encoding defaults to "7bit"; sizes count bare LFs as CRLF; lines for text and message/rfc822;
 * - a multipart without parts gets one empty text/plain part; a part typed multipart/* or
 *   message/rfc822 that was not parsed as one (too deep, too many parts, broken type) is written
 *   as "application" "octet-stream";
 * - extension data: md5, disposition, language, location (single part);
 *   params, disposition, language, location (multipart).
 */
import type { Value } from '../wire/values';
import { eqIgnoreCase } from './bytes';
import { envelope } from './envelope';
import { nstring, nstringNoLf } from './istring';
import type { MimeParam, MimePart } from './parse';
import { tight } from './tight';

function paramsValue(params: readonly MimeParam[], defaultCharset: boolean): Value {
  if (!defaultCharset && params.length === 0) return null;
  const out: Value[] = [];
  let seenCharset = false;
  for (const p of params) {
    if (defaultCharset && eqIgnoreCase(p.name, 'charset')) seenCharset = true;
    out.push(nstring(p.name), nstring(p.value));
  }
  if (defaultCharset && !seenCharset) out.push('charset', 'us-ascii');
  return out;
}

function commonExtension(part: MimePart, out: Value[]): void {
  out.push(
    part.disposition === null ? null : [nstring(part.disposition), paramsValue(part.dispositionParams, false)],
  );
  out.push(part.contentLanguage === null ? null : part.contentLanguage.map((l) => nstring(l)));
  out.push(nstringNoLf(part.contentLocation));
}

function emptyBody(extended: boolean): Value[] {
  const v: Value[] = ['text', 'plain', ['charset', 'us-ascii'], null, null, '7bit', 0, 0];
  if (extended) v.push(null, null, null, null);
  return v;
}

/**
 * A part whose Content-Type promises structure the parser did not build (nesting or part-count
 * limit reached, "multipart" without a subtype, ...): Dovecot's part_is_truncated().
 */
function isTruncated(part: MimePart): boolean {
  if (part.contentType !== null) {
    if (eqIgnoreCase(part.contentType, 'message') && eqIgnoreCase(part.contentSubtype ?? '', 'rfc822')) return true;
    return eqIgnoreCase(part.contentType, 'multipart');
  }
  return part.parent !== null && part.parent.isDigest;
}

function singlePart(part: MimePart, extended: boolean): Value[] {
  const out: Value[] = [];
  let text: boolean;
  if (part.kind === 'message') {
    out.push('message', 'rfc822');
    text = false;
  } else if (isTruncated(part)) {
    // written as an opaque part (Dovecot does the same)
    out.push('application', 'octet-stream');
    text = false;
  } else if (part.contentType === null) {
    out.push('text', 'plain');
    text = true;
  } else {
    text = eqIgnoreCase(part.contentType, 'text');
    out.push(nstring(part.contentType), nstring(part.contentSubtype ?? ''));
  }
  out.push(
    paramsValue(part.params, text),
    nstringNoLf(part.contentId),
    nstringNoLf(part.contentDescription),
    part.contentTransferEncoding === null ? '7bit' : nstring(part.contentTransferEncoding),
    part.bodyVirtualSize,
  );
  if (text) {
    out.push(part.bodyLines);
  } else if (part.kind === 'message' && part.message !== null) {
    out.push(envelope(part.message), bodyStructure(part.message, extended), part.bodyLines);
  }
  if (extended) {
    out.push(nstringNoLf(part.contentMd5));
    commonExtension(part, out);
  }
  return out;
}

function multiPart(part: MimePart, extended: boolean): Value[] {
  const out: Value[] =
    part.children.length > 0 ? part.children.map((c) => bodyStructure(c, extended)) : [emptyBody(extended)];
  const bodies = out.length;
  out.push(nstring(part.contentSubtype ?? ''));
  if (extended) {
    out.push(paramsValue(part.params, false));
    commonExtension(part, out);
  }
  return tight(out, bodies);
}

/**
 * The BODY (`extended` false) or BODYSTRUCTURE (`extended` true) list of a part; for FETCH pass
 * the message root. Child bodies of a multipart are a tight list (see tight.ts).
 */
export function bodyStructure(part: MimePart, extended: boolean): Value {
  return part.kind === 'multipart' ? multiPart(part, extended) : singlePart(part, extended);
}
