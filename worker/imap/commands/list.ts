import { HIERARCHY_DELIMITER as D, type Account } from '../../store/model';
import { atom, type Value } from '../../wire/values';
import type { Reader } from '../../wire/parser';
import { compilePattern, joinReference, parentsSet, sortedMailboxes } from '../listing';
import { fromWire, mailboxValue } from '../names';
import type { ImapSession } from '../session';
import { statusValues, parseStatusItems } from './status';
import { AUTH, bad, ok, type CommandSpec } from '../types';

/**
 * LIST (RFC 3501 §6.3.8) with the RFC 5258 extended form that SPECIAL-USE (RFC 6154) and
 * LIST-STATUS (RFC 5819) build on: `LIST (selection) ref (patterns) RETURN (options)`.
 */
interface ListOptions {
  subscribed: boolean;
  specialUse: boolean;
  recursiveMatch: boolean;
  returnSubscribed: boolean;
  returnSpecialUse: boolean;
  returnChildren: boolean;
  status: string[] | null;
}

function readListPatterns(session: ImapSession, args: Reader): string[] {
  if (args.peek() === 0x28 /* ( */) return args.list(() => args.listMailbox());
  return [args.listMailbox()];
}

function readOptionWords(args: Reader): string[] {
  return args.list(() => args.atom().toUpperCase());
}

export const LIST: CommandSpec = {
  name: 'LIST',
  states: AUTH,
  syntax: 'LIST [(selection-options)] reference mailbox-pattern [RETURN (return-options)]',
  rfc: 'RFC 3501 §6.3.8, RFC 5258',
  run({ session, args }) {
    const o: ListOptions = { subscribed: false, specialUse: false, recursiveMatch: false, returnSubscribed: false, returnSpecialUse: false, returnChildren: false, status: null };
    args.sp();
    // RFC 5258 §3: selection options, a parenthesised pattern list or RETURN make the command
    // an extended LIST, which Dovecot answers with only the attributes asked for.
    let extended = false;
    // RFC 1730's LIST is `LIST reference pattern`: no options, one pattern.
    const plain = session.dialect.listExtended === false;
    if (plain && args.peek() === 0x28) throw args.error('LIST takes a reference and one pattern (selection options came with RFC 5258)');
    if (args.peek() === 0x28) {
      extended = true;
      for (const w of readOptionWords(args)) {
        if (w === 'SUBSCRIBED') o.subscribed = o.returnSubscribed = true;
        else if (w === 'SPECIAL-USE') o.specialUse = o.returnSpecialUse = true;
        else if (w === 'RECURSIVEMATCH') o.recursiveMatch = true;
        else if (w === 'REMOTE') continue; // no remote mailboxes here (RFC 5258 §3.1 lets it be ignored)
        else return bad(`Error in IMAP command LIST: Unknown selection option ${w}`);
      }
      // RFC 5258 §3.1: "RECURSIVEMATCH ... MUST NOT occur as the only selection option" (REMOTE does not count).
      if (o.recursiveMatch && !o.subscribed && !o.specialUse) return bad('Error in IMAP command LIST: RECURSIVEMATCH must not be the only selection.');
      args.sp();
    }
    const reference = fromWireRef(session, args.astring());
    args.sp();
    if (plain && args.peek() === 0x28) throw args.error('LIST takes one pattern (several came with RFC 5258)');
    if (args.peek() === 0x28) extended = true;
    const patterns = readListPatterns(session, args).map((p) => fromWireRef(session, p));
    if (!args.atEnd() && !plain) {
      args.sp();
      args.word('RETURN');
      args.sp();
      extended = true;
      args.list(() => {
        const w = args.atom().toUpperCase();
        if (w === 'SUBSCRIBED') o.returnSubscribed = true;
        else if (w === 'SPECIAL-USE') o.returnSpecialUse = true;
        else if (w === 'CHILDREN') o.returnChildren = true;
        else if (w === 'STATUS') {
          args.sp();
          o.status = parseStatusItems(session, args);
        } else throw args.error(`Unknown return option ${w}`);
        return w;
      });
    }
    args.end();
    // A plain LIST gets \HasChildren and special-use attributes unasked (RFC 3348, RFC 6154 allow
    // it, Dovecot does it); an extended one only when RETURN asks, unless the dialect always adds them.
    const always = !extended || session.dialect.listAttributesAlways === true;
    const children = always || o.returnChildren;
    const specialUse = always || o.returnSpecialUse;

    const acc = session.account!;
    // RFC 3501: an empty pattern asks for the delimiter and the root of the reference.
    if (patterns.length === 1 && patterns[0] === '') {
      const root = reference.includes(D) ? reference.slice(0, reference.indexOf(D) + 1) : '';
      session.untaggedValues('LIST', [[atom('\\Noselect')], D, root]);
      return ok('List completed.');
    }
    const matchers = patterns.map((p) => compilePattern(joinReference(reference, p)));
    const matches = (name: string): boolean => matchers.some((m) => m.test(name));
    const parents = parentsSet(acc);
    // RFC 5258 §3.1: with SUBSCRIBED, a subscription whose mailbox is gone is listed as \NonExistent.
    const names = new Set<string>();
    for (const mb of sortedMailboxes(acc, (n) => session.isHere(n))) names.add(mb.name);
    if (o.subscribed) for (const n of acc.subscriptions) if (session.isHere(n)) names.add(n);
    // RECURSIVEMATCH (RFC 5258 §3.5): a name that fails the selection but has a selected
    // descendant outside the patterns is listed with CHILDINFO; one that the patterns
    // already cover is listed itself instead.
    const childInfo = new Set<string>();
    if (o.recursiveMatch) {
      for (const n of names) {
        if (!selected(acc, n, o) || matches(n)) continue;
        for (let i = n.lastIndexOf(D); i > 0; i = n.lastIndexOf(D, i - 1)) childInfo.add(n.slice(0, i));
      }
    }
    for (const name of [...new Set([...names, ...childInfo])].sort(listingOrder)) {
      if (!matches(name)) continue;
      const mb = acc.mailboxes.get(name);
      const subscribed = acc.subscriptions.has(name);
      const isSelected = selected(acc, name, o);
      if (!isSelected && !childInfo.has(name)) continue;
      const attrs: string[] = [];
      if (session.dialect.listAttributes === 'rfc1730') attrs.push(...attributes1730(mb ?? { noselect: true }));
      else {
        // Attribute order as Dovecot writes it: \Subscribed, \Noselect, \NonExistent, children, special use.
        if (o.returnSubscribed && subscribed && isSelected) attrs.push('\\Subscribed');
        if (isSelected && mb?.noselect) attrs.push('\\Noselect');
        if (isSelected && !mb) attrs.push('\\NonExistent');
        if (children) attrs.push(parents.has(name) ? '\\HasChildren' : '\\HasNoChildren');
        if (specialUse && mb?.specialUse) attrs.push(mb.specialUse);
      }
      const values: Value[] = [attrs.map(atom), D, mailboxValue(session, name)];
      // CHILDINFO names the selection criteria a descendant met (RFC 5258 §3.5; SPECIAL-USE, RFC 6154).
      if (!isSelected) values.push([atom('CHILDINFO'), [...(o.subscribed ? ['SUBSCRIBED'] : []), ...(o.specialUse ? ['SPECIAL-USE'] : [])]]);
      session.untaggedValues('LIST', values);
      if (o.status && mb && !mb.noselect && isSelected) session.untaggedValues('STATUS', [mailboxValue(session, name), statusValues(session, mb, o.status)]);
    }
    return ok('List completed.');
  },
};

