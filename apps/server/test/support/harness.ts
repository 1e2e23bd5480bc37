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
import { MAX_IN_FLIGHT } from '../../src/realtime/command-gate.js';

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
  // An empty web root unless the test brings its own built pages.
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    ROOMLOG_SEND_RATE: '100000',
    ROOMLOG_SEND_BURST: '100000',
    ROOMLOG_WEB_ROOT: tempDir(),
    ...env,
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

// Session tokens by server, person and name, kept like a browser keeps its token, so that a test
// reconnecting as "alice" is the same person again (names are bound to sessions).
const sessionTokens = new Map<string, string>();

/** The session token `url` gave `name` through {@link connect}, once it has arrived. */
export async function sessionTokenOf(url: string, name: string): Promise<string> {
  const key = `${url}|${name}|${name}`;
  const deadline = Date.now() + 10_000;
  while (!sessionTokens.has(key) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const token = sessionTokens.get(key);
  if (token === undefined) throw new Error(`no session token for ${name} from ${url}`);
  return token;
}

/**
 * Connects a real Socket.IO client; resolves once connected. It presents the session token the
 * server gave the same `person` (default: the name) on this server before; `auth` replaces the
 * whole handshake auth (no token).
 */
export async function connect(
  url: string,
  name: string,
  options: { transports?: ('polling' | 'websocket')[]; auth?: object; person?: string } = {},
): Promise<TestSocket> {
  const key = `${url}|${options.person ?? name}|${name}`;
  const socket: TestSocket = io(url, {
    auth:
      options.auth ??
      ((cb: (auth: object) => void) =>
        cb({ name, protocol: PROTOCOL_VERSION, token: sessionTokens.get(key) })),
    transports: options.transports ?? ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  socket.on('session:started', ({ token }) => sessionTokens.set(key, token));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

// The server refuses more than MAX_IN_FLIGHT commands at once per connection (RATE_LIMITED), so
// tests that fire many requests at once queue them here, as a well-behaved client would.
const inFlight = new WeakMap<TestSocket, { active: number; waiting: (() => void)[] }>();

async function slot(socket: TestSocket): Promise<() => void> {
  let state = inFlight.get(socket);
  if (!state) inFlight.set(socket, (state = { active: 0, waiting: [] }));
  const s = state;
  if (s.active >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => s.waiting.push(resolve));
  s.active++;
  return () => {
    s.active--;
    s.waiting.shift()?.();
  };
}

/** Emits a command and resolves with its ack (at most MAX_IN_FLIGHT at once per socket). */
export async function request<E extends ClientCommand>(
  socket: TestSocket,
  event: E,
  payload: CommandPayload<E>,
): Promise<Ack<CommandResult<E>>> {
  // Typed loosely so tests can also send payloads the protocol forbids.
  const timed = socket.timeout(10_000) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<Ack<CommandResult<E>>>;
  };
  const release = await slot(socket);
  try {
    // Socket.IO would buffer an emit on a closed socket until its timeout: a queue of them behind
    // the in-flight bound would then take minutes to drain. Fail at once, as a client would.
    if (socket.disconnected) throw new Error(`${event}: not connected`);
    return await timed.emitWithAck(event, payload);
  } finally {
    release();
  }
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
  // on() over the event union cannot take a listener for a generic E; the return type carries E's payload.
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
