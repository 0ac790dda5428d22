// The English words of the CodeLens titles, by id (the Russian ones are in i18n/ru.json). A count
// has one id per plural form (i18n/plural.ts).
export const LENS_TEXTS = {
  'lens/noFlows': 'no required flows of its own on a firewall',
  'lens/flows/one': '{{allowed}}/{{required}} required flow allowed',
  'lens/flows/other': '{{allowed}}/{{required}} required flows allowed',
  'lens/rules/one': '{{count}} rule',
  'lens/rules/other': '{{count}} rules',
  'lens/firewall': '{{rules}} · {{flows}}',
  'lens/insertMissing': 'Insert missing',
};
