// Baseline 1: a plain Socket.IO 4.8 broadcast server on Fastify, configured like Roomlog's
// (both transports, no served client, the same HTTP buffer), with no validation, storage or
// presence: `join` puts the socket in a room, `message` is `io.to(room).emit`-ed and acked.
import Fastify from 'fastify';
import { Server } from 'socket.io';

const app = Fastify({ logger: false });
const io = new Server(app.server, {
  transports: ['polling', 'websocket'],
  serveClient: false,
  maxHttpBufferSize: 512 * 1024,
});
io.on('connection', (socket) => {
  socket.on('join', async (room: string, ack?: (ok: boolean) => void) => {
    await socket.join(room);
    ack?.(true);
  });
  socket.on('message', (msg: { room: string; text: string }, ack?: (ok: boolean) => void) => {
    io.to(msg.room).emit('message', msg);
    ack?.(true);
  });
});
process.once('SIGTERM', () => {
  io.local.disconnectSockets(true);
  void app.close().then(() => process.exit(0));
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
