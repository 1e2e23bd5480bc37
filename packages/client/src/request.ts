import type { Ack, ClientCommand, CommandPayload, CommandResult } from '@roomlog/protocol';
import type { RoomlogSocket } from './create-socket.js';

/** The connection dropped before the ack arrived: the command may or may not have run. */
export class OfflineError extends Error {
  override name = 'OfflineError';
}

/** No ack within the time limit while still connected: the command may or may not have run. */
export class AckTimeoutError extends Error {
  override name = 'AckTimeoutError';
}

type Emit = (event: string, payload: unknown, ack: (reply: unknown) => void) => void;

/**
 * Sends one command and waits for its ack. Rejects at once when the socket disconnects (instead
 * of letting Socket.IO buffer the emit for a later connection, which would replay it blindly).
 */
export class Requester {
  private readonly waiting = new Set<(err: Error) => void>();

  constructor(
    private readonly socket: RoomlogSocket,
    private readonly timeoutMs: number,
  ) {}

  send<E extends ClientCommand>(
    event: E,
    payload: CommandPayload<E>,
  ): Promise<Ack<CommandResult<E>>> {
    if (!this.socket.connected) return Promise.reject(new OfflineError('not connected'));
    return new Promise((resolve, reject) => {
      const settle = (err: Error | null, reply?: unknown) => {
        clearTimeout(timer);
        this.waiting.delete(abort);
        if (err) reject(err);
        else resolve(reply as Ack<CommandResult<E>>);
      };
      const abort = (err: Error) => settle(err);
      const timer = setTimeout(
        () => settle(new AckTimeoutError(`${event}: no ack`)),
        this.timeoutMs,
      );
      this.waiting.add(abort);
      (this.socket.emit as unknown as Emit)(event, payload, (reply) => settle(null, reply));
    });
  }

  /** Fails every command in flight; called when the connection drops. */
  abortAll(): void {
    for (const abort of [...this.waiting]) abort(new OfflineError('disconnected'));
    // Anything Socket.IO queued for the next connection would be sent without us waiting for it.
    this.socket.sendBuffer.length = 0;
  }
}
