import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorCode } from './error-codes.js';
import { parsePayload } from './parse.js';
import { HistoryPayload, JoinPayload, JoinResult, RoomName, SendPayload } from './schemas.js';

describe('parsePayload', () => {
  it('returns the normalised data on success', () => {
    const id = randomUUID();
    expect(parsePayload(SendPayload, { room: ' Lobby', id, text: ' hi ' })).toEqual({
      ok: true,
      data: { room: 'lobby', id, text: 'hi' },
    });
  });

  it('maps a bad room to INVALID_ROOM and names the field', () => {
    expect(parsePayload(JoinPayload, { room: 'a b' })).toEqual({
      ok: false,
      error: {
        code: ErrorCode.INVALID_ROOM,
        message: 'room: may contain only a-z, 0-9, "-" and "_"',
      },
    });
    const missing = parsePayload(JoinPayload, {});
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    expect(missing.error.code).toBe(ErrorCode.INVALID_ROOM);
    expect(missing.error.message).toMatch(/^room: /);
  });

  it('maps every other field to INVALID_PAYLOAD with "field: detail"', () => {
    expect(parsePayload(SendPayload, { room: 'lobby', id: randomUUID(), text: '   ' })).toEqual({
      ok: false,
      error: { code: ErrorCode.INVALID_PAYLOAD, message: 'text: must not be empty' },
    });
    expect(parsePayload(SendPayload, { room: 'lobby', id: 'nope', text: 'hi' })).toEqual({
      ok: false,
      error: { code: ErrorCode.INVALID_PAYLOAD, message: 'id: must be a UUID' },
    });
    const limit = parsePayload(HistoryPayload, { room: 'lobby', limit: 0 });
    expect(limit.ok).toBe(false);
    if (limit.ok) return;
    expect(limit.error.code).toBe(ErrorCode.INVALID_PAYLOAD);
    expect(limit.error.message).toMatch(/^limit: ./);
  });

  it('reports the first offending field (the room comes first in SendPayload)', () => {
    const result = parsePayload(SendPayload, { text: '', id: 'nope', room: 'a b' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(ErrorCode.INVALID_ROOM);
    expect(result.error.message).toMatch(/^room: /);
  });

  it('gives the bare detail when the whole value is wrong (empty path)', () => {
    const notObject = parsePayload(JoinPayload, null);
    expect(notObject.ok).toBe(false);
    if (notObject.ok) return;
    expect(notObject.error.code).toBe(ErrorCode.INVALID_PAYLOAD);
    expect(notObject.error.message).not.toMatch(/^:/);
    expect(notObject.error.message.length).toBeGreaterThan(0);

    expect(parsePayload(RoomName, ' ')).toEqual({
      ok: false,
      error: { code: ErrorCode.INVALID_PAYLOAD, message: 'must not be empty' },
    });
  });

  it('joins nested paths with dots', () => {
    const schema = z.object({ outer: z.object({ inner: z.string().min(2, 'too short') }) });
    expect(parsePayload(schema, { outer: { inner: 'x' } })).toEqual({
      ok: false,
      error: { code: ErrorCode.INVALID_PAYLOAD, message: 'outer.inner: too short' },
    });
    const list = z.object({ tags: z.array(z.string().min(1, 'empty tag')) });
    expect(parsePayload(list, { tags: ['a', ''] })).toEqual({
      ok: false,
      error: { code: ErrorCode.INVALID_PAYLOAD, message: 'tags.1: empty tag' },
    });
  });

  it('keeps INVALID_ROOM for the top-level room field only', () => {
    const result = parsePayload(JoinResult, {
      room: 'lobby',
      head: 1,
      members: [],
      away: [],
      messages: [
        {
          id: randomUUID(),
          room: 'not valid',
          seq: 1,
          author: 'Ada',
          text: 'hi',
          at: '2024-05-01T12:00:00.000Z',
        },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(ErrorCode.INVALID_PAYLOAD);
    expect(result.error.message).toMatch(/^messages\.0\.room: /);
  });
});
