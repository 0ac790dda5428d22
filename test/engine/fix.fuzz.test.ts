import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFigures, fuzzDocument, fuzzOne, random } from '../support/fuzz';

// The seeded, small run of the fix fuzz (the large one is `npm run fuzz`): no throw, ranges
// inside the text and ordered, fix-all never parses worse, keeps untouched comments, idempotent.
const SEED = Number(process.env.FUZZ_SEED ?? 9);
const DOCUMENTS = Number(process.env.FUZZ_DOCUMENTS ?? 2000);
const SECONDS = 40;

test(`fix fuzz: ${DOCUMENTS} mutated examples (seed ${SEED})`, { timeout: (SECONDS + 30) * 1000 }, (t) => {
  const rng = random(SEED);
  const figures = emptyFigures();
  const deadline = Date.now() + SECONDS * 1000;
  for (let index = 0; index < DOCUMENTS && Date.now() < deadline; index++) {
    fuzzOne(fuzzDocument(rng, figures), `seed ${SEED} document ${index}`, figures);
  }
  const { failures, mutations, ...counts } = figures;
  t.diagnostic(`${JSON.stringify(counts)} ${JSON.stringify(mutations)}`);
  assert.deepEqual(failures, []);
  assert.ok(figures.documents >= Math.min(DOCUMENTS, 500), `only ${figures.documents} documents in ${SECONDS} s`);
  // The run must exercise the fixes, not only the parser.
  assert.ok(figures.fixesApplied > figures.documents / 10, `${figures.fixesApplied} fixes applied`);
});
