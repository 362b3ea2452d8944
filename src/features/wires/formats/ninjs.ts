import { WireFormatError, type ParsedWireDocument, type WireSubject } from '../wire-item.js';
import { parseWireDate } from './dates.js';
import { buildWireItem, itemWhere, readItems, WireItemError, wireStatus, wireUrgency, wireVersion, type ParseContext } from './item.js';
import { asArray, asRecord, asString, isRecord, lowerKeys, type JsonRecord } from './json.js';
import { descendantsNamed, innerMarkup, readXml } from './xml.js';

/**
 * IPTC ninjs 1.x, 2.x and 3.x (https://iptc.org/standards/ninjs/). Keys are read case-insensitively
 * (3.x spells `versionCreated` where 1.x spelled `versioncreated`). A document is one item, an
 * array of items, an object with `items`, or an object without a `uri` whose `associations` are
 * the items. Inside an item, associations are its pictures and videos, not items of their own.
 */

/** Item types that are media, not text: without a body of their own they are skipped. */
const MEDIA_TYPES = new Set(['picture', 'graphic', 'video', 'audio']);

/** An object that can be a ninjs item: it has an id. */
const isNinjsItem = (value: unknown): boolean => isRecord(value) && Boolean(asString(lowerKeys(value).uri) || asString(lowerKeys(value).guid));

/** The values of a 1.x associations object or a 2.x/3.x associations array. */
const associated = (value: unknown): unknown[] => (Array.isArray(value) ? value : Object.values(asRecord(value)));

/** The items a document holds. @throws WireFormatError when it is not ninjs at all. */
export function ninjsItems(document: unknown): unknown[] {
  if (Array.isArray(document)) {
    if (document.length > 0 && !document.some(isNinjsItem)) throw new WireFormatError('not a ninjs document (no item in the array has a uri)');
    return document;
  }
  const fields = lowerKeys(document);
  if (isNinjsItem(document)) return [document];
  if (Array.isArray(fields.items)) return ninjsItems(fields.items);
  if (fields.associations && associated(fields.associations).some(isNinjsItem)) return associated(fields.associations);
  throw new WireFormatError('not a ninjs document (no uri, items or associations)');
}

/** 1.x/2.x `headline`, else the 3.x `headlines` entry with role "main" (or the first). */
function headlineOf(item: JsonRecord): string {
  const headlines = asArray(item.headlines).map(lowerKeys);
  const main = headlines.find((h) => asString(h.role) === 'main') ?? headlines[0];
  return asString(item.headline) || asString(main?.value);
}

const isHtml = (entry: JsonRecord) => /html/i.test(asString(entry.contenttype)) || asString(entry.role) === 'html';

/** A body in an XML vocabulary (NITF, as AAP sends in ninjs 3): not text to show as it is. */
const isXml = (entry: JsonRecord) => /xml|nitf/i.test(asString(entry.contenttype)) || /^\s*<(?:\?xml|nitf)\b/i.test(asString(entry.value));

/** The HTML inside an XML body (NITF's `body.content`, else the whole document's markup); '' when it is not XML. */
function xmlBodyHtml(value: string): string {
  try {
    const root = readXml(value);
    const content = descendantsNamed(root, 'body.content', root.ns)[0];
    return innerMarkup(content ?? root);
  } catch {
    return '';
  }
}

/** `body_html`/`body_text`, else the `bodies` array (HTML preferred, then text, then XML such as NITF), else a text description. */
function bodyOf(item: JsonRecord): { html?: string; text?: string } {
  if (asString(item.body_html).trim()) return { html: asString(item.body_html) };
  if (asString(item.body_text).trim()) return { text: asString(item.body_text) };
  const bodies = asArray(item.bodies).map(lowerKeys).filter((body) => asString(body.value).trim());
  const html = bodies.find(isHtml);
  if (html) return { html: asString(html.value) };
  const text = bodies.find((body) => !isXml(body));
  if (text) return { text: asString(text.value) };
  const xml = bodies.map((body) => xmlBodyHtml(asString(body.value))).find((markup) => markup.trim());
  return xml ? { html: xml } : {};
}

/** A text description ("summary", "text", "caption"...) for an item without a body. */
function descriptionOf(item: JsonRecord): { html?: string; text?: string } {
  const entry = asArray(item.descriptions).map(lowerKeys).find((d) => asString(d.value).trim());
  if (entry) return isHtml(entry) ? { html: asString(entry.value) } : { text: asString(entry.value) };
  return asString(item.description_text) ? { text: asString(item.description_text) } : { html: asString(item.description_html) };
}

/** 1.x `subject` (name, code) and 2.x/3.x `subjects` (name, uri or literal). */
function subjectsOf(item: JsonRecord): WireSubject[] {
  return [...asArray(item.subject), ...asArray(item.subjects)].map((value) => {
    const subject = lowerKeys(value);
    const code = asString(subject.code) || asString(subject.literal) || asString(subject.uri);
    return { name: asString(subject.name), ...(code ? { code } : {}) };
  });
}

/** `located`, else the first place not merely mentioned in the story. */
function placeOf(item: JsonRecord): string {
  const located = asString(item.located) || asString(lowerKeys(item.located).name);
  if (located) return located;
  const places = [...asArray(item.place), ...asArray(item.places)].map(lowerKeys);
  return asString(places.find((place) => asString(place.rel) !== 'mentions')?.name);
}

/** `by` (2.x, 3.x) or `byline` (1.x). */
const bylineOf = (item: JsonRecord) => asString(item.by) || asString(item.byline);

function ninjsItem(value: unknown, context: ParseContext) {
  if (!isRecord(value)) throw new WireItemError('not an object');
  const item = lowerKeys(value);
  const body = bodyOf(item);
  const type = asString(item.type).toLowerCase();
  if (MEDIA_TYPES.has(type) && !body.html && !body.text) throw new WireItemError(`not text (a ${type} item)`);
  return buildWireItem(
    {
      guid: asString(item.uri) || asString(item.guid),
      declaredVersion: wireVersion(item.version),
      headline: headlineOf(item),
      byline: bylineOf(item),
      ...(body.html || body.text ? body : descriptionOf(item)),
      language: asString(item.language),
      urgency: wireUrgency(item.urgency),
      subjects: subjectsOf(item),
      place: placeOf(item),
      embargoUntil: parseWireDate(asString(item.embargoeduntil) || asString(item.embargoedat) || asString(item.embargoed)),
      status: wireStatus(item.pubstatus),
      url: asString(item.uri),
      sentAt: parseWireDate(asString(item.versioncreated)) ?? parseWireDate(asString(item.firstcreated)),
      raw: JSON.stringify(value),
    },
    context,
  );
}

export function parseNinjs(document: unknown, context: ParseContext): ParsedWireDocument {
  return {
    format: 'ninjs',
    ...readItems(ninjsItems(document), (item, i) => itemWhere(i, asString(lowerKeys(item).uri)), (item) => ninjsItem(item, context)),
  };
}
