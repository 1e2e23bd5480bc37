import type { ErrorCode } from './error-codes.js';

/** The error half of every ack. */
export interface AckError {
  code: ErrorCode;
  message: string;
}

/** Every client→server event is answered with exactly one of these. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

/** Builds a successful ack. */
export function ok<T>(data: T): Ack<T> {
  return { ok: true, data };
}

/** Builds a failed ack. */
export function fail(code: ErrorCode, message: string): { ok: false; error: AckError } {
  return { ok: false, error: { code, message } };
}
