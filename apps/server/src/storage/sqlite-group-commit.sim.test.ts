import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Message } from '@roomlog/protocol';
import { Random } from '../../test/sim/random.js';

/** `list[i]`, which the schedule only asks for within bounds. */
function at<T>(list: readonly T[], i: number): T {
  const value = list[i];
  if (value === undefined) throw new Error(`index ${i} out of ${list.length}`);
  return value;
}
import type { AppendResult, NewMessage } from './message-store.js';
import { createSqliteStore, openSqliteDatabase } from './sqlite-store.js';

// Seeded, replayable schedules of appends against a real SQLite file with group commit: bursts in
// one tick, appends between ticks and timers, retries of earlier ids (with changed fields), and
// messages SQLite refuses, over a random maxBatch. Replay one with GROUP_SEED=<seed>.
const SEEDS = process.env.GROUP_SEED ? [Number(process.env.GROUP_SEED)] : range(1, 25);

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function mulberry32(seed: number): () => number {
  const prng = new Random(seed);
  return () => prng.next();
}

interface Issued {
  input: NewMessage;
  /** Refused by SQLite (a BLOB where TEXT is required): must reject, alone. */
  poison: boolean;
  outcome: Promise<AppendResult>;
}

async function runSeed(seed: number): Promise<void> {
  const rand = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const dir = mkdtempSync(join(tmpdir(), 'roomlog-group-sim-'));
  const store = createSqliteStore(openSqliteDatabase(join(dir, 'sim.db')), {
    maxBatch: int(1, 40),
  });
  const rooms = range(0, int(0, 4)).map((r) => `room-${r}`);
  const issued: Issued[] = [];
  let counter = 0;
  const issue = () => {
    const earlier = issued.filter((i) => !i.poison);
    const kind = rand();
    let input: NewMessage;
    let poison = false;
    if (kind < 0.2 && earlier.length > 0) {
      // A retry of an earlier send, possibly with other fields: the stored one must win.
      const original = at(earlier, int(0, earlier.length - 1)).input;
      input = rand() < 0.5 ? { ...original } : { ...original, text: 'retry', author: 'eve' };
    } else {
      counter += 1;
      const id = `00000000-0000-4000-8000-${seed.toString(16).padStart(4, '0')}${counter.toString(16).padStart(8, '0')}`;
      input = {
        room: at(rooms, int(0, rooms.length - 1)),
        id,
        author: 'ada',
        text: `s${seed}-m${counter}`,
        at: new Date(counter * 1000).toISOString(),
      };
      if (kind > 0.95) {
        poison = true;
        input = { ...input, text: Buffer.from('x') as unknown as string };
      }
    }
    const outcome = store.append(input);
    outcome.catch(() => undefined); // inspected below
    issued.push({ input, poison, outcome });
  };

  for (let step = 0; step < 60; step++) {
    const burst = int(0, 12);
    for (let i = 0; i < burst; i++) issue();
    const wait = rand();
    if (wait < 0.3) await new Promise((r) => setImmediate(r));
    else if (wait < 0.5) await new Promise((r) => setTimeout(r, int(0, 2)));
    else if (wait < 0.6 && issued.length > 0)
      await at(issued, int(0, issued.length - 1)).outcome.catch(() => undefined);
  }
  const settled = await Promise.allSettled(issued.map((i) => i.outcome));

  // The model: the first non-poison issue of each (room, id) creates it; seqs follow issue order.
  const originals = new Map<string, Message>();
  const nextSeq = new Map<string, number>();
  issued.forEach(({ input, poison }, i) => {
    const result = at(settled, i);
    const where = `seed ${seed}, append #${i}`;
    if (poison) {
      expect(result.status, where).toBe('rejected');
      return;
    }
    expect(result.status, where).toBe('fulfilled');
    const { message, created } = (result as PromiseFulfilledResult<AppendResult>).value;
    const key = `${input.room}/${input.id}`;
    const stored = originals.get(key);
    if (stored) {
      expect({ message, created }, where).toEqual({ message: stored, created: false });
      return;
    }
    const seq = (nextSeq.get(input.room) ?? 0) + 1;
    nextSeq.set(input.room, seq);
    expect({ message, created }, where).toEqual({ message: { ...input, seq }, created: true });
    originals.set(key, message);
  });

  for (const room of rooms) {
    const expected = [...originals.values()].filter((m) => m.room === room);
    expect(await store.page(room, { after: 0, limit: 10_000 }), `seed ${seed}, ${room}`).toEqual(
      expected,
    );
    expect(await store.head(room)).toBe(expected.length);
  }
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

it(`group commit keeps seqs, idempotency and per-message failures over ${SEEDS.length} seeded schedules`, async () => {
  for (const seed of SEEDS) await runSeed(seed);
}, 120_000);
