/**
 * A SASL response line as IMAP (RFC 4959), POP3 (RFC 5034) and IMSP carry it: base64 (RFC 4648),
 * `=` for an empty response. Returns the decoded UTF-8 text, or null when it is not valid
 * base64 or not valid UTF-8.
 */
export function decodeSaslResponse(b64: string): string | null {
  if (b64 === '=') return '';
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}
