import type { RawData } from 'ws';

/** A WebSocket frame's text, whichever of ws's three shapes of `RawData` it arrived in. */
export function frameText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
