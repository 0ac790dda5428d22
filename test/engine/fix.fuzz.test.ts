import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFigures, fuzzDocument, fuzzOne, random } from '../support/fuzz';

// The seeded, small run of the fix fuzz (the large one is `npm run fuzz`): no throw, ranges
// inside the text and ordered, fix-all never parses worse, keeps untouched comments, idempotent.
// A fixed count, never a time budget: on a loaded machine a deadline would test the machine, and
// the same seed must meet the same documents on every run.
const SEED = Number(process.env.FUZZ_SEED ?? 9);
const DOCUMENTS = Number(process.env.FUZZ_DOCUMENTS ?? 400);

test(`fix fuzz: ${DOCUMENTS} mutated examples (seed ${SEED})`, { timeout: 15 * 60 * 1000 }, (t) => {
  const rng = random(SEED);
  const figures = emptyFigures();
  for (let index = 0; index < DOCUMENTS; index++) {
    fuzzOne(fuzzDocument(rng, figures), `seed ${SEED} document ${index}`, figures);
  }
  const { failures, mutations, ...counts } = figures;
  t.diagnostic(`${JSON.stringify(counts)} ${JSON.stringify(mutations)}`);
  assert.deepEqual(failures, []);
  assert.equal(figures.documents, DOCUMENTS);
  // The run must exercise the fixes, not only the parser.
  assert.ok(figures.fixesApplied > figures.documents / 10, `${figures.fixesApplied} fixes applied`);
});
