import type { ImapSession } from '../imap/session';
import type { CommandSpec } from '../imap/types';

export type DialectName = 'imap2' | 'imap3' | 'imap4' | 'imap4rev1' | 'imap4rev2';

/**
 * What makes one era's IMAP different from another: data over the shared session core.
 * Handlers consult the dialect for the few behaviours that differ; the command table says
 * which commands exist at all.
 */
export interface Dialect {
  name: DialectName;
  /** e.g. `IMAP4rev1 (RFC 3501)` */
  title: string;
  /** Text after `* ` of the greeting. */
  greeting(session: ImapSession): string;
  /** The capability list for the session's current state. */
  capabilities(session: ImapSession): string[];
  commands: ReadonlyMap<string, CommandSpec>;
  /** Commands allowed after `UID` (RFC 3501 §6.4.8). */
  uidCommands: ReadonlyMap<string, CommandSpec>;
  /** Whether \Recent and the RECENT response exist (gone in IMAP4rev2). */
  recent: boolean;
  /** RFC 3501 lets RENAME INBOX move its messages; Dovecot (our rev1 reference) refuses. */
  renameInbox?: boolean;
  /** STATUS items the dialect knows (default: RFC 3501's five). */
  statusItems?: string[];
  /** Capabilities ENABLE can turn on (RFC 5161). */
  enableable?: string[];
}

export const commandTable = (...specs: CommandSpec[]): ReadonlyMap<string, CommandSpec> =>
  new Map(specs.map((s) => [s.name, s]));
