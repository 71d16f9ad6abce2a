import { error, type Problem, warning } from "../../domain/problems.js";
import type { Registry } from "../core/registry.js";
import type { ModelFiles } from "./listing.js";
import { JSONL_FORMATS, jsonlIssues, MODEL_FILES, type Parsed } from "./parsing.js";

/**
 * validate's check of a model folder's own files: nothing but stages.json, the JSONL files and
 * version folders, and every JSONL line in its format.
 */
export function modelFileProblems(
  registry: Registry,
  model: string,
  entry: ModelFiles,
  parsed: Parsed,
  problems: Problem[],
): void {
  const modelFolder = registry.modelFolder(model);
  for (const name of entry.modelFiles) {
    if (!MODEL_FILES.has(name) && !entry.versions.has(name)) {
      problems.push(
        warning(
          `${modelFolder}/${name}`,
          "not part of the registry (a model folder holds stages.json, history.jsonl, monitoring.jsonl and version folders)",
        ),
      );
    }
  }
  for (const name of ["history.jsonl", "monitoring.jsonl"]) {
    if (!entry.modelFiles.has(name)) continue;
    const file = `${modelFolder}/${name}`;
    const issues = parsed.jsonl.get(file) ?? jsonlIssues(registry, file, name, parsed.checkers) ?? [];
    for (const issue of issues) {
      problems.push(
        error(file, issue.message, {
          line: issue.line,
          hint: issue.torn
            ? "readers skip it; remove the line or complete it"
            : `the line format is in ${JSONL_FORMATS[name]}`,
        }),
      );
    }
  }
}
