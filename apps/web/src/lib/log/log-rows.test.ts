import type { OutboxEntry } from '@roomlog/client';
import type { Message } from '@roomlog/protocol';
import { describe, expect, it } from 'vitest';
import { buildLogItems } from './log-items';
import { buildLogRows, type LogRow } from './log-rows';

let seq = 0;
function message(author: string, at: Date): Message {
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    room: 'general',
    seq,
    author,
    text: `m${seq}`,
    at: at.toISOString(),
  };
}

const now = new Date(2026, 10, 29, 12, 0);
const at = (day: number, hour: number, minute: number) => new Date(2026, 10, day, hour, minute);

/** A compact picture of the rows: `day:Today`, `Ada`, `+Ada` (grouped), `marker`, `start`. */
function shape(rows: LogRow[]): string[] {
  return rows.map((row) => {
    switch (row.kind) {
      case 'day':
        return `day:${row.label}`;
      case 'start':
        return 'start';
      case 'marker':
        return 'marker';
      default:
        return `${row.grouped ? '+' : ''}${row.author}`;
    }
  });
}

function rows(
  messages: Message[],
  extra: Partial<Parameters<typeof buildLogItems>[0]> = {},
  atStart = false,
) {
  seq = 0;
  const items = buildLogItems({ messages, markers: [], pending: [], ...extra });
  return buildLogRows(items, { me: 'me', now, atStart });
}

describe('buildLogRows', () => {
  it('groups one author within five minutes and starts a new group after a gap or another author', () => {
    const log = [
      message('Ada', at(29, 9, 0)),
      message('Ada', at(29, 9, 4)),
      message('Ada', at(29, 9, 9)),
      message('Bob', at(29, 9, 10)),
      message('Ada', at(29, 9, 11)),
    ];
    expect(shape(rows(log))).toEqual(['day:Today', 'Ada', '+Ada', '+Ada', 'Bob', 'Ada']);
    seq = 0;
    const gap = [message('Ada', at(29, 9, 0)), message('Ada', at(29, 9, 6))];
    expect(shape(rows(gap))).toEqual(['day:Today', 'Ada', 'Ada']);
  });

  it('puts a separator before each day, so 23:57 and 00:10 are told apart', () => {
    const log = [
      message('Ada', at(27, 12, 0)),
      message('Ada', at(28, 23, 57)),
      message('Ada', at(29, 0, 10)),
      message('Ada', at(29, 0, 11)),
    ];
    expect(shape(rows(log))).toEqual([
      'day:Friday 27 November',
      'Ada',
      'day:Yesterday',
      'Ada',
      'day:Today',
      'Ada',
      '+Ada',
    ]);
  });

  it('breaks a group at a resume marker and shows the start of the room when it is loaded', () => {
    const log = [
      message('Ada', at(29, 9, 0)),
      message('Ada', at(29, 9, 1)),
      message('Ada', at(29, 9, 2)),
    ];
    expect(shape(rows(log, { markers: [{ afterSeq: 2, missed: 1 }] }, true))).toEqual([
      'start',
      'day:Today',
      'Ada',
      '+Ada',
      'marker',
      'Ada',
    ]);
  });

  it('shows outbox entries as ours, grouped with our own messages', () => {
    const mine = message('me', at(29, 11, 58));
    const entry: OutboxEntry = {
      id: 'p1',
      room: 'general',
      author: 'me',
      text: 'pending',
      createdAt: at(29, 11, 59).toISOString(),
      state: 'pending',
    };
    const shown = buildLogRows(buildLogItems({ messages: [mine], markers: [], pending: [entry] }), {
      me: 'me',
      now,
      atStart: false,
    });
    expect(shape(shown)).toEqual(['day:Today', 'me', '+me']);
  });

  it('never groups messages whose time cannot be read', () => {
    const broken = { ...message('Ada', at(29, 9, 0)), at: 'garbage' };
    const next = { ...message('Ada', at(29, 9, 0)), at: 'garbage' };
    expect(shape(rows([broken, next]))).toEqual(['Ada', 'Ada']);
  });

  it('puts the day separator above a resume marker that opens the day', () => {
    const log = [message('Ada', at(28, 22, 0)), message('Bob', at(29, 9, 0))];
    expect(shape(rows(log, { markers: [{ afterSeq: 1, missed: 1 }] }))).toEqual([
      'day:Yesterday',
      'Ada',
      'day:Today',
      'marker',
      'Bob',
    ]);
  });
});
