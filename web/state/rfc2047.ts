/**
 * Decodes RFC 2047 encoded words (=?charset?B|Q?text?=) for display in the message list, so
 * a subject reads as its author wrote it. The source view still shows the raw header.
 */
export function decodeWords(s: string): string {
  return s
    .replace(/(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g, (all, charset: string, enc: string, text: string) => {
      try {
        let bytes: Uint8Array;
        if (enc.toUpperCase() === 'B') bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
        else {
          const t = text.replace(/_/g, ' ');
          const out: number[] = [];
          for (let i = 0; i < t.length; i++) {
            if (t[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(t.slice(i + 1, i + 3))) {
              out.push(parseInt(t.slice(i + 1, i + 3), 16));
              i += 2;
            } else out.push(t.charCodeAt(i));
          }
          bytes = new Uint8Array(out);
        }
        return new TextDecoder(charset.replace(/\*.*$/, '')).decode(bytes);
      } catch {
        return all;
      }
    });
}
