import { DisplayName, MessageText, RoomName, parsePayload } from '@roomlog/protocol';

/** A field's value, normalised by the protocol's schema, or the message to show under it. */
export type FieldResult = { ok: true; value: string } | { ok: false; message: string };

// `zod` is the protocol's dependency, not ours: name the schemas by their values.
// (RoomName's type is DisplayName's: listing both is a duplicate union member.)
type StringSchema = typeof DisplayName | typeof MessageText;

function validate(schema: StringSchema, label: string, input: string): FieldResult {
  const result = parsePayload(schema, input);
  if (result.ok) return { ok: true, value: result.data };
  return { ok: false, message: `${label} ${result.error.message}` };
}

/** The display name, checked with the same schema the server's handshake uses. */
export function validateName(input: string): FieldResult {
  return validate(DisplayName, 'Name', input);
}

/** The room name, trimmed and lowercased as the server does. */
export function validateRoom(input: string): FieldResult {
  return validate(RoomName, 'Room', input);
}

/**
 * What the composer does with its text: nothing for blank text, an error for text over
 * MESSAGE_TEXT_MAX, otherwise send.
 */
export type MessageCheck =
  { kind: 'blank' } | { kind: 'invalid'; message: string } | { kind: 'ok' };

export function checkMessage(input: string): MessageCheck {
  if (input.trim() === '') return { kind: 'blank' };
  const result = validate(MessageText, 'Message', input);
  return result.ok ? { kind: 'ok' } : { kind: 'invalid', message: result.message };
}
