import { expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@roomlog/protocol';
import { io } from 'socket.io-client';
import { connect, expectOk, useServer, type TestSocket } from './support/harness.js';

const server = useServer();

/** Connects with no token of its own: a different person from everyone before. */
function stranger(name: string) {
  return connect(server().url, name, { auth: { name, protocol: PROTOCOL_VERSION } });
}

async function refusal(name: string): Promise<string> {
  try {
    const socket = await stranger(name);
    socket.close();
    return 'accepted';
  } catch (err) {
    return (err as Error).message;
  }
}

it('refuses a name someone else holds, and its NFKC, case and look-alike variants', async () => {
  const alice = await connect(server().url, 'Alice');
  for (const variant of ['Alice', 'alice', 'ALICE', 'ａｌｉｃｅ', 'Ａｌｉｃｅ', 'аlice']) {
    expect(await refusal(variant), variant).toMatch(/^(NAME_TAKEN|INVALID_NAME): /);
  }
  expect(await refusal('alice')).toBe(
    'NAME_TAKEN: someone else is using the name "alice" right now',
  );
  expect(await refusal('bob')).toBe('accepted');
  alice.close();
});

it.each([
  ['right-to-left override', 'gnp.exe\u202Eevil', /invisible formatting characters \(U\+202E\)/],
  ['zero-width space', 'ali\u200Bce', /invisible formatting characters \(U\+200B\)/],
  ['tag characters', 'alice\u{E0061}', /invisible formatting characters \(U\+E0061\)/],
  ['invisible-only (Hangul filler)', '\u3164', /invisible characters \(U\+3164\)|visible/],
  ['mixed-script confusable', 'pаypal', /must not mix scripts \(Latin and Cyrillic\)/],
])('refuses a %s name with a clear reason', async (_label, name, reason) => {
  const message = await refusal(name);
  expect(message).toMatch(/^INVALID_NAME: name /);
  expect(message).toMatch(reason);
});

it('keeps the name for the same person across reconnects, by the session token', async () => {
  const first: TestSocket = io(server().url, {
    auth: { name: 'Grace', protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const session = await new Promise<{ token: string; name: string }>((resolve, reject) => {
    first.once('session:started', resolve);
    first.once('connect_error', reject);
  });
  expect(session.name).toBe('Grace');
  first.close();
  // Within the grace period nobody else may take it...
  expect(await refusal('grace')).toMatch(/^NAME_TAKEN/);
  // ...but the token's holder may.
  const again = await connect(server().url, 'Grace', {
    auth: { name: 'Grace', protocol: PROTOCOL_VERSION, token: session.token },
  });
  await expectOk(again, 'room:join', { room: 'general' });
  const sent = await expectOk(again, 'message:send', {
    room: 'general',
    id: crypto.randomUUID(),
    text: 'still me',
  });
  expect(sent.message.author).toBe('Grace');
  again.close();
});

it('ignores a forged or damaged token (a new session, so a held name stays refused)', async () => {
  const owner = await connect(server().url, 'Linus');
  for (const token of ['x.y', 'not-a-token', `${'a'.repeat(40)}.${'b'.repeat(43)}`]) {
    await expect(
      connect(server().url, 'Linus', {
        auth: { name: 'Linus', protocol: PROTOCOL_VERSION, token },
      }),
    ).rejects.toThrow(/^NAME_TAKEN/);
  }
  owner.close();
});

it('keeps the name for a client whose session:started never arrived, by its own client key', async () => {
  const clientKey = 'a-random-key-of-22-chars-or-more';
  const auth = { name: 'Grace', protocol: PROTOCOL_VERSION, clientKey };
  // The first connection never got its token (as when a page reloads at once): it has only its key.
  const first = await connect(server().url, 'Grace', { auth });
  const again = await connect(server().url, 'Grace', { auth });
  expect(again.connected).toBe(true);
  // Another browser (another key, no token) is still refused while Grace is connected.
  expect(await refusalWith({ ...auth, clientKey: 'another-random-key-of-22-chars' })).toMatch(
    /^NAME_TAKEN: /,
  );
  // A key that is too short to be a secret is no key at all: refused as an invalid handshake.
  expect(await refusalWith({ ...auth, clientKey: 'short' })).toMatch(/^INVALID_NAME: /);
  first.close();
  again.close();
});

async function refusalWith(auth: object): Promise<string> {
  try {
    const socket = await connect(server().url, 'x', { auth });
    socket.close();
    return 'accepted';
  } catch (err) {
    return (err as Error).message;
  }
}
