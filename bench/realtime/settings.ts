// The realtime benchmark's sizes, from the environment: full by default, small with BENCH_QUICK=1
// (for developing on a shared machine). Every count and duration is bounded here.

/** The realtime benchmark's parts; `BENCH_PARTS` (comma-separated) runs only some of them. */
export const REALTIME_PARTS = ['frames', 'memory', 'storm', 'fixed', 'ramp', 'polling'] as const;
export type RealtimePart = (typeof REALTIME_PARTS)[number];

export interface RealtimeSettings {
  quick: boolean;
  parts: RealtimePart[];
  generators: number;
  senders: number;
  /** Rounds of each fixed-load run (the three servers take turns); the median-p99 round is reported. */
  rounds: number;
  /** C for the fixed-load runs, with the offered deliveries/s of each. */
  fixed: { clients: number; offered: number }[];
  /** The saturation ramp: C and the offered deliveries/s tried in order, up to saturation. */
  ramp: { clients: number; offered: number[] };
  idleClients: number;
  idlePollingClients: number;
  joinStorm: number[];
  /** Rounds of each join storm (the three servers take turns); the median round is reported. */
  stormRounds: number;
  /** A join storm still running after this long is reported as unfinished. */
  joinStormDeadlineMs: number;
  /** Long-polling's load: its own, longer window (a message late by one poll is 1 % of a short one's deliveries). */
  polling: { clients: number; offered: number; windowMs: number };
  warmupMs: number;
  windowMs: number;
  maxDrainMs: number;
}

const bounded = (value: string | undefined, fallback: number, max: number) =>
  Math.min(max, Math.max(1, Number(value ?? fallback) || fallback));

export function loadSettings(env: Record<string, string | undefined>): RealtimeSettings {
  const quick = env.BENCH_QUICK === '1';
  const generators = bounded(env.BENCH_GENERATORS, 2, 4);
  const wanted = env.BENCH_PARTS?.split(',').map((p) => p.trim());
  const parts = REALTIME_PARTS.filter((p) => !wanted || wanted.includes(p));
  if (quick) {
    return {
      quick,
      parts,
      generators,
      senders: 4,
      rounds: 1,
      fixed: [{ clients: 50, offered: 5_000 }],
      ramp: { clients: 200, offered: [5_000, 10_000, 20_000] },
      idleClients: 300,
      idlePollingClients: 50,
      joinStorm: [20, 100],
      stormRounds: 1,
      joinStormDeadlineMs: 10_000,
      polling: { clients: 20, offered: 1_000, windowMs: 1_500 },
      warmupMs: 500,
      windowMs: 1_500,
      maxDrainMs: 2_000,
    };
  }
  return {
    quick,
    parts,
    generators,
    senders: 10,
    rounds: 3,
    // 500 messages/s into a room of 100: each message an SQLite write and 100 deliveries; and
    // the C = 1,000 targets' load (50 messages/s), in rounds too: one ramp step is one window.
    fixed: [
      { clients: 100, offered: 50_000 },
      { clients: 1_000, offered: 50_000 },
    ],
    ramp: {
      clients: 1_000,
      offered: [5_000, 10_000, 25_000, 50_000, 75_000, 100_000, 150_000, 200_000],
    },
    idleClients: bounded(env.BENCH_IDLE_CLIENTS, 5_000, 5_000),
    idlePollingClients: 1_000,
    joinStorm: [100, 1_000],
    stormRounds: 7,
    joinStormDeadlineMs: bounded(env.BENCH_STORM_DEADLINE_MS, 30_000, 120_000),
    polling: { clients: 100, offered: 5_000, windowMs: 10_000 },
    warmupMs: 1_000,
    windowMs: bounded(env.BENCH_WINDOW_MS, 2_500, 10_000),
    maxDrainMs: 2_500,
  };
}
