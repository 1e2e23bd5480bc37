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
import type { BudgetedCommand, Budgets } from '../limits/budgets.js';
import type { ConnectionGuard } from './command-gate.js';
import type { RoomlogSocket } from './types.js';

export type CommandHandler<E extends ClientCommand> = (
  socket: RoomlogSocket,
  payload: ParsedPayload<E>,
) => Promise<CommandResult<E>>;

/** What every command of one connection shares. */
export interface CommandContext {
  log: FastifyBaseLogger;
  budgets: Budgets;
  guard: ConnectionGuard;
}

/**
 * Registers one client command: validates the payload at the edge with its protocol schema,
 * requires an ack callback, spends the person's and the address's budget (RATE_LIMITED with
 * `retryAfter` when spent), runs the handler and answers with exactly one ack. Expected failures
 * keep their code; anything else becomes INTERNAL and is logged with its context.
 */
export function defineCommand<E extends ClientCommand>(
  socket: RoomlogSocket,
  event: E,
  handler: CommandHandler<E>,
  context: CommandContext,
  budget?: BudgetedCommand,
): void {
  const { log, budgets, guard } = context;
  const schema = clientCommands[event].payload;
  // Typed loosely on purpose: a client can send anything, including no ack at all.
  const listener = async (payload: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return; // the command gate already ignores these
    const reply = ack as (reply: Ack<CommandResult<E>>) => void;
    const parsed = parsePayload(schema, payload);
    if (!parsed.ok) return reply(parsed);
    try {
      if (budget) {
        const verdict = await budgets.spend(budget, socket.data.session, socket.data.address);
        if (!verdict.ok) {
          reply(
            fail(ErrorCode.RATE_LIMITED, `too many ${event}: wait and retry`, verdict.retryAfter),
          );
          guard.strike();
          return;
        }
      }
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
  // Socket.IO's typed on() cannot take a listener for a generic event E; the listener is typed where built.
  socket.on(event, listener as never);
}
