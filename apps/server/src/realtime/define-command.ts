import type { FastifyBaseLogger } from 'fastify';
import {
  ErrorCode,
  clientCommands,
  fail,
  ok,
  parsePayload,
  type Ack,
  type ClientCommand,
  type CommandResult,
  type ParsedPayload,
} from '@roomlog/protocol';
import { DomainError } from '../domain/domain-error.js';
import type { RoomlogSocket } from './types.js';

export type CommandHandler<E extends ClientCommand> = (
  socket: RoomlogSocket,
  payload: ParsedPayload<E>,
) => Promise<CommandResult<E>>;

/**
 * Registers one client command: validates the payload at the edge with its protocol schema,
 * requires an ack callback, runs the handler and answers with exactly one ack. Expected failures
 * keep their code; anything else becomes INTERNAL and is logged with its context.
 */
export function defineCommand<E extends ClientCommand>(
  socket: RoomlogSocket,
  event: E,
  handler: CommandHandler<E>,
  log: FastifyBaseLogger,
): void {
  const schema = clientCommands[event].payload;
  // Typed loosely on purpose: a client can send anything, including no ack at all.
  const listener = async (payload: unknown, ack: unknown) => {
    if (typeof ack !== 'function') {
      log.debug({ event, socket: socket.id }, 'command without ack callback ignored');
      return;
    }
    const reply = ack as (reply: Ack<CommandResult<E>>) => void;
    const parsed = parsePayload(schema, payload);
    if (!parsed.ok) return reply(parsed);
    try {
      reply(ok(await handler(socket, parsed.data as ParsedPayload<E>)));
    } catch (err) {
      if (err instanceof DomainError) return reply(fail(err.code, err.message));
      log.error(
        { err, event, socket: socket.id, room: (parsed.data as { room?: string }).room },
        'command failed',
      );
      reply(fail(ErrorCode.INTERNAL, 'The server failed; nothing was stored. Retrying is safe.'));
    }
  };
  socket.on(event, listener as never);
}

/** Answers events no handler knows with UNKNOWN_EVENT (when they carry an ack). */
export function rejectUnknownEvents(socket: RoomlogSocket): void {
  socket.onAny((event: string, ...args: unknown[]) => {
    if (Object.hasOwn(clientCommands, event)) return;
    const ack = args[args.length - 1];
    if (typeof ack === 'function') ack(fail(ErrorCode.UNKNOWN_EVENT, `unknown event "${event}"`));
  });
}
