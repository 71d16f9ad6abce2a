import { clone, config, globalRegistry, type ZodMiniType } from "zod/mini";
import en from "zod/v4/locales/en.js";

/**
 * The zod the file formats are defined with: `zod/mini`, whose module initialisation costs every
 * command about a quarter of classic zod's at start-up (and whose schemas carry no methods per
 * instance). zod/mini has no messages until a locale is configured, so every schema module
 * imports zod from here: English is set before anything can parse, and the messages are classic
 * zod's. The locale is imported by its file, so the bundle carries English and no other language.
 *
 * zod's configuration is global (shared by every copy of zod in the process), so, as classic zod
 * does, English is only the default: a program that embeds the library and chose a locale keeps it.
 */
if (!config().localeError) config(en());

export * from "zod/mini";

/**
 * `schema` with a description for the JSON Schema: classic zod's `.describe`, a described copy,
 * rather than zod/mini's `describe` check, which would run (a no-op) at every parse.
 */
export function described<T extends ZodMiniType>(schema: T, description: string): T {
  const copy = clone(schema);
  globalRegistry.add(copy, { description });
  return copy;
}
