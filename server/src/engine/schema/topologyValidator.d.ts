// The validator scripts/schemaValidator.mjs generates from schemas/topology.schema.json at build time.
import type { ValidateFunction } from 'ajv';

declare const validate: ValidateFunction;
export default validate;
