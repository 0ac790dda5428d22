import type { MessageData } from '../../server/src/engine/index';

// What the Russian-text tests share: a text with the finding's data taken out, so that the English
// words left in it are the translation's, never the user's names and values.

/** Every value of a message's data, nested texts' data included. */
export function dataStrings(data: MessageData | undefined): string[] {
  return Object.values(data ?? {}).flatMap((value) =>
    typeof value === 'object' ? dataStrings(value.data) : [String(value)],
  );
}

/** The text with each data value blanked out, the longest first (one may contain another). */
export function withoutData(text: string, data: MessageData | undefined): string {
  let rest = text;
  for (const value of dataStrings(data).sort((a, b) => b.length - a.length))
    if (value) rest = rest.split(value).join(' ');
  return rest;
}
