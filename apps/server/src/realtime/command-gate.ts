import { ErrorCode, clientCommands, fail } from '@roomlog/protocol';
import type { RoomlogSocket } from './types.js';

/** Commands one connection may have running at once; more are refused, not queued. */
export const MAX_IN_FLIGHT = 16;
/** Commands (of any kind) one connection may send per window, at least. */
export const COMMANDS_PER_WINDOW = 300;
/** Refusals per window after which the connection is dropped as a flooder. */
export const FLOOD_STRIKES = 50;
export const WINDOW_MS = 10_000;

/** Per-connection counters: in flight, per window, and refusals ("strikes"). */
export interface ConnectionGuard {
  /** Records a refusal; true once the connection has earned being dropped. */
  strike(): boolean;
}

export interface GateOptions {
  /** Bytes queued for the client; past half the cap, costly commands wait. */
  queuedBytes(): number;
  maxQueuedBytes: number;
  /** Commands of any kind per window; default {@link COMMANDS_PER_WINDOW}. */
  commandsPerWindow?: number;
  /** Called once the connection floods (too many refusals). */
  onFlood(): void;
  /** True once the connection is being dropped: everything else it sent is ignored. */
  isDropped(): boolean;
  now?: () => number;
}

/**
 * Socket.IO middleware run for every incoming event before any handler: answers unknown events,
 * ignores commands without an ack, and refuses (RATE_LIMITED with `retryAfter`) a command beyond
 * the in-flight bound, beyond the per-connection window, or while the client leaves a large
 * queue unread. Refusals are cheap and synchronous, so a POST of thousands of packets is cut off
 * at the limit, not queued; enough of them drop the connection.
 */
export function installCommandGate(socket: RoomlogSocket, options: GateOptions): ConnectionGuard {
  const now = options.now ?? (() => Date.now());
  const perWindow = options.commandsPerWindow ?? COMMANDS_PER_WINDOW;
  let inFlight = 0;
  let windowStart = now();
  let commands = 0;
  let strikes = 0;

  const rollWindow = () => {
    const t = now();
    if (t - windowStart >= WINDOW_MS) {
      windowStart = t;
      commands = 0;
      strikes = 0;
    }
  };
  const guard: ConnectionGuard = {
    strike() {
      rollWindow();
      strikes++;
      if (strikes === FLOOD_STRIKES) options.onFlood();
      return strikes >= FLOOD_STRIKES;
    },
  };

  socket.use((packet, next) => {
    if (options.isDropped()) return;
    rollWindow();
    commands++;
    const [event] = packet;
    const ack: unknown = packet[packet.length - 1];
    if (typeof ack !== 'function') {
      // A command without an ack is ignored (protocol), but it still counts against a flood.
      guard.strike();
      return;
    }
    const reply = ack as (reply: unknown) => void;
    if (!Object.hasOwn(clientCommands, event)) {
      reply(fail(ErrorCode.UNKNOWN_EVENT, `unknown event "${String(event).slice(0, 64)}"`));
      return;
    }
    const refusal =
      inFlight >= MAX_IN_FLIGHT
        ? { message: `more than ${MAX_IN_FLIGHT} commands at once`, retryAfter: 100 }
        : commands > perWindow
          ? { message: 'too many commands', retryAfter: WINDOW_MS - (now() - windowStart) }
          : options.queuedBytes() > options.maxQueuedBytes / 2 && event !== 'message:send'
            ? { message: 'read the replies already sent first', retryAfter: 1000 }
            : null;
    if (refusal) {
      reply(fail(ErrorCode.RATE_LIMITED, refusal.message, Math.max(1, refusal.retryAfter)));
      guard.strike();
      return;
    }
    inFlight++;
    let answered = false;
    packet[packet.length - 1] = (value: unknown) => {
      if (!answered) {
        answered = true;
        inFlight--;
      }
      reply(value);
    };
    next();
  });
  return guard;
}
