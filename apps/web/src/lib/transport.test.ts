import { describe, expect, it } from 'vitest';
import { transportSearch, transportsFromSearch } from './transport';

describe('transportsFromSearch', () => {
  it('pins the socket to polling when asked', () => {
    expect(transportsFromSearch('?transport=polling')).toEqual(['polling']);
    expect(transportsFromSearch('?x=1&transport=polling')).toEqual(['polling']);
  });

  it("keeps Socket.IO's default otherwise", () => {
    expect(transportsFromSearch('')).toBeUndefined();
    expect(transportsFromSearch('?transport=websocket')).toBeUndefined();
    expect(transportsFromSearch('?transport=POLLING')).toBeUndefined();
  });
});

describe('transportSearch', () => {
  it('keeps only the transport parameter', () => {
    expect(transportSearch('?transport=polling&utm=x')).toBe('?transport=polling');
    expect(transportSearch('?utm=x')).toBe('');
    expect(transportSearch('')).toBe('');
  });
});
