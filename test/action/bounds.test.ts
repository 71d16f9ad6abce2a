import { describe, expect, it } from "vitest";
import { validationSummary } from "../../src/action/validate.js";
import { BODY_LIMIT, promotionBody } from "../../src/domain/promotion.js";
import type { Metadata } from "../../src/domain/schemas.js";
import type { ChangeReview } from "../../src/registry/checks/review.js";

/** GitHub's limits hold at any size: 1 MiB for a step summary, 65,536 characters for a pull request body. */

const metadata = (version: string, metrics: Record<string, number>): Metadata =>
  ({
    schema: 1,
    name: "churn",
    version,
    created_at: "2026-01-01T00:00:00Z",
    artifacts: [{ path: "model.pkl", sha256: "0".repeat(64), size: 1 }],
    metrics,
  }) as Metadata;

describe("sizes", () => {
  it("keeps a huge validate summary under 1 MiB, saying what it left out", () => {
    const problems = Array.from({ length: 60_000 }, (_, i) => ({
      severity: "error" as const,
      file: `models/m${i}/1.0.0/metadata.json`,
      line: i + 1,
      message: `a problem | with a pipe and <html> number ${i}`,
    }));
    const review: ChangeReview = {
      versions: Array.from({ length: 20_000 }, (_, i) => ({
        model: "churn",
        version: `1.0.${i}`,
        stage: "production",
        holder: "1.0.0",
        rankMetric: "val_rmse",
        metrics: [{ name: "val_rmse", value: i, holderValue: 1, changePct: 5, verdict: "worse" as const }],
      })),
      moves: Array.from({ length: 10_000 }, (_, i) => ({
        model: "churn",
        version: `1.0.${i}`,
        from: "staging",
        to: "archived",
        reason: "x".repeat(200),
      })),
      charts: Array.from({ length: 30 }, (_, i) => ({
        model: `m${i}`,
        metric: "metrics.val_rmse",
        goal: "min" as const,
        trend: {
          metric: "metrics.val_rmse",
          path: "metrics.val_rmse",
          goal: "min" as const,
          points: Array.from({ length: 10_000 }, (_, j) => ({ version: `1.0.${j}`, at: "", value: j })),
          missing: [],
          change_pct: null,
          improved: null,
          best: null,
        },
      })),
    };
    const summary = validationSummary(
      { problems, models: 1, versions: 20_000, added: [], removed: [], stagesChanged: [] },
      review,
      { ref: "main", sha: "a".repeat(40) },
    );
    expect(Buffer.byteLength(summary)).toBeLessThan(1024 * 1024);
    expect(summary).toMatch(/… and \d+ more problems/);
    expect(summary).toContain("a problem \\| with a pipe and &lt;html&gt;");
    expect(summary).toMatch(/… and \d+ more rows/);
  });

  it("keeps a promotion body under 65,536 characters with thousands of metrics and archived versions", () => {
    const metrics = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`metric_${i}`, i]));
    const archived = Array.from({ length: 10_000 }, (_, i) => `    "1.0.${i}",`);
    const body = promotionBody({
      model: "churn",
      stage: "production",
      from: "staging",
      candidate: { version: "2.0.0", metadata: metadata("2.0.0", metrics) },
      current: { version: "1.0.0", metadata: metadata("1.0.0", metrics) },
      displaced: { version: "1.0.0", to: "archived" },
      reasons: ["beats it"],
      chart: `\`\`\`mermaid\n${"x".repeat(100_000)}\n\`\`\``,
      stagesDiff: ["--- a/x", "+++ b/x", ...archived.map((l) => `+${l}`)].join("\n"),
    });
    expect(body.length).toBeLessThanOrEqual(BODY_LIMIT);
    expect(body).toContain(
      '<!-- git-model:promotion {"model":"churn","stage":"production","version":"2.0.0"} -->',
    );
    expect(body).toMatch(/… and \d+ more metrics/);
    expect(body).toMatch(/… and \d+ more lines/);
    expect(body).not.toContain("xxxxxxxx");
  });
});
