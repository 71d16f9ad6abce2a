import type { HistoryEntry } from "../stages/history.js";
import type { StageSpan } from "./charts.js";
import type { ReportFacts } from "./data.js";

/** What the pages derive from the data: which stages to show, their colours, who held what when. */

/** The stages worth a column and a timeline row: not the initial one (everything starts there), not where displaced versions go. */
export function shownStages(data: Pick<ReportFacts, "stages" | "initialStage" | "displacedTo">): string[] {
  return data.stages
    .map((s) => s.name)
    .filter((name) => name !== data.initialStage && name !== data.displacedTo);
}

/** A colour class per configured stage, stable across pages (c0..c5 in the stylesheet). */
export function stageTone(data: Pick<ReportFacts, "stages">, stage: string): string {
  const i = data.stages.findIndex((s) => s.name === stage);
  return i < 0 ? "c5" : `c${i % 6}`;
}

/** When the stage last got a new holder (the latest move into it), or null. */
export function lastMoveInto(history: readonly HistoryEntry[], stage: string): string | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i]!;
    if (e.type === "move" && e.to === stage) return e.at;
  }
  return null;
}

/** Every holding of the shown stages, from the stage moves in order. */
export function stageSpans(
  data: Pick<ReportFacts, "stages" | "initialStage" | "displacedTo">,
  history: readonly HistoryEntry[],
): StageSpan[] {
  const shown = new Set(shownStages(data));
  const open = new Map<string, { stage: string; since: string; order: number }>();
  const spans: (StageSpan & { order: number })[] = [];
  let order = 0;
  const span = (
    version: string,
    held: { stage: string; since: string; order: number },
    end: string | null,
  ) => ({
    stage: held.stage,
    version,
    start: held.since,
    end,
    tone: stageTone(data, held.stage),
    order: held.order,
  });
  const close = (version: string, at: string) => {
    const held = open.get(version);
    if (!held) return;
    open.delete(version);
    spans.push(span(version, held, at));
  };
  for (const e of history) {
    if (e.type === "deletion") close(e.version, e.at);
    if (e.type !== "move") continue;
    close(e.version, e.at);
    if (shown.has(e.to)) open.set(e.version, { stage: e.to, since: e.at, order: order++ });
  }
  for (const [version, held] of open) spans.push(span(version, held, null));
  // By start, and moves of the same second in the order they were made.
  return spans
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.order - b.order)
    .map(({ order: _, ...s }) => s);
}
