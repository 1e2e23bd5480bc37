// Turns the realtime results into the Markdown report (tables, ratios, targets) and the chart.
import type { ServerKind } from './clients.js';
import { kb, ms, n0, ratio, table, x } from './format.js';
import { KINDS, LABEL, type RealtimeResults } from './results.js';
import { KNEE } from './saturation.js';
import type { LoadResult } from './scenarios.js';
import { renderLineChart } from './svg-chart.js';
import { targets } from './targets.js';
import { must } from './must.js';

export type { RealtimeResults } from './results.js';

function loadRows(get: (kind: ServerKind) => LoadResult | undefined, kinds = KINDS): string[][] {
  const rl = get('roomlog');
  return kinds.flatMap((kind) => {
    const r = get(kind);
    if (!r) return [];
    const vs = (base: ServerKind) =>
      kind === 'roomlog' && get(base)
        ? `CPU ${x(ratio(rl?.cpuUsPerDelivery, must(get(base)).cpuUsPerDelivery))}, p99 ${x(ratio(rl?.p99Ms, must(get(base)).p99Ms))}`
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
    `Each figure is the median of ${r.settings.rounds} round(s) after one uncounted warm-up load per server; the three servers hold the same clients throughout and take turns.${r.settings.fixed.some((f) => f.clients === r.settings.ramp.clients) ? ` The C = ${n0(r.settings.ramp.clients)} row is what the C = ${n0(r.settings.ramp.clients)} targets are judged by (else the ramp's step).` : ''}`,
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
        r.ramp[k]?.knee == null ? 'below the first step' : n0(must(must(r.ramp[k]).knee)),
        r.ramp[k]?.saturation == null
          ? `not reached (up to ${n0(r.ramp[k]?.steps.at(-1)?.nominal ?? 0)})`
          : n0(must(must(r.ramp[k]).saturation)),
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
    `Each figure is the median of ${r.settings.rounds} round(s), the two servers taking turns, each on a freshly started server: one uncounted load, then a ${r.settings.polling.windowMs} ms window.`,
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
        'time to all joined (median round)',
        'each round',
        'server CPU (median round)',
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
          (s.roundsMs ?? [s.ms]).map(n0).join(' / '),
          `${n0(s.serverCpuMs)} ms`,
          n0(s.memberBytes),
          n0(s.memberBytes / Math.max(1, s.joined)),
        ]),
      ),
    ),
    '',
    `Each size ran ${r.settings.stormRounds} round(s), the three servers taking turns, each on a freshly started server; the table shows the round of median time. Server CPU: user + system time of all the server's threads (GC and compiler threads included).`,
    '',
    'Member-list bytes: the join replies plus every `member:joined` / `member:left` frame received; the baselines send no member list (their join reply is a bare ack).',
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
