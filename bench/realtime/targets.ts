// Issue 11's targets, judged from one run's results (ratios are Roomlog ÷ plain Socket.IO).
import type { ServerKind } from './clients.js';
import { kb, n0, ratio, x } from './format.js';
import type { RealtimeResults } from './results.js';
import { KNEE } from './saturation.js';
import type { JoinStormResult, LoadResult } from './scenarios.js';

/** The fixed load of the C = 1,000 targets, deliveries/s. */
const TARGET_LOAD = 50_000;

/** The ramp step at `nominal` deliveries/s, or the highest one below it. */
export function stepAt(steps: LoadResult[] | undefined, nominal: number): LoadResult | undefined {
  return [...(steps ?? [])].reverse().find((s) => s.nominal <= nominal) ?? steps?.[0];
}

export function targets(
  r: RealtimeResults,
): { target: string; figure: string; met: boolean | null }[] {
  // The same offered load for both: 50,000/s, or the highest step below it that both ran.
  const common = Math.min(
    ...(['roomlog', 'socketio'] as const).map(
      (k) => stepAt(r.ramp[k]?.steps, TARGET_LOAD)?.nominal ?? 0,
    ),
  );
  // The C = 1,000 targets from the fixed load in rounds (medians) when it ran, else the ramp step.
  const bigFixed = r.settings.fixed.findIndex(
    (f) => f.clients === r.settings.ramp.clients && f.offered === TARGET_LOAD,
  );
  const at = (kind: ServerKind) =>
    bigFixed >= 0 ? r.fixed[kind]?.[bigFixed] : stepAt(r.ramp[kind]?.steps, common);
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
  // Per joined client: each member must learn of every other once (a list or a delta), so
  // linear traffic per client is the floor; the full list to everyone on every join was quadratic.
  const perClient = (s?: JoinStormResult) => (s ? s.memberBytes / Math.max(1, s.joined) : NaN);
  const growth = ratio(perClient(big), perClient(small));
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
      target:
        'member-list bytes per joined client grow linearly with room size (≤ 2× the size ratio)',
      figure: `×${growth.toFixed(1)} bytes per client (${n0(perClient(small))} → ${n0(perClient(big))} B) for ×${sizeRatio.toFixed(0)} clients`,
      met: met(growth, 2 * sizeRatio),
    },
  ];
}
