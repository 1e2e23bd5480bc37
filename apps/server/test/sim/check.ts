import type { Message } from '@roomlog/protocol';
import type { MessageStore } from '../../src/index.js';
import type { Browser, Ledger } from './workload.js';

async function logOf(store: MessageStore, room: string): Promise<Message[]> {
  return store.page(room, { after: 0, limit: 1_000_000 });
}

/**
 * Checked after every event: a live view holds every message its engine was handed in a
 * message:created for that room (a view may lag only while it says it is joining or catching up).
 */
export function liveViewsHoldWhatTheyHeard(browsers: readonly Browser[]): string | null {
  for (const browser of browsers) {
    const session = browser.session;
    if (!session) continue;
    for (const room of session.joined) {
      const view = session.client.getRoom(room);
      const heard = session.heard.get(room) ?? 0;
      const held = view?.messages.at(-1)?.seq ?? 0;
      if (view?.status === 'live' && heard > held) {
        return `${browser.label} as ${session.name}: ${room} is live with seqs up to ${held} (head ${view.head}) but was handed seq ${heard}`;
      }
    }
  }
  return null;
}

/**
 * Whether every engine is done: connected, each joined room live with nothing pending, and no
 * browser holding entries typed under a name it is not using (such a browser is switched to that
 * name, as its user would, so those get sent too).
 */
export async function settled(browsers: readonly Browser[], store: MessageStore): Promise<boolean> {
  let done = true;
  for (const browser of browsers) {
    const session = browser.session;
    if (!session) continue;
    const stored = await browser.storage.load();
    const mine = stored.filter((e) => e.author === session.name);
    const other = stored.find((e) => e.author !== session.name);
    if (mine.length === 0 && other) {
      browser.reopen(other.author);
      done = false;
      continue;
    }
    if (stored.length > 0 || session.client.connection.state !== 'connected') done = false;
    for (const room of session.joined) {
      const view = session.client.getRoom(room);
      const log = await logOf(store, room);
      if (view?.status !== 'live' || view.pending.length > 0) done = false;
      else if (view.messages.at(-1)?.seq !== log.at(-1)?.seq) done = false;
    }
  }
  return done;
}

/**
 * The delivery promise, checked once the system has settled: the log has seqs 1..n and each id
 * once; every message typed is in it exactly once, under the name it was typed under (every
 * acknowledged one included); every member's view of a joined room is the log, in seq order,
 * each message once; every outbox is drained. Returns the broken promises.
 */
export async function checkDeliveryPromise(
  browsers: readonly Browser[],
  store: MessageStore,
  ledger: Ledger,
): Promise<string[]> {
  const problems: string[] = [];
  const logs = new Map<string, Message[]>();
  for (const { room } of await store.rooms()) logs.set(room, await logOf(store, room));

  const stored = new Map<string, Message[]>();
  for (const [room, log] of logs) {
    const seqs = log.map((m) => m.seq);
    if (seqs.some((seq, i) => seq !== i + 1))
      problems.push(`${room}: seqs are not 1..n: ${seqs.join(',')}`);
    for (const message of log) stored.set(message.id, [...(stored.get(message.id) ?? []), message]);
  }
  for (const [id, copies] of stored) {
    if (copies.length > 1) problems.push(`message ${id} stored ${copies.length} times`);
    if (!ledger.typed.has(id)) problems.push(`message ${id} in the log was never typed`);
  }
  for (const [id, typed] of ledger.typed) {
    const message = stored.get(id)?.[0];
    const acked = ledger.acked.has(id) ? 'acknowledged ' : '';
    if (!message)
      problems.push(`${acked}"${typed.text}" by ${typed.author} is not in ${typed.room}`);
    else if (message.author !== typed.author || message.room !== typed.room) {
      problems.push(
        `"${typed.text}" typed by ${typed.author} in ${typed.room} is stored by ${message.author} in ${message.room}`,
      );
    }
  }

  for (const browser of browsers) {
    const session = browser.session;
    const left = await browser.storage.load();
    if (left.length > 0) {
      problems.push(
        `${browser.label}: outbox not drained: ${left.map((e) => `${e.text} (${e.author}, ${e.state})`).join(', ')}`,
      );
    }
    if (!session) continue;
    const who = `${browser.label} as ${session.name}`;
    if (session.client.connection.state !== 'connected') {
      problems.push(`${who}: ${session.client.connection.state}, not connected`);
    }
    for (const room of session.joined) {
      const view = session.client.getRoom(room);
      const log = logs.get(room) ?? [];
      if (!view) {
        problems.push(`${who}: no view of ${room}`);
        continue;
      }
      const first = view.messages[0]?.seq ?? log.length + 1;
      const expected = log.slice(first - 1).map((m) => m.seq);
      const seen = view.messages.map((m) => m.seq);
      if (view.status !== 'live') problems.push(`${who}: ${room} is ${view.status}, not live`);
      if (JSON.stringify(seen) !== JSON.stringify(expected) || view.hasOlder !== first > 1) {
        problems.push(
          `${who}: ${room} shows seqs [${seen.join(',')}] (head ${view.head}), the log holds 1..${log.length}`,
        );
      } else if (JSON.stringify(view.messages) !== JSON.stringify(log.slice(first - 1))) {
        problems.push(`${who}: ${room} shows messages that differ from the log`);
      }
      if (view.pending.length > 0) problems.push(`${who}: ${room} still has pending entries`);
    }
  }
  return problems;
}
