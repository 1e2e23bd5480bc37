import { describe, expect, it } from 'vitest';
import { countUnread, documentTitle, mentions, readPosition, unreadLabel } from './unread';

const msg = (seq: number, author: string, text = `m${seq}`) => ({ seq, author, text });

describe('mentions', () => {
  it('finds the name as a word, in any case, with or without @', () => {
    expect(mentions('hi Ada, look', 'ada')).toBe(true);
    expect(mentions('@ada look', 'Ada')).toBe(true);
    expect(mentions('ADA!', 'ada')).toBe(true);
    expect(mentions('Zoë: ok', 'zoë')).toBe(true);
  });

  it('does not find it inside another word or when absent', () => {
    expect(mentions('Canada is big', 'ada')).toBe(false);
    expect(mentions('adam', 'ada')).toBe(false);
    expect(mentions('ada_b', 'ada')).toBe(false);
    expect(mentions('nothing here', 'ada')).toBe(false);
    expect(mentions('anything', '  ')).toBe(false);
  });

  it('treats regex characters in a name literally', () => {
    expect(mentions('hey a.b', 'a.b')).toBe(true);
    expect(mentions('hey axb', 'a.b')).toBe(false);
    expect(mentions('(x) there', '(x)')).toBe(true);
  });
});

describe('countUnread', () => {
  const messages = [msg(1, 'bob'), msg(2, 'ada'), msg(3, 'bob'), msg(4, 'bob', 'ada, see this')];

  it('counts messages from others after the read position', () => {
    expect(countUnread({ messages, head: 4 }, 1, 'ada')).toEqual({ count: 2, mention: true });
    expect(countUnread({ messages, head: 4 }, 3, 'ada')).toEqual({ count: 1, mention: true });
    expect(countUnread({ messages, head: 4 }, 0, 'bob')).toEqual({ count: 1, mention: false });
  });

  it('is zero when everything is read or no read position is known yet', () => {
    expect(countUnread({ messages, head: 4 }, 4, 'ada')).toEqual({ count: 0, mention: false });
    expect(countUnread({ messages, head: 4 }, null, 'ada')).toEqual({ count: 0, mention: false });
  });

  it('counts messages not held (between the read position and the oldest held) as unread', () => {
    const tail = [msg(8, 'bob'), msg(9, 'cy')];
    expect(countUnread({ messages: tail, head: 9 }, 3, 'ada').count).toBe(4 + 2);
    expect(countUnread({ messages: [], head: 5 }, 2, 'ada').count).toBe(3);
    expect(countUnread({ messages: [], head: 0 }, 0, 'ada').count).toBe(0);
  });
});

describe('readPosition', () => {
  it('is the newest seq known', () => {
    expect(readPosition({ messages: [msg(1, 'a'), msg(2, 'b')], head: 2 })).toBe(2);
    expect(readPosition({ messages: [], head: 7 })).toBe(7);
    expect(readPosition({ messages: [msg(3, 'a')], head: 0 })).toBe(3);
  });
});

describe('documentTitle', () => {
  it('puts the unread total first', () => {
    expect(documentTitle('general', 3)).toBe('(3) #general · Roomlog');
    expect(documentTitle('general', 0)).toBe('#general · Roomlog');
    expect(documentTitle(null, 0)).toBe('Roomlog');
    expect(documentTitle(null, 2)).toBe('(2) Roomlog');
  });
});

describe('unreadLabel', () => {
  it('says the count and a mention', () => {
    expect(unreadLabel({ count: 0, mention: false })).toBe('');
    expect(unreadLabel({ count: 3, mention: false })).toBe('3 unread');
    expect(unreadLabel({ count: 1, mention: true })).toBe('1 unread, mentions you');
  });
});
