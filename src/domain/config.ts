import { isMap, isScalar, LineCounter, type Node, parseDocument } from "yaml";
import { z } from "zod";
import { usage } from "./errors.js";
import { MODEL_NAME } from "./names.js";
import { STAGE_NAME } from "./references.js";
import {
  CONFIG_FILE,
  DEFAULT_LFS_PATTERNS,
  DEFAULT_STAGES,
  type RegistryConfig,
  resolveConfig,
} from "./registry-config.js";

/** .gitmodel.yaml (DESIGN section 2). Every key is optional; unknown keys are errors. */

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const requirementValue = z.union([scalar, z.array(scalar)]);
const weight = z.number({ message: "must be a number" });

const ScoreTermSchema = z.union([
  z.strictObject({ count: z.string().min(1), weight: weight.default(1) }),
  z.strictObject({
    recency: z.string().min(1),
    horizon_days: z.number().positive().default(365),
    weight: weight.default(1),
  }),
  z.strictObject({ version: z.literal(true), weight: weight.default(1) }),
  z.strictObject({ metric: z.string().min(1), weight: weight.default(1) }),
]);

const RankSchema = z
  .strictObject({
    metric: z.string().min(1).optional(),
    goal: z.enum(["min", "max"]).optional(),
    score: z.array(ScoreTermSchema).min(1).optional(),
  })
  .refine((r) => !(r.metric && r.score), { message: "rank takes either metric or score, not both" })
  .refine((r) => r.metric || r.score, { message: "rank needs a metric or a score" });

export const SelectPolicySchema = z.strictObject({
  require: z.record(z.string(), requirementValue).optional(),
  defaults: z.record(z.string(), z.union([scalar, z.array(z.string())])).optional(),
  where: z.array(z.string()).optional(),
  rank: RankSchema.optional(),
});

export const PromotePolicySchema = z.strictObject({
  to: z.string().regex(STAGE_NAME),
  from: z.string().default("any"),
  min_improvement_pct: z.number().nonnegative().default(0),
  reviewers: z.array(z.string()).default([]),
  team_reviewers: z.array(z.string()).default([]),
  labels: z.array(z.string()).default([]),
});

export const MonitorPolicySchema = z
  .strictObject({
    metric: z.string().min(1),
    baseline: z.string().min(1),
    drift_warn_pct: z.number().nonnegative().default(5),
    drift_retrain_pct: z.number().nonnegative().default(10),
    win_rate: z.number().min(0).max(1).default(0.75),
    win_streak: z.number().int().positive().default(3),
    window: z.number().int().positive().default(20),
    goal: z.enum(["min", "max"]).default("min"),
  })
  .refine((m) => m.drift_warn_pct <= m.drift_retrain_pct, {
    message: "drift_warn_pct must not exceed drift_retrain_pct",
  });

const versioning = z.enum(["semver", "timestamp", "major-minor"]);

const ModelSettingsSchema = z.strictObject({
  versioning: versioning.optional(),
  select: SelectPolicySchema.optional(),
  promote: PromotePolicySchema.optional(),
  monitor: MonitorPolicySchema.optional(),
});

const StageSchema = z.strictObject({
  name: z.string().regex(STAGE_NAME, "stage names are lower case: a-z, 0-9, _ and -"),
  initial: z.boolean().optional(),
  exclusive: z.boolean().optional(),
});

const rootPath = z
  .string()
  .min(1)
  .refine((r) => !r.startsWith("/") && !r.split("/").includes("..") && !r.includes("\\"), {
    message: "must be a relative folder inside the repository (no '..', not absolute)",
  });

