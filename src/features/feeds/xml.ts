/**
 * Characters XML 1.0 cannot carry at all (https://www.w3.org/TR/xml/#charsets): C0 controls
 * other than tab, newline and carriage return, lone surrogates, U+FFFE and U+FFFF. Escaping does
 * not help with these (`&#1;` is as ill-formed as the raw byte), so they are dropped. C1 controls
 * are allowed but "discouraged" by the same section and never meant anything in a headline.
 */
const NOT_XML = /[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Removes what XML 1.0 forbids or discourages; keeps everything else, emoji included. */
export const xmlSafe = (text: string) => text.replace(NOT_XML, '');

/**
 * Text for element content. Text is always escaped, never put in CDATA: a CDATA section cannot
 * contain "]]>", and escaping has no such exception.
 */
export const xmlText = (text: string) => xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Text for a double-quoted attribute value; newlines and tabs are escaped so that attribute normalisation keeps them. */
export const xmlAttr = (text: string) =>
  xmlText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');

export type Attributes = Record<string, string | number | undefined>;

/** `<name a="1">text</name>`, escaped; an element whose text is undefined is left out. */
export function element(name: string, text: string | undefined, attributes: Attributes = {}): string {
  if (text === undefined) return '';
  return `<${name}${attrs(attributes)}>${xmlText(text)}</${name}>`;
}

/** `<name a="1"/>`. */
export const emptyElement = (name: string, attributes: Attributes) => `<${name}${attrs(attributes)}/>`;

function attrs(attributes: Attributes): string {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${xmlAttr(String(value))}"`)
    .join('');
}
