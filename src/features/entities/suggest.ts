/**
 * Suggestions while writing (decision 0027): the known people, places and organisations a text
 * mentions, found by their names and aliases in every script, and the quotations in the text with
 * their speakers. Pure functions, no I/O: the newsroom offers each to accept or reject.
 */

export interface KnownEntity {
  id: number;
  slug: string;
  type: string;
  /** The name and every alias, in any script. */
  names: readonly string[];
}

export interface EntityMention {
  entityId: number;
  slug: string;
  /** The words as the text has them (maybe inflected: "Менсова", "Ardanın"). */
  text: string;
  count: number;
}

interface Token {
  word: string;
  folded: string;
  start: number;
  end: number;
  upper: boolean;
}

/** Lower case that treats Turkic İ/ı like i, so Azerbaijani and English spellings meet. */
export const fold = (s: string): string =>
  s
    .replace(/İ/g, 'i')
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(/\u0307/g, '')
    .replace(/ё/g, 'е');

const WORD = /[\p{L}\p{N}]+/gu;

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    out.push({ word: m[0], folded: fold(m[0]), start: m.index, end: m.index + m[0].length, upper: /^\p{Lu}/u.test(m[0]) });
  }
  return out;
}

// The ending a name's word loses when it is inflected: "Халима" → "Халимы", "прибрежный" → "прибрежного".
const ENDING = /[aeiouyəаеёиоуыэюяьй]{1,2}$/u;

/**
 * Whether a word of the text is a form of a name's word: the same, or (Russian and Azerbaijani
 * inflect names) its stem with a short ending: Халима → Халимы, Менсов → Менсова, Ardan → Ardanın.
 */
function sameWord(textWord: string, nameWord: string): boolean {
  if (textWord === nameWord) return true;
  if (nameWord.length < 4) return false;
  const cut = nameWord.replace(ENDING, '');
  const stem = cut.length >= 3 ? cut : nameWord;
  return textWord.startsWith(stem) && textWord.length - stem.length <= 4 && textWord.length > stem.length;
}

interface Pattern {
  entity: KnownEntity;
  words: string[];
}

