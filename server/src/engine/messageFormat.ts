// How a text of an id is filled in: {{name}} takes data.name. A value may itself be a text by id
// (`{ id, data }`): the parts a finding adds only sometimes (", such as …", " Did you mean …?")
// and the words the engine composes (a type, "item 3") are texts of their own, so that a language
// puts each part in its own words. Every layer may use it, hence its place beside types.ts.

export interface TextRef {
  id: string;
  data: MessageData;
}

export type MessageValue = string | number | TextRef;
export type MessageData = { [name: string]: MessageValue };

/** How an id nested in the data is written: the caller's catalog and language. */
export type ResolveText = (ref: TextRef) => string;

export function isTextRef(value: MessageValue | undefined): value is TextRef {
  return typeof value === 'object' && value !== null && typeof value.id === 'string';
}

export function textRef(id: string, data: MessageData = {}): TextRef {
  return { id, data };
}

/** A template cut at its placeholders: the texts at even places, the names at odd ones. */
const compiled = new Map<string, readonly string[]>();

function partsOf(template: string): readonly string[] {
  let parts = compiled.get(template);
  // The templates are the catalogs' texts, a bounded set: each is cut once per process.
  if (!parts) compiled.set(template, (parts = template.split(/\{\{\s*(\w+)\s*\}\}/)));
  return parts;
}

export function formatMessage(template: string, data: MessageData, resolve?: ResolveText): string {
  const parts = partsOf(template);
  let out = parts[0];
  for (let k = 1; k < parts.length; k += 2) {
    const name = parts[k];
    if (!(name in data)) throw new Error(`message placeholder {{${name}}} has no data`);
    const value = data[name];
    if (isTextRef(value)) {
      if (!resolve) throw new Error(`message placeholder {{${name}}} is the text '${value.id}' and nothing reads it`);
      out += resolve(value);
    } else out += String(value);
    out += parts[k + 1];
  }
  return out;
}

/** A catalog's own texts, nested ones included: how the layers write their findings in English. */
export function formatter(catalog: Readonly<Record<string, string>>): (id: string, data: MessageData) => string {
  const write = (id: string, data: MessageData): string => {
    const template = catalog[id];
    if (template === undefined) throw new Error(`no text has the id '${id}'`);
    return formatMessage(template, data, (ref) => write(ref.id, ref.data));
  };
  return write;
}
