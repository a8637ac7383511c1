/**
 * The two IMSP personalities (IMSP.md §13):
 * - `cyrus-1.8`: Cyrus IMSP 1.8 (2005, the one in Debian) byte for byte, with its visible
 *   quirks (docs/imsp-fidelity.md lists them and what is deliberately different);
 * - `draft-1995`: the protocol as the 1994–95 drafts described it, with the mailbox layer
 *   RECONSTRUCTED from the server's design notes, the quirks fixed, and changes shared
 *   between sessions at once.
 */
import type { ImspMode } from './types';
import { addressBookCommands } from './commands/addressbooks';
import { aclCommands } from './commands/acl';
import { authCommands } from './commands/auth';
import { lockCommands } from './commands/locks';
import { draftMailboxCommands, refusedMailboxCommands } from './commands/mailbox';
import { optionCommands } from './commands/options';
import type { ImspCommandSpec, ImspDialect } from './types';

const table = (specs: ImspCommandSpec[]) => new Map(specs.map((s) => [s.name, s]));

const common = [...authCommands, ...optionCommands, ...addressBookCommands, ...aclCommands, ...lockCommands];

export const CYRUS_18: ImspDialect = {
  mode: 'cyrus-1.8',
  title: 'Cyrus IMSP 1.8 (2005)',
  greeting: '* OK Cyrus IMSP version 1.8 ready\r\n',
  quirks: {
    cachedSessions: true,
    createFailureUnterminated: true,
    lockHolderTruncated: true,
    setQuotaAsNotAuthorized: true,
    defaultAclNamesRequester: true,
    lenientAtoms: true,
  },
  commands: table([...common, ...refusedMailboxCommands]),
};

export const DRAFT_1995: ImspDialect = {
  mode: 'draft-1995',
  title: 'IMSP draft (1995) — mailbox layer reconstructed',
  greeting: '* OK IMSP server ready (draft-1995 mode: the mailbox layer is reconstructed from the Cyrus source and design notes)\r\n',
  quirks: {
    cachedSessions: false,
    createFailureUnterminated: false,
    lockHolderTruncated: false,
    setQuotaAsNotAuthorized: false,
    defaultAclNamesRequester: false,
    lenientAtoms: false,
  },
  commands: table([...common, ...draftMailboxCommands]),
};

export function imspDialect(mode: ImspMode): ImspDialect {
  return mode === 'draft-1995' ? DRAFT_1995 : CYRUS_18;
}

export const imspDialects: Record<ImspMode, ImspDialect> = { 'cyrus-1.8': CYRUS_18, 'draft-1995': DRAFT_1995 };

/** What the page needs to know about an IMSP mode (completion, the inspector's hints). */
export interface ImspModeInfo {
  mode: ImspMode;
  title: string;
  commands: Array<{ name: string; syntax: string; ref: string; reconstructed: boolean }>;
}

export function imspModeInfo(mode: ImspMode): ImspModeInfo {
  const d = imspDialect(mode);
  return {
    mode,
    title: d.title,
    commands: [...d.commands.values()].map((c) => ({ name: c.name.toUpperCase(), syntax: c.syntax, ref: c.ref, reconstructed: !!c.historic })),
  };
}
