import { expect, test } from './support/fixtures.js';
import {
  enterRoom,
  expectLog,
  QUICK_POLL,
  sendMessage,
  transport,
  uniqueRoom,
} from './support/room-page.js';
import { blockSocketIoWebSockets } from './support/socket-tap.js';

test('with WebSockets blocked, a page chats over long-polling with a WebSocket user', async ({
  people,
}) => {
  const room = uniqueRoom('ws-blocked');
  const pat = await people.open('pat');
  const refused = await blockSocketIoWebSockets(pat.context);
  const quinn = await people.open('quinn');
  await enterRoom(pat.page, room);
  await enterRoom(quinn.page, room);

  // The blocking must really have happened: Socket.IO tried to upgrade and was refused.
  await expect
    .poll(refused, {
      ...QUICK_POLL,
      message: 'the blocked page attempted a WebSocket to /socket.io/',
    })
    .toBeGreaterThan(0);
  await expect(transport(pat.page)).toHaveText('polling');
  await expect(transport(quinn.page)).toHaveText('websocket');

  await sendMessage(pat.page, 'from the polling side');
  await expectLog(quinn.page, [{ text: 'from the polling side', author: 'pat' }]);
  await sendMessage(quinn.page, 'from the websocket side');
  const log = [
    { text: 'from the polling side', author: 'pat' },
    { text: 'from the websocket side', author: 'quinn' },
  ];
  await expectLog(pat.page, log);
  await expectLog(quinn.page, log);

  await expect(transport(pat.page)).toHaveText('polling');
  // The route answered every attempt itself: no real WebSocket left the blocked page.
  expect(pat.socketIoWebSockets).toEqual([]);
  expect(quinn.socketIoWebSockets.length).toBeGreaterThan(0);
});

test('?transport=polling never opens a WebSocket and chats with a WebSocket user', async ({
  people,
}) => {
  const room = uniqueRoom('polling');
  const rita = await people.open('rita');
  const sam = await people.open('sam');
  let pollingRequests = 0;
  rita.page.on('request', (request) => {
    if (/\/socket\.io\/\?.*transport=polling/.test(request.url())) pollingRequests += 1;
  });
  await enterRoom(rita.page, room, { polling: true });
  await enterRoom(sam.page, room);
  await expect(transport(rita.page)).toHaveText('polling');
  await expect(transport(sam.page)).toHaveText('websocket');

  await sendMessage(rita.page, 'polling only');
  await expectLog(sam.page, [{ text: 'polling only', author: 'rita' }]);
  await sendMessage(sam.page, 'websocket here');
  const log = [
    { text: 'polling only', author: 'rita' },
    { text: 'websocket here', author: 'sam' },
  ];
  await expectLog(rita.page, log);
  await expectLog(sam.page, log);

  await expect(transport(rita.page)).toHaveText('polling');
  expect(pollingRequests).toBeGreaterThan(0);
  expect(rita.socketIoWebSockets).toEqual([]);
  // The same listener does see WebSockets where there are some.
  expect(sam.socketIoWebSockets.length).toBeGreaterThan(0);
});
