import { percentChange } from "./lineage.js";
import type { Metadata } from "./schemas.js";

/**
 * The pull request that proposes a stage change (DESIGN section 9, propose; `promote --pr`).
 * Its body carries a hidden marker so the bot finds and updates its own pull request, and a
 * person reviews the metric comparison that the promotion rests on.
 */

export interface PromotionProposal {
  model: string;
  stage: string;
  candidate: { version: string; metadata: Metadata };
  /** The current holder of the stage, if any. */
  current: { version: string; metadata: Metadata } | null;
  from: string;
  displaced: { version: string; to: string } | null;
  reasons: readonly string[];
  /** A Mermaid chart of the ranking metric over versions, when there is one. */
  chart?: string;
  /** What monitoring says of the model (seed 003: a challenger that keeps winning), one line each. */
  monitoring?: readonly string[];
  /** The change of stages.json as a unified diff. */
  stagesDiff?: string;
}

/** GitHub refuses a pull request body over 65,536 characters; this leaves room for a person's edit. */
export const BODY_LIMIT = 64_000;

const MARKER = "git-model:promotion";

export const promotionBranch = (model: string, stage: string) => `git-model/promote/${model}-${stage}`;

export const promotionTitle = (p: Pick<PromotionProposal, "model" | "stage" | "candidate">) =>
  `Promote ${p.model}@${p.candidate.version} to ${p.stage}`;

export function promotionMarker(p: Pick<PromotionProposal, "model" | "stage" | "candidate">): string {
  return `<!-- ${MARKER} ${JSON.stringify({ model: p.model, stage: p.stage, version: p.candidate.version })} -->`;
}

/** Reads the marker back: which model, stage and version a bot pull request proposes. */
export function parsePromotionMarker(body: string): { model: string; stage: string; version: string } | null {
  const match = body.match(new RegExp(`<!-- ${MARKER} (\\{.*?\\}) -->`));
  if (!match) return null;
  try {
    const data = JSON.parse(match[1]!) as Record<string, unknown>;
    return typeof data.model === "string" &&
      typeof data.stage === "string" &&
      typeof data.version === "string"
      ? { model: data.model, stage: data.stage, version: data.version }
      : null;
  } catch {
    return null;
  }
}

const cell = (v: number | undefined) => (v === undefined ? "–" : String(Number(v.toPrecision(6))));

/**
 * Markdown: what moves, the metrics side by side with their change, the reasons, what monitoring
 * says, the exact stages.json change, the chart. Under BODY_LIMIT whatever the registry's size:
 * the chart goes first, then metric rows and the diff are cut with a note.
 */
export function promotionBody(p: PromotionProposal, limit = BODY_LIMIT): string {
  const full = renderBody(p, Number.POSITIVE_INFINITY);
  if (full.length <= limit) return full;
  const withoutChart = renderBody({ ...p, chart: "" }, Number.POSITIVE_INFINITY);
  if (withoutChart.length <= limit) return withoutChart;
  // Give each long part a share of what the fixed parts leave.
  const fixed = renderBody({ ...p, chart: "", stagesDiff: "" }, 0).length;
  return renderBody({ ...p, chart: "" }, Math.max(0, Math.floor((limit - fixed - 400) / 2)));
}

/** Cuts a list of lines to about `budget` characters, saying how many it left out. */
function bounded(lines: readonly string[], budget: number, noun: string): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used + line.length + 1 > budget) {
      kept.push(`… and ${lines.length - kept.length} more ${noun}`);
      break;
    }
    kept.push(line);
    used += line.length + 1;
  }
  return kept;
}

function renderBody(p: PromotionProposal, budget: number): string {
  const lines = [
    promotionMarker(p),
    `## Promote \`${p.model}@${p.candidate.version}\` to **${p.stage}**`,
    "",
    `- \`${p.model}@${p.candidate.version}\`: ${p.from} → ${p.stage}`,
  ];
  if (p.displaced)
    lines.push(`- \`${p.model}@${p.displaced.version}\`: ${p.stage} → ${p.displaced.to} (displaced)`);
  const a = p.current?.metadata.metrics ?? {};
  const b = p.candidate.metadata.metrics ?? {};
  const names = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  if (names.length) {
    const holder = p.current ? `${p.current.version} (${p.stage})` : `(no ${p.stage} holder)`;
    lines.push(
      "",
      `| metric | ${holder} | ${p.candidate.version} (candidate) | change |`,
      "|---|---:|---:|---:|",
    );
    const rows = names.map((name) => {
      const before = a[name];
      const after = b[name];
      const pct = before === undefined || after === undefined ? null : percentChange(before, after);
      const change = pct === null ? "–" : `${pct >= 0 ? "+" : ""}${pct.toFixed(2)}%`;
      return `| ${tableText(name)} | ${cell(before)} | ${cell(after)} | ${change} |`;
    });
    lines.push(...bounded(rows, budget, "metrics"));
  }
  if (p.reasons.length) lines.push("", "### Why", "", ...p.reasons.map((r) => `- ${r}`));
  if (p.monitoring?.length) lines.push("", "### Monitoring", "", ...p.monitoring.map((m) => `- ${m}`));
  if (p.stagesDiff)
    lines.push(
      "",
      "### The change",
      "",
      "```diff",
      ...bounded(p.stagesDiff.split("\n"), budget, "lines"),
      "```",
    );
  if (p.chart) lines.push("", p.chart);
  lines.push("", "Merging this pull request moves the stage; reverting the merge rolls it back.");
  return `${lines.join("\n")}\n`;
}

/** A metric name in a table cell: no column or line breaks. */
const tableText = (text: string) => text.replace(/[\r\n]+/g, " ").replace(/\|/g, "\\|");
