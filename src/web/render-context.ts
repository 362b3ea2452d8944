import type { EditionContext, SiteStructure } from '../features/editions/site.service.js';

/** What every template needs to know about where it is rendered. */
export interface RenderContext {
  readonly site: SiteStructure;
  readonly ed: EditionContext;
  /** Absolute base URL of the site, without a trailing slash. */
  readonly siteUrl: string;
}

export interface PageMeta {
  title: string;
  description: string;
  /** Path of the canonical URL ("/world?page=2"); made absolute by the layout. */
  canonicalPath: string;
  ogType?: 'website' | 'article';
  image?: { url: string; width: number; height: number; alt: string } | undefined;
  jsonLd?: unknown[];
  /** Other language versions of this page (hreflang). */
  alternates?: { lang: string; path: string }[];
  prevPath?: string | undefined;
  nextPath?: string | undefined;
  /** Section slug to mark as current in the navigation. */
  section?: string;
  noindex?: boolean;
  /** Feeds of this list, for discovery (`<link rel="alternate" type="application/rss+xml">`). */
  feeds?: { type: string; title: string; path: string }[];
  /** Extra Open Graph article fields. */
  article?: { publishedTime: string; modifiedTime: string; section: string; tags: string[] };
}
