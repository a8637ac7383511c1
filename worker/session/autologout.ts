/**
 * The autologout timer (RFC 3501 §5.4, RFC 9051 §5.4): a connection with no input for the
 * current timeout is ended. `timeout()` is asked afresh each time, so the value can change
 * with the state (short before login, at least 30 minutes after). One timer per connection,
 * re-armed lazily: input only records the time, so a busy client costs no timer churn.
 */
export class Autologout {
  private last = Date.now();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** When the armed timer fires. */
  private due = 0;
  private stopped = false;

  constructor(
    private readonly timeout: () => number,
    private readonly expire: () => void,
  ) {
    this.arm(timeout());
  }

  /** Input arrived, or the state changed (after login the timeout is another). */
  touch(): void {
    this.last = Date.now();
    if (this.stopped) return;
    const limit = this.timeout();
    if (!(limit > 0)) return;
    if (this.timer === null) this.arm(limit);
    else if (this.last + limit < this.due) {
      clearTimeout(this.timer);
      this.arm(limit);
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(ms: number): void {
    if (!(ms > 0) || this.stopped) return;
    this.due = Date.now() + ms;
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
