import { entityMatcher, findQuotations, fold, type KnownEntity } from './suggest.js';
import { findNewNames } from './new-names.js';
import type { LabelledArticle, LabelledNewNames } from './suggest.labelled.js';

export interface SuggestScores {
  articles: number;
  entities: { precision: number; recall: number; truePositives: number; predicted: number; expected: number };
  speakers: { precision: number; recall: number; correct: number; predicted: number; expected: number };
  /** What went wrong, for reading: "fp entity …", "fn speaker …". */
  mistakes: string[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

/** Precision and recall of the suggestions on a labelled set. */
export function scoreSuggestions(entities: readonly KnownEntity[], articles: readonly LabelledArticle[]): SuggestScores {
  const match = entityMatcher(entities);
  const mistakes: string[] = [];
  let tp = 0;
  let predicted = 0;
  let expected = 0;
  let sCorrect = 0;
  let sPredicted = 0;
  let sExpected = 0;
  articles.forEach((a, n) => {
    const found = new Set(match(a.text).map((m) => m.slug));
    const gold = new Set(a.entities);
    predicted += found.size;
    expected += gold.size;
    for (const slug of found) {
      if (gold.has(slug)) tp++;
      else mistakes.push(`#${n} ${a.lang} false entity ${slug}`);
    }
    for (const slug of gold) if (!found.has(slug)) mistakes.push(`#${n} ${a.lang} missed entity ${slug}`);
    const quotes = findQuotations(a.text, match);
    for (const g of a.quotes) if (g.speaker) sExpected++;
    for (const q of quotes) {
      if (!q.speaker) continue;
      sPredicted++;
      const g = a.quotes.find((x) => fold(q.text).startsWith(fold(x.start)));
      const right = g && g.speaker && (q.slug ? q.slug === g.speaker : !entities.some((e) => e.slug === g.speaker) && fold(q.speaker).includes(fold(g.speaker.split(/\s+/).at(-1) ?? '')));
      if (right) sCorrect++;
      else mistakes.push(`#${n} ${a.lang} wrong speaker “${q.speaker}” for “${q.text.slice(0, 30)}…” (expected ${g?.speaker || 'none'})`);
    }
    for (const g of a.quotes) {
      if (g.speaker && !quotes.some((q) => q.speaker && fold(q.text).startsWith(fold(g.start)))) mistakes.push(`#${n} ${a.lang} no speaker for “${g.start}…” (expected ${g.speaker})`);
    }
  });
  return {
    articles: articles.length,
    entities: { precision: ratio(tp, predicted), recall: ratio(tp, expected), truePositives: tp, predicted, expected },
    speakers: { precision: ratio(sCorrect, sPredicted), recall: ratio(sCorrect, sExpected), correct: sCorrect, predicted: sPredicted, expected: sExpected },
    mistakes,
  };
}

export interface NewNameScores {
  texts: number;
  precision: number;
  recall: number;
  correct: number;
  predicted: number;
  expected: number;
  mistakes: string[];
}

/** Precision and recall of the "new entity" suggestions (new-names.ts): a name counts when its words and its type are right. */
export async function scoreNewNames(entities: readonly KnownEntity[], set: readonly LabelledNewNames[]): Promise<NewNameScores> {
  const match = entityMatcher(entities);
  const mistakes: string[] = [];
  let correct = 0;
  let predicted = 0;
  let expected = 0;
  for (const [n, a] of set.entries()) {
    const found = await findNewNames(a.text, match);
    predicted += found.length;
    expected += a.names.length;
    const same = (x: { text: string; type: string }, y: { text: string; type: string }) => fold(x.text) === fold(y.text) && x.type === y.type;
    for (const f of found) {
      if (a.names.some((g) => same(f, g))) correct++;
      else mistakes.push(`#${n} false new ${f.type} “${f.text}”`);
    }
    for (const g of a.names) if (!found.some((f) => same(f, g))) mistakes.push(`#${n} missed new ${g.type} “${g.text}”`);
  }
  return { texts: set.length, precision: ratio(correct, predicted), recall: ratio(correct, expected), correct, predicted, expected, mistakes };
}
