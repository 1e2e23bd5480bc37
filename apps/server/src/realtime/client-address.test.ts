import { describe, expect, it } from 'vitest';
import { createClientAddressOf } from './client-address.js';

const req = (remoteAddress: string, forwardedFor?: string | string[]) => ({
  socket: { remoteAddress },
  headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
});

describe('createClientAddressOf', () => {
  it('without trusted proxies, is the TCP peer whatever X-Forwarded-For says', () => {
    const addressOf = createClientAddressOf([]);
    expect(addressOf(req('10.0.0.5', '1.2.3.4'))).toBe('10.0.0.5');
    expect(addressOf(req('::ffff:10.0.0.5'))).toBe('10.0.0.5');
  });

  it('ignores the header of a peer that is not a trusted proxy', () => {
    const addressOf = createClientAddressOf(['127.0.0.1']);
    expect(addressOf(req('10.0.0.5', '1.2.3.4'))).toBe('10.0.0.5');
  });

  it('behind a trusted proxy, is the hop the proxy appended', () => {
    const addressOf = createClientAddressOf(['127.0.0.1']);
    expect(addressOf(req('::ffff:127.0.0.1', '203.0.113.7'))).toBe('203.0.113.7');
    expect(addressOf(req('127.0.0.1', '2001:db8::1'))).toBe('2001:db8::1');
  });

  it('never reads the hops a client wrote itself, left of the first untrusted one', () => {
    const addressOf = createClientAddressOf(['127.0.0.1', '10.0.0.2']);
    // The client sent "X-Forwarded-For: 9.9.9.9"; the edge proxy 10.0.0.2 appended the client's
    // real address, the inner proxy 127.0.0.1 appended 10.0.0.2.
    expect(addressOf(req('127.0.0.1', '9.9.9.9, 198.51.100.4, 10.0.0.2'))).toBe('198.51.100.4');
    expect(addressOf(req('127.0.0.1', ['9.9.9.9', '198.51.100.4, 10.0.0.2']))).toBe('198.51.100.4');
  });

  it('stops at the last trusted proxy on a malformed hop or a missing header', () => {
    const addressOf = createClientAddressOf(['127.0.0.1', '10.0.0.2']);
    expect(addressOf(req('127.0.0.1', 'not-an-ip, 10.0.0.2'))).toBe('10.0.0.2');
    expect(addressOf(req('127.0.0.1', 'unknown'))).toBe('127.0.0.1');
    expect(addressOf(req('127.0.0.1', ''))).toBe('127.0.0.1');
    expect(addressOf(req('127.0.0.1'))).toBe('127.0.0.1');
  });

  it('with only trusted hops, is the left-most of them', () => {
    const addressOf = createClientAddressOf(['127.0.0.1', '10.0.0.2']);
    expect(addressOf(req('127.0.0.1', '10.0.0.2'))).toBe('10.0.0.2');
  });
});
