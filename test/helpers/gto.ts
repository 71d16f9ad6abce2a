import { readGtoStages } from "../../src/domain/gto.js";
import { git } from "./repo.js";

/** What GTO reads of a model from a repository's tags: every tag from one for-each-ref, through the GTO reader. */
export async function gtoReading(repo: string, model: string) {
  const out = await git(repo, [
    "for-each-ref",
    "--format=%(refname:strip=2)%00%(objecttype)%00%(*objectname)%00%(taggerdate:unix)",
    "refs/tags",
  ]);
  const tags = out
    .split("\n")
    .filter(Boolean)
    .map((l) => l.split("\0"))
    .filter(([, type]) => type === "tag")
    .map(([name = "", , commit = "", time = ""]) => ({ name, commit, time: Number(time) }));
  return readGtoStages(model, tags);
}
