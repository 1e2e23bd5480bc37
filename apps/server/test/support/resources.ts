import fs from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Message } from '@roomlog/protocol';
import { connect, expectOk, type TestSocket } from './harness.js';

// A forced collection, so "memory back near baseline" measures what is still referenced.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

export interface Resources {
  fds: number;
  heapMb: number;
  rssMb: number;
}

/** This process's open file descriptors and memory, after a full collection. */
export function resources(): Resources {
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  return {
    fds: fs.readdirSync('/proc/self/fd').length,
    heapMb: heapUsed / 2 ** 20,
    rssMb: rss / 2 ** 20,
  };
}

/** Samples the process's RSS until stopped; resolves with the peak, in MB. */
export function samplePeak(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss) / 2 ** 20;
    },
  };
}

/**
 * Two ordinary people in a room of their own, talking all along: one sends every `everyMs`, the
 * other counts what arrives. Proves the server kept serving others during an attack.
 */
export async function bystanders(url: string, room = 'bystanders', everyMs = 100) {
  const speaker: TestSocket = await connect(url, 'speaker');
  const listener: TestSocket = await connect(url, 'listener');
  await expectOk(speaker, 'room:join', { room });
  await expectOk(listener, 'room:join', { room });
  const heard: Message[] = [];
  listener.on('message:created', (m) => heard.push(m));
  let sent = 0;
  let failed = 0;
  const timer = setInterval(() => {
    sent++;
    expectOk(speaker, 'message:send', {
      room,
      id: crypto.randomUUID(),
      text: `tick ${sent}`,
    }).catch(() => failed++);
  }, everyMs);
  return {
    /** Stops talking; resolves with what was sent, heard, and failed. */
    async stop() {
      clearInterval(timer);
      await new Promise((r) => setTimeout(r, 500));
      speaker.close();
      listener.close();
      return { sent, heard: heard.length, failed, seqs: heard.map((m) => m.seq) };
    },
  };
}
