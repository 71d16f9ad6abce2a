import { MODEL_NAME } from "./names.js";
import { STAGE_NAME } from "./references.js";
import { DEFAULT_LFS_PATTERNS, DEFAULT_STAGES, normalizeRoot, rootProblem } from "./registry-config.js";
import * as z from "./zod.js";

/** .gitmodel.yaml (DESIGN section 2). Every key is optional; unknown keys are errors. */

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const requirementValue = z.union([scalar, z.array(scalar)]);
const weight = z.number({ message: "must be a number" });
const nonEmpty = () => z.string().check(z.minLength(1));

const ScoreTermSchema = z.union([
  z.strictObject({ count: nonEmpty(), weight: z._default(weight, 1) }),
  z.strictObject({
    recency: nonEmpty(),
    horizon_days: z._default(z.number().check(z.positive()), 365),
    weight: z._default(weight, 1),
  }),
  z.strictObject({ version: z.literal(true), weight: z._default(weight, 1) }),
  z.strictObject({ metric: nonEmpty(), weight: z._default(weight, 1) }),
]);

const RankSchema = z
  .strictObject({
    metric: z.optional(nonEmpty()),
    goal: z.optional(z.enum(["min", "max"])),
    score: z.optional(z.array(ScoreTermSchema).check(z.minLength(1))),
  })
  .check(
    z.refine((r) => !(r.metric && r.score), { message: "rank takes either metric or score, not both" }),
    z.refine((r) => r.metric || r.score, { message: "rank needs a metric or a score" }),
  );

export const SelectPolicySchema = z.strictObject({
  require: z.optional(z.record(z.string(), requirementValue)),
  defaults: z.optional(z.record(z.string(), z.union([scalar, z.array(z.string())]))),
  where: z.optional(z.array(z.string())),
  rank: z.optional(RankSchema),
});

export const PromotePolicySchema = z.strictObject({
  to: z.string().check(z.regex(STAGE_NAME)),
  from: z._default(z.string(), "any"),
  min_improvement_pct: z._default(z.number().check(z.nonnegative()), 0),
  reviewers: z._default(z.array(z.string()), []),
  team_reviewers: z._default(z.array(z.string()), []),
  labels: z._default(z.array(z.string()), []),
});

export const MonitorPolicySchema = z
  .strictObject({
    metric: nonEmpty(),
    baseline: nonEmpty(),
    drift_warn_pct: z._default(z.number().check(z.nonnegative()), 5),
    drift_retrain_pct: z._default(z.number().check(z.nonnegative()), 10),
    win_rate: z._default(z.number().check(z.gte(0), z.lte(1)), 0.75),
    win_streak: z._default(z.number().check(z.int(), z.positive()), 3),
    window: z._default(z.number().check(z.int(), z.positive()), 20),
    // No default: without it the ranking policy of the metric, --goal, or an assumption the
    // output names decides (issue 10 item 5).
    goal: z.optional(z.enum(["min", "max"])),
  })
  .check(
    z.refine((m) => m.drift_warn_pct <= m.drift_retrain_pct, {
      message: "drift_warn_pct must not exceed drift_retrain_pct",
    }),
  );

const versioning = z.enum(["semver", "timestamp", "major-minor"]);

const ModelSettingsSchema = z.strictObject({
  versioning: z.optional(versioning),
  select: z.optional(SelectPolicySchema),
  promote: z.optional(PromotePolicySchema),
  monitor: z.optional(MonitorPolicySchema),
});

const StageSchema = z.strictObject({
  name: z.string().check(z.regex(STAGE_NAME, "stage names are lower case: a-z, 0-9, _ and -")),
  initial: z.optional(z.boolean()),
  exclusive: z.optional(z.boolean()),
});

/** `./models/` is taken as `models`; what git could not check out, or git's own folders, are refused. */
const rootPath = z.pipe(z.string(), z.transform(normalizeRoot)).check(
  z.superRefine((root, ctx) => {
    const problem = rootProblem(root);
    if (problem) ctx.addIssue({ code: "custom", message: problem, input: root });
  }),
);

export const ConfigSchema = z
  .strictObject({
    root: z._default(rootPath, "models"),
    versioning: z._default(versioning, "semver"),
    lfs: z._default(z.array(nonEmpty()), DEFAULT_LFS_PATTERNS),
    lfs_threshold_bytes: z._default(z.number().check(z.int(), z.nonnegative()), 1024 * 1024),
    stages: z._default(z.array(StageSchema).check(z.minLength(1)), DEFAULT_STAGES),
    transitions: z.optional(z.record(z.string(), z.array(z.string()))),
    displaced_to: z.optional(z.string()),
    select: z.optional(SelectPolicySchema),
    promote: z.optional(PromotePolicySchema),
    monitor: z.optional(MonitorPolicySchema),
    models: z._default(
      z.record(z.string().check(z.regex(MODEL_NAME, "must be a valid model name")), ModelSettingsSchema),
      {},
    ),
  })
  .check(
    z.superRefine((c, ctx) => {
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
      const promotes: [z.output<typeof PromotePolicySchema> | undefined, (string | number)[]][] = [
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
    }),
  );

/** .gitmodel.yaml as zod returns it: plain data with the defaults filled in. */
export type ParsedConfig = z.output<typeof ConfigSchema>;
export type SelectPolicy = z.output<typeof SelectPolicySchema>;
export type PromotePolicy = z.output<typeof PromotePolicySchema>;
export type MonitorPolicy = z.output<typeof MonitorPolicySchema>;
export type ScoreTerm = z.output<typeof ScoreTermSchema>;
