import { z } from 'zod';
import {
  DISPLAY_NAME_MAX,
  MAX_PAGE_SIZE,
  ROOMS_PAGE_MAX,
  SESSION_TOKEN_MAX,
  MESSAGE_TEXT_MAX,
  ROOM_NAME_MAX,
  ROOM_NAME_PATTERN,
} from './limits.js';
import { displayNameProblem } from './display-name.js';
import { PROTOCOL_VERSION } from './version.js';

/** Length in characters (Unicode code points), so an emoji counts once, not twice. */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

const maxChars = (max: number) =>
  [(text: string) => charLength(text) <= max, `must be at most ${max} characters`] as const;

/** A room name, normalised (trimmed, lowercased) before it is checked. */
export const RoomName = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'must not be empty')
  .max(ROOM_NAME_MAX, `must be at most ${ROOM_NAME_MAX} characters`)
  .regex(ROOM_NAME_PATTERN, 'may contain only a-z, 0-9, "-" and "_"');

/**
 * A display name: trimmed and NFKC-normalised ("ａｌｉｃｅ" becomes "alice"), then 1–32 characters
 * that pass {@link displayNameProblem}: no control or format characters, something visible, one
 * script.
 */
export const DisplayName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .transform((name) => name.normalize('NFKC').trim())
  .superRefine((name, ctx) => {
    const [fits, tooLong] = maxChars(DISPLAY_NAME_MAX);
    const problem = !fits(name) ? tooLong : displayNameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Message text: 1–4000 characters after trimming; stored trimmed. */
export const MessageText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine(...maxChars(MESSAGE_TEXT_MAX));

/** A client-made message id (a UUID); the idempotency key of `message:send`. */
export const MessageId = z.uuid('must be a UUID');

/** A sequence number: 1 for a room's first message, +1 for each next one. */
export const Seq = z.number().int().min(0);

/** A page size for history requests. */
export const PageLimit = z.number().int().min(1).max(MAX_PAGE_SIZE);

/** A message as stored in a room's log. */
export const Message = z.object({
  /** The client-made UUID. */
  id: MessageId,
  room: RoomName,
  /** Assigned by the server: 1, 2, 3… per room, without gaps. */
  seq: Seq,
  /** The display name of the sender, from the server's view of the connection. */
  author: z.string(),
  text: z.string(),
  /** The server's time of commit, ISO 8601. */
  at: z.iso.datetime(),
});

/** Handshake `auth` a client sends when it connects. */
export const HandshakeAuth = z.object({
  name: DisplayName,
  protocol: z.literal(PROTOCOL_VERSION),
  /** The session token from an earlier `session:started`; proves the name is this person's. */
  token: z.string().max(SESSION_TOKEN_MAX).optional(),
  /**
   * A random key the client made and saved before its first connect (≥ 128 bits, base64url):
   * without a valid token it names the session, so a reconnect after a `session:started` that
   * never arrived is still the same person, not a stranger locked out of their own name.
   */
  clientKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{22,64}$/)
    .optional(),
});

/** `session:started`: the server's signed session token, to present in every later handshake. */
export const SessionPayload = z.object({ token: z.string(), name: z.string() });

/** `connection:dropped`: why the server is about to close this connection. */
export const DropPayload = z.object({
  code: z.enum(['RATE_LIMITED', 'SLOW_CONSUMER']),
  message: z.string(),
});

export const JoinPayload = z.object({ room: RoomName, since: Seq.optional() });
export const JoinResult = z.object({
  room: RoomName,
  /** The room's newest seq, 0 for an empty room. */
  head: Seq,
  /** The newest page, or the page after `since`; oldest first. */
  messages: z.array(Message),
  /**
   * The room's members (display names), sorted. Plain names, not objects: a join storm sends each
   * joiner the list, so its bytes and encoding time grow with the room.
   */
  members: z.array(z.string()),
  /** Those of `members` whose last connection dropped moments ago (a grace period: reconnecting). */
  away: z.array(z.string()),
});

export const LeavePayload = z.object({ room: RoomName });
export const LeaveResult = z.object({ room: RoomName });

/** `connection:ping`: an empty payload, acked `{}`; the client times the round trip. */
export const PingPayload = z.object({});
export const PingResult = z.object({});

/** `typing:start`: the sender is typing in `room` (never stored). */
export const TypingPayload = z.object({ room: RoomName });
/** `broadcast` is false when the server held it back (one per person and room per throttle). */
export const TypingResult = z.object({ room: RoomName, broadcast: z.boolean() });

export const SendPayload = z.object({ room: RoomName, id: MessageId, text: MessageText });
export const SendResult = z.object({ message: Message });

export const HistoryPayload = z.object({
  room: RoomName,
  /** Only messages with a smaller seq (scrolling back); the newest of them are returned. */
  before: Seq.optional(),
  /** Only messages with a larger seq (catching up); the oldest of them are returned. */
  after: Seq.optional(),
  limit: PageLimit.optional(),
});
export const HistoryResult = z.object({
  room: RoomName,
  head: Seq,
  /** Oldest first. */
  messages: z.array(Message),
  /** More messages exist in the requested direction beyond this page. */
  hasMore: z.boolean(),
});

/**
 * `member:joined` / `member:away` / `member:left`: people (display names) arrived in, dropped
 * from or left a room, in the order they did. The server gathers the changes of one kind that
 * follow each other within a few tens of milliseconds into one event, so a room that many join at
 * once (after a restart, say) costs each member a few events, not one per person.
 */
export const MemberChange = z.object({ room: RoomName, names: z.array(z.string()).min(1) });

/** `member:typing`: one person in the room is typing. */
export const MemberTyping = z.object({ room: RoomName, name: z.string() });

/** `GET /api/rooms` */
export const RoomSummary = z.object({
  room: RoomName,
  /** How many messages the room's log holds. */
  messages: z.number().int().min(0),
  /** How many distinct people are connected to it now. */
  members: z.number().int().min(0),
});
export const RoomsResponse = z.object({
  rooms: z.array(RoomSummary),
  /** How many rooms the directory lists in all. */
  total: z.number().int().min(0),
  /** The `offset` of the next page, or null on the last page. */
  next: z.number().int().min(0).nullable(),
});

// Query values arrive as strings; an empty one (`?before=`) means absent, not 0.
const queryNumber = (schema: z.ZodNumber) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().pipe(schema).optional());

/** `GET /api/rooms/:room/messages` query string. */
export const HistoryQuery = z.object({
  before: queryNumber(Seq),
  after: queryNumber(Seq),
  limit: queryNumber(PageLimit),
});

/** `GET /api/rooms` query string: `offset` (default 0) and `limit` (1–100, default 50). */
export const RoomsQuery = z.object({
  offset: queryNumber(z.number().int().min(0)),
  limit: queryNumber(z.number().int().min(1).max(ROOMS_PAGE_MAX)),
});

export type Message = z.output<typeof Message>;
export type HandshakeAuth = z.input<typeof HandshakeAuth>;
export type JoinResult = z.output<typeof JoinResult>;
export type HistoryResult = z.output<typeof HistoryResult>;
export type MemberChange = z.output<typeof MemberChange>;
export type MemberTyping = z.output<typeof MemberTyping>;
export type RoomSummary = z.output<typeof RoomSummary>;
export type RoomsResponse = z.output<typeof RoomsResponse>;
export type SessionPayload = z.output<typeof SessionPayload>;
export type DropPayload = z.output<typeof DropPayload>;
