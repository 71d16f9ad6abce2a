import { invalid } from "../../domain/errors.js";
import {
  describeIssues,
  type Metadata,
  MetadataSchema,
  type StagesFile,
  StagesFileSchema,
} from "../../domain/schemas.js";
import { compiled } from "./compiled.js";
import { parseJsonText } from "./json.js";

/**
 * metadata.json and stages.json checked against their zod schemas. A module of its own, loaded
 * by the registry on first use: a command that reads neither (whole-registry `list`) does not
 * load zod (docs/benchmarks.md).
 */

/** `schema`: MetadataSchema, or a compiled copy of it (validate parses 10,000). */
export function parseMetadata(text: string, file: string, schema = MetadataSchema): Metadata {
  const json = parseJsonText(text, file);
  const result = schema.safeParse(json);
  if (!result.success) {
    throw invalid(`${file}: ${describeIssues(result.error, 3).join("; ")}`, {
      file,
      hint: "metadata.json follows DESIGN section 1.1 (schema/metadata.schema.json)",
    });
  }
  return result.data;
}

export function parseStagesText(text: string, file: string): StagesFile {
  const result = StagesFileSchema.safeParse(parseJsonText(text, file));
  if (!result.success) throw invalid(`${file}: ${describeIssues(result.error, 3).join("; ")}`, { file });
  return result.data;
}

/**
 * From this many files on, a reader of metadata.json (list MODEL, select: every version of a
 * model) parses them with zod's compiled schema: compiling costs about 5 ms once, and 1,000
 * files then parse in about 18 ms instead of 30 (docs/benchmarks.md). Below it the interpreter
 * is cheaper: show reads one file, and at 100 versions the compilation is not paid back.
 */
export const COMPILE_FROM_FILES = 300;

/** The schema to parse one of `files` metadata.json with (see COMPILE_FROM_FILES). */
export function metadataSchemaFor(files: number): typeof MetadataSchema {
  return files >= COMPILE_FROM_FILES ? compiled(MetadataSchema) : MetadataSchema;
}
