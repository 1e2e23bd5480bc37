import { afterEach, describe, expect, it } from 'vitest';
import { connect, eventually, expectOk, request, useServer } from './support/harness.js';
import { must } from './support/must.js';
import { syncPerson, type Person } from './support/sync-clients.js';

describe('connection:ping and the round-trip time', () => {
  const server = useServer();
  const people: Person[] = [];
  afterEach(() => people.splice(0).forEach((p) => p.client.close()));

  it('acks an empty payload with {}, and refuses a payload that is not an object', async () => {
    const socket = await connect(server().url, 'ada');
    expect(await expectOk(socket, 'connection:ping', {})).toEqual({});
    const bad = await request(socket, 'connection:ping', 'hello' as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    socket.disconnect();
  });

  it('the sync client measures rttMs while connected, again and again, and drops it when down', async () => {
    const ada = await syncPerson(server().url, 'ada', { pingEveryMs: 100 });
    people.push(ada);
    await eventually(() => expect(ada.client.connection.rttMs).toBeTypeOf('number'));
    const first = must(ada.client.connection.rttMs, 'the round-trip time');
    expect(first).toBeGreaterThanOrEqual(0);
    // Periodic: more pings go out while connected.
    let pings = 0;
    ada.socket.onAnyOutgoing((event) => {
      if (event === 'connection:ping') pings++;
    });
    await eventually(() => expect(pings).toBeGreaterThanOrEqual(3), 10_000);
    ada.transport.goOffline();
    await eventually(() => expect(ada.client.connection.state).not.toBe('connected'));
    expect(ada.client.connection.rttMs).toBeUndefined();
  }, 30_000);
});
