import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { COMPILE_FROM_FILES } from "../../src/registry/core/parse-files.js";
import { cli, newRepo, runFolder } from "../helpers/repo.js";
import { ok } from "../helpers/stages.js";

/**
 * Reading every version of a model (list MODEL, select) parses metadata.json with zod's compiled
 * schema once a model has COMPILE_FROM_FILES versions, and with zod's interpreter below that
 * (start-up, docs/benchmarks.md). Two models hold the same files, one above the threshold and
 * one below: what the CLI prints about each version, broken ones included, must be the same.
 */

const SMALL = 12;
const BIG = COMPILE_FROM_FILES + 8;

/** What is wrong with every fourth version, each in its own way; the rest are valid. */
const BREAKAGES: ((m: Record<string, unknown>) => unknown)[] = [
  (m) => ({ ...m, created_at: "yesterday" }),
  (m) => ({ ...m, artifacts: [] }),
  (m) => ({ ...m, metrics: { auc: "high" } }),
  (m) => ({ ...m, schema: 2, extra: { kept: true } }),
  (m) => ({ ...m, artifacts: [{ path: "model.pkl", sha256: "ABC", size: -1 }] }),
  (m) => {
    const { name: _name, ...rest } = m;
    return rest;
  },
];

let repo: string;

/** Versions 1.0.0 ... of `model`, copied from the registered 1.0.0 with their own version and metrics. */
function writeVersions(model: string, count: number, template: Record<string, unknown>): void {
  for (let i = 0; i < count; i++) {
    const version = `1.${Math.floor(i / 10)}.${i % 10}`;
    const folder = join(repo, "models", model, version);
    if (i > 0) cpSync(join(repo, "models", "template", "1.0.0"), folder, { recursive: true });
    let metadata: unknown = {
      ...template,
      name: model,
      version,
      metrics: { auc: 0.5 + (i % 37) / 100, loss: 1 / (i + 1) },
      tags: { order: i },
    };
    const breakage = i % 4 === 3 ? BREAKAGES[Math.floor(i / 4) % BREAKAGES.length] : undefined;
    if (breakage) metadata = breakage(metadata as Record<string, unknown>);
    // One file that is not JSON at all.
    const text = i === 7 ? "{ not json" : `${JSON.stringify(metadata, null, 2)}\n`;
    writeFileSync(join(folder, "metadata.json"), text);
  }
}

beforeAll(async () => {
  repo = await newRepo();
  // Candidates then carry the metric's value, read from the parsed file.
  writeFileSync(
    join(repo, ".gitmodel.yaml"),
    `${readFileSync(join(repo, ".gitmodel.yaml"), "utf8")}select:\n  rank: { metric: metrics.auc, goal: max }\n`,
  );
  await ok(repo, ["register", "template", runFolder({ "model.pkl": 64 }), "--metric", "auc=0.5"]);
  const template = JSON.parse(readFileSync(join(repo, "models/template/1.0.0/metadata.json"), "utf8"));
  for (const model of ["big", "small"]) {
    cpSync(join(repo, "models", "template"), join(repo, "models", model), { recursive: true });
    writeVersions(model, model === "big" ? BIG : SMALL, template);
  }
});

/** The lines about the versions both models have, with the model's name and column padding taken out. */
function shared(text: string, model: string): string[] {
  return text
    .replaceAll(model, "MODEL")
    .replace(/ +/g, " ")
    .split("\n")
    .filter((line) => {
      const version = /\b1\.(\d+)\.(\d)\b/.exec(line);
      return version !== null && Number(version[1]) * 10 + Number(version[2]) < SMALL;
    });
}

describe("a model with many versions", () => {
  it("lists and warns about each version as a model with a few does", async () => {
    const [big, small] = await Promise.all([ok(repo, ["list", "big"]), ok(repo, ["list", "small"])]);
    const bigWarnings = shared(big.stderr, "big");
    // Every broken one is named, with zod's own reason.
    expect(bigWarnings.length).toBe(Math.floor(SMALL / 4));
    expect(big.stderr).toMatch(/left out big@1\.0\.3: .*created_at: must be an ISO 8601 UTC time/);
    expect(big.stderr).toMatch(/left out big@1\.0\.7: .*not valid JSON/);
    expect(big.stderr).toMatch(/left out big@1\.1\.1: .*metrics\.auc: /);
    expect(bigWarnings).toEqual(shared(small.stderr, "small"));
    expect(shared(big.stdout, "big")).toEqual(shared(small.stdout, "small"));
    expect(big.stdout.split("\n").filter((l) => /^1\./.test(l)).length).toBe(BIG - Math.floor(BIG / 4));
  });

  it("gives the same JSON: summaries, candidates with their values, reasons for rejecting", async () => {
    for (const args of [
      ["list", "--json"],
      ["select", "--json", "--where", "tags.order<12"],
    ]) {
      const [big, small] = await Promise.all(
        ["big", "small"].map((model) => cli(repo, [args[0]!, model, ...args.slice(1)])),
      );
      expect(big!.code, big!.stderr).toBe(small!.code);
      const parse = (text: string, model: string) => JSON.parse(text.replaceAll(model, "MODEL"));
      const bigValue = parse(big!.stdout, "big");
      const smallValue = parse(small!.stdout, "small");
      if (args[0] === "list") {
        const isShared = (v: { version: string }) =>
          smallValue.some((s: { version: string }) => s.version === v.version);
        expect(JSON.stringify(bigValue.filter(isShared))).toBe(JSON.stringify(smallValue));
      } else {
        const sharedRejections = (v: { rejected: { version: string }[] }) =>
          v.rejected.filter((r) =>
            smallValue.rejected.some((s: { version: string }) => s.version === r.version),
          );
        expect(JSON.stringify(bigValue.candidates)).toBe(JSON.stringify(smallValue.candidates));
        expect(sharedRejections(bigValue)).toEqual(smallValue.rejected);
        expect(bigValue.winner).toBe(smallValue.winner);
      }
    }
  });
});
