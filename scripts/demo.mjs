// `npm run demo`: a tour of git-model in a temporary repository with a local bare remote.
// It runs the built CLI exactly as a user would and prints each command with its output.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const cliPath = new URL("../dist/cli.js", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "git-model-demo-"));
const remote = join(work, "registry.git");
const repo = join(work, "ml-project");
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: "Ada Trainer",
  GIT_AUTHOR_EMAIL: "ada@example.com",
  GIT_COMMITTER_NAME: "Ada Trainer",
  GIT_COMMITTER_EMAIL: "ada@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
  HOME: work,
};
const bold = (s) => (process.stdout.isTTY && !("NO_COLOR" in process.env) ? `\u001b[1m${s}\u001b[0m` : s);

function section(title) {
  console.log(`\n${bold(`== ${title} ==`)}`);
}

function sh(cmd, args, cwd = repo) {
  return execFileSync(cmd, args, { cwd, env, encoding: "utf8" });
}

/** Runs `git model <args>`, prints it like a terminal session, and fails the demo on an unexpected exit code. */
function gm(args, { expect = 0, quiet = false } = {}) {
  console.log(`\n$ git model ${args.map((a) => (/[\s#*]/.test(a) ? JSON.stringify(a) : a)).join(" ")}`);
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd: repo, env, encoding: "utf8" });
  if (!quiet) process.stdout.write(r.stdout);
  process.stdout.write(r.stderr);
  if (r.status !== expect) {
    console.error(`demo failed: expected exit code ${expect}, got ${r.status}`);
    process.exit(1);
  }
  return r.stdout;
}

function trainingRun(name, files) {
  const dir = join(work, "runs", name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
  return dir;
}

try {
  section("A repository with a bare remote, and a registry in it");
  sh("git", ["init", "-q", "--bare", "-b", "main", remote], work);
  sh("git", ["init", "-q", "-b", "main", repo], work);
  sh("git", ["lfs", "install", "--local"]);
  sh("git", ["remote", "add", "origin", remote]);
  writeFileSync(
    join(repo, ".gitmodel.yaml"),
    `versioning: semver
models:
  churn:
    select:
      rank: { metric: metrics.val_rmse, goal: min }
    promote: { to: production, from: staging, min_improvement_pct: 1 }
    monitor: { metric: rmse, baseline: metrics.val_rmse, drift_warn_pct: 5, drift_retrain_pct: 10 }
`,
  );
  sh("git", ["add", "-A"]);
  sh("git", ["commit", "-q", "-m", "configure the registry"]);
  gm(["init"]);

  section("Three training runs registered from CI (commit + tag + LFS, pushed)");
  const runs = [
    { rmse: 0.0121, mae: 0.0071, depth: 4 },
    { rmse: 0.0114, mae: 0.0068, depth: 6 },
    { rmse: 0.0109, mae: 0.0066, depth: 8 },
  ];
  runs.forEach((run, i) => {
    const dir = trainingRun(`run-${i + 1}`, {
      "model.pkl": Buffer.alloc(200_000 + i, i + 1),
      "scaler.pkl": Buffer.alloc(20_000, 7),
      "metadata.json": JSON.stringify({
        description: `XGBoost, depth ${run.depth}`,
        training: { samples: 3566 + i * 100 },
      }),
    });
    gm([
      "register",
      "churn",
      dir,
      "--metric",
      `val_rmse=${run.rmse}`,
      "--metric",
      `val_mae=${run.mae}`,
      "--param",
      `max_depth=${run.depth}`,
      "--tag",
      "timeframe=1H",
      ...(i > 0 ? ["--base", `churn@1.0.${i - 1}`, "--enhancement", "continued"] : []),
      "--push",
    ]);
  });
  console.log(`\n$ git tag\n${sh("git", ["tag"])}`);
  console.log(`$ git lfs ls-files\n${sh("git", ["lfs", "ls-files"])}`);

  section("What is registered");
  gm(["list"]);
  gm(["list", "churn"]);
  gm(["show", "churn@latest"]);

  section("Selection explains itself");
  gm(["select", "churn"]);

  section("Promotion through the lifecycle, with reasons recorded as trailers");
  gm(["promote", "churn@1.0.1", "staging", "--reason", "passed offline evaluation"]);
  gm(["promote", "churn@1.0.1", "production", "--reason", "canary looked good"]);
  gm(["promote", "churn@1.0.2", "staging", "--reason", "better val_rmse"]);
  gm(["promote", "churn@1.0.2", "production", "--dry-run"]);
  gm(["promote", "churn@1.0.2", "production", "--reason", "beats 1.0.1 by 4.4% val_rmse"]);
  gm(["path", "churn#production"]);
  gm(["history", "churn"]);

  section("On-call rolls back with plain git revert; validate accepts it as a rollback");
  console.log(`\n$ git revert --no-edit HEAD\n${sh("git", ["revert", "--no-edit", "HEAD"])}`);
  gm(["validate", "--base", "HEAD~1"]);
  gm(["show", "churn#production"]);
  gm(["history", "churn", "--stage", "production"]);

  section("Monitoring: drift and champion/challenger");
  gm(["monitor", "churn", "--version", "1.0.1", "--value", "0.0116"]);
  gm(["status", "churn"]);
  gm(["monitor", "churn", "--version", "1.0.1", "--value", "0.0143"]);
  gm(["status", "churn"]);
  for (const value of ["0.0118", "0.0117", "0.0119"]) {
    gm(
      [
        "monitor",
        "churn",
        "--version",
        "1.0.1",
        "--value",
        value,
        "--challenger",
        "1.0.2",
        "--challenger-value",
        "0.0110",
      ],
      { quiet: true },
    );
  }
  gm(["status", "churn"]);

  section("The whole registry validates");
  gm(["validate"]);
  console.log(
    "\n# Stage changes get GTO stage tags when they land (the Action does it on merge; doctor --fix here).",
  );
  gm(["doctor", "--fix"]);
  gm(["doctor"]);

  section("The registry as a web page: overview, versions, charts, stage timeline, monitoring, lineage");
  // Kept after the tour (the repository is not): open it in a browser, no server needed.
  const reportDir = process.env.GIT_MODEL_DEMO_REPORT || join(tmpdir(), "git-model-demo-report");
  gm(["report", "--out", reportDir]);
  console.log(`\nThe demo repository is ${repo} (removed at exit; set KEEP_DEMO=1 to keep it).`);
  console.log(`The report is ${join(reportDir, "index.html")}: open file://${join(reportDir, "index.html")}`);
} finally {
  if (!process.env.KEEP_DEMO) rmSync(work, { recursive: true, force: true });
}