/** Prepares the matcher once for a site's entities. */
export function entityMatcher(entities: readonly KnownEntity[]): (text: string) => EntityMention[] {
  const byFirst = new Map<string, Pattern[]>();
  for (const entity of entities) {
    for (const name of entity.names) {
      const words = tokens(name).map((t) => t.folded);
      if (!words.length) continue;
      // Keyed by the first word's first three letters: inflected forms share them.
      const key = words[0]!.slice(0, 3);
      const list = byFirst.get(key) ?? [];
      list.push({ entity, words });
      byFirst.set(key, list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  return (text) => {
    const toks = tokens(text);
    const found = new Map<number, EntityMention>();
    for (let i = 0; i < toks.length; i++) {
      const tok = toks[i]!;
      // Names are written with a capital letter in all three languages.
      if (!tok.upper) continue;
      const candidates = byFirst.get(tok.folded.slice(0, 3));
      if (!candidates) continue;
      for (const p of candidates) {
        if (i + p.words.length > toks.length) continue;
        // Only the first word needs its capital: "Национальное собрание", "Milli Məclis".
        if (!p.words.every((w, k) => sameWord(toks[i + k]!.folded, w))) continue;
        const last = toks[i + p.words.length - 1]!;
        const seen = found.get(p.entity.id);
        if (seen) seen.count++;
        else found.set(p.entity.id, { entityId: p.entity.id, slug: p.entity.slug, text: text.slice(tok.start, last.end), count: 1 });
        i += p.words.length - 1;
        break;
      }
    }
    return [...found.values()];
  };
}

export interface QuotationSuggestion {
  /** The quoted words, without their marks. */
  text: string;
  /** The speaker as the text names them ("Mayor Korveli", "Менсов"), or "" when not found. */
  speaker: string;
  /** The known entity the speaker is, when one matches. */
  entityId?: number | undefined;
  slug?: string | undefined;
}

// A name: one to three capitalised words (any script), hyphens and apostrophes inside.
const NAME = String.raw`\p{Lu}[\p{L}'’\-]+(?:\s+\p{Lu}[\p{L}'’\-]+){0,2}`;
const EN_VERB = String.raw`(?:said|says|told|added|insisted|warned|explained|declared|stated|noted|replied|wrote)`;
const RU_VERB = String.raw`(?:сказал|заявил|отметил|добавил|сообщил|подчеркнул|пояснил|ответил|признал|предупредил|написал)[аи]?`;
const AZ_VERB = String.raw`(?:bildirib|deyib|qeyd edib|vurğulayıb|əlavə edib|söyləyib|açıqlayıb|xəbərdarlıq edib|bəyan edib)`;
// A short apposition after a name: "Tariq Mensov, the party's leader, said".
const APPOS = String.raw`(?:,\s[^,.!?«»“”"]{2,60},)?`;
// A few lower-case words before a name: "said student union president Leon Varga".
const LOWER = String.raw`(?:\p{Ll}+\s+){0,5}`;
// A few lower-case words between a name and its verb: "Mensov jurnalistlərə bildirib".
const BETWEEN = String.raw`(?:\s+\p{Ll}+){0,3}`;

const AFTER: readonly RegExp[] = [
  new RegExp(String.raw`^[,.]?\s*${LOWER}(${NAME})${APPOS}\s+${EN_VERB}\b`, 'u'),
  new RegExp(String.raw`^[,.]?\s*${EN_VERB}\s+(${NAME})`, 'u'),
  new RegExp(String.raw`^[,.]?\s*[—–-]\s*${RU_VERB}\s+${LOWER}(${NAME})`, 'u'),
  new RegExp(String.raw`^[,.]?\s*[—–-]?\s*deyə\s+${LOWER}(${NAME})`, 'u'),
  new RegExp(String.raw`^[,.]?\s*[—–-]\s*(${NAME})${APPOS}\s+[^.!?«»“”"„]{0,80}?${AZ_VERB}`, 'u'),
];
const BEFORE: readonly RegExp[] = [
  new RegExp(String.raw`(${NAME})${APPOS}\s+${EN_VERB}(?:\s+[^:.!?«»“”"]{0,40})?[:,]\s*$`, 'u'),
  new RegExp(String.raw`(${NAME})${APPOS}${BETWEEN}\s+${RU_VERB}(?:\s+[^:.!?«»“”"]{0,40})?:\s*$`, 'u'),
  new RegExp(String.raw`(${NAME})${APPOS}${BETWEEN}\s+${AZ_VERB}(?:\s+ki)?[,:]?\s*$`, 'u'),
];

// Words a NAME match may start with that are not names (sentence starts, pronouns, titles kept).
const NOT_NAMES = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'the', 'он', 'она', 'они', 'мы', 'o', 'onlar', 'biz']);

/** The quotation marks: “…” (English), «…» (Russian, Azerbaijani), „…“ (Azerbaijani, German), "…". */
const QUOTE = /“([^”]{8,600})”|«([^»]{8,600})»|„([^“”]{8,600})[“”]|"([^"]{8,600})"/gu;

/** Words a person said in a text, with the speaker where the sentence names one. */
export function findQuotations(text: string, match?: (text: string) => EntityMention[]): QuotationSuggestion[] {
  const out: QuotationSuggestion[] = [];
  for (const m of text.matchAll(QUOTE)) {
    const words = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim().replace(/[,.]$/, '');
    // A title or a name in quotes ("the «Velmar» ferry") is not a quotation: it needs four words or more.
    if (words.split(/\s+/).length < 4) continue;
    const end = m.index + m[0].length;
    const after = text.slice(end, end + 120);
    const sentenceStart = Math.max(text.lastIndexOf('.', m.index - 1), text.lastIndexOf('\n', m.index - 1), m.index - 160, 0);
    const before = text.slice(sentenceStart, m.index);
    let speaker = '';
    for (const re of AFTER) {
      const s = re.exec(after);
      if (s) {
        speaker = s[1]!;
        break;
      }
    }
    if (!speaker) {
      for (const re of BEFORE) {
        const s = re.exec(before);
        if (s) {
          speaker = s[1]!;
          break;
        }
      }
    }
    // A sentence-initial word such as "She" or "The" is no speaker.
    if (speaker && NOT_NAMES.has(fold(speaker.split(/\s+/)[0]!))) speaker = '';
    const known = speaker && match ? match(speaker)[0] : undefined;
    out.push({ text: words, speaker, ...(known ? { entityId: known.entityId, slug: known.slug } : {}) });
  }
  return out;
}
