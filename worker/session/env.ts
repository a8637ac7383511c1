import type { MailStore } from '../store/store';

/**
 * Where a session of any protocol (IMAP, IMSP, POP3) lives: the store, its host's name, and
 * the byte pipe to the client. The network provides it; the sessions only consume it.
 */
export interface SessionEnv {
  store: MailStore;
  host: string;
  send(bytes: Uint8Array): void;
  close(): void;
  /**
   * Whether the network keeps a mailbox location table (an IMSP host speaks the 1995 draft):
   * then each IMAP host shows only the mailboxes the table puts on it.
   */
  locationsActive?(): boolean;
  /**
   * Flow control (the TCP bridge): whether the client is behind in reading its output. If so
   * the session stops framing commands until `drained()` is called on it.
   */
  congested?(): boolean;
  /** Stop / resume reading the client's input (while the session holds its commands). */
  pauseInput?(): void;
  resumeInput?(): void;
}
