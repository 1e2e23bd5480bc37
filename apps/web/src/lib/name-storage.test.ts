import { describe, expect, it } from 'vitest';
import { memoryStorage } from '$lib/testing/memory-storage';
import { NAME_KEY, loadName, saveName } from './name-storage';

describe('name storage', () => {
  it('remembers the name under roomlog:name', () => {
    const storage = memoryStorage();
    expect(loadName(storage)).toBe('');
    saveName(storage, 'Ada');
    expect(storage.getItem(NAME_KEY)).toBe('Ada');
    expect(loadName(storage)).toBe('Ada');
  });

  it('survives a storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(loadName(broken)).toBe('');
    expect(() => saveName(broken, 'Ada')).not.toThrow();
  });
});
