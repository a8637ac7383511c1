/** The two IMSP servers this network can run: the real Cyrus 1.8 and the 1995 draft's. */
export const IMSP_MODES = ['cyrus-1.8', 'draft-1995'] as const;
export type ImspMode = (typeof IMSP_MODES)[number];

import type { ImspSession } from './session';
import type { Args, Step } from './wire';

/** What a command handler gets: its session, tag, table word and the cursor on its arguments. */
export interface ImspContext {
  readonly session: ImspSession;
  readonly tag: string;
  /** The table word in lower case (`get`), as the real server puts it in its replies. */
  readonly word: string;
  readonly args: Args;
}

/** One command: its table word, argument grammar, where it is described, and its handler. */
export interface ImspCommandSpec {
  /** Lower case, as in cyrus-imspd's dispatch table. */
  name: string;
  /** The argument grammar in one line, for the inspector and the docs. */
  syntax: string;
  /** Where it is described: IMSP.md section (only the drafts' opening pages were read; see docs/imsp-fidelity.md). */
  ref: string;
  /** `historic`: the reconstructed mailbox layer of the 1994–95 drafts. */
  historic?: boolean;
  run(ctx: ImspContext): Step;
}

/**
 * The real server's behaviours that show in the protocol bytes, on in `cyrus-1.8` mode and
 * off in `draft-1995` mode. Crashes, hangs and 64-bit artefacts are never reproduced.
 */
export interface ImspQuirks {
  /** Each session caches what it reads and writes its changes back when it ends. */
  cachedSessions: boolean;
  /** A failed CREATEADDRESSBOOK answers `<tag> Failed to create new address book` with no NO and no CRLF. */
  createFailureUnterminated: boolean;
  /** The lock holder text loses its last character (`alice@localhos`). */
  lockHolderTruncated: boolean;
  /** SET over quota says "not authorized to change option" (option_set returns -3, imsp_set tests -2). */
  setQuotaAsNotAuthorized: boolean;
  /** GETACL of a book without ACL names the requesting user instead of the owner. */
  defaultAclNamesRequester: boolean;
  /** An unquoted atom ends at any non-atom character, which is skipped (`UNSET x.*` unsets `x.`). */
  lenientAtoms: boolean;
}

export interface ImspDialect {
  mode: ImspMode;
  title: string;
  greeting: string;
  quirks: ImspQuirks;
  commands: Map<string, ImspCommandSpec>;
}
