/**
 * Test helpers for the IMSP server (used by worker/imsp/*.test.ts): a network with the
 * default scenario and IMSP hosts, and a client that sends lines and returns what the server
 * answered. The IMSP session answers synchronously, so no waiting is needed.
 */
import type { HostConfig } from '../../worker/network';
import type { ImspMode } from '../../worker/imsp/types';
import { MailNetwork } from '../../worker/network';
import type { MailStore } from '../../worker/store/store';
import { bytesOf, stringOf } from '../../worker/imsp/wire';

export const IMSP_HOST = 'imsp.example';

export function imspNetwork(store: MailStore, mode: ImspMode = 'cyrus-1.8', extraHosts: HostConfig[] = []): MailNetwork {
  return new MailNetwork(store, [{ name: IMSP_HOST, protocol: 'imsp', dialect: mode, port: 406 }, ...extraHosts]);
}

export class TestClient {
  private out: string[] = [];
  closed = false;
  readonly conn;

  constructor(network: MailNetwork, host = IMSP_HOST) {
    this.conn = network.connect(host, {
      output: (b) => this.out.push(stringOf(b)),
      closed: () => {
        this.closed = true;
      },
    });
  }

  /** Everything the server sent since the last call (a byte string). */
  take(): string {
    const s = this.out.join('');
    this.out = [];
    return s;
  }

  /** Sends raw octets (a byte string) and returns the reply. */
  raw(s: string): string {
    this.conn.write(bytesOf(s));
    return this.take();
  }

  /** Sends one line (CRLF added) and returns the reply. */
  cmd(line: string): string {
    return this.raw(line + '\r\n');
  }

  /** Reply lines without CRLF. */
  lines(line: string): string[] {
    const r = this.cmd(line);
    return r === '' ? [] : r.replace(/\r\n$/, '').split('\r\n');
  }

  close(): void {
    this.conn.close();
  }
}
