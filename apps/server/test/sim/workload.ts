import { SyncClient, createMemoryOutboxStorage, type OutboxStorage } from '@roomlog/client';
import type { Random } from './random.js';
import type { Scheduler } from './scheduler.js';
import type { SimServer } from './sim-server.js';
import { SimTransport } from './sim-transport.js';

/** What the workload typed and what the engines were told was acknowledged. */
export interface Ledger {
  /** Message id → what was typed, by whom (the name of the session it was typed in). */
  typed: Map<string, { room: string; author: string; text: string }>;
  /** Ids of `message:send` acks with ok: true that an engine actually received. */
  acked: Set<string>;
}

/** One open engine: a browser tab under one name. */
export interface Session {
  name: string;
  client: SyncClient;
  /** Rooms the user joined (views checked at the end). */
  joined: Set<string>;
  /** Per room, the highest seq this engine was handed in a message:created. */
  heard: Map<string, number>;
}

/**
 * A browser: one outbox storage shared by every name used in it (as localStorage is), and at
 * most one open engine at a time. Reloads and name changes close the engine and open another.
 */
export class Browser {
  readonly storage: OutboxStorage = createMemoryOutboxStorage();
  session: Session | null = null;

  constructor(
    readonly label: string,
    readonly names: readonly string[],
    private readonly deps: {
      server: SimServer;
      scheduler: Scheduler;
      random: Random;
      ledger: Ledger;
      rooms: readonly string[];
    },
  ) {}

  open(name: string, rooms: Iterable<string>): void {
    const { server, scheduler, random, ledger } = this.deps;
    this.close();
    const heard = new Map<string, number>();
    const client = new SyncClient({
      transport: new SimTransport(server, name, {
        acked: (id) => ledger.acked.add(id),
        heard: ({ room, seq }) => heard.set(room, Math.max(seq, heard.get(room) ?? 0)),
      }),
      name,
      outbox: this.storage,
      timers: scheduler.timers,
      random: () => random.next(),
      newId: () => random.uuid(),
      ackTimeoutMs: random.pick([300, 1000, 4000]),
      retryDelayMs: random.pick([50, 200]),
      reconnectDelayMs: { minMs: 50, maxMs: 2000 },
      catchUpPageSize: random.int(2, 10),
    });
    this.session = { name, client, joined: new Set(), heard };
    void client.start();
    for (const room of rooms) this.join(room);
  }

  join(room: string): void {
    if (!this.session) return;
    this.session.joined.add(room);
    this.session.client.join(room);
  }

  /** Leaves a room (the engine stays until its undelivered messages there are delivered). */
  leave(room: string): void {
    if (!this.session) return;
    this.session.joined.delete(room);
    this.session.client.leave(room);
  }

  send(room: string, text: string): void {
    const session = this.session;
    if (!session) return;
    const result = session.client.send(room, text);
    if (!result.ok)
      throw new Error(`the workload typed something invalid: ${result.error.message}`);
    this.deps.ledger.typed.set(result.entry.id, { room, author: session.name, text });
  }

  /** A reload (same name) or a name change (another name), keeping the joined rooms. */
  reopen(name: string): void {
    this.open(name, this.session?.joined ?? []);
  }

  close(): void {
    this.session?.client.close();
    this.session = null;
  }
}
