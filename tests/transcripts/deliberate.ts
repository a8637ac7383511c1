/**
 * Commands whose answer differs from the reference server's on purpose, per transcript and
 * tag. The comparison drops exactly these commands' responses (on both sides) after checking
 * that each side still says what we expect it to say; everything else must match byte for
 * byte. docs/fidelity.md explains each entry for readers.
 */
export interface Deliberate {
  tags: string[];
  /** When our side answers in more blocks (e.g. a stray line the reference swallowed). */
  oursTags?: string[];
  /** What the reference server sends for these commands, and what we send. */
  reference: RegExp;
  ours: RegExp;
  why: string;
}

const STRICT = 'Extra arguments after a complete command: Dovecot ignores them, we answer BAD so a learner sees the mistake (RFC 3501 §9 has no room for them).';

export const DELIBERATE: Record<string, Deliberate[]> = {
  '05-starttls': [
    {
      tags: ['a2'],
      reference: /^a2 BAD/m,
      ours: /^a2 NO TEXT$/m,
      why: 'STARTTLS without TLS: Dovecot (ssl=no) answers BAD; the command is valid, so we refuse it with NO and say why (the playground has no TLS).',
    },
  ],
  '08-bad-arguments': [
    { tags: ['a7', 'a8', 'a9', 'a10'], reference: /^a\d+ OK/m, ours: /^a\d+ BAD TEXT$/m, why: STRICT },
    { tags: ['a14'], reference: /^\* BYE[^\n]*\na14 OK/m, ours: /^a14 BAD/m, why: STRICT },
  ],
  '27-search-dates-sizes': [
    {
      tags: ['a20'],
      reference: /^\* SEARCH\r?\na20 OK/m,
      ours: /^a20 BAD TEXT$/m,
      why: 'SEARCH ON 32-Jan-2024: Dovecot matches nothing; we say the date does not exist.',
    },
  ],
  '35-fetch-partial': [
    {
      tags: ['a13'],
      reference: /^a13 OK/m,
      ours: /^a13 BAD/m,
      why: 'BODY[]<10> without a length is a Dovecot extension; RFC 3501 requires <origin.length>.',
    },
    {
      tags: ['a15'],
      reference: /^a15 OK/m,
      ours: /^a15 BAD TEXT$/m,
      why: 'BODY[]<0.4294967296>: the length is not a 32-bit number (RFC 3501 §9 `number`), so we answer BAD; Dovecot accepts it.',
    },
  ],
  '46-namespace-enable-id': [
    { tags: ['a2'], reference: /^\* ENABLED\r?\na2 OK/m, ours: /^a2 BAD TEXT$/m, why: 'ENABLE before login: RFC 5161 §3.1 allows it only in the authenticated state; Dovecot accepts it.' },
    { tags: ['a7'], reference: /^a7 OK/m, ours: /^a7 BAD TEXT$/m, why: 'ENABLE with no capability: RFC 5161 requires at least one; Dovecot accepts it.' },
    { tags: ['a10'], reference: /^a10 OK/m, ours: /^a10 BAD TEXT$/m, why: 'ID ("name"): RFC 2971 parameters come in field/value pairs; Dovecot accepts an odd list.' },
    { tags: ['a12'], reference: /^a12 OK/m, ours: /^a12 BAD TEXT$/m, why: STRICT },
  ],
  '60-condstore-enable': [
    {
      tags: ['a10'],
      reference: /^\* ENABLED QRESYNC\r?\na10 OK/m,
      ours: /^a10 BAD TEXT$/m,
      why: 'ENABLE with a mailbox selected: RFC 5161 §3.1 allows it only in the authenticated state; Dovecot accepts it.',
    },
  ],
  '48-huge-literal-append': [
    {
      tags: ['a3'],
      oursTags: ['a3', 'Subject:', 'only'],
      reference: /^\+ TEXT$/m,
      ours: /BAD TEXT$/m,
      why: 'APPEND {99999999999}: Dovecot says "+ OK" and fails later; we refuse a literal over the limit (50 MiB) before it is sent (RFC 3501 §7.5), and a client that sends it anyway has its bytes read as commands.',
    },
  ],
  '49-huge-literal-bye': [
    {
      tags: ['a5'],
      reference: /^\* BYE TEXT$/m,
      ours: /^a5 BAD TEXT$/m,
      why: 'CREATE {99999999999}: Dovecot hangs up; we answer BAD and keep the connection usable.',
    },
  ],
  '103-metadata-too-large': [
    {
      tags: ['a4'],
      reference: /^\+ TEXT\r?\na4 OK TEXT$/m,
      ours: /^a4 NO \[METADATA MAXSIZE 65536\] TEXT$/m,
      why: 'A METADATA value of 65,537 octets: Dovecot 2.3 sets no size limit and stores it; we keep a value to 64 KiB (MAX_METADATA_VALUE_SIZE) and refuse a larger one with NO [METADATA MAXSIZE 65536] (RFC 5464 §4.3) before the client sends it.',
    },
    {
      tags: ['a5'],
      reference: /^a5 OK \[METADATA LONGENTRIES 65537\]/m,
      ours: /^\* METADATA INBOX \(\/private\/bigger NIL\)\r?\na5 OK \[METADATA LONGENTRIES 65536\]/m,
      why: 'So the refused entry does not exist here (NIL), and the longest value left out by MAXSIZE is the 65,536-octet one.',
    },
  ],
  '50-idle-edge-cases': [
    { tags: ['a8'], oursTags: ['a8', 'DONE'], reference: /^a8 OK/m, ours: /BAD TEXT$/m, why: STRICT },
  ],
  '40-store-readonly': [
    {
      tags: ['a9', 'a10'],
      reference: /^a\d+ OK/m,
      ours: /^a\d+ NO \[READ-ONLY\] TEXT$/m,
      why: 'MOVE out of an EXAMINEd mailbox: Dovecot moves the message; MOVE expunges, and EXAMINE promises no changes to the mailbox (RFC 3501 §6.3.2), so we refuse.',
    },
    {
      tags: ['a12', 'a13'],
      reference: /^\* STATUS /m,
      ours: /^\* STATUS /m,
      why: 'Follows from the refused MOVE above: the message counts differ by the one message Dovecot moved.',
    },
  ],
  '15-rename': [
    {
      tags: ['a15'],
      reference: /^\* BYE TEXT$/m,
      ours: /^a15 OK/m,
      why: 'Renaming the selected mailbox: Dovecot gives up on the session; RFC 3501 lets it continue, and we keep the selection (the mailbox is the same, only its name changed).',
    },
  ],
  '25-search-flags': [
    {
      tags: ['a16'],
      reference: /^\* FLAGS \(.*NoSuchKeyword\)/m,
      ours: /^\* SEARCH\r?\na16 OK/m,
      why: 'SEARCH KEYWORD for an unknown keyword: Dovecot registers the keyword in the mailbox and announces new FLAGS; searching does not change a mailbox here.',
    },
  ],
  '85-fetch-binary': [
    {
      tags: ['a19', 'a20', 'a21'],
      reference: /^a\d+ OK/m,
      ours: /^a\d+ BAD TEXT$/m,
      why: 'BINARY[1.MIME], BINARY[HEADER], BINARY[0]: RFC 3516 §5 `section-binary` takes non-zero part numbers only, so we answer BAD; Dovecot answers them like BODY[...] (or empty).',
    },
  ],
  '86-append-literal8': [
    {
      tags: ['a13'],
      reference: /^\* 3 EXISTS\r?\n\* 3 RECENT\r?\na13 OK/m,
      ours: /^a13 BAD TEXT$/m,
      why: 'APPEND with a NUL in an ordinary literal: RFC 3501 §9 `literal` is CHAR8, which excludes NUL, so we answer BAD and say to use literal8 (RFC 3516); Dovecot stores it.',
    },
  ],
  '91-binary-nested': [
    {
      tags: ['a3'],
      reference: /BINARY\.SIZE\[1\] 237 /,
      ours: /BINARY\.SIZE\[1\] 267 /,
      why: 'BINARY.SIZE of a multipart part: Dovecot answers 237 but then sends 267 octets for BINARY[1]; RFC 3516 §4.2 makes BINARY.SIZE the size of what BINARY gives, so we answer 267.',
    },
    {
      tags: ['a13'],
      reference: /^a13 OK/m,
      ours: /^a13 BAD TEXT$/m,
      why: 'ENABLE in the selected state: RFC 5161 §3.1 allows it only in the authenticated state; Dovecot accepts it.',
    },
  ],
};

