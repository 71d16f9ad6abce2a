import { cli, git, newRepo, runFolder } from "../helpers/repo.js";

/**
 * A small registry with everything the report shows: two models, stage moves (one through a
 * pull request, one rolled back), lineage, and monitoring runs with challenger wins. Built with
 * the real CLI, as a user builds one.
 */

export const CONFIG = `models:
  churn:
    select:
      rank: { metric: metrics.val_rmse, goal: min }
    monitor: { metric: rmse, baseline: metrics.val_rmse, drift_warn_pct: 5, drift_retrain_pct: 10 }
`;

export const MARKUP = '<img src=x onerror="document.title=1"><b>bold</b>';

/** The runs of churn: val_rmse falls, so 1.0.3 is the best. */
export const CHURN = [
  { version: "1.0.0", rmse: 0.0121, mae: 0.0071 },
  { version: "1.0.1", rmse: 0.0114, mae: 0.0068 },
  { version: "1.0.2", rmse: 0.0109, mae: 0.0066 },
  { version: "1.0.3", rmse: 0.0104, mae: 0.0069 },
];

async function run(repo: string, args: string[]): Promise<string> {
  const r = await cli(repo, args);
  if (r.code !== 0) throw new Error(`git model ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

export async function reportFixture(): Promise<string> {
  const repo = await newRepo({ config: CONFIG });
  for (const [i, v] of CHURN.entries()) {
    const dir = runFolder({
      "model.pkl": 2048 + i,
      "metadata.json": JSON.stringify({ description: `depth ${4 + i}` }),
    });
    await run(repo, [
      "register",
      "churn",
      dir,
      "--metric",
      `val_rmse=${v.rmse}`,
      "--metric",
      `val_mae=${v.mae}`,
      "--param",
      `max_depth=${4 + i}`,
      "--tag",
      `note=${MARKUP}`,
      ...(i > 0 ? ["--base", `churn@${CHURN[i - 1]!.version}`, "--enhancement", "continued"] : []),
    ]);
  }
  for (const [i, auc] of [0.91, 0.93].entries()) {
    await run(repo, ["register", "fraud", runFolder({ "model.onnx": 1000 + i }), "--metric", `auc=${auc}`]);
  }
  await run(repo, ["promote", "churn@1.0.1", "staging", "--reason", "passed offline evaluation"]);
  await run(repo, ["promote", "churn@1.0.1", "production", "--reason", "canary looked good"]);
  await run(repo, ["promote", "churn@1.0.2", "staging", "--reason", "better val_rmse"]);
  // A promotion merged as a squashed pull request: its subject carries the number.
  await run(repo, ["promote", "churn@1.0.2", "production", "--reason", "beats 1.0.1 by 4.4%"]);
  const message = await git(repo, ["log", "-1", "--format=%B"]);
  const [subject, ...rest] = message.split("\n");
  await git(repo, ["commit", "-q", "--amend", "-m", [`${subject} (#12)`, ...rest].join("\n")]);
  // Text from users is text: a reason and a tag written as markup must not become markup.
  await run(repo, ["promote", "churn@1.0.3", "staging", "--reason", MARKUP]);
  await run(repo, ["promote", "fraud@1.0.1", "staging", "--reason", "auc 0.93"]);
  for (const value of ["0.0112", "0.0119"])
    await run(repo, ["monitor", "churn", "--version", "1.0.2", "--value", value]);
  for (const value of ["0.0111", "0.0112", "0.0113"]) {
    await run(repo, [
      "monitor",
      "churn",
      "--version",
      "1.0.2",
      "--value",
      value,
      "--challenger",
      "1.0.3",
      "--challenger-value",
      "0.0105",
    ]);
  }
  return repo;
}
