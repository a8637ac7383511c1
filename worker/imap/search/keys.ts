import type { SequenceSet } from '../../wire/parser';

/** A parsed SEARCH program (RFC 3501 §6.4.4): a tree of keys, ANDed at each level. String values are lower-cased. */
export type SearchKey =
  | { op: 'all' }
  | { op: 'and'; keys: SearchKey[] }
  | { op: 'or'; a: SearchKey; b: SearchKey }
  | { op: 'not'; key: SearchKey }
  | { op: 'flag'; flag: string; set: boolean }
  | { op: 'recent'; set: boolean }
  | { op: 'new' }
  /** `address` false: a HEADER key (the decoded value as written); otherwise FROM/TO/CC/BCC/SUBJECT (matched as rewritten). */
  | { op: 'header'; field: string; value: string; address?: boolean; probe?: string }
  | { op: 'body'; value: string }
  | { op: 'text'; value: string }
  | { op: 'date'; which: 'internal' | 'sent'; cmp: 'before' | 'on' | 'since'; day: number }
  | { op: 'size'; cmp: 'larger' | 'smaller'; n: number }
  /** RFC 5032 WITHIN: OLDER n (INTERNALDATE more than n seconds ago) / YOUNGER n (at most). */
  | { op: 'within'; older: boolean; seconds: number }
  | { op: 'seq'; set: SequenceSet }
  | { op: 'uid'; set: SequenceSet }
  /** RFC 7162 §3.1.5: MODSEQ [entry-name entry-type] n — the message's modseq is at least n. */
  | { op: 'modseq'; n: number };

/** Whether a program uses MODSEQ (the answer then ends with the matches' highest modseq). */
export function usesModseq(key: SearchKey): boolean {
  switch (key.op) {
    case 'modseq':
      return true;
    case 'and':
      return key.keys.some(usesModseq);
    case 'or':
      return usesModseq(key.a) || usesModseq(key.b);
    case 'not':
      return usesModseq(key.key);
    default:
      return false;
  }
}
