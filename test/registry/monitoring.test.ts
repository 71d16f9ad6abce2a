import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonlLine, parseJsonl } from "../../src/domain/jsonl.js";
import { type MonitoringLine, MonitoringLineSchema } from "../../src/domain/monitoring.js";
import { streamJsonl } from "../../src/registry/core/jsonl-stream.js";
import { openRegistry } from "../../src/registry/core/registry.js";
import { readMonitoringStatus, recordMonitoring } from "../../src/registry/monitoring/monitoring.js";
import { cli, git, newRepo, runFolder, tempDir } from "../helpers/repo.js";

/** The library face of issue 5: what the Action calls to decide on a promotion pull request. */

const CONFIG = "models:\n  churn:\n    monitor: { metric: rmse, baseline: metrics.val_rmse }\n";

async function churn(): Promise<string> {
  const repo = await newRepo({ config: CONFIG });
  for (const [i, rmse] of ["0.004", "0.0039"].entries()) {
    const r = await cli(repo, [
      "register",
      "churn",
      runFolder({ "model.pkl": 10 + i }),
      "--metric",
      `val_rmse=${rmse}`,
    ]);
    expect(r.code, r.stderr).toBe(0);
  }
  return repo;
}

const run = (i: number, challengerWins: boolean): MonitoringLine => ({
  at: new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
  version: "1.0.0",
  metric: "rmse",
  goal: "min",
  value: 0.0041,
  baseline: { path: "metrics.val_rmse", value: 0.004 },
  drift_pct: 2.5,
  challenger: { version: "1.0.1", value: challengerWins ? 0.004 : 0.0042 },
  winner: challengerWins ? "1.0.1" : "1.0.0",
  recommendation: "ok",
});

describe("readMonitoringStatus", () => {
  it("streams 100,000 monitoring lines and skips a torn last line", async () => {
    const repo = await churn();
    const path = join(repo, "models/churn/monitoring.jsonl");
    const total = 100_000;
    // Written in chunks: the test, too, need not hold the whole file.
    for (let start = 0; start < total; start += 10_000) {
      let chunk = "";
      // The challenger loses everywhere but in the last 5 runs.
      for (let i = start; i < start + 10_000; i++) chunk += jsonlLine(run(i, i >= total - 5));
      appendFileSync(path, chunk);
    }
    appendFileSync(path, '{"at":"2026-01-08T22:03:39Z","ver');

    const report = await readMonitoringStatus(await openRegistry(repo), "churn");
    expect(report.lines).toBe(total);
    expect(report.issueCount).toBe(1);
    expect(report.issues).toEqual([expect.objectContaining({ line: total + 1, torn: true })]);
    expect(report.status).toMatchObject({
      code: "ok",
      champion: "1.0.0",
      runs: total,
      latest: { drift_pct: 2.5 },
      // The default window of 20 runs: 5 wins of the last 20, 5 in a row.
      challenger: { version: "1.0.1", wins: 5, runs: 20, streak: 5, qualifies: false },
    });
    expect(report.recommendation).toBe("ok");
  });

  it("judges the champion and metric asked for, and says 'no data' before any run", async () => {
    const repo = await churn();
    const registry = await openRegistry(repo);
    expect((await readMonitoringStatus(registry, "churn")).status.code).toBe("no-data");
    for (const value of [0.0041, 0.0041, 0.0041]) {
      await recordMonitoring(
        registry,
        "churn",
        { version: "1.0.0", value, challenger: { version: "1.0.1", value: 0.004 } },
        { commit: false },
      );
    }
    const report = await readMonitoringStatus(registry, "churn", { champion: "v1.0.0" });
    expect(report.recommendation).toBe("propose promotion of 1.0.1");
    expect((await readMonitoringStatus(registry, "churn", { champion: "1.0.1" })).status.code).toBe(
      "no-data",
    );
  });
});

describe("recordMonitoring", () => {
  it("returns the line, the status after it and the commit; the clock is the caller's", async () => {
    const repo = await churn();
    const registry = await openRegistry(repo);
    const result = await recordMonitoring(
      registry,
      "churn",
      { version: "1.0.0", value: "0.005", window: { start: "2025-11-18", end: "2025-12-31", samples: 30 } },
      { now: () => new Date("2026-01-08T22:03:39.666Z") },
    );
    expect(result.line).toMatchObject({
      at: "2026-01-08T22:03:39Z",
      drift_pct: 25,
      recommendation: "retrain-now",
    });
    expect(result.recommendation).toBe("retrain now");
    expect(result.commit).toBe((await git(repo, ["rev-parse", "HEAD"])).trim());
  });
});

describe("streamJsonl", () => {
  // The streaming reader must judge lines exactly as the domain's parseJsonl does.
  const line = jsonlLine(run(0, false));
  const texts: Record<string, string> = {
    empty: "",
    "one line": line,
    "two lines": line + line,
    "torn JSON at the end": `${line}{"at":`,
    "valid JSON without its newline": line + line.trimEnd(),
    "a schema error at the end": `${line}{"at":"x"}\n`,
    "a bad line in the middle": `${line}{"x\n${line}`,
    "an empty line in the middle": `${line}\n${line}`,
    "a blank last line without newline": `${line}   `,
    "CRLF line ends": line.replace("\n", "\r\n") + line,
    // Over 1 MiB the reader compiles the schema: its records and messages must not change.
    "over 1 MiB, with schema errors and a torn end": [
      line.repeat(5_000),
      jsonlLine({ ...run(1, true), value: "high" }),
      jsonlLine({ ...run(2, true), challenger: { version: 7 } }),
      jsonlLine({ ...run(3, true), at: "yesterday", extra: true }),
      line.repeat(10),
      '{"at":"2026-01-08T22:03:39Z","ver',
    ].join(""),
  };
  it.each(Object.entries(texts))("agrees with parseJsonl on %s", async (_name, text) => {
    const path = join(tempDir(), "monitoring.jsonl");
    writeFileSync(path, text);
    const records: { line: number; value: MonitoringLine }[] = [];
    const streamed = await streamJsonl(path, MonitoringLineSchema, (value, n) =>
      records.push({ line: n, value }),
    );
    const parsed = parseJsonl(text, MonitoringLineSchema);
    expect(records).toEqual(parsed.records);
    expect(streamed.issues).toEqual(parsed.issues);
  });

  it("reads a missing file as empty", async () => {
    const r = await streamJsonl(join(tempDir(), "none.jsonl"), MonitoringLineSchema, () => {});
    expect(r).toEqual({ records: 0, issues: [], issueCount: 0, bytes: 0 });
  });
});
