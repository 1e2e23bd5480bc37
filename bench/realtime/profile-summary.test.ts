import { describe, expect, it } from 'vitest';
import {
  categorise,
  heapByClass,
  heapGrowthPerConnection,
  summariseCpuProfile,
} from './profile-summary.js';

describe('the profile summaries', () => {
  it('files a function under its package, Node, Roomlog or V8', () => {
    const pnpm =
      'file:///w/node_modules/.pnpm/engine.io@6.6.13/node_modules/engine.io/build/socket.js';
    expect(categorise(pnpm, 'flush')).toBe('engine.io');
    expect(
      categorise('file:///w/node_modules/.pnpm/@socket.io+x@1/node_modules/@socket.io/x/a.js', 'f'),
    ).toBe('@socket.io/x');
    expect(categorise('node:events', 'emit')).toBe('node internals');
    expect(categorise('file:///w/apps/server/dist/app.js', 'build')).toBe('roomlog');
    expect(categorise('', 'writev')).toBe('(native)');
    expect(categorise('', '(garbage collector)')).toBe('(garbage collector)');
  });

  it('counts self time only for samples inside the window and leaves idle out', () => {
    const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0 });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(idle)') },
        { id: 2, callFrame: frame('writev') },
        { id: 3, callFrame: frame('emit', 'node:events') },
      ],
      startTime: 1000,
      endTime: 2000,
      samples: [2, 2, 3, 1, 2, 3],
      timeDeltas: [10, 10, 10, 10, 10, 500],
    };
    const all = summariseCpuProfile(profile);
    expect(all.samples).toBe(6);
    expect(all.categories).toEqual([
      { name: '(native)', share: 0.6 },
      { name: 'node internals', share: 0.4 },
    ]);
    // Samples at 1010..1050 only: the last one (at 1550) is outside.
    expect(summariseCpuProfile(profile, 1000, 1100).functions[0]).toEqual({
      name: 'writev',
      share: 0.75,
    });
  });

  it('sums heap self sizes by class and divides the growth by the connections', () => {
    const snapshot = (nodes: number[]) => ({
      snapshot: {
        meta: {
          node_fields: ['type', 'name', 'self_size'],
          node_types: [['hidden', 'object', 'closure']] as [string[]],
        },
      },
      strings: ['Socket', 'onData'],
      nodes,
    });
    const before = heapByClass(snapshot([1, 0, 100, 0, 1, 8]));
    const after = heapByClass(snapshot([1, 0, 100, 1, 0, 300, 2, 1, 64, 2, 1, 64, 0, 1, 8]));
    expect(after.get('Socket')).toBe(400);
    expect(after.get('onData (closure)')).toBe(128);
    expect(heapGrowthPerConnection(before, after, 2)).toEqual([
      { name: 'Socket', bytes: 150 },
      { name: 'onData (closure)', bytes: 64 },
      { name: '(hidden)', bytes: 0 },
    ]);
  });
});
