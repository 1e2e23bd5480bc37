import { describe, expect, it } from 'vitest';
import { typingText } from './typing-text';

describe('typingText', () => {
  it('says nothing when nobody else types', () => {
    expect(typingText([], 'Me')).toBe('');
    expect(typingText(['Me'], 'Me')).toBe('');
  });

  it('names one or two typists', () => {
    expect(typingText(['Ada'], 'Me')).toBe('Ada is typing…');
    expect(typingText(['Ada', 'Bob'], 'Me')).toBe('Ada and Bob are typing…');
    expect(typingText(['Ada', 'Me', 'Bob'], 'Me')).toBe('Ada and Bob are typing…');
  });

  it('counts the rest beyond two', () => {
    expect(typingText(['Ada', 'Bob', 'Cy'], 'Me')).toBe('Ada and 2 others are typing…');
    expect(typingText(['Ada', 'Bob', 'Cy', 'Dee', 'Eve'], 'Me')).toBe(
      'Ada and 4 others are typing…',
    );
  });
});
