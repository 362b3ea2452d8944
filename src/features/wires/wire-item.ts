import type { WireFormat, WireItemStatus } from '../../db/schema.js';
import type { BodyDocument } from '../articles/body.js';

/**
 * One report as a format parser gives it (formats/), before it is stored: every format (RSS,
 * Atom, JSON Feed, ninjs 1–3, NewsML-G2) comes down to this. Times are ISO 8601 UTC strings.
 */
export interface ParsedWireItem {
  /** The item's id in its feed: RSS guid (else link), Atom id, JSON Feed id, ninjs uri, NewsML guid. */
  guid: string;
  /** The version the document declares (ninjs `version`, NewsML `version`), when it declares one. */
  declaredVersion: number | null;
  headline: string;
  byline: string;
  /** Rebuilt into Dateline's body document and sanitised, as pasted HTML is. */
  bodyDoc: BodyDocument;
  bodyHtml: string;
  /** Plain text of the body (paragraphs separated by blank lines). */
  bodyText: string;
  /** BCP 47 tag; '' when neither declared nor detectable. */
  language: string;
  languageDeclared: boolean;
  /** IPTC urgency 1 (flash) … 9; null when not given. */
  urgency: number | null;
  subjects: WireSubject[];
  place: string;
  embargoUntil: string | null;
  status: WireItemStatus;
  /** The report's own address at its publisher (http/https only). */
  url: string | null;
  sentAt: string | null;
  /** This item's part of the document (or the whole document when it is one item), cut to RAW_LIMIT. */
  raw: string;
}

export interface WireSubject {
  code?: string;
  name: string;
}

/** A problem with one item of a document: the item is skipped, the others still arrive. */
export interface WireItemProblem {
  /** Where it was: "item 3", "entry urn:x:1"... */
  where: string;
  message: string;
}

export interface ParsedWireDocument {
  format: Exclude<WireFormat, 'auto'>;
  items: ParsedWireItem[];
  problems: WireItemProblem[];
}

/** The whole document could not be read (not XML/JSON, an entity bomb, no known format...). */
export class WireFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireFormatError';
  }
}

export const WIRE_LIMITS = Object.freeze({
  /** Largest document taken in (HTTP answer, dropped file, pushed body). */
  documentBytes: 20 * 1024 * 1024,
  /** Items read from one document. */
  itemsPerDocument: 10_000,
  /** The raw text kept per item for inspection. */
  rawChars: 64 * 1024,
  headlineChars: 1_000,
});
