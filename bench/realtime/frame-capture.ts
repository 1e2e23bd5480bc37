// Captures one broadcast frame from each server, as a client receives it over WebSocket.
import { connect, type ServerKind } from './clients.js';

export async function captureBroadcastFrame(kind: ServerKind, url: string): Promise<string> {
  let resolveFrame: (frame: string) => void = () => {};
  const frame = new Promise<string>((resolve) => (resolveFrame = resolve));
  const client = await connect(kind, 'websocket', url, 'frame-reader', {
    onDelivery: () => {},
    onPresenceBytes: () => {},
    onSendError: (code) => {
      throw new Error(`send refused: ${code}`);
    },
    onDeliveryFrame: (f) => resolveFrame(f),
  });
  await client.join('frames');
  // The same ~100-character text the load generators send.
  client.send('frames', `${Number(process.hrtime.bigint() / 1000n)}:`.padEnd(100, 'x'));
  const captured = await frame;
  client.close();
  return captured;
}
