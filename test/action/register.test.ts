import { chmodSync, cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { churnRepo, everythingShown, pullRequestEvent, runAction } from "../helpers/action.js";
import { gtoReading } from "../helpers/gto.js";
import { gitHttpForFile } from "../helpers/http-remote.js";
import { cleanEnv, cli, git, smallRun, tempDir } from "../helpers/repo.js";

/**
 * The Action's register, end to end: the built dist/action.js on a push to the default branch,
 * in a clone of a remote served over HTTP, tagging what landed without tags.
 */

const TOKEN = "ghs_write_token_that_must_never_be_printed";
const TAGGED = "git-model/tagged";

const http = gitHttpForFile();

/** A remote whose main holds two versions and three stage moves, none of them tagged (made once, copied). */
let template: string;
beforeAll(async () => {
  template = join(tempDir("gm-template-"), "template.git");
  await git(http.projects, ["init", "-q", "--bare", "-b", "main", template]);
  const repo = await churnRepo({ tag: false });
  await git(repo, ["remote", "add", "origin", `file://${template}`]);
  await git(repo, ["push", "-q", "origin", "main"]);
});

async function untaggedRemote(name: string) {
  const bare = join(http.projects, `${name}.git`);
  cpSync(template, bare, { recursive: true });
  return { bare, url: `${http.url}/${name}.git` };
}

async function checkout(url: string): Promise<string> {
  const dir = join(tempDir("gm-ws-"), "ws");
  await git(tempDir(), ["clone", "-q", url, dir], cleanEnv({ GIT_LFS_SKIP_SMUDGE: "1" }));
  return dir;
}

const PUSH = { ref: "refs/heads/main", repository: { full_name: "acme/models", default_branch: "main" } };

const register = (workspace: string, eventName = "push", event: Record<string, unknown> = PUSH) =>
  runAction({ workspace, inputs: { command: "register", token: TOKEN }, eventName, event });

const tagsOf = async (bare: string) =>
  (await git(bare, ["for-each-ref", "--format=%(refname:strip=2) %(objecttype)", "refs/tags"]))
    .split("\n")
    .filter(Boolean)
    .sort();

describe("register on push to the default branch", () => {
  it("tags every version and stage change in one push; a second run does nothing", async () => {
    const { bare, url } = await untaggedRemote("once");
    const pushesBefore = http.requests.filter((r) => r.endsWith("/once.git/git-receive-pack")).length;
    const r = await register(await checkout(url));
    expect(r.stderr).toBe("");
    expect(r.code, r.stdout).toBe(0);
    const registered = JSON.parse(r.outputs.registered!);
    expect(registered.map((t: { tag: string }) => t.tag)).toEqual(["churn@v1.0.0", "churn@v1.0.1"]);
    const stageChanges = JSON.parse(r.outputs["stage-changes"]!);
    expect(
      stageChanges.map(
        (t: { stage: string; version: string; event: string }) => `${t.version} ${t.event} ${t.stage}`,
      ),
    ).toEqual([
      "1.0.0 assignment staging",
      "1.0.0 unassignment staging",
      "1.0.0 assignment production",
      "1.0.1 assignment staging",
    ]);
    // GTO, reading the remote's tags, finds what stages.json says.
    const gto = await gtoReading(bare, "churn");
    expect(Object.fromEntries([...gto].map(([stage, held]) => [stage, held.map((h) => h.version)]))).toEqual({
      production: ["1.0.0"],
      staging: ["1.0.1"],
    });
    expect(await tagsOf(bare)).toEqual(
      [...registered, ...stageChanges].map((t: { tag: string }) => `${t.tag} tag`).sort(),
    );
    // The tags point at the registration commits.
    for (const t of [...registered, ...stageChanges])
      expect((await git(bare, ["rev-parse", `${t.tag}^{commit}`])).trim()).toBe(t.commit);
    // One push for all of them.
    expect(http.requests.filter((q) => q.endsWith("/once.git/git-receive-pack")).length - pushesBefore).toBe(
      1,
    );
    expect(r.summary).toContain("Pushed 2 registration tag(s) and 4 stage tag(s) in one push.");
    expect(everythingShown(r)).not.toContain(TOKEN);

    const again = await register(await checkout(url));
    expect(again.code, again.stdout).toBe(0);
    expect(again.outputs).toMatchObject({ registered: "[]", "stage-changes": "[]" });
    expect(again.summary).toContain("nothing to do");
    expect(await tagsOf(bare)).toHaveLength(6);
  });

  it("two runs at once both succeed and tag each change once", async () => {
    const { bare, url } = await untaggedRemote("race");
    // Both read the remote's tags before either push lands, and their tag objects differ (two
    // taggers): one push is refused, and that run plans again from the remote's tags.
    const hook = join(bare, "hooks", "pre-receive");
    writeFileSync(hook, "#!/bin/sh\nsleep 1\n");
    chmodSync(hook, 0o755);
    const [a, b] = await Promise.all([checkout(url), checkout(url)]);
    const runs = await Promise.all(
      [a!, b!].map((workspace, i) =>
        runAction({
          workspace,
          inputs: { command: "register", token: TOKEN },
          eventName: "push",
          event: PUSH,
          env: { GIT_COMMITTER_NAME: `runner ${i}` },
        }),
      ),
    );
    for (const r of runs) expect(r.code, r.stdout).toBe(0);
    const reported = runs.map((r) =>
      [...JSON.parse(r.outputs.registered!), ...JSON.parse(r.outputs["stage-changes"]!)].map(
        (t: { tag: string }) => t.tag,
      ),
    );
    expect(await tagsOf(bare)).toHaveLength(6);
    // The winner reports the six tags; the loser found nothing left.
    expect(reported.map((r) => r.length).sort()).toEqual([0, 6]);
    const taggers = await git(bare, ["for-each-ref", "--format=%(taggername)", "refs/tags"]);
    expect(new Set(taggers.split("\n").filter(Boolean)).size).toBe(1);
  });

  it("does nothing on a push to another branch", async () => {
    const { bare, url } = await untaggedRemote("other");
    const r = await register(await checkout(url), "push", { ...PUSH, ref: "refs/heads/feature" });
    expect(r.code).toBe(0);
    expect(r.summary).toContain("`feature` is not the default branch");
    expect(await tagsOf(bare)).toEqual([]);
  });

  it("never pushes for a pull request, from a fork or not", async () => {
    const { bare, url } = await untaggedRemote("fork");
    const ws = await checkout(url);
    const head = (await git(ws, ["rev-parse", "HEAD"])).trim();
    for (const headRepo of ["someone/models", "acme/models"]) {
      const r = await register(ws, "pull_request", pullRequestEvent({ base: head, head, headRepo }));
      expect(r.code).toBe(1);
      expect(r.stdout).toContain("::error::register never runs on pull_request");
      expect(everythingShown(r)).not.toContain(TOKEN);
    }
    expect(await tagsOf(bare)).toEqual([]);
  });

  it("fails with git's own reason when the remote's tags cannot be read", async () => {
    const { url } = await untaggedRemote("unreachable");
    const ws = await checkout(url);
    await git(ws, ["remote", "set-url", "origin", `file://${join(tempDir(), "gone.git")}`]);
    const r = await register(ws);
    expect(r.code).toBe(1);
    // git's fatal line, not the last line of its advice ("and the repository exists.").
    expect(r.stdout).toMatch(/::error::could not read the tags of origin: fatal: /);
    expect(await git(ws, ["tag", "-l"])).toBe("");
  });

  it("pushes the tags alone when a rule refuses its tagged branch", async () => {
    const { bare, url } = await untaggedRemote("protected");
    // A protection rule on branches: every ref update under refs/heads is refused.
    const hook = join(bare, "hooks", "pre-receive");
    writeFileSync(
      hook,
      '#!/bin/sh\nwhile read old new ref; do case "$ref" in refs/heads/*) echo "$ref is protected" >&2; exit 1;; esac; done\n',
    );
    chmodSync(hook, 0o755);
    const r = await register(await checkout(url));
    expect(r.code, r.stdout).toBe(0);
    expect(JSON.parse(r.outputs.registered!)).toHaveLength(2);
    expect(await tagsOf(bare)).toHaveLength(6);
    expect(await git(bare, ["branch", "--list", TAGGED])).toBe("");
    // Without the branch, the next push's run plans from the push's range, and finds nothing.
    const again = await register(await checkout(url));
    expect(again.code, again.stdout).toBe(0);
    expect(again.outputs).toMatchObject({ registered: "[]", "stage-changes": "[]" });
  });

  it("fails clearly when the remote refuses the push, and leaves no tags behind", async () => {
    const { bare, url } = await untaggedRemote("refusing");
    const ws = await checkout(url);
    // A hook that refuses every tag: a protection rule, not a race.
    const hook = join(bare, "hooks", "pre-receive");
    writeFileSync(hook, "#!/bin/sh\necho 'tags are protected' >&2\nexit 1\n");
    chmodSync(hook, 0o755);
    const r = await register(ws);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error::could not push 6 tag\(s\) to origin/);
    expect(await tagsOf(bare)).toEqual([]);
    expect(await git(ws, ["tag", "-l"])).toBe("");
  });
});

