import { createServer, type Server, type Socket } from 'node:net';
import type { MailNetwork } from '../network';
import { ackPromptly } from './quickack';

/**
 * Serves one host of the simulated network on a TCP port, loopback only: every accepted
 * socket becomes a connection, bytes pass through unchanged in both directions.
 */
export function listen(network: MailNetwork, hostName: string, port: number): Promise<Server> {
  const server = createServer((socket: Socket) => {
    socket.setNoDelay(true);
    ackPromptly(socket);
    const conn = network.connect(hostName, {
      output: (b) => {
        if (!socket.destroyed) socket.write(b);
      },
      closed: () => socket.end(),
    });
    socket.on('data', (b: Buffer) => {
      ackPromptly(socket);
      conn.write(new Uint8Array(b.buffer, b.byteOffset, b.length));
    });
    socket.on('close', () => conn.close());
    socket.on('error', () => conn.close());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
