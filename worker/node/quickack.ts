import { createRequire } from 'node:module';
import type { Socket } from 'node:net';

/**
 * Linux's TCP_QUICKACK: ACK what has arrived now instead of when the delayed-ACK timer fires.
 *
 * A client with Nagle's algorithm on (Python's imaplib, for one) sends a synchronising literal and
 * then the command's closing CRLF as a second, small write; its kernel holds that CRLF until the
 * literal is ACKed. An IMAP server has nothing to send in between, so without a quick ACK every
 * APPEND waits ~40 ms. Dovecot sets TCP_QUICKACK before each read for the same reason. The flag
 * is not sticky (the kernel drops back to delayed ACKs), so it is set again on every read.
 *
 * Node has no API for it; `sockopt` (an optional dependency with prebuilt binaries) calls
 * setsockopt(2). Where it is missing, or off Linux, this does nothing and only speed suffers.
 */
const IPPROTO_TCP = 6;
const TCP_QUICKACK = 12;

type SetSockOpt = (socket: Socket, level: number, name: number, value: number) => void;

const setsockopt: SetSockOpt | undefined = (() => {
  if (process.platform !== 'linux') return undefined;
  try {
    return (createRequire(import.meta.url)('sockopt') as { setsockopt: SetSockOpt }).setsockopt;
  } catch {
    return undefined;
  }
})();

/** Asks the kernel to ACK this socket's incoming data at once (until it next falls back). */
export function ackPromptly(socket: Socket): void {
  if (!setsockopt || socket.destroyed) return;
  try {
    setsockopt(socket, IPPROTO_TCP, TCP_QUICKACK, 1);
  } catch {
    // A socket closing under us has no descriptor any more; nothing to speed up.
  }
}

/** Whether quick ACKs are in effect here (the bench reports it). */
export const quickAckAvailable = setsockopt !== undefined;
