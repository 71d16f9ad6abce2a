import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const BENCH = join(import.meta.dirname, "..", "..", "bench", "run.mjs");
const bench = (args: string[]) => spawnSync(process.execPath, [BENCH, ...args], { encoding: "utf8" });

/** `npm run bench -- --help` says the options; a wrong one is refused in a line, before any work. */
describe("bench options", () => {
  it("lists every option it takes with --help", () => {
    const r = bench(["--help"]);
    expect(r.status).toBe(0);
    for (const option of ["--sizes", "--runs", "--row-seconds", "--only", "--json", "--access", "--help"])
      expect(r.stdout).toContain(option);
  });

  it("refuses an unknown option with exit 2 and one line naming it", () => {
    const r = bench(["--size", "100000"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringContaining("'--size'")]);
  });
});
