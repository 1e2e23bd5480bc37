import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveAnnouncer } from './live-announcer';

describe('LiveAnnouncer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('announces a burst once, after the batch window', () => {
    const said: string[] = [];
    const announcer = new LiveAnnouncer((text) => said.push(text), 1000);
    for (let i = 1; i <= 5; i++) {
      announcer.add([{ author: 'Bob', text: `m${i}` }]);
      vi.advanceTimersByTime(100);
    }
    expect(said).toEqual([]);
    vi.advanceTimersByTime(600);
    expect(said).toEqual(['5 new messages. Latest, Bob: m5']);
    announcer.add([{ author: 'Ada', text: 'later' }]);
    vi.advanceTimersByTime(1000);
    expect(said).toEqual(['5 new messages. Latest, Bob: m5', 'Ada: later']);
  });

  it('says nothing after close', () => {
    const said: string[] = [];
    const announcer = new LiveAnnouncer((text) => said.push(text), 1000);
    announcer.add([{ author: 'Bob', text: 'hi' }]);
    announcer.close();
    vi.advanceTimersByTime(5000);
    expect(said).toEqual([]);
  });
});
