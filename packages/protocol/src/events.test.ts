import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from './error-codes.js';
import { clientCommands, serverEvents, type ClientCommand } from './events.js';
import { parsePayload } from './parse.js';

const id = randomUUID();
const message = {
  id,
  room: 'lobby',
  seq: 3,
  author: 'Ada',
  text: 'hi',
  at: '2024-05-01T12:00:00.000Z',
};

// One valid payload and one valid result per command; the table below must cover every command.
const examples: Record<ClientCommand, { payload: unknown; result: unknown }> = {
  'room:join': {
    payload: { room: 'Lobby', since: 2 },
    result: { room: 'lobby', head: 3, messages: [message], members: ['Ada', 'Bo'], away: ['Bo'] },
  },
  'room:leave': { payload: { room: 'Lobby' }, result: { room: 'lobby' } },
  'message:send': { payload: { room: 'Lobby', id, text: 'hi' }, result: { message } },
  'room:history': {
    payload: { room: 'Lobby', before: 3, limit: 10 },
    result: { room: 'lobby', head: 3, messages: [message], hasMore: true },
  },
  'typing:start': { payload: { room: 'Lobby' }, result: { room: 'lobby', broadcast: true } },
  'connection:ping': { payload: {}, result: {} },
};

const commands = Object.keys(clientCommands) as ClientCommand[];
// Every command but the ping names a room.
const roomCommands = commands.filter((name) => name !== 'connection:ping');

describe('clientCommands', () => {
  it('uses domain:verb names', () => {
    for (const name of commands) expect(name).toMatch(/^[a-z]+:[a-z]+$/);
  });

  it.each(roomCommands)('%s accepts a valid payload and normalises its room', (name) => {
    const parsed = parsePayload(clientCommands[name].payload, examples[name].payload);
    expect(parsed).toMatchObject({ ok: true, data: { room: 'lobby' } });
  });

  it.each(roomCommands)('%s refuses a bad room with INVALID_ROOM', (name) => {
    const payload = { ...(examples[name].payload as object), room: 'no spaces' };
    const parsed = parsePayload(clientCommands[name].payload, payload);
    expect(parsed).toMatchObject({ ok: false, error: { code: ErrorCode.INVALID_ROOM } });
  });

  it.each(commands)('%s refuses a payload that is not an object', (name) => {
    for (const payload of [undefined, null, 'lobby', 42, []]) {
      const parsed = parsePayload(clientCommands[name].payload, payload);
      expect(parsed).toMatchObject({ ok: false, error: { code: ErrorCode.INVALID_PAYLOAD } });
    }
  });

  it.each(commands)('%s has a result schema that accepts what the server sends', (name) => {
    expect(clientCommands[name].result.safeParse(examples[name].result).success).toBe(true);
  });

  it('connection:ping accepts an empty payload', () => {
    expect(parsePayload(clientCommands['connection:ping'].payload, {})).toEqual({
      ok: true,
      data: {},
    });
  });

  it('message:send and room:history refuse their own bad fields with INVALID_PAYLOAD', () => {
    expect(
      parsePayload(clientCommands['message:send'].payload, { room: 'lobby', id, text: '' }),
    ).toMatchObject({ ok: false, error: { code: ErrorCode.INVALID_PAYLOAD } });
    expect(
      parsePayload(clientCommands['room:history'].payload, { room: 'lobby', after: -1 }),
    ).toMatchObject({ ok: false, error: { code: ErrorCode.INVALID_PAYLOAD } });
    expect(
      parsePayload(clientCommands['room:join'].payload, { room: 'lobby', since: 'x' }),
    ).toMatchObject({ ok: false, error: { code: ErrorCode.INVALID_PAYLOAD } });
  });
});

describe('serverEvents', () => {
  it('message:created carries a stored message', () => {
    expect(serverEvents['message:created'].safeParse(message).success).toBe(true);
    expect(serverEvents['message:created'].safeParse({ ...message, seq: -1 }).success).toBe(false);
  });

  it('member:joined, member:away and member:left carry a room and one or more names', () => {
    for (const event of ['member:joined', 'member:away', 'member:left'] as const) {
      for (const payload of [
        { room: 'lobby', names: ['Ada'] },
        { room: 'lobby', names: ['Ada', 'Bob'] },
      ]) {
        expect(serverEvents[event].parse(payload)).toEqual(payload);
      }
      expect(serverEvents[event].safeParse({ room: 'lobby' }).success).toBe(false);
      expect(serverEvents[event].safeParse({ room: 'lobby', names: [] }).success).toBe(false);
      expect(serverEvents[event].safeParse({ room: 'lobby', name: 'Ada' }).success).toBe(false);
      expect(serverEvents[event].safeParse({ room: 'Not a room!', names: ['Ada'] }).success).toBe(
        false,
      );
    }
  });

  it('member:typing carries a room and one name', () => {
    const payload = { room: 'lobby', name: 'Ada' };
    expect(serverEvents['member:typing'].parse(payload)).toEqual(payload);
    expect(serverEvents['member:typing'].safeParse({ room: 'lobby' }).success).toBe(false);
  });
});
