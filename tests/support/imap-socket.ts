import { connect, type Socket } from 'node:net';

/**
 * A raw client over a real socket for the bridge tests: write bytes, wait for text. Keeps
 * everything the server sent as latin1 text (one character per octet).
 */
export class RawClient {
  buf = '';
  closed = false;
  private waiters: Array<() => void> = [];
  private constructor(readonly sock: Socket) {
    sock.setEncoding('latin1');
    sock.on('data', (d: string) => {
      this.buf += d;
      this.wake();
    });
    sock.on('close', () => {
      this.closed = true;
      this.wake();
    });
    sock.on('error', () => {});
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Connects and waits for the first line (the greeting). */
  static async open(port: number, opts: { paused?: boolean } = {}): Promise<RawClient> {
    const sock = connect(port, '127.0.0.1');
    const c = new RawClient(sock);
    await c.until((b) => b.includes('\r\n'));
    if (opts.paused) sock.pause();
    return c;
  }

  /** Resolves once `done(buf)` holds (or the socket closed and `orClose`); rejects after `ms`. */
  until(done: (buf: string) => boolean, ms = 5000, orClose = false): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timeout; have ${JSON.stringify(this.buf.slice(-500))}`)), ms);
      const check = () => {
        if (done(this.buf) || (orClose && this.closed)) {
          clearTimeout(timer);
          resolve();
        } else if (this.closed) {
          clearTimeout(timer);
          reject(new Error(`closed; have ${JSON.stringify(this.buf.slice(-500))}`));
        } else this.waiters.push(check);
      };
      check();
    });
  }

  /** Waits until the server closes the connection. */
  closedWithin(ms = 5000): Promise<void> {
    return this.until(() => false, ms, true);
  }

  write(data: string | Uint8Array): void {
    this.sock.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  }

  take(): string {
    const out = this.buf;
    this.buf = '';
    return out;
  }

  /** Sends one command line and returns everything up to and including its tagged reply. */
  async cmd(line: string, ms = 5000): Promise<string> {
    const tag = line.split(' ')[0];
    const re = new RegExp(`(^|\\r\\n)${tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (OK|NO|BAD)[^\\r\\n]*\\r\\n`);
    this.write(line + '\r\n');
    await this.until((b) => re.test(b), ms);
    return this.take();
  }

  close(): void {
    this.sock.destroy();
  }
}
