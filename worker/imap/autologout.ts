/**
 * The autologout timer (RFC 3501 §5.4, RFC 9051 §5.4): a connection with no input for the
 * current timeout is ended. `timeout()` is asked afresh each time, so the value can change
 * with the state (short before login, at least 30 minutes after). One timer per connection,
 * re-armed lazily: input only records the time, so a busy client costs no timer churn.
 */
export class Autologout {
  private last = Date.now();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(
    private readonly timeout: () => number,
    private readonly expire: () => void,
  ) {
    this.arm(timeout());
  }

  /** Input arrived. */
  touch(): void {
    this.last = Date.now();
    if (this.timer === null && !this.stopped) this.arm(this.timeout());
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(ms: number): void {
    if (!(ms > 0) || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const limit = this.timeout();
      if (!(limit > 0) || this.stopped) return;
      const quiet = Date.now() - this.last;
      if (quiet >= limit) this.expire();
      else this.arm(limit - quiet);
    }, ms);
  }
}
