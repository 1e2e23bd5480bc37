import { nodeTimers, type GraceTimers } from './presence-grace.js';

/**
 * How long after a room's member event the next changes are gathered into one (see below). A
 * quiet room hears a change at once; in a burst, presence is at most a quarter second late, and a
 * storm of joins costs each member a few events (50 ms gave ~25 % more server CPU in a 1,000-join
 * storm: docs/benchmarks.md).
 */
export const MEMBER_BATCH_MS = 250;

/** The presence events a room hears about its members (typing goes straight out). */
export type MemberEvent = 'member:joined' | 'member:away' | 'member:left';

export interface MemberAnnouncer {
  /** `name` joined, dropped from or left `room`: told to the room in order, at most a window late. */
  announce(event: MemberEvent, room: string, name: string): void;
  /** Sends everything waiting, at once (before closing). */
  flush(): void;
}

/**
 * Gathers a room's member changes into few events. Every change is a broadcast to every member,
 * so when N people join a room at once (a restart, a class starting) one event per change would
 * cost N² deliveries. A room's change goes out at once when the room has been quiet for
 * `windowMs`; the changes that follow within the window wait for its end and go out as one event
 * per run of one kind, then the next window begins. A change of another kind sends what waits
 * first, so a room hears its changes in the order they happened, at most `windowMs` late.
 */
export function createMemberAnnouncer(options: {
  windowMs: number;
  emit: (event: MemberEvent, room: string, names: string[]) => void;
  /** Node's (unref'd) by default; the simulation's virtual clock in tests. */
  timers?: GraceTimers;
}): MemberAnnouncer {
  const { windowMs, emit, timers = nodeTimers } = options;
  // Rooms within a window of their last event, and the run of changes waiting for its end.
  const cooling = new Map<
    string,
    { timer: unknown; run: { event: MemberEvent; names: string[] } | null }
  >();

  const endWindow = (room: string) => {
    const state = cooling.get(room);
    if (!state) return;
    if (!state.run) {
      cooling.delete(room);
      return;
    }
    emit(state.run.event, room, state.run.names);
    state.run = null;
    state.timer = timers.setTimeout(() => endWindow(room), windowMs);
  };

  return {
    announce(event, room, name) {
      const state = cooling.get(room);
      if (!state) {
        emit(event, room, [name]);
        cooling.set(room, { timer: timers.setTimeout(() => endWindow(room), windowMs), run: null });
        return;
      }
      if (state.run?.event === event) {
        state.run.names.push(name);
        return;
      }
      if (state.run) emit(state.run.event, room, state.run.names);
      state.run = { event, names: [name] };
    },
    flush() {
      const rooms = [...cooling];
      cooling.clear();
      for (const [room, { timer, run }] of rooms) {
        timers.clearTimeout(timer);
        if (run) emit(run.event, room, run.names);
      }
    },
  };
}
