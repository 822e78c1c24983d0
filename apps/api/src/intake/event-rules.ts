import { DEFAULT_NORMALIZATION_RULES, loadNormalizationRules, type NormalizationRules } from '@tributary/openlineage';
import type { AppConfig } from '../config/config.js';

/** Nest injection token of the dataset-naming rules the intake applies. */
export const NORMALIZATION_RULES = Symbol('NORMALIZATION_RULES');

/** The built-in rules, or those of INTAKE_NORMALIZATION_RULES; a bad file stops the start with one clear line. */
export function normalizationRules(config: AppConfig): NormalizationRules {
  const path = config.intake.normalizationRules;
  return path ? loadNormalizationRules(path) : DEFAULT_NORMALIZATION_RULES;
}
