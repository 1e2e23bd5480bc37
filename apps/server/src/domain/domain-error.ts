import type { ErrorCode } from '@roomlog/protocol';

/** An expected failure the client should see with its code (not logged as a server error). */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
