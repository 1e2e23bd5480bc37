import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DISPLAY_NAME_MAX, MAX_PAGE_SIZE, MESSAGE_TEXT_MAX, ROOM_NAME_MAX } from './limits.js';
import {
  DisplayName,
  HandshakeAuth,
  charLength,
  HistoryPayload,
  HistoryQuery,
  JoinPayload,
  LeavePayload,
  Message,
  MessageId,
  MessageText,
  RoomName,
  SendPayload,
} from './schemas.js';
import { PROTOCOL_VERSION } from './version.js';

const id = randomUUID();

describe('RoomName', () => {
  it('trims and lowercases before checking', () => {
    expect(RoomName.parse('  General ')).toBe('general');
    expect(RoomName.parse('DEV-Ops_2')).toBe('dev-ops_2');
  });

  it('accepts exactly a-z, 0-9, "-" and "_"', () => {
    expect(RoomName.parse('abcdefghijklmnopqrstuvwxyz0123456789-_')).toBe(
      'abcdefghijklmnopqrstuvwxyz0123456789-_',
    );
    expect(RoomName.parse('-')).toBe('-');
  });

  it.each(['a b', 'a.b', '../etc', 'a/b', 'a:b', 'room!', 'a\tb', '#x'])('rejects %j', (name) => {
    expect(RoomName.safeParse(name).success).toBe(false);
  });

  it.each(['café', 'général', 'комната', '房间', 'party🎉', 'ǅ'])(
    'rejects the non-ASCII name %j',
    (name) => {
      expect(RoomName.safeParse(name).success).toBe(false);
    },
  );

  it('rejects empty and whitespace-only names', () => {
    expect(RoomName.safeParse('').success).toBe(false);
    expect(RoomName.safeParse('   ').success).toBe(false);
  });

  it(`allows ${ROOM_NAME_MAX} characters, not one more, counted after trimming`, () => {
    const longest = 'a'.repeat(ROOM_NAME_MAX);
    expect(RoomName.parse(longest)).toBe(longest);
    expect(RoomName.parse(`  ${longest.toUpperCase()}  `)).toBe(longest);
    expect(RoomName.safeParse(`${longest}b`).success).toBe(false);
  });

  it('rejects non-strings', () => {
    for (const value of [undefined, null, 42, ['a'], { room: 'a' }]) {
      expect(RoomName.safeParse(value).success).toBe(false);
    }
  });
});

describe('HandshakeAuth', () => {
  const auth = (name: unknown, protocol: unknown = PROTOCOL_VERSION) =>
    HandshakeAuth.safeParse({ name, protocol });

  it('accepts a name with the current protocol version, trimmed', () => {
    expect(HandshakeAuth.parse({ name: '  Ada  ', protocol: PROTOCOL_VERSION })).toEqual({
      name: 'Ada',
      protocol: PROTOCOL_VERSION,
    });
  });

  it('rejects a missing or different protocol version', () => {
    expect(HandshakeAuth.safeParse({ name: 'Ada' }).success).toBe(false);
    expect(auth('Ada', PROTOCOL_VERSION + 1).success).toBe(false);
    expect(auth('Ada', PROTOCOL_VERSION - 1).success).toBe(false);
    expect(auth('Ada', String(PROTOCOL_VERSION)).success).toBe(false);
  });

  it(`allows 1 to ${DISPLAY_NAME_MAX} characters after trimming`, () => {
    expect(auth('x').success).toBe(true);
    expect(auth('x'.repeat(DISPLAY_NAME_MAX)).success).toBe(true);
    expect(auth(`   ${'x'.repeat(DISPLAY_NAME_MAX)}   `).success).toBe(true);
    expect(auth('x'.repeat(DISPLAY_NAME_MAX + 1)).success).toBe(false);
    expect(auth('').success).toBe(false);
    expect(auth('   ').success).toBe(false);
    expect(auth('\t\n').success).toBe(false);
  });

  it('rejects a missing or non-string name', () => {
    expect(HandshakeAuth.safeParse({ protocol: PROTOCOL_VERSION }).success).toBe(false);
    expect(auth(42).success).toBe(false);
    expect(auth(null).success).toBe(false);
  });

  it.each([
    ['NUL', '\u0000'],
    ['BEL', '\u0007'],
    ['ESC', '\u001b'],
    ['DEL', '\u007f'],
    ['NEL (C1)', '\u0085'],
    ['CSI (C1)', '\u009b'],
    ['an inner tab', '\t'],
    ['an inner newline', '\n'],
  ])('rejects a control character: %s', (_label, char) => {
    expect(auth(`Ad${char}a`).success).toBe(false);
    // Edge control characters that trim() does not remove must be rejected too.
    if (char.trim() === char) {
      expect(auth(`${char}Ada`).success).toBe(false);
      expect(auth(`Ada${char}`).success).toBe(false);
    }
  });

  it.each(['Zoë', 'José Álvarez', 'Ådne', '李雷', 'Ада', 'ninja 🥷', '👩‍💻 dev'])(
    'accepts %j unchanged',
    (name) => {
      expect(HandshakeAuth.parse({ name, protocol: PROTOCOL_VERSION }).name).toBe(name);
    },
  );
});

