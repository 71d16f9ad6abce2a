import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateRegistry } from "../../bench/generate.mjs";
import { cli, git, tempDir } from "../helpers/repo.js";

/**
 * The benchmark's synthetic registries must stay registries: if the format moves on and the
 * generator does not, the bench would time error paths. No timing is asserted here.
 */
describe("bench generator", () => {
  it("writes a registry that validate accepts and list shows, with tags and stage history", async () => {
    const repo = join(tempDir("gm-bench-"), "repo");
    const summary = await generateRegistry(repo, { models: 3, versionsPerModel: 4 });
    expect(summary.models.map((m) => m.name)).toHaveLength(3);

    const validate = await cli(repo, ["validate"]);
    expect(validate.stderr).toBe("");
    expect(validate.stdout).toContain("ok: 3 model(s), 12 version(s) checked");
    expect(validate.code).toBe(0);

    const list = await cli(repo, ["list", "--json"]);
    expect(list.code).toBe(0);
    const models = JSON.parse(list.stdout) as {
      model: string;
      versions: number;
      stages: Record<string, unknown>;
    }[];
    expect(models.map((m) => [m.model, m.versions])).toEqual(summary.models.map((m) => [m.name, 4]));
    for (const m of models) expect(m.stages.production).toBeDefined();

    const doctor = await cli(repo, ["doctor"]);
    expect(doctor.code).toBe(0);

    // One annotated registration tag per version, stage tags, and the work tree as committed.
    const tags = (await git(repo, ["for-each-ref", "--format=%(objecttype) %(refname:strip=2)", "refs/tags"]))
      .trim()
      .split("\n");
    expect(tags.filter((t) => /^tag [^#]+@v/.test(t))).toHaveLength(12);
    expect(tags.some((t) => /^tag [^@]+#production#\d+$/.test(t))).toBe(true);
    expect(await git(repo, ["status", "--porcelain"])).toBe("");
    const pointer = await git(repo, ["show", `HEAD:models/${summary.models[0]!.name}/1.0.0/model.pkl`]);
    expect(pointer).toMatch(
      /^version https:\/\/git-lfs\.github\.com\/spec\/v1\noid sha256:[0-9a-f]{64}\nsize \d+\n$/,
    );
  });
});
