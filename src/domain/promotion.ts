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
}

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

/** Markdown: what moves, the metrics side by side with their change, the reasons, the chart. */
export function promotionBody(p: PromotionProposal): string {
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
    for (const name of names) {
      const before = a[name];
      const after = b[name];
      const pct = before === undefined || after === undefined ? null : percentChange(before, after);
      const change = pct === null ? "–" : `${pct >= 0 ? "+" : ""}${pct.toFixed(2)}%`;
      lines.push(`| ${name} | ${cell(before)} | ${cell(after)} | ${change} |`);
    }
  }
  if (p.reasons.length) lines.push("", "### Why", "", ...p.reasons.map((r) => `- ${r}`));
  if (p.chart) lines.push("", p.chart);
  lines.push("", "Merging this pull request moves the stage; reverting the merge rolls it back.");
  return `${lines.join("\n")}\n`;
}
