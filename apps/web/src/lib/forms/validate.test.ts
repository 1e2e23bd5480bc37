import { DISPLAY_NAME_MAX, MESSAGE_TEXT_MAX, ROOM_NAME_MAX } from '@roomlog/protocol';
import { describe, expect, it } from 'vitest';
import { checkMessage, validateName, validateRoom } from './validate';

describe('validateRoom', () => {
  it('normalises like the server', () => {
    expect(validateRoom('  General ')).toEqual({ ok: true, value: 'general' });
    expect(validateRoom('dev_ops-2')).toEqual({ ok: true, value: 'dev_ops-2' });
  });

  it('explains what is wrong', () => {
    expect(validateRoom('')).toEqual({ ok: false, message: 'Room must not be empty' });
    const bad = validateRoom('no spaces');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^Room may contain only a-z/);
    expect(validateRoom('a'.repeat(ROOM_NAME_MAX + 1)).ok).toBe(false);
  });
});

describe('validateName', () => {
  it('trims the name', () => {
    expect(validateName('  Ada ')).toEqual({ ok: true, value: 'Ada' });
  });

  it('refuses empty, long and control-character names', () => {
    expect(validateName('   ')).toEqual({ ok: false, message: 'Name must not be empty' });
    expect(validateName('x'.repeat(DISPLAY_NAME_MAX + 1)).ok).toBe(false);
    expect(validateName('a\u0007b').ok).toBe(false);
  });
});

describe('checkMessage', () => {
  it('ignores blank text', () => {
    expect(checkMessage('')).toEqual({ kind: 'blank' });
    expect(checkMessage(' \n\t ')).toEqual({ kind: 'blank' });
  });

  it('accepts text up to the limit, measured after trimming', () => {
    expect(checkMessage('hi')).toEqual({ kind: 'ok' });
    expect(checkMessage(`  ${'x'.repeat(MESSAGE_TEXT_MAX)}  `)).toEqual({ kind: 'ok' });
  });

  it('refuses text over the limit', () => {
    const result = checkMessage('x'.repeat(MESSAGE_TEXT_MAX + 1));
    expect(result).toEqual({
      kind: 'invalid',
      message: `Message must be at most ${MESSAGE_TEXT_MAX} characters`,
    });
  });
});