describe('MessageText', () => {
  it('is stored trimmed', () => {
    expect(MessageText.parse('  hello there \n')).toBe('hello there');
    expect(MessageText.parse('line 1\nline 2')).toBe('line 1\nline 2');
  });

  it('rejects empty and whitespace-only text', () => {
    for (const text of ['', ' ', '\n\t  \r\n', '\u00a0\u2003']) {
      expect(MessageText.safeParse(text).success).toBe(false);
    }
  });

  it(`allows ${MESSAGE_TEXT_MAX} characters after trimming, not one more`, () => {
    const longest = 'a'.repeat(MESSAGE_TEXT_MAX);
    expect(MessageText.parse(longest)).toBe(longest);
    expect(MessageText.parse(`  ${longest}\n`)).toBe(longest);
    expect(MessageText.safeParse(`${longest}a`).success).toBe(false);
  });
});

describe('MessageId', () => {
  it('accepts UUIDs', () => {
    expect(MessageId.parse(id)).toBe(id);
    expect(MessageId.parse('123e4567-e89b-42d3-a456-426614174000')).toBe(
      '123e4567-e89b-42d3-a456-426614174000',
    );
  });

  it.each([
    '',
    'not-a-uuid',
    '123e4567e89b42d3a456426614174000',
    '123e4567-e89b-42d3-a456-42661417400',
    '123e4567-e89b-42d3-a456-4266141740000',
    '123e4567-e89b-42d3-a456-42661417400g',
    '{123e4567-e89b-42d3-a456-426614174000}',
  ])('rejects %j', (value) => {
    expect(MessageId.safeParse(value).success).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(MessageId.safeParse(123).success).toBe(false);
    expect(MessageId.safeParse(undefined).success).toBe(false);
  });
});

describe('JoinPayload', () => {
  it('accepts a room, with or without since, and normalises the room', () => {
    expect(JoinPayload.parse({ room: ' Lobby ' })).toEqual({ room: 'lobby' });
    expect(JoinPayload.parse({ room: 'lobby', since: 0 })).toEqual({ room: 'lobby', since: 0 });
    expect(JoinPayload.parse({ room: 'lobby', since: 17 })).toEqual({ room: 'lobby', since: 17 });
  });

  it('drops unknown keys', () => {
    expect(JoinPayload.parse({ room: 'lobby', admin: true })).toEqual({ room: 'lobby' });
  });

  it.each([
    ['a missing room', { since: 1 }],
    ['a bad room', { room: 'no spaces' }],
    ['a negative since', { room: 'lobby', since: -1 }],
    ['a fractional since', { room: 'lobby', since: 1.5 }],
    ['a string since', { room: 'lobby', since: '3' }],
    ['a NaN since', { room: 'lobby', since: Number.NaN }],
    ['an infinite since', { room: 'lobby', since: Number.POSITIVE_INFINITY }],
    ['no object', 'lobby'],
    ['null', null],
  ])('rejects %s', (_label, payload) => {
    expect(JoinPayload.safeParse(payload).success).toBe(false);
  });
});

describe('LeavePayload', () => {
  it('accepts and normalises a room', () => {
    expect(LeavePayload.parse({ room: 'LOBBY' })).toEqual({ room: 'lobby' });
  });

  it('rejects a missing or bad room', () => {
    expect(LeavePayload.safeParse({}).success).toBe(false);
    expect(LeavePayload.safeParse({ room: '' }).success).toBe(false);
    expect(LeavePayload.safeParse({ room: 'x'.repeat(ROOM_NAME_MAX + 1) }).success).toBe(false);
  });
});

describe('SendPayload', () => {
  it('accepts a room, a UUID and text, normalising room and text', () => {
    expect(SendPayload.parse({ room: 'Lobby', id, text: '  hi  ' })).toEqual({
      room: 'lobby',
      id,
      text: 'hi',
    });
  });

  it.each([
    ['a missing room', { id, text: 'hi' }],
    ['a bad room', { room: 'a/b', id, text: 'hi' }],
    ['a missing id', { room: 'lobby', text: 'hi' }],
    ['a non-UUID id', { room: 'lobby', id: 'msg-1', text: 'hi' }],
    ['missing text', { room: 'lobby', id }],
    ['whitespace-only text', { room: 'lobby', id, text: '  \n ' }],
    ['too long text', { room: 'lobby', id, text: 'a'.repeat(MESSAGE_TEXT_MAX + 1) }],
    ['non-string text', { room: 'lobby', id, text: 42 }],
  ])('rejects %s', (_label, payload) => {
    expect(SendPayload.safeParse(payload).success).toBe(false);
  });
});

