import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RoomLog } from '../domain/room-log.js';
import type { RoomlogServer } from '../realtime/types.js';

/** This server's Prometheus metrics, in a registry of its own (tests run several servers). */
export interface Metrics {
  registry: Registry;
  appended: Counter;
  broadcasts: Counter;
  acks: Counter<'command' | 'result'>;
  catchUpPages: Counter;
  appendSeconds: Histogram;
}

export function createMetrics(nodeId: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ node: nodeId });
  // Includes nodejs_eventloop_lag_seconds and the process's CPU and memory.
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    appended: new Counter({
      name: 'roomlog_messages_appended_total',
      help: 'Messages committed to the log by this node (retries of a stored id excluded)',
      registers: [registry],
    }),
    broadcasts: new Counter({
      name: 'roomlog_broadcasts_total',
      help: 'message:created broadcasts sent by this node (re-announced heads included)',
      registers: [registry],
    }),
    acks: new Counter({
      name: 'roomlog_acks_total',
      help: 'Command acks by command and result code (ok or an error code)',
      labelNames: ['command', 'result'],
      registers: [registry],
    }),
    catchUpPages: new Counter({
      name: 'roomlog_catch_up_pages_total',
      help: 'History pages served (join snapshots, room:history and the HTTP API)',
      registers: [registry],
    }),
    appendSeconds: new Histogram({
      name: 'roomlog_append_seconds',
      help: 'Time from append to commit',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}

/** Gauges read from Socket.IO when scraped: connected sockets by transport, and joined rooms. */
export function registerSocketGauges(metrics: Metrics, io: RoomlogServer): void {
  new Gauge({
    name: 'roomlog_connected_sockets',
    help: 'Sockets connected to this node, by transport',
    labelNames: ['transport'],
    registers: [metrics.registry],
    collect() {
      const byTransport = new Map([
        ['polling', 0],
        ['websocket', 0],
      ]);
      for (const socket of io.of('/').sockets.values()) {
        const transport = socket.conn.transport.name;
        byTransport.set(transport, (byTransport.get(transport) ?? 0) + 1);
      }
      for (const [transport, n] of byTransport) this.set({ transport }, n);
    },
  });
  new Gauge({
    name: 'roomlog_joined_rooms',
    help: 'Rooms with at least one socket on this node',
    registers: [metrics.registry],
    collect() {
      this.set(localRooms(io).length);
    },
  });
  // Count every ack by wrapping the ack callback of each incoming command. One middleware for
  // every socket (it needs no socket), so a connection holds no closure of its own for it.
  const countAcks = (packet: unknown[], next: (err?: Error) => void) => {
    const [event] = packet;
    const ack: unknown = packet[packet.length - 1];
    if (typeof ack === 'function' && typeof event === 'string') {
      packet[packet.length - 1] = (reply: { ok?: boolean; error?: { code?: string } }) => {
        const result = reply?.ok ? 'ok' : (reply?.error?.code ?? 'unknown');
        metrics.acks.inc({ command: event, result });
        (ack as (r: unknown) => void)(reply);
      };
    }
    next();
  };
  io.on('connection', (socket) => socket.use(countAcks));
}

/** Rooms joined by at least one socket of this node (Socket.IO also has a room per socket id). */
export function localRooms(io: RoomlogServer): string[] {
  const { rooms, sids } = io.of('/').adapter;
  return [...rooms.keys()].filter((room) => !sids.has(room));
}

/** Counts appends, their latency, broadcasts that follow them, and pages served. */
export function instrumentRoomLog(roomLog: RoomLog, metrics: Metrics): RoomLog {
  return {
    async snapshot(room, since) {
      metrics.catchUpPages.inc();
      return roomLog.snapshot(room, since);
    },
    async append(input) {
      const stop = metrics.appendSeconds.startTimer();
      const result = await roomLog.append(input);
      stop();
      if (result.created) {
        metrics.appended.inc();
        metrics.broadcasts.inc();
      }
      return result;
    },
    async history(room, query) {
      metrics.catchUpPages.inc();
      return roomLog.history(room, query);
    },
  };
}
