/**
 * The MIME layer: messages parsed once into part trees (parse.ts), and from those the IMAP views
 * of a message -- ENVELOPE (envelope.ts), BODY/BODYSTRUCTURE (bodystructure.ts), BODY[section]
 * (section.ts) -- and the decoded text SEARCH matches against (decode.ts). Everything follows
 * Dovecot 2.3.19 byte for byte; see __fixtures__/ for the recorded reference answers.
 */
export { type MimePart, type MimeParam, type HeaderField, parseMessage, walkParts, mediaType, param, charset, messageSize } from './parse';
export { fullValue, unfoldedValue, rawValue, findField, findFields } from './header';
export { envelope, envelopeData, envelopeValue, type EnvelopeData } from './envelope';
export { type Address, parseAddressList, writeAddressList } from './address';
export { bodyStructure } from './bodystructure';
export { type SectionSpec, type SectionText, fetchSection, findPart, parseSection, partial } from './section';
export { encodeMimeValue, writeMimeValue, tight, tightCount, TIGHT } from './tight';
export { nstring, nstringNoLf, humanString } from './istring';
export {
  decodeCharset,
  decodeEncodedWords,
  decodeBase64,
  decodeQuotedPrintable,
  decodedBody,
  decodedBodyOctets,
  decodedHeaderLine,
  headerValues,
  searchableHeaderValue,
  searchableBody,
  searchableText,
  sentDate,
  parseRfc5322Date,
} from './decode';
