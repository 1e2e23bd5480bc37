import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type Ack,
  type ClientCommand,
  type ClientToServerEvents,
  type CommandPayload,
  type CommandResult,
  type ServerToClientEvents,
} from '@roomlog/protocol';
import { buildServer, loadConfig, type BuildServerOptions } from '../../src/index.js';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface RunningServer {
  url: string;
  port: number;
  /** The Fastify instance, for tests that reach into Socket.IO (`app.io`). */
  app?: FastifyInstance;
  close(): Promise<void>;
}

/** A fresh temp directory for SQLite files. */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'roomlog-test-'));
}

/** Builds the real server and listens on an ephemeral port (or `port`, to restart on the same one). */
export async function startServer(
  env: Record<string, string> = { ROOMLOG_STORE: 'memory' },
  options: Partial<BuildServerOptions> & { port?: number } = {},
): Promise<RunningServer> {
  // Tests that flood a room lift the send limit; rate-limit.test.ts sets its own.
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    ROOMLOG_SEND_RATE: '100000',
    ROOMLOG_SEND_BURST: '100000',
    ...env,
    ROOMLOG_WEB_ROOT: tempDir(),
  });
  const app = await buildServer({ config, ...options });
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port, app, close: () => app.close() };
}

/** A fresh server for each test of the calling file, closed after it; returns an accessor. */
export function useServer(env?: () => Record<string, string>): () => RunningServer {
  let server: RunningServer | undefined;
  beforeEach(async () => {
    server = await startServer(env?.());
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return () => {
    if (!server) throw new Error('useServer: no server outside a test');
    return server;
  };
}

/** Connects a real Socket.IO client; resolves once connected. */
export async function connect(
  url: string,
  name: string,
  options: { transports?: ('polling' | 'websocket')[]; auth?: object } = {},
): Promise<TestSocket> {
  const socket: TestSocket = io(url, {
    auth: options.auth ?? { name, protocol: PROTOCOL_VERSION },
    transports: options.transports ?? ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Emits a command and resolves with its ack. */
export function request<E extends ClientCommand>(
  socket: TestSocket,
  event: E,
  payload: CommandPayload<E>,
): Promise<Ack<CommandResult<E>>> {
  // Typed loosely so tests can also send payloads the protocol forbids.
  const timed = socket.timeout(5000) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<Ack<CommandResult<E>>>;
  };
  return timed.emitWithAck(event, payload);
}

/** Like {@link request}, but fails the test unless the ack is ok; returns its data. */
export async function expectOk<E extends ClientCommand>(
  socket: TestSocket,
  event: E,
  payload: CommandPayload<E>,
): Promise<CommandResult<E>> {
  const reply = await request(socket, event, payload);
  if (!reply.ok) throw new Error(`${event} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.data;
}

/** Collects every payload of one server event, in arrival order. */
export function collect<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
): Parameters<ServerToClientEvents[E]>[0][] {
  const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
  socket.on(event as 'message:created', ((payload: never) => seen.push(payload)) as never);
  return seen;
}

/** Polls until `check` passes or the time is up (then throws its last error). */
export async function eventually(
  check: () => void | Promise<void>,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
