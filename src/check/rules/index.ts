// The rule registry: one file a rule; add a rule by adding it here.
import type { Rule } from '../rule.js';
import { nonStandardName } from './non-standard-name.js';
import { mixedNames } from './mixed-names.js';
import { shortFormBeforeFull } from './short-form-before-full.js';
import { fullFormRepeated } from './full-form-repeated.js';
import { shortFormUndefined } from './short-form-undefined.js';
import { traditionalCharacters } from './traditional-characters.js';
import { bracketStyle } from './bracket-style.js';
import { missingEquivalent } from './missing-equivalent.js';

export const RULES: Rule[] = [
  nonStandardName,
  mixedNames,
  shortFormBeforeFull,
  fullFormRepeated,
  shortFormUndefined,
  traditionalCharacters,
  bracketStyle,
  missingEquivalent,
];

export const RULE_IDS = RULES.map((r) => r.id);
