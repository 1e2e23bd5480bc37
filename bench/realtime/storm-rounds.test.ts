import { describe, expect, it } from 'vitest';
import type { JoinStormResult } from './scenarios.js';
import { medianStorm } from './storm-rounds.js';

const storm = (ms: number, serverCpuMs = ms): JoinStormResult => ({
  clients: 10,
  ms,
  joined: 10,
  memberBytes: 100,
  serverCpuMs,
});

describe('medianStorm', () => {
  it('reports the round of median time, with every round in the order run', () => {
    const median = medianStorm([storm(900, 1), storm(700, 2), storm(1_400, 3)]);
    expect(median.ms).toBe(900);
    expect(median.serverCpuMs).toBe(1);
    expect(median.roundsMs).toEqual([900, 700, 1_400]);
  });

  it('takes the faster of the two middle rounds of an even count, and one round as it is', () => {
    expect(medianStorm([storm(4), storm(1), storm(3), storm(2)]).ms).toBe(2);
    expect(medianStorm([storm(5)]).roundsMs).toEqual([5]);
    expect(() => medianStorm([])).toThrow('no storm rounds');
  });
});