/** Whether a name passes LIST's selection options (RFC 5258 §3.1). */
function selected(acc: Account, name: string, o: ListOptions): boolean {
  if (o.subscribed && !acc.subscriptions.has(name)) return false;
  const mb = acc.mailboxes.get(name);
  if (o.specialUse && !mb?.specialUse) return false;
  return mb !== undefined || o.subscribed;
}

/** INBOX first, then by name (the order sortedMailboxes uses). */
const listingOrder = (a: string, b: string): number => (a === 'INBOX' ? -1 : b === 'INBOX' ? 1 : a < b ? -1 : a > b ? 1 : 0);

/**
 * RFC 1730 §7.2.2 defines \Noinferiors, \Noselect, \Marked and \Unmarked; \HasChildren and
 * the special-use attributes came later (RFC 3348, RFC 6154), and we cannot tell "marked".
 */
function attributes1730(mb: { noselect: boolean }): string[] {
  return mb.noselect ? ['\\Noselect'] : [];
}

/** A reference or pattern as the user typed it, decoded from modified UTF-7 if need be. */
function fromWireRef(session: ImapSession, s: string): string {
  if (s === '') return '';
  try {
    return fromWire(session, s);
  } catch {
    return s;
  }
}

export const LSUB: CommandSpec = {
  name: 'LSUB',
  states: AUTH,
  syntax: 'LSUB reference mailbox-pattern',
  rfc: 'RFC 3501 §6.3.9',
  run({ session, args }) {
    args.sp();
    const reference = fromWireRef(session, args.astring());
    args.sp();
    const pattern = fromWireRef(session, args.listMailbox());
    args.end();
    const acc = session.account!;
    if (pattern === '') {
      session.untaggedValues('LSUB', [[atom('\\Noselect')], D, '']);
      return ok('Lsub completed.');
    }
    const full = joinReference(reference, pattern);
    const re = compilePattern(full);
    const seen = new Set<string>();
    const names = [...acc.subscriptions].filter((n) => session.isHere(n)).sort((a, b) => (a === 'INBOX' ? -1 : b === 'INBOX' ? 1 : a < b ? -1 : 1));
    for (const name of names) {
      if (re.test(name)) {
        seen.add(name);
        const role = session.dialect.listAttributes === 'rfc1730' ? null : acc.mailboxes.get(name)?.specialUse;
        session.untaggedValues('LSUB', [role ? [atom(role)] : [], D, mailboxValue(session, name)]);
        continue;
      }
      // RFC 3501 §6.3.9: with `%`, a subscribed child's unsubscribed parent shows as \Noselect.
      if (!full.includes('%')) continue;
      let i = name.lastIndexOf(D);
      while (i > 0) {
        const parent = name.slice(0, i);
        if (re.test(parent) && !seen.has(parent) && !acc.subscriptions.has(parent)) {
          seen.add(parent);
          session.untaggedValues('LSUB', [[atom('\\Noselect')], D, mailboxValue(session, parent)]);
        }
        i = name.lastIndexOf(D, i - 1);
      }
    }
    return ok('Lsub completed.');
  },
};
