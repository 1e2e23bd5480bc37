import { must } from './must.js';
// Summaries of a V8 CPU profile (`node --cpu-prof`) and of heap snapshots (`v8.writeHeapSnapshot`).

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a profiled function lives: a package, Node's internals, Roomlog's code, or V8 itself. */
export function categorise(url: string, functionName: string): string {
  if (functionName.startsWith('(')) return functionName; // (garbage collector), (program), (idle)
  if (url === '') return '(native)';
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return must(pkg[1]);
  if (url.startsWith('node:')) return 'node internals';
  if (url.includes('/apps/server/') || url.includes('/packages/')) return 'roomlog';
  return url;
}

export interface Share {
  name: string;
  /** Share of the non-idle samples, 0..1. */
  share: number;
}

/**
 * Self time by category and by function, as shares of the non-idle samples taken between `fromUs`
 * and `toUs` (V8's profile clock is the monotonic clock of `process.hrtime`, in µs).
 */
export function summariseCpuProfile(
  profile: CpuProfile,
  fromUs = -Infinity,
  toUs = Infinity,
): { categories: Share[]; functions: Share[]; samples: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const hits = new Map<number, number>();
  let at = profile.startTime;
  let samples = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < fromUs || at > toUs) return;
    samples += 1;
    hits.set(id, (hits.get(id) ?? 0) + 1);
  });
  const categories = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, count] of hits) {
    const { functionName, url, lineNumber } = must(byId.get(id)).callFrame;
    if (functionName === '(idle)') continue;
    total += count;
    const category = categorise(url, functionName);
    categories.set(category, (categories.get(category) ?? 0) + count);
    const where = url
      ? ` ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(apps|packages)\//, '$1/')}:${lineNumber + 1}`
      : '';
    const fn = `${functionName || '(anonymous)'}${where}`;
    functions.set(fn, (functions.get(fn) ?? 0) + count);
  }
  const shares = (m: Map<string, number>) =>
    [...m].map(([name, n]) => ({ name, share: n / total })).sort((a, b) => b.share - a.share);
  return { categories: shares(categories), functions: shares(functions), samples };
}

export interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Self size by class (objects by constructor name, everything else by its node type), bytes. */
export function heapByClass(snapshot: HeapSnapshot): Map<string, number> {
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const sizes = new Map<string, number>();
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = must(types[must(snapshot.nodes[i + must(typeAt)])]);
    const key =
      type === 'object' || type === 'closure'
        ? `${snapshot.strings[must(snapshot.nodes[i + must(nameAt)])]}${type === 'closure' ? ' (closure)' : ''}`
        : `(${type})`;
    sizes.set(key, (sizes.get(key) ?? 0) + must(snapshot.nodes[i + must(sizeAt)]));
  }
  return sizes;
}

/** Per-connection growth by class between two snapshots, largest first. */
export function heapGrowthPerConnection(
  before: Map<string, number>,
  after: Map<string, number>,
  connections: number,
) {
  return [...after]
    .map(([name, size]) => ({ name, bytes: (size - (before.get(name) ?? 0)) / connections }))
    .sort((a, b) => b.bytes - a.bytes);
}
