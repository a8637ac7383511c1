import { createServer, type Server, type Socket } from 'node:net';
import type { ConnectOptions, MailNetwork } from '../network';
import {
  AUTH_FAILURE_DELAY_MS,
  COMMAND_BUDGET_MS,
  IDLE_TIMEOUT_MS,
  LOGIN_TIMEOUT_MS,
  MAX_CONNECTIONS,
  OUTPUT_HIGH_WATER,
} from '../limits';
import { ackPromptly } from './quickack';

/** What one bridge process allows (defaults in worker/limits.ts; the CLI can change them). */
export interface BridgeOptions {
  /** Open connections over all the bridge's ports; the next one gets a BYE. */
  maxConnections: number;
  /** Unread output per connection above which its commands wait (octets). */
  highWater: number;
  loginTimeoutMs: number;
  idleTimeoutMs: number;
  authFailureDelayMs: number;
  commandBudgetMs: number;
}

export const DEFAULT_BRIDGE_OPTIONS: Readonly<BridgeOptions> = Object.freeze({
  maxConnections: MAX_CONNECTIONS,
  highWater: OUTPUT_HIGH_WATER,
  loginTimeoutMs: LOGIN_TIMEOUT_MS,
  idleTimeoutMs: IDLE_TIMEOUT_MS,
  authFailureDelayMs: AUTH_FAILURE_DELAY_MS,
  commandBudgetMs: COMMAND_BUDGET_MS,
});

/** Shared by every port of one bridge, so the connection cap counts them all. */
export interface BridgeState {
  open: number;
}

/**
 * Serves one host of the simulated network on a TCP port, loopback only: every accepted
 * socket becomes a connection, bytes pass through unchanged in both directions.
 *
 * Flow control: a client that does not read what it asked for (pipelined FETCHes of a big
 * message, say) must not make the process buffer its output without end. Once a socket has
 * more than `highWater` octets unsent, the session stops taking commands from it and the
 * socket stops being read; on 'drain' both resume, in order.
 */
export function listen(
  network: MailNetwork,
  hostName: string,
  port: number,
  options: Partial<BridgeOptions> = {},
  state: BridgeState = { open: 0 },
): Promise<Server> {
  const o: BridgeOptions = { ...DEFAULT_BRIDGE_OPTIONS, ...options };
  const protocol = network.host(hostName).protocol;
  const limits: ConnectOptions = {
    imap: {
      loginTimeoutMs: o.loginTimeoutMs,
      idleTimeoutMs: o.idleTimeoutMs,
      authFailureDelayMs: o.authFailureDelayMs,
      commandBudgetMs: o.commandBudgetMs,
    },
    imsp: { loginTimeoutMs: o.loginTimeoutMs, idleTimeoutMs: o.idleTimeoutMs, authFailureDelayMs: o.authFailureDelayMs },
    pop3: { loginTimeoutMs: o.loginTimeoutMs, idleTimeoutMs: o.idleTimeoutMs, authFailureDelayMs: o.authFailureDelayMs },
  };
  const server = createServer((socket: Socket) => {
    socket.setNoDelay(true);
    socket.on('error', () => {});
    if (state.open >= o.maxConnections) {
      // Said in the protocol's words before hanging up, so a client can tell the user why.
      const bye =
        protocol === 'imap'
          ? '* BYE [UNAVAILABLE] Too many connections, try again later.\r\n'
          : protocol === 'pop3'
            ? '-ERR [SYS/TEMP] Too many connections, try again later.\r\n'
            : '* BYE Too many connections, try again later.\r\n';
      socket.end(bye);
      return;
    }
    state.open++;
    ackPromptly(socket);
    let waitingForDrain = false;
    let counted = true;
    const conn = network.connect(
      hostName,
      {
        output: (b) => {
          if (!socket.destroyed) socket.write(b);
        },
        closed: () => socket.end(),
        congested: () => {
          if (socket.destroyed || socket.writableLength < o.highWater) return false;
          if (!waitingForDrain) {
            waitingForDrain = true;
            socket.once('drain', () => {
              waitingForDrain = false;
              conn.drained();
            });
          }
          return true;
        },
        pauseInput: () => socket.pause(),
        resumeInput: () => socket.resume(),
      },
      limits,
    );
    const gone = () => {
      if (counted) {
        counted = false;
        state.open--;
      }
      conn.close();
    };
    socket.on('data', (b: Buffer) => {
      conn.write(new Uint8Array(b.buffer, b.byteOffset, b.length));
      // After the command has run, not before: an answer already carries the ACK, and the call
      // (~20 µs) would otherwise delay the first byte of every answer.
      ackPromptly(socket);
    });
    socket.on('close', gone);
    socket.on('error', gone);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
