import { environment, usage } from "../domain/errors.js";
import type { Problem } from "../domain/problems.js";
import { trendMermaid } from "../domain/trends.js";
import type { Git } from "../infra/git.js";
import { type ChangeReview, reviewChange } from "../registry/checks/review.js";
import { type ValidationReport, validate } from "../registry/checks/validate.js";
import type { ActionCommand } from "./main.js";
import { BoundedMarkdown, cell, code, number, percent, SUMMARY_LIMIT } from "./summary.js";

/**
 * `validate` on a pull request: the library's `validate --base` against the pull request's base
 * (the checkout is the merge commit, so the work tree is what merging would give), each problem
 * an annotation, and a summary a reviewer reads. Needs no token and writes nothing.
 */
export const validateCommand: ActionCommand = async (context) => {
  const event = context.event();
  const pr = event.pullRequest;
  if (!pr) {
    throw usage(`validate runs on pull_request events, not on ${event.name}`, {
      hint: "run it in a workflow triggered by pull_request; use register on push",
    });
  }
  const registry = await context.registry();
  await ensureCommit(registry.git, pr.base.sha, pr.base.ref);
  const report = await validate(registry, { base: pr.base.sha });
  const review = await reviewChange(registry, pr.base.sha, report);
  const errors = report.problems.filter((p) => p.severity === "error").length;
  return {
    problems: report.problems,
    summary: validationSummary(report, review, { ref: pr.base.ref, sha: pr.base.sha }, pagesUrl(context.env)),
    outputs: { errors: String(errors) },
    ...(errors
      ? {
          failure: `${errors} problem${errors === 1 ? "" : "s"} in the registry files this pull request changes (see the annotations and the job summary)`,
        }
      : {}),
  };
};

/**
 * The base commit in this clone: fetched from origin when missing (a checkout with the default
 * fetch-depth has only the merge commit). A shallow clone is deepened to the full history, which
 * the stage checks need (a rollback is a return to a stage held before).
 */
export async function ensureCommit(git: Git, sha: string, ref: string): Promise<void> {
  const shallow = (await git.text(["rev-parse", "--is-shallow-repository"])).trim() === "true";
  if (!shallow && (await git.commitOf(sha))) return;
  // The base branch first (the base is usually its tip or behind it), then the commit itself.
  let deepen = shallow;
  const fetch = async (what: string) => {
    const r = await git.run(
      ["fetch", "--quiet", "--no-tags", ...(deepen ? ["--unshallow"] : []), "origin", what],
      {
        allowFailure: true,
      },
    );
    if (r.code === 0) deepen = false;
    return r;
  };
  let fetched = await fetch(`+refs/heads/${ref}:refs/remotes/origin/${ref}`);
  if (fetched.code === 0 && (await git.commitOf(sha))) return;
  fetched = await fetch(sha);
  const why = fetched.stderr.trim().split("\n").at(-1) ?? "";
  throw environment(
    `the pull request's base ${sha.slice(0, 12)} (${ref}) is not in this ${shallow ? "shallow " : ""}clone and could not be fetched from origin${why ? `: ${why}` : ""}`,
    { hint: "check out with actions/checkout and fetch-depth: 0, so the base and the tags are there" },
  );
}

const SEVERITY = { error: "❌ error", warning: "⚠️ warning" } as const;

/** The `pages-url` input: where the report is published (http or https), without a trailing slash. */
function pagesUrl(env: NodeJS.ProcessEnv): string | null {
  const url = (env["INPUT_PAGES-URL"] ?? "").trim().replace(/\/+$/, "");
  return /^https?:\/\/[^\s()<>]+$/.test(url) ? url : null;
}

export function validationSummary(
  report: ValidationReport,
  review: ChangeReview,
  base: { ref: string; sha: string },
  pages: string | null = null,
): string {
  const doc = new BoundedMarkdown(SUMMARY_LIMIT);
  const errors = report.problems.filter((p) => p.severity === "error");
  const warnings = report.problems.length - errors.length;
  doc.add("## git-model: validate");
  doc.add("");
  doc.add(
    `${errors.length ? `❌ ${errors.length} error${errors.length === 1 ? "" : "s"}` : "✅ no errors"}${warnings ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}: ` +
      `${report.models} model(s) and ${report.versions} version(s) checked against ${code(base.ref)} (${base.sha.slice(0, 7)}); ` +
      `${report.added.length} new version(s), ${review.moves.length} stage move(s).`,
  );
  // With the report on GitHub Pages, a link to each changed model's page (`git model report`).
  const changed = [
    ...new Set([...report.added, ...report.removed].map((v) => v.model).concat(report.stagesChanged)),
  ].sort();
  if (pages && changed.length) {
    doc.add("");
    doc.add(`Report: ${changed.map((m) => `[${cell(m)}](${pages}/models/${m}.html)`).join(", ")}`);
  }
  if (report.problems.length) {
    doc.add("");
    doc.add("### Problems");
    doc.add("");
    doc.table(["", "file", "line", "problem"], report.problems.map(problemRow), {
      share: 0.5,
      noun: "problems",
    });
  }
  if (review.versions.length) {
    doc.add("");
    doc.add("### New versions");
    doc.add("");
    doc.table(
      ["version", "compared with", "metric", "value", "holder's", "change", ""],
      review.versions.flatMap((v) => {
        const against = v.holder
          ? `${code(`${v.model}@${v.holder}`)} (${cell(v.stage)})`
          : `no ${cell(v.stage ?? "stage")} holder`;
        const name = code(`${v.model}@${v.version}`);
        if (v.metrics.length === 0) return [[name, against, "–", "–", "–", "–", cell(v.problem ?? "")]];
        return v.metrics.map((m, i) => [
          i === 0 ? name : "",
          i === 0 ? against : "",
          m.name === v.rankMetric ? `**${cell(m.name)}** (ranking)` : cell(m.name),
          number(m.value),
          number(m.holderValue),
          percent(m.changePct),
          m.verdict === "better"
            ? "✅ better"
            : m.verdict === "worse"
              ? "🔻 worse"
              : m.verdict === "same"
                ? "= same"
                : "",
        ]);
      }),
      { share: 0.6, noun: "rows" },
    );
  }
  if (review.moves.length) {
    doc.add("");
    doc.add("### Stage moves");
    doc.add("");
    doc.table(
      ["model", "version", "from", "to", "reason"],
      review.moves.map((m) => [
        cell(m.model),
        code(m.version),
        cell(m.from),
        cell(m.to),
        cell(m.reason ?? ""),
      ]),
      { share: 0.5, noun: "moves" },
    );
  }
  for (const chart of review.charts) {
    // The last 60 registrations: a line a reader can follow (and a bounded chart at any size).
    const points = chart.trend.points.slice(-60);
    const text = trendMermaid(
      { ...chart.trend, points },
      { title: `${chart.model}: ${chart.metric} (${chart.goal === "min" ? "lower" : "higher"} is better)` },
    );
    if (!doc.add(`\n${text}`)) {
      doc.add("\n(more charts left out: the summary is full)");
      break;
    }
  }
  return doc.toString();
}

function problemRow(p: Problem): string[] {
  return [
    SEVERITY[p.severity],
    code(p.file),
    p.line ? String(p.line) : "",
    cell(p.hint ? `${p.message} (hint: ${p.hint})` : p.message),
  ];
}
