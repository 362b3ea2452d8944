import type { DemoPublicationKey } from '../demo-content.js';
import {
  atomDocument,
  jsonFeedDocument,
  newsItemDocument,
  newsMessageDocument,
  ninjs2Item,
  ninjs3Item,
  rssDocument,
} from './documents.js';
import { DEMO_WIRE_REPORTS, type DemoAgency, type DemoWireReport } from './reports.js';

/** One file the demo agency drops into a feed's folder, as an agency would deliver it. */
export interface DemoWireFile {
  agency: DemoAgency;
  /** A file name that tells the format by its extension (`.rss`, `.atom`, `.ninjs.json`, `.newsml.xml`, `.json`). */
  name: string;
  format: 'rss' | 'atom' | 'jsonfeed' | 'ninjs' | 'newsml';
  /** The ninjs generation, for ninjs files. */
  ninjsVersion?: 2 | 3;
  content: string;
  /** The reports in it, in document order. */
  reports: DemoWireReport[];
}

/** The publication (a key of DEMO_PUBLICATIONS) each agency's feed belongs to. */
export const DEMO_AGENCY_PUBLICATIONS: Readonly<Record<DemoAgency, DemoPublicationKey>> = {
  reuters: 'reuters',
  afp: 'afp',
  tass: 'tass',
  anadolu: 'anadolu',
};

export const DEMO_AGENCY_FEEDS: Readonly<Record<DemoAgency, { name: string; slug: string; language: 'en' | 'ru' }>> = {
  reuters: { name: 'Reuters (demo agency)', slug: 'demo-reuters', language: 'en' },
  afp: { name: 'AFP (demo agency)', slug: 'demo-afp', language: 'en' },
  tass: { name: 'TASS (demo agency)', slug: 'demo-tass', language: 'ru' },
  anadolu: { name: 'Anadolu Agency (demo agency)', slug: 'demo-anadolu', language: 'en' },
};

interface FileSpec {
  agency: DemoAgency;
  name: string;
  format: DemoWireFile['format'];
  ninjsVersion?: 2 | 3;
  reports: DemoWireReport[];
  render: (reports: DemoWireReport[], now: Date) => string;
}

const byStoryAndLanguage = (agency: DemoAgency, language: 'en' | 'ru', ...stories: string[]): DemoWireReport[] =>
  stories.map((story) => {
    const found = DEMO_WIRE_REPORTS.find((r) => r.agency === agency && r.story === story && r.language === language && (r.version ?? 1) === 1);
    if (!found) throw new Error(`No demo wire report of ${agency} in ${language} about ${story}.`);
    return found;
  });

const version = (agency: DemoAgency, story: string, v: number): DemoWireReport => {
  const found = DEMO_WIRE_REPORTS.find((r) => r.agency === agency && r.story === story && r.version === v);
  if (!found) throw new Error(`No version ${v} of the demo wire report of ${agency} about ${story}.`);
  return found;
};

const ninjs2 = (reports: DemoWireReport[], now: Date) => `${JSON.stringify(ninjs2Item(reports[0]!, now), null, 2)}\n`;
const ninjs3List = (reports: DemoWireReport[], now: Date) => `${JSON.stringify(reports.map((r) => ninjs3Item(r, now)), null, 2)}\n`;
const ninjs3One = (reports: DemoWireReport[], now: Date) => `${JSON.stringify(ninjs3Item(reports[0]!, now), null, 2)}\n`;

/**
 * What each agency delivers, in the order it arrives: Reuters sends ninjs 2.x items and a
 * NewsML-G2 newsMessage, AFP NewsML-G2 items and an Atom feed, TASS RSS in English and Russian and
 * a JSON Feed, Anadolu ninjs 3.x and a JSON Feed in Russian. The update and the kill come last.
 */
