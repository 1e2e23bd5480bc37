// What each field of a broadcast frame costs on the wire, in bytes. Pure, so it is unit-tested.

export interface FieldCost {
  /** A payload field, or `(envelope)` for the framing around the payload object. */
  field: string;
  bytes: number;
}

/**
 * Splits a text frame whose JSON part ends with one payload object — a Socket.IO event frame
 * (`42["message:created",{…}]`) or a plain JSON object (`{…}`) — into the bytes each payload
 * field costs (`"key":value` plus its comma) and the envelope (everything else). The costs add up
 * to the frame's UTF-8 length.
 */
export function fieldCosts(frame: string): FieldCost[] {
  const total = Buffer.byteLength(frame);
  const start = frame.search(/[[{]/);
  if (start < 0) throw new Error(`not a JSON frame: ${frame.slice(0, 40)}`);
  const parsed: unknown = JSON.parse(frame.slice(start));
  const payload: unknown = Array.isArray(parsed) ? parsed.at(-1) : parsed;
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new Error('the frame carries no payload object');
  }
  const entries = Object.entries(payload);
  const costs = entries.map(([key, value], i) => ({
    field: key,
    bytes:
      Buffer.byteLength(`${JSON.stringify(key)}:${JSON.stringify(value)}`) +
      (i < entries.length - 1 ? 1 : 0),
  }));
  const fields = costs.reduce((sum, c) => sum + c.bytes, 0);
  return [{ field: '(envelope)', bytes: total - fields }, ...costs];
}
