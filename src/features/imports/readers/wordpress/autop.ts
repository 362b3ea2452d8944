/**
 * WordPress's `wpautop` (wp-includes/formatting.php), the filter that turns the classic editor's
 * text into paragraphs when a post is shown: a blank line ends a paragraph, a single line break
 * is a `<br>`, and nothing of the sort happens inside or around block elements. Content written
 * in the classic editor is stored without `<p>` tags, so an importer that skipped this step would
 * run every post together into one paragraph.
 *
 * A port of the rules that matter for stored content; not a copy of the PHP.
 */

const BLOCKS =
  '(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)';

/** Placeholders for what must be left exactly as written (pre, script, style and comments). */
function protect(text: string, kept: string[]): string {
  return text.replace(/<(pre|script|style|textarea)\b[\s\S]*?<\/\1>|<!--[\s\S]*?-->/gi, (found, tag: string | undefined) => {
    kept.push(found);
    // A <pre> is a block of its own; the rest sit inside paragraphs like any inline text.
    const name = tag?.toLowerCase() === 'pre' ? 'wpautop-pre' : 'wpautop-kept';
    return `<${name}-${kept.length - 1}></${name}-${kept.length - 1}>`;
  });
}

export function wpautop(text: string, br = true): string {
  if (text.trim() === '') return '';
  const kept: string[] = [];
  let pee = protect(`${text.replace(/\r\n?/g, '\n')}\n`, kept);
  // Line breaks inside a tag (between attributes) are not line breaks of the text.
  pee = pee.replace(/<[^<>]+>/g, (tag) => tag.replace(/\s*\n\s*/g, ' '));
  pee = pee.replace(/<br\s*\/?>\s*<br\s*\/?>/gi, '\n\n');
  pee = pee.replace(new RegExp(`(<${BLOCKS}[\\s/>])`, 'gi'), '\n\n$1');
  pee = pee.replace(new RegExp(`(</${BLOCKS}>)`, 'gi'), '$1\n\n');
  pee = pee.replace(/<hr\s*?\/?>/gi, '<hr />\n\n');
  // Options of a select, params of an object and sources of media keep their own lines.
  pee = pee.replace(/\s*(<(?:option|param|source|track)[^>]*>)\s*/gi, '$1');
  pee = pee.replace(/\n\n+/g, '\n\n');
  const parts = pee.split(/\n\s*\n/).filter((part) => part.trim() !== '');
  pee = parts.map((part) => `<p>${part.replace(/^\n+/, '').replace(/\n+$/, '')}</p>\n`).join('');
  pee = pee.replace(/<p>\s*<\/p>/g, '');
  pee = pee.replace(/<p>([^<]+)<\/(div|address|form)>/gi, '<p>$1</p></$2>');
  pee = pee.replace(new RegExp(`<p>\\s*(</?${BLOCKS}[^>]*>)\\s*</p>`, 'gi'), '$1');
  pee = pee.replace(/<p>(<li.+?)<\/p>/gi, '$1');
  pee = pee.replace(/<p><blockquote([^>]*)>/gi, '<blockquote$1><p>');
  pee = pee.replace(/<\/blockquote><\/p>/gi, '</p></blockquote>');
  pee = pee.replace(new RegExp(`<p>\\s*(</?${BLOCKS}[^>]*>)`, 'gi'), '$1');
  pee = pee.replace(new RegExp(`(</?${BLOCKS}[^>]*>)\\s*</p>`, 'gi'), '$1');
  // A kept element alone in its paragraph stays unwrapped, as WordPress does for <pre>.
  pee = pee.replace(/<p>\s*(<wpautop-pre-\d+><\/wpautop-pre-\d+>)\s*<\/p>/g, '$1');
  if (br) {
    pee = pee.replace(/<br>|<br\/>/gi, '<br />');
    pee = pee.replace(/(<br \/>)?\s*\n/g, (all, brTag: string | undefined) => (brTag ? all : '<br />\n'));
  }
  pee = pee.replace(new RegExp(`(</?${BLOCKS}[^>]*>)\\s*<br />`, 'gi'), '$1');
  pee = pee.replace(/<br \/>(\s*<\/?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)/gi, '$1');
  pee = pee.replace(/(<\/wpautop-pre-\d+>)\s*<br \/>/g, '$1');
  pee = pee.replace(/\n<\/p>$/g, '</p>');
  pee = pee.replace(/<wpautop-(?:kept|pre)-(\d+)><\/wpautop-(?:kept|pre)-\d+>/g, (_all, index: string) => kept[Number(index)] ?? '');
  return pee.trim();
}
