/**
 * The shape of Dateline's demo content. Every story, person, place and organisation in it is
 * invented; real news agencies appear only as cited publications.
 */

export type DemoEditionCode = 'en' | 'ru' | 'az';

export type DemoTagType = 'person' | 'place' | 'organisation' | 'topic';

export interface DemoTag {
  type: DemoTagType;
  name: string;
}

/** A citation: a named publication (by its key in DEMO_PUBLICATIONS) or a kind of source only. */
export type DemoSource =
  | { publication: DemoPublicationKey; url?: string; role?: 'citing' | 'reported_by' | 'contributed' }
  | { kind: 'foreign_media' | 'local_media' | 'social_media' };

/**
 * A block of the body. `p` may hold inline HTML limited to <q>, <em>, <strong> and <a href="https://…">;
 * a `quote` is a quotation set apart, with the speaker's name and optional role.
 */
export type DemoBlock =
  | { p: string }
  /** A paragraph with the attribution clause inside it, between `before` and `after` (the end-of-story line is then left out). */
  | { before: string; after: string }
  | { h2: string }
  | { quote: string; speaker: string; role?: string };

export interface DemoArticle {
  /** Unique within the edition, lower-case ASCII words joined by hyphens. */
  slug: string;
  /** A section slug from DEMO_SECTIONS. */
  section: DemoSectionSlug;
  headline: string;
  standfirst: string;
  /** The place the story was filed from, as printed in the date line ("Port Velmar"); omit for none. */
  dateline?: string;
  /** Published this many days before the demo is seeded (0–29), at `hour` o'clock in Asia/Baku time. */
  daysAgo: number;
  hour: number;
  /** A substantive update this many hours after publication. */
  updatedHoursLater?: number;
  /** Author keys from DEMO_AUTHORS; one or more. */
  authors: DemoAuthorKey[];
  tags: DemoTag[];
  /** Empty for the newsroom's own story (no attribution sentence). */
  sources: DemoSource[];
  body: DemoBlock[];
  corrections?: { hoursLater: number; text: string }[];
  image: { alt: string; caption: string; credit: string; hue: number };
  /** Shown among the home page's top stories. */
  top?: boolean;
  /** Links the same story across editions: the same key in `en`, `ru` and `az`. */
  translationKey?: string;
}

export const DEMO_SECTIONS = ['world', 'politics', 'business', 'science', 'culture', 'sport'] as const;
export type DemoSectionSlug = (typeof DEMO_SECTIONS)[number];

export const DEMO_PUBLICATIONS = {
  reuters: { name: 'Reuters', url: 'https://www.reuters.com', kind: 'agency' },
  afp: { name: 'AFP', url: 'https://www.afp.com', kind: 'agency' },
  ap: { name: 'AP', url: 'https://apnews.com', kind: 'agency' },
  xinhua: { name: 'Xinhua', url: 'https://english.news.cn', kind: 'agency' },
  anadolu: { name: 'Anadolu Agency', url: 'https://www.aa.com.tr', kind: 'agency' },
  dpa: { name: 'dpa', url: 'https://www.dpa.com', kind: 'agency' },
  tass: { name: 'TASS', url: 'https://tass.com', kind: 'agency' },
  ledger: { name: 'The Northern Ledger', url: 'https://northern-ledger.example', kind: 'newspaper' },
} as const;
export type DemoPublicationKey = keyof typeof DEMO_PUBLICATIONS;

export const DEMO_AUTHORS = {
  'mira-talbot': { name: 'Mira Talbot', bio: 'Diplomatic correspondent covering the Caspian region.' },
  'ravil-sadiqov': { name: 'Ravil Sadiqov', bio: 'Business editor; writes on energy, ports and trade.' },
  'elena-voss': { name: 'Elena Voss', bio: 'Science reporter with a background in marine biology.' },
  'tomas-arkwright': { name: 'Tomas Arkwright', bio: 'Culture and arts writer.' },
  'leyla-hamidova': { name: 'Leyla Hamidova', bio: 'Politics reporter in the capital.' },
  'oskar-lind': { name: 'Oskar Lind', bio: 'Sports writer and former rower.' },
} as const;
export type DemoAuthorKey = keyof typeof DEMO_AUTHORS;
