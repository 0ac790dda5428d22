import { t } from '../../i18n/translate';
import type { Locale } from '../../../shared/locale';
import type { DumpProblem } from '../dumpRule';

// A reader's problem in the user's language: the same id and data, the language's text.

export function dumpProblemIn(problem: DumpProblem, locale: Locale): string {
  return problem.text && locale !== 'en' ? t(locale, problem.text.id, problem.text.data) : problem.message;
}
