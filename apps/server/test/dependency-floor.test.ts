import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, it } from 'vitest';
import { must } from './support/must.js';

// The first versions that fix the published advisories of the packages that parse what clients
// send (socket.io, engine.io, socket.io-parser, ws). Raising a floor is fine; lowering one is not.
const FLOORS = {
  'socket.io': '4.6.2',
  'engine.io': '6.6.10',
  'socket.io-parser': '4.2.7',
  ws: '8.21.0',
} as const;

/** The version of `name` as resolved from `from` (the directory of the package that uses it). */
function installed(name: string, from: string): { version: string; dir: string } {
  const require = createRequire(path.join(from, 'package.json'));
  // Walk up from the entry point: some packages do not export their package.json.
  let dir = path.dirname(require.resolve(name));
  while (!fs.existsSync(path.join(dir, 'package.json')) || !isPackage(dir, name)) {
    dir = path.dirname(dir);
  }
  const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { version, dir };
}
function isPackage(dir: string, name: string): boolean {
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    name?: string;
  };
  return json.name === name;
}

function atLeast(version: string, floor: string): boolean {
  const a = must(version.split('-')[0]).split('.').map(Number);
  const b = floor.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

it('compares versions numerically', () => {
  expect(atLeast('4.10.0', '4.6.2')).toBe(true);
  expect(atLeast('4.6.1', '4.6.2')).toBe(false);
  expect(atLeast('8.21.0', '8.21.0')).toBe(true);
  expect(atLeast('8.9.9', '8.21.0')).toBe(false);
});

it('runs socket.io, engine.io, socket.io-parser and ws at or above their advisory fixes', () => {
  const serverDir = path.resolve(import.meta.dirname, '..');
  const socketIo = installed('socket.io', serverDir);
  const engineIo = installed('engine.io', socketIo.dir);
  const found = {
    'socket.io': socketIo.version,
    'engine.io': engineIo.version,
    'socket.io-parser': installed('socket.io-parser', socketIo.dir).version,
    // The ws that engine.io actually uses for the WebSocket transport.
    ws: installed('ws', engineIo.dir).version,
  };
  console.log(`installed: ${JSON.stringify(found)}; floors: ${JSON.stringify(FLOORS)}`);
  for (const [name, floor] of Object.entries(FLOORS)) {
    expect(
      atLeast(found[name as keyof typeof FLOORS], floor),
      `${name} ${found[name as keyof typeof FLOORS]} < ${floor}`,
    ).toBe(true);
  }
});
