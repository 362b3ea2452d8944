// @ts-check
/**
 * Suggestions while writing (`npm run bench:entities`, which builds first; also part of `npm run
 * bench`). Decision 0027. Scores the newsroom's suggestions on the labelled set of invented
 * articles in English, Russian and Azerbaijani (src/features/entities/suggest.labelled.ts):
 * precision and recall of the known people, places and organisations a text mentions, and of the
 * quotations' speakers, against the aims (entities: precision ≥ 0.9, recall ≥ 0.8; speakers:
 * precision ≥ 0.9), and of the new English names found by compromise (decision 0032; precision ≥
 * 0.9) on a second labelled set of English texts. Then the time per article, against a baseline measured in the same run:
 * one pass of a plain `String.prototype.includes` for every name and alias over the same texts.
 * `--mistakes` lists every miss.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const dist = (p) => path.join(HERE, '..', 'dist', 'features', 'entities', p);

if (process.argv.includes('--help')) {
  console.log('Usage: node bench/entities.js [--mistakes]\nPrecision and recall of the entity and quotation suggestions on the labelled set (build first).');
  process.exit(0);
}

const { scoreSuggestions, scoreNewNames } = await import(dist('suggest-eval.js'));
const { entityMatcher, findQuotations } = await import(dist('suggest.js'));
const { LABELLED_ARTICLES, LABELLED_ENTITIES, LABELLED_NEW_NAMES } = await import(dist('suggest.labelled.js'));

const s = scoreSuggestions(LABELLED_ENTITIES, LABELLED_ARTICLES);
const f = (x) => x.toFixed(3);
const langs = ['en', 'ru', 'az'].map((l) => `${l} ${LABELLED_ARTICLES.filter((a) => a.lang === l).length}`).join(', ');
console.log(`Labelled set: ${s.articles} articles (${langs}), ${LABELLED_ENTITIES.length} known entities.`);
console.log(`Known entities:     precision ${f(s.entities.precision)} (aim ≥ 0.9)  recall ${f(s.entities.recall)} (aim ≥ 0.8)  [${s.entities.truePositives} right of ${s.entities.predicted} suggested, ${s.entities.expected} expected]`);
console.log(`Quotation speakers: precision ${f(s.speakers.precision)} (aim ≥ 0.9)  recall ${f(s.speakers.recall)}  [${s.speakers.correct} right of ${s.speakers.predicted} named, ${s.speakers.expected} expected]`);
// New English names (decision 0032): compromise's people, places and organisations the site does not know.
const nn = await scoreNewNames(LABELLED_ENTITIES, LABELLED_NEW_NAMES);
console.log(`New English names:  precision ${f(nn.precision)} (aim ≥ 0.9)  recall ${f(nn.recall)}  [${nn.correct} right of ${nn.predicted} suggested, ${nn.expected} expected, ${nn.texts} texts; name and type must both be right]`);
const met = s.entities.precision >= 0.9 && s.entities.recall >= 0.8 && s.speakers.precision >= 0.9 && nn.precision >= 0.9;
console.log(met ? 'Aims met.' : 'Aims NOT met.');
if (process.argv.includes('--mistakes')) for (const m of [...s.mistakes, ...nn.mistakes]) console.log(`  ${m}`);

// Speed: the suggestions against the cheapest possible look-up of the same names.
const texts = LABELLED_ARTICLES.map((a) => a.text);
const names = LABELLED_ENTITIES.flatMap((e) => e.names);
const time = (fn, rounds) => {
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const t of texts) fn(t);
  return Number(process.hrtime.bigint() - t0) / 1e3 / (rounds * texts.length);
};
const match = entityMatcher(LABELLED_ENTITIES);
const rounds = 200;
time((t) => names.filter((n) => t.includes(n)), 20);
time((t) => findQuotations(t, match), 20);
const base = time((t) => names.filter((n) => t.includes(n)), rounds);
const ours = time((t) => [match(t), findQuotations(t, match)], rounds);
console.log(`Per article: suggestions ${ours.toFixed(1)} µs, baseline (includes of every name) ${base.toFixed(1)} µs, ratio ${(ours / base).toFixed(1)}×.`);
// New English names cost a compromise parse of the text: timed apart, per English text of the second set.
const { findNewNames } = await import(dist('new-names.js'));
const englishTexts = LABELLED_NEW_NAMES.map((t) => t.text);
const timeNames = async (rounds) => {
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const t of englishTexts) await findNewNames(t, match);
  return Number(process.hrtime.bigint() - t0) / 1e3 / (rounds * englishTexts.length);
};
await timeNames(5);
const names_us = await timeNames(50);
console.log(`Per English text: new names (compromise) ${names_us.toFixed(1)} µs, ${(names_us / base).toFixed(1)}× the baseline.`);
process.exitCode = met ? 0 : 1;
