import { describe, expect, it } from 'vitest';
import { sentAtFromFrame } from './clients.js';
import { fieldCosts } from './frame-fields.js';
import { split } from './scenarios.js';

describe('fieldCosts', () => {
  it('splits a Socket.IO event frame into the envelope and each field, adding up to its size', () => {
    const frame = '42["message:created",{"id":"a","seq":12,"text":"héllo"}]';
    const costs = fieldCosts(frame);
    expect(costs).toEqual([
      { field: '(envelope)', bytes: '42["message:created",{}]'.length },
      { field: 'id', bytes: '"id":"a",'.length },
      { field: 'seq', bytes: '"seq":12,'.length },
      { field: 'text', bytes: Buffer.byteLength('"text":"héllo"') },
    ]);
    expect(costs.reduce((s, c) => s + c.bytes, 0)).toBe(Buffer.byteLength(frame));
  });

  it('handles a plain JSON object frame and refuses a frame without a payload object', () => {
    expect(fieldCosts('{"type":"message","text":"x"}').map((c) => c.field)).toEqual([
      '(envelope)',
      'type',
      'text',
    ]);
    expect(() => fieldCosts('42["ping",3]')).toThrow(/payload object/);
    expect(() => fieldCosts('3')).toThrow(/not a JSON frame/);
  });
});

describe('helpers of the load generator', () => {
  it('reads the sender timestamp from a broadcast frame', () => {
    expect(sentAtFromFrame('42["message",{"room":"r","text":"1234567890123:xxxx"}]')).toBe(
      1234567890123,
    );
    expect(sentAtFromFrame('42["other",{}]')).toBeNaN();
  });

  it('splits clients and senders over the generators', () => {
    expect(split(1000, 2)).toEqual([500, 500]);
    expect(split(5, 2)).toEqual([3, 2]);
    expect(split(1, 3)).toEqual([1, 0, 0]);
  });
});
