import { isPlainObject } from '../yaml/parse';

// Reading raw YAML values that the schema may not have accepted: a wrong shape reads as absent
// (or empty), never as an exception, so one bad value does not stop the model.

export function entries(value: unknown): [string, unknown][] {
  return isPlainObject(value) ? Object.entries(value) : [];
}

/** A list as written, a single value as a list of one, nothing as an empty list. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A scalar's text as written (a string, or a number as text); anything else is absent. */
export function scalarText(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/**
 * The same without surrounding white space. The settings (settings.ts) and the endpoint texts are
 * read trimmed, the other model fields as written (a quoted `' dmz'` names no network); the two
 * stay apart so that no finding changes.
 */
export function trimmedScalarText(value: unknown): string | undefined {
  return scalarText(value)?.trim();
}
