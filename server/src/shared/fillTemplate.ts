// The command line's and the lab's own texts are filled as the engine's are ({{name}} takes
// data.name), but a name without data stays readable ("undefined") instead of stopping the
// command: these lines are what the user sees when something else already went wrong.

export function fillTemplate(template: string, data: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(data[name]));
}
