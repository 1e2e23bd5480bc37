import type { OutboxEntry } from '@roomlog/client';
import type { Message } from '@roomlog/protocol';
import { describe, expect, it } from 'vitest';
import { buildLogItems } from './log-items';

function message(seq: number): Message {
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    room: 'general',
    seq,
    author: 'Ada',
    text: `message ${seq}`,
    at: '2024-01-02T09:05:00.000Z',
  };
}

function entry(id: string, state: OutboxEntry['state'] = 'pending'): OutboxEntry {
  return {
    id,
    room: 'general',
    text: 'hi',
    author: 'alice',
    createdAt: '2024-01-02T09:05:00.000Z',
    state,
  };
}

const keys = (items: ReturnType<typeof buildLogItems>) => items.map((item) => item.key);

describe('buildLogItems', () => {
  it('puts each marker right after the message it follows', () => {
    const items = buildLogItems({
      messages: [message(1), message(2), message(3), message(4)],
      markers: [
        { afterSeq: 3, missed: 1 },
        { afterSeq: 1, missed: 2 },
      ],
      pending: [],
    });
    expect(keys(items)).toEqual([
      `m:${message(1).id}`,
      'r:1',
      `m:${message(2).id}`,
      `m:${message(3).id}`,
      'r:3',
      `m:${message(4).id}`,
    ]);
  });

  it('keeps a marker whose message is not held before the next later message', () => {
    const items = buildLogItems({
      messages: [message(5), message(6)],
      markers: [
        { afterSeq: 2, missed: 4 },
        { afterSeq: 6, missed: 1 },
      ],
      pending: [],
    });
    expect(keys(items)).toEqual(['r:2', `m:${message(5).id}`, `m:${message(6).id}`, 'r:6']);
  });

  it('shows the outbox after the log, without entries that already arrived', () => {
    const arrived = message(1);
    const items = buildLogItems({
      messages: [arrived],
      markers: [],
      pending: [entry(arrived.id), entry('a'), entry('b', 'failed')],
    });
    expect(keys(items)).toEqual([`m:${arrived.id}`, 'p:a', 'p:b']);
  });
});
