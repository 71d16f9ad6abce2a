import { CONFIGURATION_DOCS, parseConfig } from "../../domain/config.js";
import { usage } from "../../domain/errors.js";
import { CONFIG_FILE, normalizeRoot, rootProblem } from "../../domain/registry-config.js";
import { readTextIfExists } from "../../infra/files.js";
import { Git } from "../../infra/git.js";
import { ensureLfsReady, lfsPatternLine, withLfsLines } from "../versions/lfs-tracking.js";
import { assertConfigInside } from "./config-cache.js";
import { inTransaction, writeOperation } from "./transaction.js";

export interface InitResult {
  root: string;
  created: string[];
  commit: string | null;
}

const SCHEMES = ["semver", "timestamp", "major-minor"];

function configTemplate(root: string, versioning: string): string {
  return `# git-model configuration. Every key is optional; each key, its default and an example:
# ${CONFIGURATION_DOCS.replace(", or ", "\n#   or ")}
root: ${root}
versioning: ${versioning}          # semver | timestamp | major-minor
# lfs: ["*.pkl", "*.joblib", "*.h5", "*.pth", "*.pt", "*.onnx", "*.safetensors", "*.bin"]
# stages:
#   - { name: development, initial: true }
#   - { name: staging, exclusive: true }
#   - { name: production, exclusive: true }
#   - { name: archived }
# select:
#   rank: { metric: metrics.val_rmse, goal: min }
`;
}

/** `git model init`: writes .gitmodel.yaml and the LFS lines, and commits them. Idempotent. */
export async function initRegistry(
  cwd: string,
  options: { root: string; versioning: string },
): Promise<InitResult> {
  if (!SCHEMES.includes(options.versioning)) {
    throw usage(`unknown versioning scheme ${JSON.stringify(options.versioning)}`, {
      hint: `use one of ${SCHEMES.join(", ")}`,
    });
  }
  // Checked as `root:` is, before it is written into the YAML template (where a newline in it
  // would add keys of its own).
  const root = normalizeRoot(options.root);
  const problem = rootProblem(root);
  if (problem) throw usage(`invalid --root ${JSON.stringify(options.root)}: ${problem}`);
  const git = await Git.discover(cwd);
  return writeOperation(git, "init", () => initIn(git, { ...options, root }));
}

async function initIn(git: Git, options: { root: string; versioning: string }): Promise<InitResult> {
  await ensureLfsReady(git);
  assertConfigInside(git.top, CONFIG_FILE);
  const existing = await readTextIfExists(`${git.top}/${CONFIG_FILE}`);
  const configText = existing ?? configTemplate(options.root, options.versioning);
  const config = parseConfig(configText, CONFIG_FILE);
  const attributes = withLfsLines(
    (await readTextIfExists(`${git.top}/.gitattributes`)) ?? "",
    config.lfs.map((p) => lfsPatternLine(config.root, p)),
  );
  const created = [
    ...(existing === null ? [CONFIG_FILE] : []),
    ...(attributes === null ? [] : [".gitattributes"]),
  ];
  if (created.length === 0) return { root: config.root, created, commit: null };
  const commit = await inTransaction(git, async (tx) => {
    await tx.assertUntouched(created, "git model init would commit them");
    if (existing === null) await tx.writeFile(CONFIG_FILE, configText);
    if (attributes !== null) await tx.writeFile(".gitattributes", attributes);
    return tx.commit(`init git-model registry in ${config.root}/\n`);
  });
  return { root: config.root, created, commit };
}
