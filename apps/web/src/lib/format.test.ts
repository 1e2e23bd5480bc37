import { describe, expect, it } from 'vitest';
import { formatTime, missedText, roomSummaryText } from './format';

describe('formatTime', () => {
  it('shows local hours and minutes, zero-padded', () => {
    expect(formatTime(new Date(2024, 0, 2, 9, 5, 59).toISOString())).toBe('09:05');
    expect(formatTime(new Date(2024, 0, 2, 23, 30).toISOString())).toBe('23:30');
    expect(formatTime(new Date(2024, 0, 2, 0, 0).toISOString())).toBe('00:00');
  });

  it('gives an empty string for a bad timestamp', () => {
    expect(formatTime('not a date')).toBe('');
  });
});

describe('missedText', () => {
  it('counts in the singular and the plural', () => {
    expect(missedText(1)).toBe('1 message while you were away');
    expect(missedText(2)).toBe('2 messages while you were away');
    expect(missedText(120)).toBe('120 messages while you were away');
  });
});

describe('roomSummaryText', () => {
  it('shows who is online and how long the log is', () => {
    expect(roomSummaryText({ members: 3, messages: 120 })).toBe('3 online · 120 messages');
    expect(roomSummaryText({ members: 0, messages: 1 })).toBe('0 online · 1 message');
  });
});