/**
 * On a push, register plans what the push's range (`before`..HEAD) changed, plus the registration
 * tags an earlier failed run left anywhere (docs/decisions/action.md); a manual run plans everything.
 */
describe("register with the push's range", () => {
  /** A remote whose every version and stage change is tagged (a first register ran). */
  async function taggedRemote(name: string) {
    const remote = await untaggedRemote(name);
    const first = await register(await checkout(remote.url));
    expect(first.code, first.stdout).toBe(0);
    expect(await tagsOf(remote.bare)).toHaveLength(6);
    return remote;
  }

  /** Commits made by `change` in a checkout, pushed to main without any tag: the push's range. */
  async function pushed(remote: { bare: string; url: string }, change: (ws: string) => Promise<void>) {
    const ws = await checkout(remote.url);
    const before = (await git(ws, ["rev-parse", "HEAD"])).trim();
    await change(ws);
    await git(ws, ["push", "-q", "--no-verify", `file://${remote.bare}`, "HEAD:main"]);
    return { ...PUSH, before, after: (await git(ws, ["rev-parse", "HEAD"])).trim() };
  }

  const ok = async (ws: string, args: string[]) => {
    const r = await cli(ws, args);
    expect(r.code, r.stderr).toBe(0);
  };
  const tagNames = (r: { outputs: Record<string, string> }, output: string) =>
    JSON.parse(r.outputs[output]!)
      .map((t: { tag: string }) => t.tag)
      .sort();

  it("tags the range's new version and what an earlier failed run left, stage moves too (the tagged branch is where it was)", async () => {
    const remote = await taggedRemote("range");
    // An earlier push whose register failed: fraud@1.0.0 registered and promoted, nothing tagged.
    await pushed(remote, async (ws) => {
      await ok(ws, ["register", "fraud", smallRun(1), "--no-tag"]);
      await ok(ws, ["promote", "fraud@1.0.0", "staging"]);
    });
    const push = await pushed(remote, (ws) => ok(ws, ["register", "churn", smallRun(2), "--no-tag"]));

    const r = await register(await checkout(remote.url), "push", push);
    expect(r.code, r.stdout).toBe(0);
    expect(tagNames(r, "registered")).toEqual(["churn@v1.0.2", "fraud@v1.0.0"]);
    expect(tagNames(r, "stage-changes")).toEqual(["fraud#staging#1"]);
    // Each points at the commit that added the version.
    for (const t of JSON.parse(r.outputs.registered!)) {
      const [model, version] = [t.model as string, t.version as string];
      const added = await git(remote.bare, [
        "log",
        "--diff-filter=A",
        "--format=%H",
        "main",
        "--",
        `models/${model}/${version}/metadata.json`,
      ]);
      expect((await git(remote.bare, ["rev-parse", `${t.tag}^{commit}`])).trim()).toBe(added.trim());
    }

    const again = await register(await checkout(remote.url), "push", push);
    expect(again.code, again.stdout).toBe(0);
    expect(again.outputs).toMatchObject({ registered: "[]", "stage-changes": "[]" });

    // A manual run plans from the tagged branch too: nothing left.
    const manual = await register(await checkout(remote.url), "workflow_dispatch", {
      repository: PUSH.repository,
    });
    expect(manual.code, manual.stdout).toBe(0);
    expect(tagNames(manual, "registered")).toEqual([]);
    expect(tagNames(manual, "stage-changes")).toEqual([]);
  });

  it("tags the stage moves of the range as doctor --fix would, once, when two runs race", async () => {
    const remote = await taggedRemote("range-race");
    const push = await pushed(remote, async (ws) => {
      await ok(ws, ["promote", "churn@1.0.1", "production"]);
      await ok(ws, ["register", "churn", smallRun(3), "--no-tag"]);
      await ok(ws, ["promote", "churn@1.0.2", "staging"]);
    });
    // What the whole plan (doctor, in a checkout of the same commit) says is missing.
    const doctor = await cli(await checkout(remote.url), ["doctor", "--json"]);
    const missing = JSON.parse(doctor.stdout)
      .disagreements.filter((d: { kind: string }) => d.kind.startsWith("missing-"))
      .map((d: { tag: string }) => d.tag)
      .sort();
    expect(missing.length).toBeGreaterThan(2);

    const hook = join(remote.bare, "hooks", "pre-receive");
    writeFileSync(hook, "#!/bin/sh\nsleep 1\n");
    chmodSync(hook, 0o755);
    const workspaces = await Promise.all([checkout(remote.url), checkout(remote.url)]);
    const runs = await Promise.all(
      workspaces.map((workspace, i) =>
        runAction({
          workspace,
          inputs: { command: "register", token: TOKEN },
          eventName: "push",
          event: push,
          env: { GIT_COMMITTER_NAME: `runner ${i}` },
        }),
      ),
    );
    for (const r of runs) expect(r.code, r.stdout).toBe(0);
    const reported = runs.map((r) => [...tagNames(r, "registered"), ...tagNames(r, "stage-changes")].sort());
    expect(reported.map((r) => r.length).sort()).toEqual([0, missing.length]);
    expect(reported.find((r) => r.length)).toEqual(missing);
    expect(await tagsOf(remote.bare)).toHaveLength(6 + missing.length);
  });

  it("a checkout made before another run pushed the tags finds, on the push's refusal, nothing left", async () => {
    const remote = await taggedRemote("range-stale");
    const push = await pushed(remote, (ws) => ok(ws, ["register", "churn", smallRun(4), "--no-tag"]));
    const stale = await checkout(remote.url);
    const first = await register(await checkout(remote.url), "push", push);
    expect(tagNames(first, "registered")).toEqual(["churn@v1.0.2"]);
    const late = await register(stale, "push", push);
    expect(late.code, late.stdout).toBe(0);
    expect(late.outputs).toMatchObject({ registered: "[]", "stage-changes": "[]" });
    // The remote's tag is the first run's, and the late checkout now has it too.
    const remoteTag = (await git(remote.bare, ["rev-parse", "churn@v1.0.2"])).trim();
    expect((await git(stale, ["rev-parse", "churn@v1.0.2"])).trim()).toBe(remoteTag);
  });

  it("with the tagged branch at HEAD, a push's run reads no tag, no tree and pushes nothing", async () => {
    const remote = await taggedRemote("covered");
    const push = await pushed(remote, (ws) => ok(ws, ["register", "churn", smallRun(5), "--no-tag"]));
    const first = await register(await checkout(remote.url), "push", push);
    expect(tagNames(first, "registered")).toEqual(["churn@v1.0.2"]);
    expect((await git(remote.bare, ["rev-parse", `refs/heads/${TAGGED}`])).trim()).toBe(push.after);

    const trace = join(tempDir("gm-trace-"), "events.json");
    const again = await runAction({
      workspace: await checkout(remote.url),
      inputs: { command: "register", token: TOKEN },
      eventName: "push",
      event: push,
      env: { GIT_TRACE2_EVENT: trace },
    });
    expect(again.code, again.stdout).toBe(0);
    expect(again.outputs).toMatchObject({ registered: "[]", "stage-changes": "[]" });
    const commands = readFileSync(trace, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .filter((e) => e.event === "start")
      .map((e) => e.argv[1]);
    expect(commands.length).toBeGreaterThan(0);
    for (const reads of ["for-each-ref", "cat-file", "ls-tree", "diff-tree", "log", "fetch", "push"])
      expect(commands).not.toContain(reads);
  });

  for (const landed of [true, false]) {
    it(`a run killed mid-push (the remote ${landed ? "took" : "refused"} it) is finished by the next run in the same clone`, async () => {
      const remote = await taggedRemote(`killed-${landed}`);
      const push = await pushed(remote, async (ws) => {
        await ok(ws, ["register", "churn", smallRun(6), "--no-tag"]);
        await ok(ws, ["promote", "churn@1.0.1", "production"]);
      });
      const ws = await checkout(remote.url);
      const doctor = await cli(await checkout(remote.url), ["doctor", "--json"]);
      const missing = JSON.parse(doctor.stdout)
        .disagreements.filter((d: { kind: string }) => d.kind.startsWith("missing-"))
        .map((d: { tag: string }) => d.tag)
        .sort();
      expect(missing).toContain("churn@v1.0.2");
      const started = join(tempDir("gm-hook-"), "started");
      const hook = join(remote.bare, "hooks", "pre-receive");
      writeFileSync(hook, `#!/bin/sh\ntouch '${started}'\nsleep 2\nexit ${landed ? 0 : 1}\n`);
      chmodSync(hook, 0o755);
      const killed = await runAction({
        workspace: ws,
        inputs: { command: "register", token: TOKEN },
        eventName: "push",
        event: push,
        killWhenExists: started,
      });
      expect(killed.code).toBe(-1);
      // The hook finishes on its own: the remote took every tag and the branch, or nothing.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const tagsThen = await tagsOf(remote.bare);
      expect(tagsThen).toHaveLength(6 + (landed ? missing.length : 0));
      chmodSync(hook, 0o644);

      const rerun = await register(ws, "push", push);
      expect(rerun.code, rerun.stdout).toBe(0);
      const names = [...tagNames(rerun, "registered"), ...tagNames(rerun, "stage-changes")].sort();
      expect(names).toEqual(landed ? [] : missing);
      expect(await tagsOf(remote.bare)).toHaveLength(6 + missing.length);
      expect((await git(remote.bare, ["rev-parse", `refs/heads/${TAGGED}`])).trim()).toBe(push.after);
      // GTO, reading the remote, finds what stages.json says.
      const gto = await gtoReading(remote.bare, "churn");
      expect(gto.get("production")?.map((h) => h.version)).toEqual(["1.0.1"]);
    });
  }

  it("plans everything when the commit before the push is not in the clone", async () => {
    const { bare, url } = await untaggedRemote("range-unknown");
    const r = await register(await checkout(url), "push", { ...PUSH, before: "f".repeat(40) });
    expect(r.code, r.stdout).toBe(0);
    expect(tagNames(r, "registered")).toEqual(["churn@v1.0.0", "churn@v1.0.1"]);
    expect(JSON.parse(r.outputs["stage-changes"]!)).toHaveLength(4);
    expect(await tagsOf(bare)).toHaveLength(6);
  });
});
