import { startHaproxy } from '@roomlog/deploy/haproxy';
import { createTestCluster, type TestCluster } from './cluster.js';
import { tempDir } from './harness.js';
import { ServerProcess, freePort } from './server-process.js';

export interface BuiltCluster {
  cluster: TestCluster;
  /** The built server (`dist/main.js`) as child processes, in the order of their ids. */
  nodes: ServerProcess[];
  /** HAProxy in front of every node (sticky cookie, /readyz checks); null when not asked for. */
  haproxy: Awaited<ReturnType<typeof startHaproxy>> | null;
  /** Kills every node, stops HAProxy and drops the cluster's schema and Redis keys. */
  stop(): Promise<void>;
}

/**
 * Starts built nodes of one fresh cluster (PostgreSQL schema, Redis prefix, one session secret),
 * each with `env` on top of the cluster's, and HAProxy in front of them unless `haproxy` is false.
 * The crash suite's multi-node tests share it.
 */
export async function startBuiltCluster(
  options: {
    ids?: string[];
    env?: Record<string, string>;
    haproxy?: boolean;
  } = {},
): Promise<BuiltCluster> {
  const { ids = ['node-a', 'node-b'], env = {}, haproxy: withHaproxy = true } = options;
  const cluster = await createTestCluster();
  const nodes: ServerProcess[] = [];
  let haproxy: BuiltCluster['haproxy'] = null;
  const stop = async () => {
    for (const node of nodes) await node.kill();
    await haproxy?.stop();
    await cluster.cleanup();
  };
  try {
    for (const id of ids) {
      const node = new ServerProcess(await freePort(), tempDir(), { ...cluster.env(id), ...env });
      nodes.push(node);
      await node.start();
    }
    if (withHaproxy) {
      haproxy = await startHaproxy({
        port: await freePort(),
        nodes: nodes.map((node, i) => ({ id: ids[i] ?? `node-${i}`, port: node.port })),
      });
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { cluster, nodes, haproxy, stop };
}
