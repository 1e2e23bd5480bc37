import type { z } from 'zod';
import { ErrorCode } from './error-codes.js';
import type { AckError } from './ack.js';

/** The outcome of {@link parsePayload}. */
export type ParseResult<T> = { ok: true; data: T } | { ok: false; error: AckError };

/**
 * Validates a payload with its schema. A failure names the first offending field; a bad
 * `room` gets `INVALID_ROOM`, anything else `INVALID_PAYLOAD`.
 */
export function parsePayload<S extends z.ZodType>(
  schema: S,
  input: unknown,
): ParseResult<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  const code = field === 'room' ? ErrorCode.INVALID_ROOM : ErrorCode.INVALID_PAYLOAD;
  const detail = issue?.message ?? 'invalid';
  return { ok: false, error: { code, message: field ? `${field}: ${detail}` : detail } };
}
