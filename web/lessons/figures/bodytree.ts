/**
 * A BODYSTRUCTURE value (RFC 3501 §7.4.2) as a tree of parts numbered the way BODY[section]
 * numbers them. Platform-free; the tokenizer is the inspector's forgiving one.
 */
import { Tokenizer, type Tok } from '../../imap/tokens';

export interface BodyNode {
  /** `1`, `1.2` …; empty for the message itself. */
  part: string;
  /** `multipart/mixed`, `text/plain` … */
  type: string;
  /** Size, file name: whatever helps to recognise the part. */
  detail: string;
  children: BodyNode[];
}

const str = (t: Tok | undefined) => (t && (t.kind === 'string' || t.kind === 'atom' || t.kind === 'literal') ? t.value : '');

function node(t: Tok, part: string): BodyNode {
  const items = t.items ?? [];
  if (items[0]?.kind === 'list') {
    // The children are the leading lists; the subtype string ends them (its parameters follow).
    let n = 0;
    while (items[n]?.kind === 'list') n++;
    const kids = items.slice(0, n);
    // After the children: the subtype string, then extension data.
    const subtype = str(items[kids.length]);
    return {
      part,
      type: `multipart/${subtype.toLowerCase()}`,
      detail: '',
      children: kids.map((k, i) => node(k, part ? `${part}.${i + 1}` : String(i + 1))),
    };
  }
  const type = `${str(items[0]).toLowerCase()}/${str(items[1]).toLowerCase()}`;
  const params = items[2]?.items ?? [];
  let name = '';
  for (let i = 0; i + 1 < params.length; i += 2) if (str(params[i]).toLowerCase() === 'name') name = str(params[i + 1]);
  const size = items[6]?.kind === 'number' ? `${items[6].value} octets` : '';
  return { part: part || '1', type, detail: [name, size].filter(Boolean).join(', '), children: [] };
}

/** The tree of a BODYSTRUCTURE value (the parenthesised list after the word BODYSTRUCTURE). */
export function bodyTree(value: string): BodyNode {
  const t = new Tokenizer(new TextEncoder().encode(value)).one();
  if (t.kind !== 'list') throw new Error('not a body structure');
  return node(t, '');
}
