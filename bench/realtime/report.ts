// Turns the realtime results into the Markdown report (tables, ratios, targets) and the chart.
import type { ServerKind } from './clients.js';
import type { FieldCost } from './frame-fields.js';
import type { JoinStormResult, LoadResult, MemoryResult } from './scenarios.js';
import type { RealtimeSettings } from './settings.js';
import { KNEE } from './saturation.js';
import { renderLineChart } from './svg-chart.js';

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
const KINDS: ServerKind[] = ['roomlog', 'socketio', 'ws'];
/** The fixed load of the C = 1,000 targets, deliveries/s. */
const TARGET_LOAD = 50_000;

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const ms = (x: number) => (Number.isFinite(x) ? (x < 10 ? x.toFixed(2) : x.toFixed(0)) : '—');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ratio = (a: number | undefined | null, b: number | undefined | null) =>
  a != null && b != null && b > 0 && Number.isFinite(a) && Number.isFinite(b) ? a / b : Number.NaN;
const x = (r: number) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '—');
const table = (head: string[], rows: string[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

/** The ramp step at `nominal` deliveries/s, or the highest one below it. */
export function stepAt(steps: LoadResult[] | undefined, nominal: number): LoadResult | undefined {
  return [...(steps ?? [])].reverse().find((s) => s.nominal <= nominal) ?? steps?.[0];
}

function loadRows(get: (kind: ServerKind) => LoadResult | undefined, kinds = KINDS): string[][] {
  const rl = get('roomlog');
  return kinds.flatMap((kind) => {
    const r = get(kind);
    if (!r) return [];
    const vs = (base: ServerKind) =>
      kind === 'roomlog' && get(base)
        ? `CPU ${x(ratio(rl?.cpuUsPerDelivery, get(base)!.cpuUsPerDelivery))}, p99 ${x(ratio(rl?.p99Ms, get(base)!.p99Ms))}`
        : '';
    return [
      [
        LABEL[kind],
        n0(r.clients),
        n0(r.offered),
        `${n0(r.delivered)} (${(r.deliveredRatio * 100).toFixed(1)}%)`,
        ms(r.p50Ms),
        ms(r.p99Ms),
        ms(r.maxMs),
        r.cpuUsPerDelivery.toFixed(2),
        `${(r.serverBusy * 100).toFixed(0)}% / ${(r.generatorBusy * 100).toFixed(0)}%`,
        vs('socketio'),
        vs('ws'),
        Object.entries(r.sendErrors)
          .map(([c, k]) => `${c} ×${k}`)
          .join(', '),
      ],
    ];
  });
}
const LOAD_HEAD = [
  'server',
  'C',
  'offered deliveries/s',
  'delivered/s',
  'p50 ms',
  'p99 ms',
  'max ms',
  'CPU µs/delivery',
  'CPU busy: server / generators',
  'Roomlog ÷ Socket.IO',
  'Roomlog ÷ ws',
  'send errors',
];

export function targets(
  r: RealtimeResults,
): { target: string; figure: string; met: boolean | null }[] {
  // The same offered load for both: 50,000/s, or the highest step below it that both ran.
  const common = Math.min(
    ...(['roomlog', 'socketio'] as const).map(
      (k) => stepAt(r.ramp[k]?.steps, TARGET_LOAD)?.nominal ?? 0,
    ),
  );
  const at = (kind: ServerKind) => stepAt(r.ramp[kind]?.steps, common);
  const c100 = (kind: ServerKind) => r.fixed[kind]?.[0];
  const cpu1000 = ratio(at('roomlog')?.cpuUsPerDelivery, at('socketio')?.cpuUsPerDelivery);
  const cpu100 = ratio(c100('roomlog')?.cpuUsPerDelivery, c100('socketio')?.cpuUsPerDelivery);
  const knee = ratio(r.ramp.roomlog?.knee ?? 0, r.ramp.socketio?.knee);
  const p99 = ratio(at('roomlog')?.p99Ms, at('socketio')?.p99Ms);
  const pollCpu = ratio(r.polling.roomlog?.cpuUsPerDelivery, r.polling.socketio?.cpuUsPerDelivery);
  const pollP99 = ratio(r.polling.roomlog?.p99Ms, r.polling.socketio?.p99Ms);
  const mem = ratio(r.memory.roomlog?.rssPerClient, r.memory.socketio?.rssPerClient);
  const storm = (kind: ServerKind) => r.joinStorm[kind]?.at(-1);
  const stormRatio = ratio(storm('roomlog')?.ms, storm('socketio')?.ms);
  const unfinished = (s?: JoinStormResult) => (s && s.joined < s.clients ? '≥ ' : '');
  const [small, big] = [r.joinStorm.roomlog?.[0], r.joinStorm.roomlog?.at(-1)];
  const growth = ratio(big?.memberBytes, small?.memberBytes);
  // An unfinished storm is compared at the size it reached.
  const sizeRatio = ratio(big?.joined, small?.joined);
  const met = (value: number, limit: number) => (Number.isFinite(value) ? value <= limit : null);
  return [
    {
      target: `CPU per delivery at C = ${r.settings.ramp.clients} ≤ 1.15× plain Socket.IO`,
      figure: x(cpu1000),
      met: met(cpu1000, 1.15),
    },
    {
      target: `CPU per delivery at C = ${r.settings.fixed[0]?.clients} ≤ 1.3× plain Socket.IO`,
      figure: x(cpu100),
      met: met(cpu100, 1.3),
    },
    {
      target: `knee (≥ ${KNEE.minDelivered * 100}% delivered, p99 ≤ ${KNEE.maxP99Ms} ms) at C = ${r.settings.ramp.clients} ≥ 0.85× plain Socket.IO's`,
      figure: `${x(knee)} (${n0(r.ramp.roomlog?.knee ?? 0)} vs ${n0(r.ramp.socketio?.knee ?? 0)} deliveries/s)`,
      met: Number.isFinite(knee) ? knee >= 0.85 : null,
    },
    {
      target: `p99 at C = ${r.settings.ramp.clients}, ${n0(at('roomlog')?.nominal ?? 0)} deliveries/s ≤ 1.25× plain Socket.IO`,
      figure: x(p99),
      met: met(p99, 1.25),
    },
    {
      target: 'long-polling CPU per delivery ≤ 1.2× plain Socket.IO polling',
      figure: x(pollCpu),
      met: met(pollCpu, 1.2),
    },
    {
      target: 'long-polling p99 ≤ 1.25× plain Socket.IO polling',
      figure: x(pollP99),
      met: met(pollP99, 1.25),
    },
    {
      target: 'memory per idle joined WebSocket connection ≤ 1.2× plain Socket.IO',
      figure: `${x(mem)} (${kb(r.memory.roomlog?.rssPerClient ?? 0)} vs ${kb(r.memory.socketio?.rssPerClient ?? 0)})`,
      met: met(mem, 1.2),
    },
    {
      target: `join storm of ${storm('roomlog')?.clients} ≤ 1.5× plain Socket.IO's time`,
      figure: `${unfinished(storm('roomlog'))}${x(stormRatio)} (${unfinished(storm('roomlog'))}${n0(storm('roomlog')?.ms ?? 0)} ms vs ${n0(storm('socketio')?.ms ?? 0)} ms)`,
      met: met(stormRatio, 1.5),
    },
    {
      target: 'member-list bytes grow linearly with room size (≤ 2× the size ratio)',
      figure: `×${growth.toFixed(1)} bytes for ×${sizeRatio.toFixed(0)} clients`,
      met: met(growth, 2 * sizeRatio),
    },
  ];
}

export function renderReport(r: RealtimeResults): string {
  const out: string[] = [
    `# Realtime benchmark — ${r.date.slice(0, 16).replace('T', ' ')} UTC${r.settings.quick ? ' (BENCH_QUICK: small sizes, not comparable)' : ''}`,
    '',
    `Machine: ${r.machine}; 1-minute load average at start ${r.loadAverage.toFixed(2)} (shared with other work: only same-run ratios count). ${r.settings.generators} load-generator processes, ${r.settings.senders} senders, ~100-byte texts, window ${r.settings.windowMs} ms after ${r.settings.warmupMs} ms warm-up.`,
    '',
    '## Fixed load (WebSocket)',
    '',
    table(
      LOAD_HEAD,
      r.settings.fixed.flatMap((_, i) => loadRows((k) => r.fixed[k]?.[i])),
    ),
    '',
    `## Saturation ramp, C = ${n0(r.settings.ramp.clients)} (WebSocket)`,
    '',
    table(
      LOAD_HEAD,
      r.settings.ramp.offered.flatMap((level) =>
        loadRows((k) => r.ramp[k]?.steps.find((s) => s.nominal === level)),
      ),
    ),
    '',
    table(
      [
        'server',
        'knee (≥ 99% delivered, p99 ≤ 100 ms)',
        'saturation (< 95% or p99 > 1 s)',
        "knee ÷ Roomlog's",
      ],
      KINDS.map((k) => [
        LABEL[k],
        r.ramp[k]?.knee == null ? 'below the first step' : n0(r.ramp[k]!.knee!),
        r.ramp[k]?.saturation == null
          ? `not reached (up to ${n0(r.ramp[k]?.steps.at(-1)?.nominal ?? 0)})`
          : n0(r.ramp[k]!.saturation!),
        x(ratio(r.ramp[k]?.knee, r.ramp.roomlog?.knee)),
      ]),
    ),
    '',
    `## Long-polling, C = ${r.settings.polling.clients}`,
    '',
    table(
      LOAD_HEAD,
      loadRows((k) => r.polling[k], ['roomlog', 'socketio']),
    ),
    '',
    '## Memory per idle joined connection (server RSS and V8 heap after a full GC, before vs after)',
    '',
    table(
      [
        'server',
        'transport',
        'clients',
        'RSS per connection',
        'heap per connection',
        'Roomlog ÷ this',
      ],
      [
        ...KINDS.map((k) => [
          LABEL[k],
          'WebSocket',
          n0(r.memory[k]?.clients ?? 0),
          kb(r.memory[k]?.rssPerClient ?? 0),
          kb(r.memory[k]?.heapPerClient ?? 0),
          x(ratio(r.memory.roomlog?.rssPerClient, r.memory[k]?.rssPerClient)),
        ]),
        ...(['roomlog', 'socketio'] as const).map((k) => [
          LABEL[k],
          'polling',
          n0(r.pollingMemory[k]?.clients ?? 0),
          kb(r.pollingMemory[k]?.rssPerClient ?? 0),
          kb(r.pollingMemory[k]?.heapPerClient ?? 0),
          x(ratio(r.pollingMemory.roomlog?.rssPerClient, r.pollingMemory[k]?.rssPerClient)),
        ]),
      ],
    ),
    '',
    '## Join storm (clients with distinct names connect and join one room, 50 at a time per generator)',
    '',
    table(
      [
        'server',
        'clients',
        'time to all joined',
        'member-list bytes received',
        'per joined client',
      ],
      KINDS.flatMap((k) =>
        (r.joinStorm[k] ?? []).map((s) => [
          LABEL[k],
          n0(s.clients),
          s.joined < s.clients
            ? `unfinished: ${n0(s.joined)} joined after ${n0(s.ms)} ms`
            : `${n0(s.ms)} ms`,
          n0(s.memberBytes),
          n0(s.memberBytes / Math.max(1, s.joined)),
        ]),
      ),
    ),
    '',
    'Member-list bytes: the join replies plus every `presence:changed` frame received; the baselines send no member list (their join reply is a bare ack).',
    '',
    '## Bytes per broadcast frame (WebSocket text frame payload, ~100-character text)',
    '',
    table(
      ['server', 'bytes', 'what each part costs'],
      KINDS.map((k) => {
        const f = r.frames[k];
        return [
          LABEL[k],
          String(f?.bytes ?? '—'),
          (f?.costs ?? []).map((c) => `${c.field} ${c.bytes}`).join(', '),
        ];
      }),
    ),
    '',
    '## Targets (issue 11)',
    '',
    table(
      ['target', 'this run', 'met'],
      targets(r).map((t) => [t.target, t.figure, t.met === null ? '—' : t.met ? 'yes' : '**no**']),
    ),
    '',
  ];
  return `${out.join('\n')}`;
}

export function renderChart(r: RealtimeResults): string {
  const colors: Record<ServerKind, string> = {
    roomlog: '#d62728',
    socketio: '#1f77b4',
    ws: '#2ca02c',
  };
  return renderLineChart({
    title: `p99 latency vs offered load, ${n0(r.settings.ramp.clients)} clients in one room (${r.date.slice(0, 10)})`,
    xLabel: 'offered deliveries per second',
    yLabel: 'p99 latency (ms, log scale)',
    series: KINDS.map((k) => ({
      name: LABEL[k],
      color: colors[k],
      points: (r.ramp[k]?.steps ?? []).map(
        (s) => [s.offered, Math.max(0.01, s.p99Ms)] as [number, number],
      ),
    })),
    guides: [{ y: KNEE.maxP99Ms, label: 'knee: 100 ms' }],
  });
}