const FILES: readonly FileSpec[] = [
  { agency: 'reuters', name: 'reuters-ferry-kestrel-bay.ninjs.json', format: 'ninjs', ninjsVersion: 2, reports: byStoryAndLanguage('reuters', 'en', 'ferry'), render: ninjs2 },
  { agency: 'reuters', name: 'reuters-veradan-rate-cut.ninjs.json', format: 'ninjs', ninjsVersion: 2, reports: byStoryAndLanguage('reuters', 'en', 'rate'), render: ninjs2 },
  { agency: 'reuters', name: 'reuters-veradan-orsava-pipeline.ninjs.json', format: 'ninjs', ninjsVersion: 2, reports: byStoryAndLanguage('reuters', 'en', 'pipeline'), render: ninjs2 },
  { agency: 'reuters', name: 'reuters-news.newsml.xml', format: 'newsml', reports: byStoryAndLanguage('reuters', 'en', 'storm', 'coach', 'buyback'), render: newsMessageDocument },
  { agency: 'afp', name: 'afp-ferry-kestrel-bay.newsml.xml', format: 'newsml', reports: byStoryAndLanguage('afp', 'en', 'ferry'), render: (r, now) => newsItemDocument(r[0]!, now) },
  { agency: 'afp', name: 'afp-port-velmar-mayor.newsml.xml', format: 'newsml', reports: byStoryAndLanguage('afp', 'en', 'mayor'), render: (r, now) => newsItemDocument(r[0]!, now) },
  {
    agency: 'afp',
    name: 'afp-latest.atom',
    format: 'atom',
    reports: byStoryAndLanguage('afp', 'en', 'storm', 'wind', 'candidate', 'coach', 'comet'),
    render: (r, now) => atomDocument('AFP (demo agency)', 'https://www.afp.com', 'en', r, now),
  },
  {
    agency: 'tass',
    name: 'tass-english.rss',
    format: 'rss',
    reports: byStoryAndLanguage('tass', 'en', 'rate', 'pipeline', 'metro'),
    render: (r, now) => rssDocument('TASS (demo agency)', 'https://tass.com', 'en', r, now),
  },
  {
    agency: 'tass',
    name: 'tass-russian.rss',
    format: 'rss',
    reports: byStoryAndLanguage('tass', 'ru', 'ferry', 'storm', 'pipeline'),
    render: (r, now) => rssDocument('ТАСС (демо-агентство)', 'https://tass.ru', 'ru', r, now),
  },
  {
    agency: 'tass',
    name: 'tass-russian-feed.json',
    format: 'jsonfeed',
    reports: byStoryAndLanguage('tass', 'ru', 'candidate', 'comet', 'festival'),
    render: (r, now) => jsonFeedDocument('ТАСС (демо-агентство)', 'https://tass.ru', 'ru', r, now),
  },
  {
    agency: 'anadolu',
    name: 'anadolu-english.ninjs.json',
    format: 'ninjs',
    ninjsVersion: 3,
    reports: byStoryAndLanguage('anadolu', 'en', 'ferry', 'rate', 'pipeline', 'wind', 'comet'),
    render: ninjs3List,
  },
  { agency: 'anadolu', name: 'anadolu-veradan-gdp.ninjs.json', format: 'ninjs', ninjsVersion: 3, reports: byStoryAndLanguage('anadolu', 'en', 'gdp'), render: ninjs3One },
  {
    agency: 'anadolu',
    name: 'anadolu-russian-feed.json',
    format: 'jsonfeed',
    reports: byStoryAndLanguage('anadolu', 'ru', 'candidate'),
    render: (r, now) => jsonFeedDocument('Anadolu Agency (demo agency)', 'https://www.aa.com.tr/ru', 'ru', r, now),
  },
  // Later sendings: Reuters updates the ferry story, AFP kills the mayor story.
  { agency: 'reuters', name: 'reuters-ferry-kestrel-bay-update-1.ninjs.json', format: 'ninjs', ninjsVersion: 2, reports: [version('reuters', 'ferry', 2)], render: ninjs2 },
  { agency: 'afp', name: 'afp-port-velmar-mayor-kill.newsml.xml', format: 'newsml', reports: [version('afp', 'mayor', 2)], render: (r, now) => newsItemDocument(r[0]!, now) },
];

/**
 * The demo agency's files for a site seeded at `now`, in the order they arrive, each named with
 * its place in that order ("01-…") so that a folder read in name order takes them in the same way.
 */
export function demoWireFiles(now: Date): DemoWireFile[] {
  return FILES.map((spec, index) => ({
    agency: spec.agency,
    name: `${String(index + 1).padStart(2, '0')}-${spec.name}`,
    format: spec.format,
    ...(spec.ninjsVersion ? { ninjsVersion: spec.ninjsVersion } : {}),
    content: spec.render(spec.reports, now),
    reports: spec.reports,
  }));
}

