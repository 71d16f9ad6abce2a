import { usage } from "../../domain/errors.js";
import type { Registry } from "./registry.js";

/** The branch a --push pushes (the current one), after checking that the remote exists. */
export async function pushTarget(registry: Registry, remote: string): Promise<string> {
  const [r, branch] = await Promise.all([
    registry.git.run(["remote", "get-url", "--", remote], { allowFailure: true }),
    registry.git.currentBranch(),
  ]);
  if (r.code !== 0)
    throw usage(`no remote named ${remote}`, { hint: "add one with git remote add, or pass --remote" });
  if (!branch) throw usage("--push needs a branch to push; HEAD is detached");
  return branch;
}
