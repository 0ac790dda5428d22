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

export function formatMessage(template: string, data: MessageData, resolve?: ResolveText): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    if (!(name in data)) throw new Error(`message placeholder {{${name}}} has no data`);
    const value = data[name];
    if (!isTextRef(value)) return String(value);
    if (!resolve) throw new Error(`message placeholder {{${name}}} is the text '${value.id}' and nothing reads it`);
    return resolve(value);
  });
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
