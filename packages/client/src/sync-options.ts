import { MAX_PAGE_SIZE } from '@roomlog/protocol';
import { realTimers, type Backoff, type Timers } from './timers.js';
import type { Transport } from './transport.js';
import type { OutboxStorage } from './types.js';

export interface SyncClientOptions {
  transport: Transport;
  /** The name the transport connects as: only the outbox entries typed under it are sent. */
  name: string;
  /** Where unacknowledged messages are kept (localStorage in the browser, memory in tests). */
  outbox: OutboxStorage;
  /** How long to wait for an ack before sending the same command again. Default 10 s. */
  ackTimeoutMs?: number;
  /** Page size of catch-up. Default: the protocol's maximum. */
  catchUpPageSize?: number;
  /** Pause before retrying after INTERNAL, RATE_LIMITED or an ack timeout. Default 500 ms. */
  retryDelayMs?: number;
  /** Reconnect delays after any lost connection or failed attempt. Default 500 ms doubling to 5 s. */
  reconnectDelayMs?: Backoff;
  /** Makes message ids. Default: `crypto.randomUUID()`. */
  newId?: () => string;
  /** The clock of timeouts and retries (a simulation passes a virtual one). */
  timers?: Timers;
  /** How often to time a `connection:ping` while connected (the first right after connecting). Default 10 s. */
  pingEveryMs?: number;
  /** Jitters the reconnect delays. Default: `Math.random`. */
  random?: () => number;
}

/** The options with every default filled in. */
export type ResolvedOptions = Required<SyncClientOptions>;

export function resolveOptions(options: SyncClientOptions): ResolvedOptions {
  return {
    ackTimeoutMs: 10_000,
    catchUpPageSize: MAX_PAGE_SIZE,
    retryDelayMs: 500,
    reconnectDelayMs: { minMs: 500, maxMs: 5000 },
    newId: () => crypto.randomUUID(),
    timers: realTimers,
    random: Math.random,
    pingEveryMs: 10_000,
    ...definedOnly(options),
  };
}

// `{ ackTimeoutMs: undefined }` must not override a default.
function definedOnly<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as T;
}