export const ConfigSchema = z
  .strictObject({
    root: rootPath.default("models"),
    versioning: versioning.default("semver"),
    lfs: z.array(z.string().min(1)).default(DEFAULT_LFS_PATTERNS),
    lfs_threshold_bytes: z
      .number()
      .int()
      .nonnegative()
      .default(1024 * 1024),
    stages: z.array(StageSchema).min(1).default(DEFAULT_STAGES),
    transitions: z.record(z.string(), z.array(z.string())).optional(),
    displaced_to: z.string().optional(),
    select: SelectPolicySchema.optional(),
    promote: PromotePolicySchema.optional(),
    monitor: MonitorPolicySchema.optional(),
    models: z
      .record(z.string().regex(MODEL_NAME, "must be a valid model name"), ModelSettingsSchema)
      .default({}),
  })
  .superRefine((c, ctx) => {
    const names = c.stages.map((s) => s.name);
    const seen = new Set<string>();
    c.stages.forEach((s, i) => {
      if (seen.has(s.name))
        ctx.addIssue({
          code: "custom",
          path: ["stages", i, "name"],
          message: `stage ${s.name} is listed twice`,
        });
      seen.add(s.name);
    });
    if (c.stages.filter((s) => s.initial).length > 1) {
      ctx.addIssue({ code: "custom", path: ["stages"], message: "only one stage may be initial" });
    }
    for (const [from, tos] of Object.entries(c.transitions ?? {})) {
      if (!names.includes(from))
        ctx.addIssue({ code: "custom", path: ["transitions", from], message: `unknown stage ${from}` });
      tos.forEach((to, i) => {
        if (!names.includes(to))
          ctx.addIssue({ code: "custom", path: ["transitions", from, i], message: `unknown stage ${to}` });
      });
    }
    if (c.displaced_to !== undefined && !names.includes(c.displaced_to)) {
      ctx.addIssue({ code: "custom", path: ["displaced_to"], message: `unknown stage ${c.displaced_to}` });
    }
    const promotes: [z.infer<typeof PromotePolicySchema> | undefined, (string | number)[]][] = [
      [c.promote, ["promote"]],
      ...Object.entries(c.models).map(
        ([m, s]) => [s.promote, ["models", m, "promote"]] as [typeof c.promote, string[]],
      ),
    ];
    for (const [p, path] of promotes) {
      if (p && !names.includes(p.to))
        ctx.addIssue({ code: "custom", path: [...path, "to"], message: `unknown stage ${p.to}` });
      if (p && p.from !== "any" && !names.includes(p.from)) {
        ctx.addIssue({ code: "custom", path: [...path, "from"], message: `unknown stage ${p.from}` });
      }
    }
  });

/** .gitmodel.yaml as zod returns it: plain data with the defaults filled in. */
export type ParsedConfig = z.infer<typeof ConfigSchema>;
export type SelectPolicy = z.infer<typeof SelectPolicySchema>;
export type PromotePolicy = z.infer<typeof PromotePolicySchema>;
export type MonitorPolicy = z.infer<typeof MonitorPolicySchema>;
export type ScoreTerm = z.infer<typeof ScoreTermSchema>;

/** The defaults, for a repository without .gitmodel.yaml. */
export function defaultConfig(): RegistryConfig {
  return resolveConfig(defaultConfigFile());
}

export function defaultConfigFile(): ParsedConfig {
  return ConfigSchema.parse({});
}

/** Parses .gitmodel.yaml into the registry's view of it (see parseConfigFile for the errors). */
export function parseConfig(text: string, file = CONFIG_FILE): RegistryConfig {
  return resolveConfig(parseConfigFile(text, file));
}

/**
 * Parses .gitmodel.yaml. A YAML error or a schema error names the key and the line, because a
 * person will open the file at that line to fix it. Both are usage errors (exit 2), like a bad
 * flag: exit 1 means "no" to scripts (`git model select bot || train`), and a broken configuration
 * must not read as "no compatible model".
 */
export function parseConfigFile(text: string, file = CONFIG_FILE): ParsedConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const pos = lineCounter.linePos(yamlError.pos[0]);
    throw usage(`${file}:${pos.line}:${pos.col}: ${yamlError.message.split("\n")[0]}`, {
      file,
      line: pos.line,
      column: pos.col,
      hint: "fix the YAML syntax at that line",
    });
  }
  const data = doc.toJS() ?? {};
  const result = ConfigSchema.safeParse(data);
  if (result.success) return result.data;

  const issue = result.error.issues[0]!;
  let path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  let keyNode: Node | undefined;
  if (issue.code === "unrecognized_keys") {
    const parent = path.length ? doc.getIn(path, true) : doc.contents;
    const key = issue.keys[0]!;
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key);
      keyNode = pair?.key as Node | undefined;
    }
    path = [...path, key];
  }
  // Point at the deepest node that exists in the file (a default may fill in the rest).
  let node: Node | undefined = keyNode;
  for (let n = path.length; !node && n > 0; n--) node = doc.getIn(path.slice(0, n), true) as Node | undefined;
  const offset = node?.range?.[0];
  const line = offset === undefined ? undefined : lineCounter.linePos(offset).line;
  const key = path.join(".") || "(top level)";
  const message = issue.code === "unrecognized_keys" ? `unknown key ${key}` : `${key}: ${issue.message}`;
  throw usage(`${file}${line ? `:${line}` : ""}: ${message}`, {
    file,
    ...(line ? { line } : {}),
    hint: "see DESIGN section 2 (docs/configuration.md) for the keys .gitmodel.yaml accepts",
  });
}
