// Engine.IO 4 over HTTP long-polling, without socket.io-client: one GET waiting at a time for the
// server's packets, one POST at a time carrying ours (the server refuses overlapping requests of
// either kind), packets separated by the record separator. socket.io-client polls through an
// XMLHttpRequest shim in Node, with which the generators were saturated at 5,000 deliveries/s:
// they, not the servers, set the latency then (docs/benchmarks.md).
import http from 'node:http';

const SEPARATOR = '\x1e';

// Keep-alive: a client's GETs and POSTs reuse their TCP connections, as a browser's do.
const agent = new http.Agent({ keepAlive: true });

export interface PollingTransport {
  /** Queues one Engine.IO packet; it goes in the next POST. */
  send(frame: string): void;
  close(): void;
}

function request(
  url: string,
  method: 'GET' | 'POST',
  body: string | null,
  onDone: (err: Error | null, text: string) => void,
): http.ClientRequest {
  const req = http.request(url, { method, agent }, (res) => {
    res.setEncoding('utf8');
    let text = '';
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () =>
      res.statusCode === 200
        ? onDone(null, text)
        : onDone(new Error(`${method} ${res.statusCode}: ${text}`), text),
    );
  });
  req.on('error', (err) => onDone(err, ''));
  if (body !== null) req.setHeader('content-type', 'text/plain;charset=UTF-8');
  req.end(body ?? undefined);
  return req;
}

/**
 * Opens an Engine.IO session on `baseUrl` and polls until closed. Every packet the server sends
 * goes to `onFrame`, in order; a failure before `close()` goes to `onError` once.
 */
export function startPolling(
  baseUrl: string,
  handlers: { onFrame(frame: string): void; onError(err: Error): void },
): PollingTransport {
  const endpoint = `${baseUrl}/socket.io/?EIO=4&transport=polling`;
  let sessionUrl: string | null = null;
  let closed = false;
  let outbox: string[] = [];
  let posting = false;
  let poll: http.ClientRequest | null = null;

  const fail = (err: Error) => {
    if (closed) return;
    closed = true;
    poll?.destroy();
    handlers.onError(err);
  };
  const deliver = (text: string) => {
    for (const frame of text.split(SEPARATOR)) {
      if (frame === '1')
        closed = true; // the server closed the session
      else handlers.onFrame(frame);
    }
  };
  const post = () => {
    if (posting || outbox.length === 0 || sessionUrl === null) return;
    posting = true;
    const body = outbox.join(SEPARATOR);
    outbox = [];
    request(sessionUrl, 'POST', body, (err) => {
      posting = false;
      if (err) return fail(err);
      post();
    });
  };
  const get = () => {
    if (closed || sessionUrl === null) return;
    poll = request(sessionUrl, 'GET', null, (err, text) => {
      poll = null;
      if (closed) return;
      if (err) return fail(err);
      deliver(text);
      get();
    });
  };

  request(endpoint, 'GET', null, (err, text) => {
    if (err) return fail(err);
    const open = text.split(SEPARATOR)[0] ?? '';
    const { sid } = JSON.parse(open.slice(1)) as { sid: string };
    sessionUrl = `${endpoint}&sid=${encodeURIComponent(sid)}`;
    deliver(text);
    post();
    get();
  });

  return {
    send(frame) {
      outbox.push(frame);
      post();
    },
    close() {
      if (closed) return;
      // The close packet ends the session on the server at once; the waiting GET is dropped.
      if (sessionUrl !== null) request(sessionUrl, 'POST', '1', () => undefined);
      closed = true;
      poll?.destroy();
    },
  };
}
