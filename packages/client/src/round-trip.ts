import type { TimerSet } from './timers.js';
import type { Transport } from './transport.js';

/**
 * Times the connection's round trip: one `connection:ping` (acked `{}`) at a time, the next
 * `everyMs` after the previous answer (or failure), for as long as the connection it was started
 * on is the current one.
 */
export class RoundTripTimer {
  constructor(
    private readonly deps: {
      transport: Transport;
      timers: TimerSet;
      ackTimeoutMs: number;
      everyMs: number;
      /** Whether connection number `connectionNo` is still the open, current one. */
      isCurrent: (connectionNo: number) => boolean;
      measured: (rttMs: number) => void;
    },
  ) {}

  /** Pings now and then every `everyMs` while connection `connectionNo` stays current. */
  start(connectionNo: number): void {
    const { transport, timers, ackTimeoutMs, everyMs, isCurrent, measured } = this.deps;
    if (!isCurrent(connectionNo)) return;
    const sentAt = timers.now();
    const next = () => {
      if (isCurrent(connectionNo)) timers.after(everyMs, () => this.start(connectionNo));
    };
    transport.request('connection:ping', {}, ackTimeoutMs).then((ack) => {
      if (!isCurrent(connectionNo)) return;
      if (ack.ok) measured(timers.now() - sentAt);
      next();
    }, next);
  }
}
