import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, git, newRepo, runFolder } from "../helpers/repo.js";

/** A registry root deeper than one folder (`root: ml/registry/models`) is checked as `models/` is. */
describe("validate with a nested root", () => {
  it("reports the versions added since the base, and an uncommitted edit of a registered one", async () => {
    const repo = await newRepo({ config: "root: ml/registry/models\n" });
    const reg = (n: string) =>
      cli(repo, ["register", "churn", runFolder({ "model.pkl": `w${n}` }), "--metric", `val_rmse=0.0${n}`]);
    expect((await reg("12")).code).toBe(0);
    const base = (await git(repo, ["rev-parse", "HEAD"])).trim();
    expect((await reg("11")).code).toBe(0);
    const r = await cli(repo, ["validate", "--base", base, "--json"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).added).toEqual([{ model: "churn", version: "1.0.1" }]);

    appendFileSync(join(repo, "ml/registry/models/churn/1.0.1/model.pkl"), "tampered");
    const edited = await cli(repo, ["validate", "--base", base, "--json"]);
    expect(edited.code).toBe(1);
    expect(JSON.parse(edited.stdout).problems.map((p: { file: string }) => p.file)).toContain(
      "ml/registry/models/churn/1.0.1/model.pkl",
    );
    // The whole registry: the edit is named as one of a registered, so immutable, version.
    const whole = await cli(repo, ["validate", "--json"]);
    expect(whole.code).toBe(1);
    expect(
      JSON.parse(whole.stdout)
        .problems.map((p: { message: string }) => p.message)
        .join("\n"),
    ).toContain("edited after registration");
  });
});
