import { foldWord } from '../../search/search-text.js';

/**
 * The word-level pieces of a story fingerprint (fingerprint.ts): which words say nothing about a
 * story (function words and the stock words of news copy, English and Russian), the crude stem of
 * a content word, and the consonant skeleton of a name, which lets a Latin and a Cyrillic
 * spelling of one name meet (Brandt / Брандт → "brnd", Velmara / Вельмара → "vlmr").
 */

/** Russian letters to Latin, the way agencies usually transliterate names. */
const TRANSLIT: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u',
};

/** The folded form of a word (lower case, no diacritics, ё → е): one token, or '' for a lone mark. */
export const fold = (word: string): string => foldWord(word).join('');

// Russian case endings of nouns and adjectives (Вельмаре, Брандтом, Ивановым), longest first.
const CASE_ENDING = /(?:ыми|ими|ого|его|ому|ему|ами|ями|ой|ей|ом|ем|ым|им|ах|ях|ую|юю|ая|яя|ые|ие|ых|их|а|я|у|ю|е|ы|и|о|ь)$/;

/** A folded Cyrillic word without its case ending (when at least three letters stay). */
export function withoutCaseEnding(folded: string): string {
  if (!/[а-я]$/.test(folded)) return folded;
  const cut = folded.replace(CASE_ENDING, '');
  return cut.length >= 3 ? cut : folded;
}

/** A folded word written in Latin letters (Cyrillic transliterated). */
export function toLatin(folded: string): string {
  let out = '';
  for (const ch of folded) out += TRANSLIT[ch] ?? ch;
  return out;
}

// Spellings of one sound across English and Russian-to-Latin transliteration, longest first:
// each becomes one letter before the vowels go. Upper-case letters are placeholders that no
// lower-case input can produce.
const SOUNDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/shch|sch|tch|ch|cz/g, 'C'],
  [/sh|zh|dzh|dj|j/g, 'S'],
  // Russian writes an English h as х (kh): both go, like every h.
  [/kh/g, ''],
  [/ck|q|c(?=[aou]|$|[^aeiouyh])/g, 'k'],
  [/c/g, 's'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/x/g, 'ks'],
  [/w/g, 'v'],
  [/dt/g, 't'],
  [/[aeiouyh']/g, ''],
];

/** Longest consonant skeleton kept: inflected Russian endings and English suffixes fall beyond it. */
export const SKELETON_LETTERS = 4;

/**
 * The consonant skeleton of a name: folded, transliterated, sounds merged, vowels (and h, y)
 * dropped, doubled letters once, at most `letters` letters. '' when nothing is left.
 */
export function skeleton(word: string, letters = SKELETON_LETTERS): string {
  let full = skeletons.get(word);
  if (full === undefined) {
    let s = toLatin(withoutCaseEnding(fold(word)));
    for (const [pattern, to] of SOUNDS) s = s.replace(pattern, to);
    full = s.replace(/[^a-zA-Z]/g, '').replace(/(.)\1+/g, '$1').toLowerCase();
    // Names repeat from report to report; the cache is simply dropped when it grows large.
    if (skeletons.size >= 50_000) skeletons.clear();
    skeletons.set(word, full);
  }
  return full.slice(0, letters);
}
const skeletons = new Map<string, string>();

/** Letters a content word is cut to: its crude stem (flooded, flooding, floods → "flood"). */
export const STEM_LETTERS = 5;

/** The crude stem of a folded content word: its first `letters` letters. */
export const stem = (folded: string, letters = STEM_LETTERS): string => folded.slice(0, letters);

// Function words and the stock vocabulary of news copy: they occur in every story, so they say
// nothing about which one a report belongs to. Stemmed at load, so inflected forms are covered.
const ENGLISH = `a about above across after again against all almost along already also although always among an and another any
anyone are around as at away back be because been before being below between both but by can cannot could did do does doing done
down during each either else enough even ever every few first for from further get gets got had has have having he her here hers
him himself his how however if in into is it its itself just last later least less like made make many may me might more most
much must my near nearly never new next no nor not now of off often on once one only onto or other others our out over own per
perhaps rather said same say says she should since so some still such than that the their them themselves then there these they
this those though through thus to today too toward towards two three four under until up upon us very was we were what when where
whether which while who whom whose why will with within without would year years yet you your yesterday tomorrow week weeks month
months day days monday tuesday wednesday thursday friday saturday sunday morning evening night time times according agency agencies
news report reports reported reporting told telling statement statements official officials source sources spokesman spokeswoman
spokesperson press conference people percent cent including added adding noted noting announced announce announcement expected
expect local national government authorities authority ministry minister city town region regional country state public
earlier late latest update updated updates further information details detail following follows follow confirmed confirm
comment comments declined decline asked ask saying stated say quoted quote citing cited media outlet outlets website
january february march april june july august september october november december million millions billion billions thousand
thousands hundred hundreds dozen dozens part parts place places number numbers several around total totals
reuters afp ap tass ria interfax anadolu xinhua dpa efe ansa bloomberg kyodo yonhap`;

const RUSSIAN = `а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до его ее её если есть еще ещё же за
здесь и из или им их к как какой когда кто ли либо между меня мне может мы на над надо наш не него нее неё нет ни них но ну о об
однако он она они оно от очень по под после потому почти при про раз с со так также такой там те тем то того тоже той только том
тот тут у уже хотя чего чей чем что чтобы эта эти это этого этой этом этот я год года году лет день дня дней неделе неделю месяц
месяца понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье утром вечером ночью сегодня вчера завтра
сообщил сообщила сообщили сообщает сообщают сообщение сообщения заявил заявила заявили заявление заявления сказал сказала сказали
отметил отметила отметили передает передаёт пишет пишут агентство агентства источник источники источника официальный официальные
представитель представители пресс пресс-служба служба службы словам данным данные информации информация процентов процента человек
также ранее позже время новости новость миллион миллиона миллионов млн млрд миллиард миллиарда тысяч тысячи тыс около более менее
января февраля марта апреля мая июня июля августа сентября октября ноября декабря власти властей правительство министерство
министр города город региона регион страны страна местные местных несколько один одна одно два две три четыре пять сам сама
будет будут стоит стоить может могут был было были стал стала стали новый новая новые первый первая
рейтер рейтерс тасс риа интерфакс анадолу синьхуа франс пресс`;

const STOP_STEMS: ReadonlySet<string> = new Set(
  `${ENGLISH} ${RUSSIAN}`
    .split(/\s+/)
    .map((w) => stem(fold(w)))
    .filter((w) => w !== ''),
);

const STOP_WORDS: ReadonlySet<string> = new Set(`${ENGLISH} ${RUSSIAN}`.split(/\s+/).map(fold));

/** Whether a folded word is a function word or stock news vocabulary (by itself, not by stem). */
export const isStopWord = (folded: string): boolean => STOP_WORDS.has(folded);

/** Whether a folded word's stem is one of the stock words' stems (so it says nothing of the story). */
export const isCommonStem = (stemmed: string): boolean => STOP_STEMS.has(stemmed);
