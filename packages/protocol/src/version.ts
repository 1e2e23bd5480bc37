/**
 * The protocol version a client sends in its handshake `auth`. The server refuses any other
 * version with a `connect_error`, so old clients fail loudly instead of misbehaving.
 */
export const PROTOCOL_VERSION = 3;
