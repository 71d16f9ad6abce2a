import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, cloneOf, expectCliError, git, remoteAndClone, smallRun, tempDir } from "../helpers/repo.js";

/**
 * A git failure a user can hit says what git said (its own line, trimmed) and what to do about
 * it, whatever the command (src/infra/git.ts's error path).
 */

// Small text files stay out of LFS: the failures below are git's own.
const run = smallRun;

describe("git's reason and a way out", () => {
  it("register --push --retry: a local tag the fetch would clobber is named, with how to fix it", async () => {
    const { url, clone: a } = await remoteAndClone();
    const b = await cloneOf(url);
    // b registers 1.0.0 without pushing; a registers and pushes its own 1.0.0.
    expect((await cli(b, ["register", "churn", run(1)])).code).toBe(0);
    expect((await cli(a, ["register", "churn", run(2), "--push"])).code).toBe(0);
    const r = await cli(b, ["register", "churn", run(3), "--push", "--retry"]);
    expectCliError(r, 2, [
      "git fetch failed: ! [rejected]",
      "churn@v1.0.0 -> churn@v1.0.0 (would clobber existing tag)",
      "hint: your tag churn@v1.0.0 differs from the remote's",
      "git tag -d churn@v1.0.0",
    ]);
    expect(r.stderr).not.toContain("exit code 1");
  });

  it("a push the remote's hook refuses: the remote's reason, not 'exit code'", async () => {
    const { bare, clone } = await remoteAndClone();
    const hook = join(bare, "hooks", "pre-receive");
    writeFileSync(hook, "#!/bin/sh\necho 'registry is frozen for the release' >&2\nexit 1\n");
    chmodSync(hook, 0o755);
    const r = await cli(clone, ["register", "churn", run(1), "--push"]);
    expectCliError(r, 2, [
      "push to origin failed, so the registration was undone",
      "pre-receive hook declined",
      "hint: the remote refused the change",
    ]);
    expect(await git(clone, ["tag", "--list"])).toBe("");
  });

  it("an unreachable remote: git's line and where to look, before anything is written", async () => {
    const { clone } = await remoteAndClone();
    await git(clone, ["remote", "set-url", "origin", join(tempDir(), "gone.git")]);
    const head = await git(clone, ["rev-parse", "HEAD"]);
    for (const args of [
      ["register", "churn", run(1), "--push"],
      ["register", "churn", run(1), "--push", "--retry"],
    ]) {
      const r = await cli(clone, args);
      expectCliError(r, 2, [
        "git ls-remote failed: fatal:",
        "does not appear to be a git repository",
        "hint: check the remote's address (git remote -v)",
      ]);
      expect(await git(clone, ["rev-parse", "HEAD"])).toBe(head);
      expect(await git(clone, ["status", "--porcelain", "--untracked-files=all"])).toBe("");
    }
  });
});
