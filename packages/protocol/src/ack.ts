import type { ErrorCode } from './error-codes.js';

/** The error half of every ack. */
export interface AckError {
  code: ErrorCode;
  message: string;
  /** With `RATE_LIMITED`: milliseconds to wait before retrying. */
  retryAfter?: number;
}

/** Every client→server event is answered with exactly one of these. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

/** Builds a successful ack. */
export function ok<T>(data: T): Ack<T> {
  return { ok: true, data };
}

/** Builds a failed ack; `retryAfter` (ms) goes with `RATE_LIMITED`. */
export function fail(
  code: ErrorCode,
  message: string,
  retryAfter?: number,
): { ok: false; error: AckError } {
  return {
    ok: false,
    error: retryAfter === undefined ? { code, message } : { code, message, retryAfter },
  };
}
