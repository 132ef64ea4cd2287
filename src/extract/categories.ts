// The category a new candidate gets from the shape of its name; a linked candidate takes its
// reference concept's category instead.
import type { Category } from '../domain/types.js';
import { nameSuffixOf } from './lexicon.js';

export function categoryOfName(name: string, fallback: Category = 'other'): Category {
  if (/^《.*》$/u.test(name.trim())) return 'document';
  return nameSuffixOf(name)?.category ?? fallback;
}
