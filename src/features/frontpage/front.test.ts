import { describe, expect, it } from 'vitest';
import { AppError, FieldErrors } from '../../lib/errors.js';
import { arrange, BREAKING_TEXT_MAX, checkBreaking, MAX_SLOTS } from './front.js';

describe('arranging the top of the front page', () => {
  it('adds a story after the others or as the lead', () => {
    expect(arrange([1, 2], { kind: 'add', articleId: 3, at: 'end' })).toEqual([1, 2, 3]);
    expect(arrange([1, 2], { kind: 'add', articleId: 3, at: 'lead' })).toEqual([3, 1, 2]);
    expect(arrange([], { kind: 'add', articleId: 7, at: 'end' })).toEqual([7]);
  });

  it('moves a story up and down, and leaves the ends where they are', () => {
    expect(arrange([1, 2, 3], { kind: 'up', articleId: 3 })).toEqual([1, 3, 2]);
    expect(arrange([1, 2, 3], { kind: 'down', articleId: 1 })).toEqual([2, 1, 3]);
    expect(arrange([1, 2, 3], { kind: 'up', articleId: 1 })).toEqual([1, 2, 3]);
    expect(arrange([1, 2, 3], { kind: 'down', articleId: 3 })).toEqual([1, 2, 3]);
  });

  it('removes a story, the next one taking its place', () => {
    expect(arrange([1, 2, 3], { kind: 'remove', articleId: 1 })).toEqual([2, 3]);
  });

  it(`refuses a sixth story, a story twice, and a change to a story no longer there`, () => {
    const full = Array.from({ length: MAX_SLOTS }, (_, i) => i + 1);
    expect(() => arrange(full, { kind: 'add', articleId: 99, at: 'end' })).toThrow(/holds 5 stories/);
    expect(() => arrange([1, 2], { kind: 'add', articleId: 2, at: 'lead' })).toThrow(/already/);
    const gone = (() => {
      try {
        arrange([1, 2], { kind: 'up', articleId: 5 });
      } catch (error) {
        return error;
      }
    })();
    expect(gone).toBeInstanceOf(AppError);
    expect((gone as AppError).status).toBe(409);
  });

  it('never changes the list it was given', () => {
    const ids = [1, 2, 3];
    arrange(ids, { kind: 'remove', articleId: 2 });
    expect(ids).toEqual([1, 2, 3]);
  });
});

describe('the breaking-news strip', () => {
  const fields = (input: { active?: string; text?: string; url?: string }) => {
    try {
      checkBreaking({ active: '', text: '', url: '', ...input });
      return {};
    } catch (error) {
      if (error instanceof FieldErrors) return error.fields;
      throw error;
    }
  };

  it('takes a line and a link on this site or elsewhere, trimming the line', () => {
    expect(checkBreaking({ active: '1', text: '  Ferry   strike\nends ', url: '/world/2026/06/15/ferry' })).toEqual({ active: true, text: 'Ferry strike ends', url: '/world/2026/06/15/ferry' });
    expect(checkBreaking({ active: '1', text: 'Live', url: 'https://live.example/feed' }).url).toBe('https://live.example/feed');
    expect(checkBreaking({ active: '', text: '', url: '' })).toEqual({ active: false, text: '', url: '' });
  });

  it('asks for the line and the link when it is switched on', () => {
    expect(fields({ active: '1' })).toEqual({ text: expect.stringMatching(/Write the line/), url: expect.stringMatching(/Give the address/) });
  });

  it('refuses links that are not web addresses and lines that are too long', () => {
    for (const url of ['javascript:alert(1)', '//evil.example/x', 'data:text/html,hi', 'ftp://files.example/', 'world/story', '/a b', '/\\evil.example']) {
      expect(fields({ active: '1', text: 'x', url }).url, url).toMatch(/address on this site/);
    }
    expect(fields({ text: 'x'.repeat(BREAKING_TEXT_MAX + 1) }).text).toMatch(/At most 200/);
  });
});
