// Renders deploy/haproxy.cfg for a set of nodes and runs Debian's haproxy on it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TEMPLATE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'haproxy.cfg');

/**
 * @param {{ port: number, nodes: { id: string, port: number }[], sticky?: boolean }} options
 * @returns {string} the configuration text
 */
export function renderHaproxyConfig({ port, nodes, sticky = true }) {
  const servers = nodes
    .map(
      (node) =>
        `server ${node.id} 127.0.0.1:${node.port} check${sticky ? ` cookie ${node.id}` : ''}`,
    )
    .join('\n    ');
  let text = readFileSync(TEMPLATE, 'utf8')
    .replace('@BIND@', `bind 127.0.0.1:${port}`)
    .replace('@SERVERS@', servers);
  // The negative control: the same set-up without sticky sessions, requests alternating.
  if (!sticky) {
    text = text
      .replace(/^\s*cookie ROOMLOG_NODE .*$/m, '    # (no sticky cookie)')
      .replace('balance leastconn', 'balance roundrobin');
  }
  return text;
}

/**
 * Starts haproxy in the foreground on the rendered configuration; resolves once it answers
 * `/healthz` through a node.
 *
 * @param {{ port: number, nodes: { id: string, port: number }[], sticky?: boolean, timeoutMs?: number }} options
 */
export async function startHaproxy(options) {
  const dir = mkdtempSync(path.join(tmpdir(), 'roomlog-haproxy-'));
  const file = path.join(dir, 'haproxy.cfg');
  writeFileSync(file, renderHaproxyConfig(options));
  const child = spawn('haproxy', ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited: ${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`haproxy did not answer in time: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    file,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
