import { describe, expect, it } from 'vitest';
import { matchReaderPath } from './reader-path.js';

const match = (path: string) => matchReaderPath(path, 'en', ['ru']);

describe('matchReaderPath', () => {
  it('finds every kind of reader page in both editions', () => {
    expect(match('/')).toEqual({ kind: 'route', edition: 'en', route: { page: 'home' } });
    expect(match('/ru')).toEqual({ kind: 'route', edition: 'ru', route: { page: 'home' } });
    expect(match('/world')).toEqual({ kind: 'route', edition: 'en', route: { page: 'section', section: 'world' } });
    expect(match('/ru/people/anna-petrova')).toEqual({ kind: 'route', edition: 'ru', route: { page: 'tag', type: 'person', slug: 'anna-petrova' } });
    expect(match('/topics/energy')).toMatchObject({ route: { page: 'tag', type: 'topic' } });
    expect(match('/authors/mira-talbot')).toMatchObject({ route: { page: 'author', slug: 'mira-talbot' } });
    expect(match('/world/2026/01/29/uk-and-china-sign-smuggling-pact')).toEqual({
      kind: 'route',
      edition: 'en',
      route: { page: 'article', section: 'world', year: '2026', month: '01', day: '29', slug: 'uk-and-china-sign-smuggling-pact' },
    });
  });

  it('finds the feeds of every list, in both editions', () => {
    expect(match('/feed.xml')).toEqual({ kind: 'route', edition: 'en', route: { page: 'home' }, feed: 'rss' });
    expect(match('/ru/atom.xml')).toEqual({ kind: 'route', edition: 'ru', route: { page: 'home' }, feed: 'atom' });
    expect(match('/world/feed.json')).toEqual({ kind: 'route', edition: 'en', route: { page: 'section', section: 'world' }, feed: 'json' });
    expect(match('/ru/world/atom.xml')).toEqual({ kind: 'route', edition: 'ru', route: { page: 'section', section: 'world' }, feed: 'atom' });
    expect(match('/people/ines-marlow/feed.json')).toEqual({ kind: 'route', edition: 'en', route: { page: 'tag', type: 'person', slug: 'ines-marlow' }, feed: 'json' });
    expect(match('/authors/ada-quill/feed.xml')).toEqual({ kind: 'route', edition: 'en', route: { page: 'author', slug: 'ada-quill' }, feed: 'rss' });
    expect(match('/en/feed.xml')).toEqual({ kind: 'redirect', location: '/feed.xml' });
    expect(match('/world/feed.xml/')).toEqual({ kind: 'redirect', location: '/world/feed.xml' });
  });

  it('has no feed of an article, of a feed, or under another name', () => {
    expect(match('/world/2026/01/29/uk-and-china-sign-smuggling-pact/feed.xml')).toEqual({ kind: 'not-found', edition: 'en' });
    expect(match('/feed.xml/feed.xml')).toEqual({ kind: 'not-found', edition: 'en' });
    expect(match('/world/rss.xml')).toEqual({ kind: 'not-found', edition: 'en' });
    expect(match('/world/Feed.xml')).toEqual({ kind: 'not-found', edition: 'en' });
    expect(match('/feed.xml.gz')).toEqual({ kind: 'not-found', edition: 'en' });
    expect(match('/unknown/thing/feed.xml')).toEqual({ kind: 'not-found', edition: 'en' });
    expect(match('/a/b/c/d/e/feed.xml')).toEqual({ kind: 'not-found', edition: 'en' });
  });

  it('redirects trailing slashes and the default edition’s own prefix', () => {
    expect(match('/world/')).toEqual({ kind: 'redirect', location: '/world' });
    expect(match('/ru/')).toEqual({ kind: 'redirect', location: '/ru' });
    expect(match('/en/world')).toEqual({ kind: 'redirect', location: '/world' });
  });

  it('refuses what cannot be a page', () => {
    expect(match('/%E0%A4%A')).toEqual({ kind: 'bad-request', edition: 'en' });
    expect(match(`/${'a'.repeat(5000)}`)).toEqual({ kind: 'not-found', edition: 'en' });
    expect(match('/World')).toEqual({ kind: 'not-found', edition: 'en' });
    expect(match('/ru/unknown/thing')).toEqual({ kind: 'not-found', edition: 'ru' });
    expect(match('/world/26/1/2/x')).toEqual({ kind: 'not-found', edition: 'en' });
    expect(match('/a/b/c/d/e/f')).toEqual({ kind: 'not-found', edition: 'en' });
    expect(match('/<script>')).toEqual({ kind: 'not-found', edition: 'en' });
  });
});
