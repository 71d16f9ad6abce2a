import { type PromotionOutcome, proposePromotions } from "../registry/stages/propose.js";
import { defaultBranchOf, refusePullRequests } from "./context.js";
import type { ActionCommand } from "./main.js";
import { BoundedMarkdown, cell, code, percent, SUMMARY_LIMIT } from "./summary.js";

/**
 * `propose` (schedule, workflow_dispatch, or after register): one promotion pull request per
 * model whose best candidate beats the holder of its promote stage, opened or updated in place,
 * closed when no candidate qualifies any longer.
 */
export const proposeCommand: ActionCommand = async (context) => {
  refusePullRequests(context, "propose");
  const registry = await context.registry();
  const scm = await context.scm();
  const base = defaultBranchOf(context.event()) ?? (await scm.defaultBranch());
  const outcomes = await proposePromotions(registry, scm, { models: context.models, base });
  const opened = outcomes.find((o) => o.pullRequest && !("closed" in o.pullRequest && o.pullRequest.closed));
  return {
    outputs: {
      "pull-request-number": opened?.pullRequest ? String(opened.pullRequest.number) : "",
      candidate: opened?.version ? `${opened.model}@${opened.version}` : "",
      proposals: JSON.stringify(outcomes),
    },
    summary: proposeSummary(outcomes),
  };
};

function result(o: PromotionOutcome): string {
  const pr = o.pullRequest;
  if (!pr) return o.qualifies ? "" : "no pull request";
  if ("closed" in pr && pr.closed) return `closed #${pr.number}`;
  return `${pr.action === "unchanged" ? "unchanged" : pr.action} #${pr.number}`;
}

function proposeSummary(outcomes: readonly PromotionOutcome[]): string {
  const doc = new BoundedMarkdown(SUMMARY_LIMIT);
  doc.add("## git-model: propose");
  doc.add("");
  if (outcomes.length === 0) {
    doc.add(
      "No model has a `promote` policy (`models.<name>.promote` in .gitmodel.yaml): nothing to propose.",
    );
    return doc.toString();
  }
  doc.table(
    ["model", "stage", "candidate", "holder", "improvement", "pull request", "why"],
    outcomes.map((o) => [
      cell(o.model),
      cell(o.stage),
      o.version ? code(o.version) : "–",
      o.current ? code(o.current) : "–",
      percent(o.improvementPct),
      result(o),
      cell([...o.reasons, ...o.monitoring].join("; ")),
    ]),
    { noun: "models" },
  );
  return doc.toString();
}
