import type { Tok } from '../imap/tokens';
import type { Word } from '../imap/words';

/**
 * The inspector's words for SORT, THREAD and ESORT (RFC 5256, RFC 5957, RFC 5267): the sort
 * keys, the thread algorithms, the return options, and how a THREAD response nests.
 */

export const SORT_KEYS: Record<string, Word> = {
  ARRIVAL: { text: 'By INTERNALDATE: when the server received the message.', rfc: 'RFC 5256 §3' },
  CC: { text: 'By the local part (addr-mailbox) of the first Cc: address, case-insensitively.', rfc: 'RFC 5256 §3' },
  DATE: { text: 'By the Date: header (the "sent date", in UTC); INTERNALDATE when it is missing or broken.', rfc: 'RFC 5256 §2.2, §3' },
  FROM: { text: 'By the local part (addr-mailbox) of the first From: address, case-insensitively.', rfc: 'RFC 5256 §3' },
  SIZE: { text: 'By RFC822.SIZE, the size in octets.', rfc: 'RFC 5256 §3' },
  SUBJECT: { text: 'By the "base subject": the Subject: with Re:, Fwd:, [list] tags and (fwd) taken off, so replies sort with the original.', rfc: 'RFC 5256 §2.1, §3' },
  TO: { text: 'By the local part (addr-mailbox) of the first To: address, case-insensitively.', rfc: 'RFC 5256 §3' },
  DISPLAYFROM: { text: 'By the display name of the first From: address (its addr-spec when it has none): what a mail client shows in its From column.', rfc: 'RFC 5957 §3' },
  DISPLAYTO: { text: 'By the display name of the first To: address (its addr-spec when it has none).', rfc: 'RFC 5957 §3' },
  REVERSE: { text: 'Turns the next sort key around (descending). Messages equal on every key stay in sequence order.', rfc: 'RFC 5256 §3' },
};

export const THREAD_ALGORITHMS: Record<string, Word> = {
  REFERENCES: { text: 'Threads by the Message-ID links in References: and In-Reply-To:, then joins threads whose base subjects match; siblings are ordered by sent date.', rfc: 'RFC 5256 §4' },
  ORDEREDSUBJECT: { text: '"Poor man\'s threading": messages with the same base subject form one thread, the earliest as the parent of all the others.', rfc: 'RFC 5256 §4' },
  REFS: { text: 'Dovecot\'s variant of REFERENCES: no joining by subject, and threads ordered by their newest message.', rfc: 'draft-ietf-morg-inthread (Dovecot THREAD=REFS)' },
};

export const RETURN_OPTIONS: Record<string, Word> = {
  MIN: { text: 'The first message in sort order.', rfc: 'RFC 5267 §3.2' },
  MAX: { text: 'The last message in sort order.', rfc: 'RFC 5267 §3.2' },
  ALL: { text: 'All matches, in sort order (a run that counts up by one is written as a range).', rfc: 'RFC 5267 §3.2' },
  COUNT: { text: 'How many messages matched.', rfc: 'RFC 5267 §3.2' },
  SAVE: { text: 'Keep the matches as $ for later commands (SEARCHRES).', rfc: 'RFC 5182 §2.4' },
};

export const CAPABILITIES: Record<string, string> = {
  SORT: 'Has SORT: the server sorts the messages (RFC 5256).',
  'SORT=DISPLAY': 'SORT also by DISPLAYFROM and DISPLAYTO, the names a client shows (RFC 5957).',
  'THREAD=REFERENCES': 'THREAD by References:/In-Reply-To: links (RFC 5256).',
  'THREAD=ORDEREDSUBJECT': 'THREAD by base subject only (RFC 5256).',
  'THREAD=REFS': 'THREAD by references without subject merging, newest thread last (Dovecot, draft-ietf-morg-inthread).',
  ESORT: 'SORT RETURN (MIN MAX ALL COUNT) answers with ESEARCH (RFC 5267).',
};

/** What the explainer lends: its node makers and its SEARCH key explanation. */
export interface Makers<N> {
  node(t: Tok, label: string, extra?: { text?: string; rfc?: string; children?: N[] }): N;
  generic(t: Tok, label?: string): N;
  searchKey(t: Tok): N;
}

const wordNode = <N>(m: Makers<N>, t: Tok, label: string, table: Record<string, Word>, unknown: string): N => {
  const w = table[t.value.toUpperCase()];
  return m.node(t, label, w ? { text: w.text, rfc: w.rfc } : { text: unknown });
};