describe('HistoryPayload', () => {
  it('accepts a room with any of before, after and limit', () => {
    expect(HistoryPayload.parse({ room: 'Lobby' })).toEqual({ room: 'lobby' });
    expect(HistoryPayload.parse({ room: 'lobby', before: 10, after: 2, limit: 5 })).toEqual({
      room: 'lobby',
      before: 10,
      after: 2,
      limit: 5,
    });
    expect(HistoryPayload.parse({ room: 'lobby', limit: 1 }).limit).toBe(1);
    expect(HistoryPayload.parse({ room: 'lobby', limit: MAX_PAGE_SIZE }).limit).toBe(MAX_PAGE_SIZE);
  });

  it.each([
    ['a bad room', { room: 'a b' }],
    ['a zero limit', { room: 'lobby', limit: 0 }],
    ['a limit over the maximum', { room: 'lobby', limit: MAX_PAGE_SIZE + 1 }],
    ['a fractional limit', { room: 'lobby', limit: 2.5 }],
    ['a string limit', { room: 'lobby', limit: '5' }],
    ['a negative before', { room: 'lobby', before: -1 }],
    ['a negative after', { room: 'lobby', after: -1 }],
    ['a fractional after', { room: 'lobby', after: 0.5 }],
  ])('rejects %s', (_label, payload) => {
    expect(HistoryPayload.safeParse(payload).success).toBe(false);
  });
});

describe('HistoryQuery', () => {
  it('coerces query-string values to numbers', () => {
    expect(HistoryQuery.parse({ before: '10', after: '2', limit: '5' })).toEqual({
      before: 10,
      after: 2,
      limit: 5,
    });
    expect(HistoryQuery.parse({ after: '0' })).toEqual({ after: 0 });
    expect(HistoryQuery.parse({ limit: String(MAX_PAGE_SIZE) })).toEqual({ limit: MAX_PAGE_SIZE });
  });

  it('treats every parameter as optional', () => {
    expect(HistoryQuery.parse({})).toEqual({});
  });

  it.each([
    ['a non-number', { before: 'abc' }],
    ['a non-number limit', { limit: 'ten' }],
    ['a negative before', { before: '-1' }],
    ['a negative after', { after: '-5' }],
    ['a fractional after', { after: '2.5' }],
    ['a zero limit', { limit: '0' }],
    ['a limit over the maximum', { limit: String(MAX_PAGE_SIZE + 1) }],
    ['a repeated parameter', { limit: ['1', '2'] }],
  ])('rejects %s', (_label, query) => {
    expect(HistoryQuery.safeParse(query).success).toBe(false);
  });
});

describe('Message', () => {
  const message = {
    id,
    room: 'lobby',
    seq: 1,
    author: 'Ada',
    text: 'hi',
    at: '2024-05-01T12:00:00.000Z',
  };

  it('accepts a stored message', () => {
    expect(Message.parse(message)).toEqual(message);
  });

  it('rejects a timestamp that is not ISO 8601', () => {
    expect(Message.safeParse({ ...message, at: 'yesterday' }).success).toBe(false);
    expect(Message.safeParse({ ...message, at: 1714564800000 }).success).toBe(false);
  });

  it('rejects a negative or fractional seq', () => {
    expect(Message.safeParse({ ...message, seq: -1 }).success).toBe(false);
    expect(Message.safeParse({ ...message, seq: 1.5 }).success).toBe(false);
  });
});

describe('lengths count characters, not UTF-16 code units', () => {
  it('counts an emoji (a surrogate pair) once', () => {
    expect(charLength('👋🏽a')).toBe(3);
    expect(DisplayName.safeParse('😀'.repeat(DISPLAY_NAME_MAX)).success).toBe(true);
    expect(DisplayName.safeParse('😀'.repeat(DISPLAY_NAME_MAX + 1)).success).toBe(false);
    expect(MessageText.safeParse('😀'.repeat(MESSAGE_TEXT_MAX)).success).toBe(true);
    expect(MessageText.safeParse('😀'.repeat(MESSAGE_TEXT_MAX + 1)).success).toBe(false);
  });
});

describe('HistoryQuery with empty values', () => {
  it('treats `?before=` as absent, not as 0', () => {
    expect(HistoryQuery.parse({ before: '', after: '', limit: '' })).toEqual({});
    expect(HistoryQuery.parse({ before: '', after: '3' })).toEqual({ after: 3 });
  });
});
