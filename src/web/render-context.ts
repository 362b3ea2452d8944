import type { Edition, Section } from '../db/schema.js';
import type { Translator } from '../i18n/i18n.js';

/**
 * An edition with what every page of it needs: its sections and its translator. Built by the
 * editions feature (features/editions/site.service.ts); declared here, where the templates that
 * use it live, so that the web layer needs no feature.
 */
export interface EditionContext {
  readonly edition: Edition;
  readonly sections: readonly Section[];
  readonly i18n: Translator;
  /** "" for the default edition, "/ru" for others. */
  readonly prefix: string;
}

export interface SiteStructure {
  readonly editions: readonly EditionContext[];
  readonly defaultEdition: EditionContext;
  byCode(code: string): EditionContext | undefined;
}

/** What every template needs to know about where it is rendered. */
export interface RenderContext {
  readonly site: SiteStructure;
  readonly ed: EditionContext;
  /** Absolute base URL of the site, without a trailing slash. */
  readonly siteUrl: string;
  /** The request's "now" (the app's clock), for texts such as the footer's {year}; the machine's time when absent. */
  readonly now?: Date;
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
  /** More deferred scripts of our own (the live page's stream, embeds' load buttons). */
  scripts?: string[];
  /** Extra Open Graph article fields. */
  article?: { publishedTime: string; modifiedTime: string; section: string; tags: string[] };
}
