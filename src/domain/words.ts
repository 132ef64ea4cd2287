// Counts in messages: "1 note", "2 notes", "1 concept", never "1 notes".

/** `n` and the word, in the plural unless n is 1 ("1 occurrence", "3 occurrences", "2 entries" with the plural given). */
export function counted(n: number, word: string, plural = `${word}s`): string {
  return `${n} ${n === 1 ? word : plural}`;
}
