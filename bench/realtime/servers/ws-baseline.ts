// Baseline 2: a raw `ws` broadcast server. `{"type":"join","room"}` joins a room and is answered
// `{"type":"joined"}`; `{"type":"message","room",…}` is forwarded, as received (one buffer, never
// re-encoded), to every member of the room.
import { WebSocketServer, type WebSocket } from 'ws';
import { frameText } from '../frame-text.js';

const rooms = new Map<string, Set<WebSocket>>();
const wss = new WebSocketServer({
  port: Number(process.env.PORT),
  host: '127.0.0.1',
  perMessageDeflate: false,
});
wss.on('connection', (ws) => {
  const joined = new Set<string>();
  ws.on('message', (data, isBinary) => {
    const msg = JSON.parse(frameText(data)) as { type: string; room: string };
    if (msg.type === 'join') {
      let members = rooms.get(msg.room);
      if (!members) rooms.set(msg.room, (members = new Set()));
      members.add(ws);
      joined.add(msg.room);
      ws.send('{"type":"joined"}');
    } else if (msg.type === 'message') {
      for (const member of rooms.get(msg.room) ?? []) member.send(data, { binary: isBinary });
    }
  });
  ws.on('close', () => {
    for (const room of joined) rooms.get(room)?.delete(ws);
  });
});
process.once('SIGTERM', () => wss.close(() => process.exit(0)));