/** `SORT [RETURN (…)] (criteria) charset search-key…` */
export function sortCommand<N>(args: Tok[], m: Makers<N>): N[] {
  const out: N[] = [];
  let i = 0;
  if (args[i]?.kind === 'atom' && args[i].value.toUpperCase() === 'RETURN') {
    out.push(m.node(args[i++], 'RETURN', { text: 'ESORT: answer with * ESEARCH and only the items asked for.', rfc: 'RFC 5267 §3.2' }));
    const opts = args[i++];
    if (opts) out.push(m.node(opts, 'return options', { text: 'Empty () means ALL.', children: (opts.items ?? []).map((o) => wordNode(m, o, 'return option', RETURN_OPTIONS, 'Not an ESORT return option.')) }));
  }
  const criteria = args[i++];
  if (criteria) {
    out.push(
      criteria.kind === 'list'
        ? m.node(criteria, 'sort criteria', {
            text: 'The first key decides; each next key breaks the ties of those before it; messages still equal stay in sequence order.',
            rfc: 'RFC 5256 §3',
            children: (criteria.items ?? []).map((k) => wordNode(m, k, 'sort key', SORT_KEYS, 'Not a sort key (ARRIVAL, CC, DATE, FROM, SIZE, SUBJECT, TO, DISPLAYFROM, DISPLAYTO).')),
          })
        : m.node(criteria, 'sort criteria', { text: 'The sort keys must be in parentheses, e.g. (REVERSE DATE).', rfc: 'RFC 5256 §3' }),
    );
  }
  return [...out, ...charsetAndSearch(args.slice(i), m)];
}

/** `THREAD algorithm charset search-key…` */
export function threadCommand<N>(args: Tok[], m: Makers<N>): N[] {
  const out: N[] = [];
  if (args[0]) out.push(wordNode(m, args[0], 'thread algorithm', THREAD_ALGORITHMS, 'Not a thread algorithm this server has (REFERENCES, REFS, ORDEREDSUBJECT).'));
  return [...out, ...charsetAndSearch(args.slice(1), m)];
}

function charsetAndSearch<N>(rest: Tok[], m: Makers<N>): N[] {
  const out: N[] = [];
  if (rest[0]) out.push(m.node(rest[0], 'charset', { text: 'The charset of the search strings; required here (unlike SEARCH): UTF-8 or US-ASCII.', rfc: 'RFC 5256 §3' }));
  for (const t of rest.slice(1)) out.push(m.searchKey(t));
  return out;
}

/** `* SORT n…`: the matching messages, in the order asked for. */
export function sortResponse<N>(rest: Tok[], m: Makers<N>): N[] {
  if (!rest.length) return [m.node({ kind: 'text', value: '', start: 0, end: 0 } as Tok, 'matches', { text: 'None: nothing matched.' })];
  return rest.map((t, i) => m.node(t, `${i + 1}. in order`, { text: i === 0 ? 'The first message in the requested order (a sequence number, or a UID after UID SORT).' : undefined }));
}

/** `* THREAD (…)(…)`: each top-level list is one thread. */
export function threadResponse<N>(rest: Tok[], m: Makers<N>): N[] {
  if (!rest.length) return [m.node({ kind: 'text', value: '', start: 0, end: 0 } as Tok, 'threads', { text: 'None: nothing matched.' })];
  return rest.map((t, i) => thread(t, `thread ${i + 1}`, m));
}

function thread<N>(t: Tok, label: string, m: Makers<N>): N {
  if (t.kind !== 'list') return m.generic(t, label);
  const items = t.items ?? [];
  const first = items[0];
  const text =
    first?.kind === 'list'
      ? 'No common parent among these messages (it was referred to but is not here): its children follow, each in parentheses.'
      : items.length > 1 && items.every((x) => x.kind !== 'list')
        ? 'A chain: each message is the reply to the one before it.'
        : 'The first message is the parent; a number after it is its only reply, a group of parenthesized lists its several replies.';
  const children = items.map((x, k) => (x.kind === 'list' ? thread(x, 'branch', m) : m.node(x, k === 0 && first?.kind !== 'list' ? 'message' : 'reply')));
  return m.node(t, label, { text, rfc: 'RFC 5256 §4', children });
}
