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

/** What the commands of one server share, and how they find a connection's own state. */
export interface CommandContext {
  budgets: Budgets;
  /** The connection's gate (for strikes); its logger is made only when something is logged. */
  guardOf(socket: RoomlogSocket): ConnectionGuard;
  logOf(socket: RoomlogSocket): FastifyBaseLogger;
}

/** A command's listener, one per server for every connection: Socket.IO calls it on the socket. */
export type CommandListener = (this: RoomlogSocket, payload: unknown, ack: unknown) => void;

/**
 * Defines one client command: validates the payload at the edge with its protocol schema,
 * requires an ack callback, spends the person's and the address's budget (RATE_LIMITED with
 * `retryAfter` when spent), runs the handler and answers with exactly one ack. Expected failures
 * keep their code; anything else becomes INTERNAL and is logged with its context.
 *
 * The listener is built once per server and registered on every socket: Socket.IO (Node's
 * EventEmitter) calls it with the socket as `this`, so a connection costs no closure per command.
 */
export function defineCommand<E extends ClientCommand>(
  event: E,
  handler: CommandHandler<E>,
  context: CommandContext,
  budget?: BudgetedCommand,
): [E, CommandListener] {
  const { budgets } = context;
  const schema = clientCommands[event].payload;
  // Typed loosely on purpose: a client can send anything, including no ack at all.
  async function listener(this: RoomlogSocket, payload: unknown, ack: unknown): Promise<void> {
    if (typeof ack !== 'function') return; // the command gate already ignores these
    const reply = ack as (reply: Ack<CommandResult<E>>) => void;
    const parsed = parsePayload(schema, payload);
    if (!parsed.ok) return reply(parsed);
    try {
      if (budget) {
        const verdict = await budgets.spend(budget, this.data.session, this.data.address);
        if (!verdict.ok) {
          reply(
            fail(ErrorCode.RATE_LIMITED, `too many ${event}: wait and retry`, verdict.retryAfter),
          );
          context.guardOf(this).strike();
          return;
        }
      }
      reply(ok(await handler(this, parsed.data as ParsedPayload<E>)));
    } catch (err) {
      if (err instanceof DomainError) return reply(fail(err.code, err.message));
      context
        .logOf(this)
        .error(
          { err, event, socket: this.id, room: (parsed.data as { room?: string }).room },
          'command failed',
        );
      reply(fail(ErrorCode.INTERNAL, 'The server failed; nothing was stored. Retrying is safe.'));
    }
  }
  // A promise-returning listener, as before: Socket.IO ignores what a listener returns.
  return [event, listener];
}
