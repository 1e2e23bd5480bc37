// The realtime benchmark's results, as written to results/realtime.json.
import type { ServerKind } from './clients.js';
import type { FieldCost } from './frame-fields.js';
import type { JoinStormResult, LoadResult, MemoryResult } from './scenarios.js';
import type { RealtimeSettings } from './settings.js';

export interface RealtimeResults {
  date: string;
  machine: string;
  loadAverage: number;
  settings: RealtimeSettings;
  memory: Partial<Record<ServerKind, MemoryResult>>;
  pollingMemory: Partial<Record<ServerKind, MemoryResult>>;
  joinStorm: Partial<Record<ServerKind, JoinStormResult[]>>;
  fixed: Partial<Record<ServerKind, LoadResult[]>>;
  ramp: Partial<
    Record<ServerKind, { steps: LoadResult[]; knee: number | null; saturation: number | null }>
  >;
  polling: Partial<Record<ServerKind, LoadResult>>;
  frames: Partial<Record<ServerKind, { frame: string; bytes: number; costs: FieldCost[] }>>;
}

export const LABEL: Record<ServerKind, string> = {
  roomlog: 'Roomlog',
  socketio: 'plain Socket.IO',
  ws: 'raw ws',
};
export const KINDS: ServerKind[] = ['roomlog', 'socketio', 'ws'];
