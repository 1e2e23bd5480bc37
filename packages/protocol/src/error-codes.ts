/** Every error code an ack (or an HTTP error body) can carry. */
export const ErrorCode = {
  /** The payload failed validation; the message names the field. */
  INVALID_PAYLOAD: 'INVALID_PAYLOAD',
  /** The room name is not a valid room name. */
  INVALID_ROOM: 'INVALID_ROOM',
  /** The command needs the socket to have joined the room first. */
  NOT_IN_ROOM: 'NOT_IN_ROOM',
  /** The event is not a command this server knows. (A command sent without an ack callback is ignored: nothing runs and nothing answers.) */
  UNKNOWN_EVENT: 'UNKNOWN_EVENT',
  /** The client sends faster than the server accepts; the error's `retryAfter` says when to retry. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The connection is in as many rooms as it may be: leave one first. */
  TOO_MANY_ROOMS: 'TOO_MANY_ROOMS',
  /** The thing asked for does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** The server failed; nothing was stored. Retrying with the same id is safe. */
  INTERNAL: 'INTERNAL',
} as const;

/** One of {@link ErrorCode}'s values. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Handshake refusals, carried as the `connect_error` message (`err.message`). */
export const HandshakeError = {
  /** `auth.protocol` is missing or differs from {@link PROTOCOL_VERSION}. */
  PROTOCOL_MISMATCH: 'PROTOCOL_MISMATCH',
  /** `auth.name` is missing, empty, too long, or breaks a rule of `displayNameProblem`. */
  INVALID_NAME: 'INVALID_NAME',
  /** Someone else holds this name, or one equal to it after NFKC, case folding and look-alikes. */
  NAME_TAKEN: 'NAME_TAKEN',
} as const;

/** One of {@link HandshakeError}'s values. */
export type HandshakeError = (typeof HandshakeError)[keyof typeof HandshakeError];