/**
 * Splits output into logical responses: a line ending in a literal `{n}` continues after
 * its n octets, so message content never looks like a response of its own.
 */
function responses(text: string): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < text.length) {
    let cur = '';
    for (;;) {
      const eol = text.indexOf('\r\n', at);
      const line = text.slice(at, eol < 0 ? text.length : eol);
      at = eol < 0 ? text.length : eol + 2;
      cur += line;
      const lit = /\{(\d+)\+?\}$/.exec(line);
      if (!lit || at >= text.length) break;
      const n = Number(lit[1]);
      cur += '\r\n' + text.slice(at, at + n);
      at += n;
    }
    out.push(cur);
  }
  return out;
}

/** Drops the listed tags' response blocks (their completion and the untagged data before it). */
export function dropDeliberate(text: string, entries: Deliberate[] | undefined, side: 'reference' | 'ours'): string {
  if (!entries) return text;
  let resp = responses(text);
  for (const d of entries) {
    for (const tag of side === 'ours' && d.oursTags ? d.oursTags : d.tags) {
      const end = resp.findIndex((l) => l.startsWith(`${tag} `));
      // With no completion (the server hung up) the block runs to the end.
      const stop = end < 0 ? resp.length : end + 1;
      let from = stop - 2;
      while (from >= 0 && (resp[from].startsWith('* ') || resp[from].startsWith('+'))) from--;
      const block = resp.slice(from + 1, stop).join('\r\n');
      const re = side === 'reference' ? d.reference : d.ours;
      if (!re.test(block)) throw new Error(`deliberate difference for ${tag} no longer holds on the ${side} side: ${JSON.stringify(block)}`);
      // One marker per entry, however many blocks each side needed to say it.
      const marker = tag === (side === 'ours' && d.oursTags ? d.oursTags : d.tags)[0] ? [`${d.tags.join(' ')} (deliberate difference)`] : [];
      resp = [...resp.slice(0, from + 1), ...marker, ...resp.slice(stop)];
    }
  }
  return resp.join('\r\n');
}
