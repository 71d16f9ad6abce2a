import { invalid } from "../../domain/errors.js";
import {
  describeIssues,
  type Metadata,
  MetadataSchema,
  type StagesFile,
  StagesFileSchema,
} from "../../domain/schemas.js";
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
