import { describe, expect, it } from 'vitest';
import { describeConnectionBadge, type ConnectionInfo } from './connection-text';

const now = 1_000_000;
const down: ConnectionInfo = {
  state: 'disconnected',
  transport: null,
  error: { message: 'xhr poll error', code: null },
};

describe('describeConnectionBadge', () => {
  it('raises no alarm before anything was asked of the server', () => {
    const text = describeConnectionBadge(null, { everConnected: false, now });
    expect(text).toMatchObject({ tone: 'idle', state: 'not connected', transport: null });
    const first = describeConnectionBadge(down, { everConnected: false, now });
    expect(first).toMatchObject({ tone: 'idle', detail: 'Connecting…' });
  });

  it('says reconnecting in plain words, with the attempt and countdown when known', () => {
    expect(describeConnectionBadge(down, { everConnected: true, now })).toMatchObject({
      tone: 'busy',
      state: 'disconnected',
      detail: 'Reconnecting…',
    });
    const detailed = { ...down, attempt: 3, nextRetryAt: now + 3_200 };
    expect(describeConnectionBadge(detailed, { everConnected: true, now }).detail).toBe(
      'Reconnecting… attempt 3, next try in 4 s',
    );
    const due = { ...down, attempt: 4, nextRetryAt: now - 10 };
    expect(describeConnectionBadge(due, { everConnected: true, now }).detail).toBe(
      'Reconnecting… attempt 4, trying now',
    );
  });

  it('is red only for a refusal a retry cannot cure', () => {
    const refused: ConnectionInfo = {
      state: 'refused',
      transport: null,
      error: { message: 'INVALID_NAME: too long', code: 'INVALID_NAME' },
    };
    expect(describeConnectionBadge(refused, { everConnected: true, now })).toMatchObject({
      tone: 'down',
      detail: null,
    });
  });

  it('shows the transport, the round-trip time when measured, and explains polling', () => {
    const ws: ConnectionInfo = { state: 'connected', transport: 'websocket', error: null };
    expect(describeConnectionBadge(ws, { everConnected: true, now })).toMatchObject({
      tone: 'ok',
      transport: 'websocket',
      rtt: null,
    });
    expect(describeConnectionBadge({ ...ws, rttMs: 23.4 }, { everConnected: true, now }).rtt).toBe(
      '23 ms',
    );
    const polling = describeConnectionBadge(
      { ...ws, transport: 'polling' },
      { everConnected: true, now },
    );
    expect(polling.title).toMatch(/^Long-polling: .*HTTP requests/);
  });
});
