/** A test text with `‸` where the cursor is: the text without the mark, and the cursor's offset. */
export function atCursor(marked: string): { text: string; offset: number } {
  return { text: marked.replace('‸', ''), offset: marked.indexOf('‸') };
}
