import { z } from "zod";
import { MODEL_NAME } from "./names.js";

/**
 * The file formats of DESIGN sections 1-2, defined once. Everything that reads or writes these
 * files, and the JSON Schema shipped for editors, comes from these definitions.
 */

const utcTimestamp = z.iso.datetime({
  offset: false,
  message: "must be an ISO 8601 UTC time like 2026-11-20T14:03:11Z",
});
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "must be a sha256: 64 lower-case hex digits");
const finiteNumber = z.number({ message: "must be a finite number" });

export const ArtifactSchema = z.looseObject({
  path: z.string().min(1, "must not be empty").describe("path relative to the version folder"),
  sha256: sha256.describe("sha256 of the content (the LFS oid)"),
  size: z.number().int().nonnegative().describe("size in bytes"),
});

export const TagValueSchema = z.union([z.string(), finiteNumber, z.boolean(), z.array(z.string())]);

export const LineageSchema = z.looseObject({
  base: z.string().describe("the reference this version was derived from, e.g. churn@1.2.0"),
  enhancement: z.string().optional().describe("how it was derived: continued, replay, curriculum, ..."),
});

export const SourceSchema = z.looseObject({
  commit: z.string().optional(),
  branch: z.string().optional(),
  run_url: z.string().optional(),
});

export const MetadataSchema = z
  .looseObject({
    schema: z.literal(1),
    name: z.string().regex(MODEL_NAME, "must be a valid model name"),
    version: z.string().min(1),
    created_at: utcTimestamp,
    description: z.string().optional(),
    artifacts: z.array(ArtifactSchema).min(1, "must list at least one artifact"),
    metrics: z.record(z.string(), finiteNumber).optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    tags: z.record(z.string(), TagValueSchema).optional(),
    training: z.record(z.string(), z.unknown()).optional(),
    lineage: LineageSchema.optional(),
    improvement: z
      .record(z.string(), finiteNumber)
      .optional()
      .describe("metric -> percent change against lineage.base"),
    source: SourceSchema.optional(),
    changelog: z.array(z.string()).optional(),
    architecture: z.unknown().optional(),
    ensemble_weights: z.record(z.string(), finiteNumber).optional(),
  })
  .describe("git-model metadata.json: the immutable record of one registered model version");

export type Metadata = z.infer<typeof MetadataSchema>;
export type Artifact = z.infer<typeof ArtifactSchema>;
export type TagValue = z.infer<typeof TagValueSchema>;

/** stages.json: an exclusive stage maps to one version, any other stage to a sorted list. */
export const StagesFileSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
export type StagesFile = z.infer<typeof StagesFileSchema>;

/** One line of history.jsonl, appended at each registration. */
export const HistoryLineSchema = z.looseObject({
  at: utcTimestamp,
  version: z.string().min(1),
  metrics: z.record(z.string(), finiteNumber).optional(),
  tags: z.record(z.string(), TagValueSchema).optional(),
  lineage: LineageSchema.optional(),
  source: SourceSchema.optional(),
});
export type HistoryLine = z.infer<typeof HistoryLineSchema>;

/** The JSON Schema of metadata.json, generated from the zod schema above and shipped in the package. */
export function metadataJsonSchema(): Record<string, unknown> {
  return {
    $id: "https://github.com/git-model/git-model/schema/metadata.schema.json",
    title: "git-model metadata.json",
    ...z.toJSONSchema(MetadataSchema, { target: "draft-2020-12", io: "input" }),
  };
}

/** Formats the first zod issues as `field: message` lines a person can act on. */
export function describeIssues(error: z.ZodError, max = 5): string[] {
  return error.issues.slice(0, max).map((issue) => {
    const path = issue.path
      .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
      .join("")
      .replace(/^\./, "");
    return `${path || "(top level)"}: ${issue.message}`;
  });
}
