import { MODEL_NAME } from "./names.js";
import * as z from "./zod.js";

/**
 * The file formats of DESIGN sections 1-2, defined once. Everything that reads or writes these
 * files, and the JSON Schema shipped for editors, comes from these definitions.
 */

const utcTimestamp = z.iso.datetime({
  offset: false,
  message: "must be an ISO 8601 UTC time like 2026-11-20T14:03:11Z",
});
const sha256 = z.string().check(z.regex(/^[0-9a-f]{64}$/, "must be a sha256: 64 lower-case hex digits"));
const finiteNumber = z.number({ message: "must be a finite number" });

export const ArtifactSchema = z.looseObject({
  path: z.described(
    z.string().check(z.minLength(1, "must not be empty")),
    "path relative to the version folder",
  ),
  sha256: z.described(sha256, "sha256 of the content (the LFS oid)"),
  size: z.described(z.number().check(z.int(), z.nonnegative()), "size in bytes"),
});

export const TagValueSchema = z.union([z.string(), finiteNumber, z.boolean(), z.array(z.string())]);

export const LineageSchema = z.looseObject({
  base: z.described(z.string(), "the reference this version was derived from, e.g. churn@1.2.0"),
  enhancement: z.described(z.optional(z.string()), "how it was derived: continued, replay, curriculum, ..."),
});

export const SourceSchema = z.looseObject({
  commit: z.optional(z.string()),
  branch: z.optional(z.string()),
  run_url: z.optional(z.string()),
});

export const MetadataSchema = z.described(
  z.looseObject({
    schema: z.literal(1),
    name: z.string().check(z.regex(MODEL_NAME, "must be a valid model name")),
    version: z.string().check(z.minLength(1)),
    created_at: utcTimestamp,
    description: z.optional(z.string()),
    artifacts: z.array(ArtifactSchema).check(z.minLength(1, "must list at least one artifact")),
    metrics: z.optional(z.record(z.string(), finiteNumber)),
    params: z.optional(z.record(z.string(), z.unknown())),
    tags: z.optional(z.record(z.string(), TagValueSchema)),
    training: z.optional(z.record(z.string(), z.unknown())),
    lineage: z.optional(LineageSchema),
    improvement: z.described(
      z.optional(z.record(z.string(), finiteNumber)),
      "metric -> percent change against lineage.base",
    ),
    source: z.optional(SourceSchema),
    changelog: z.optional(z.array(z.string())),
    architecture: z.optional(z.unknown()),
    ensemble_weights: z.optional(z.record(z.string(), finiteNumber)),
  }),
  "git-model metadata.json: the immutable record of one registered model version",
);

export type Metadata = z.output<typeof MetadataSchema>;
export type Artifact = z.output<typeof ArtifactSchema>;
export type TagValue = z.output<typeof TagValueSchema>;

/** stages.json: an exclusive stage maps to one version, any other stage to a sorted list. */
export const StagesFileSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
export type StagesFile = z.output<typeof StagesFileSchema>;

/** One line of history.jsonl, appended at each registration. */
export const HistoryLineSchema = z.looseObject({
  at: utcTimestamp,
  version: z.string().check(z.minLength(1)),
  metrics: z.optional(z.record(z.string(), finiteNumber)),
  tags: z.optional(z.record(z.string(), TagValueSchema)),
  lineage: z.optional(LineageSchema),
  source: z.optional(SourceSchema),
});
export type HistoryLine = z.output<typeof HistoryLineSchema>;

/** The JSON Schema of metadata.json, generated from the zod schema above and shipped in the package. */
export function metadataJsonSchema(): Record<string, unknown> {
  return {
    $id: "https://github.com/git-model/git-model/schema/metadata.schema.json",
    title: "git-model metadata.json",
    ...z.toJSONSchema(MetadataSchema, { target: "draft-2020-12", io: "input" }),
  };
}

/** Formats the first zod issues as `field: message` lines a person can act on. */
export function describeIssues(error: z.core.$ZodError, max = 5): string[] {
  return error.issues.slice(0, max).map((issue) => {
    const path = issue.path
      .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
      .join("")
      .replace(/^\./, "");
    return `${path || "(top level)"}: ${issue.message}`;
  });
}
