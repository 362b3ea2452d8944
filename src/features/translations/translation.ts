import type { TagRow } from './translation.repository.js';

/**
 * The counterpart of a tag in another edition, from what the site already knows, without asking
 * anyone (decision 0026): a tag of the same type with the same slug there (slugs are transliterated
 * ASCII, so "Port Velmar", "Порт-Велмар" and "Port-Velmar" share "port-velmar"); otherwise the tag
 * of that type which the other versions of the stories carrying this one have, when one is used
 * in more of them than any other. Undefined when neither says.
 */
export function chooseCounterpart(bySlug: TagRow | undefined, coOccurring: readonly { tag: TagRow; stories: number }[]): TagRow | undefined {
  if (bySlug) return bySlug;
  const ranked = [...coOccurring].sort((a, b) => b.stories - a.stories || a.tag.id - b.tag.id);
  const [first, second] = ranked;
  if (!first) return undefined;
  return second && second.stories === first.stories ? undefined : first.tag;
}
