// One build for every face of the package: the CLI, the Action and the library.
// `--check` builds into a temporary folder and fails when the committed dist/ differs,
// because the Action runs the committed dist/action.js as it is.

import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { build } from "esbuild";

const check = process.argv.includes("--check");
const quiet = process.argv.includes("--quiet");
const root = new URL("..", import.meta.url).pathname;
// Built aside and swapped in, so a process running dist/ never sees it half written.
const outdir = check ? mkdtempSync(join(tmpdir(), "git-model-dist-")) : mkdtempSync(join(root, ".dist-"));
// A failed build leaves no half-built folder behind (a stray .dist-* would be linted and packed).
process.on("exit", (code) => {
  if (code !== 0) rmSync(outdir, { recursive: true, force: true });
});

// Names this build for the configuration cache (src/registry/core/config-cache.ts): the sources and
// the locked dependencies, so a cache written by any other build is never read.
const buildId = (() => {
  const h = createHash("sha256");
  const src = join(root, "src");
  for (const f of readdirSync(src, { recursive: true }).map(String).sort())
    if (f.endsWith(".ts"))
      h.update(`${f}\0`)
        .update(readFileSync(join(src, f)))
        .update("\0");
  h.update(readFileSync(join(root, "package-lock.json")));
  return h.digest("hex").slice(0, 16);
})();

// Bundled CommonJS dependencies (commander) require node's modules.
const banner = {
  js: "import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);",
};
const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;

// The report's charts are drawn in the page by the CLI's own drawing code (charts.ts and d3):
// bundled for the browser first, then carried by the CLI as text (site.ts writes assets/charts.js).
const reportCharts = await build({
  absWorkingDir: root,
  entryPoints: ["src/registry/report/browser-charts.ts"],
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "es2020",
  minify: true,
  legalComments: "none",
  write: false,
  logLevel: quiet ? "error" : "warning",
});
const reportChartsPlugin = {
  name: "report-charts",
  setup(b) {
    b.onResolve({ filter: /^virtual:report-charts$/ }, (a) => ({ path: a.path, namespace: "report-charts" }));
    b.onLoad({ filter: /.*/, namespace: "report-charts" }, () => ({
      contents: reportCharts.outputFiles[0].text,
      loader: "text",
    }));
  },
};

const shared = {
  absWorkingDir: root,
  outdir,
  bundle: true,
  format: "esm",
  platform: "node",
  // Module paths are part of the output (and of the chunk hashes): a checkout whose node_modules
  // is a link to another checkout's must build the same bytes, so the link is not followed.
  preserveSymlinks: true,
  // The CLI runs on Node 22.3 and newer (src/cli/index.ts checks first); the Action runs on node24.
  target: "node22",
  banner,
  legalComments: "none",
  // Whitespace and syntax only: identifiers stay readable in --debug stack traces, and nothing
  // is added at run time (keepNames would rename every function again at each start).
  minifyWhitespace: true,
  minifySyntax: true,
  define: {
    __BUILD_ID__: JSON.stringify(buildId),
    __VERSION__: JSON.stringify(version),
  },
  logLevel: quiet ? "error" : "warning",
};

// The Action and the library: split into chunks they share.
await build({
  ...shared,
  entryPoints: { action: "src/action/index.ts", index: "src/index.ts" },
  plugins: [reportChartsPlugin],
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
});

/**
 * node's builtin modules for the CLI's bundle, each taken when the module that imports it first
 * runs, not when the bundle loads. One file has every ESM import at its top: each builtin the CLI
 * uses anywhere (readline, fs/promises, crypto) would load at every start, and node's ESM face of
 * a builtin reads all its exports (node:fs's getters load streams and fs/promises). As CommonJS
 * requires they load where they are used, as they do in the split build.
 */
const builtinsOnUse = {
  name: "builtins-on-use",
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) =>
      args.kind === "import-statement" ? { path: args.path, namespace: "builtin-on-use" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "builtin-on-use" }, (args) => ({
      contents: `module.exports = process.getBuiltinModule(${JSON.stringify(args.path)});`,
      loader: "js",
    }));
  },
};

// The CLI: the entry (which must parse on any node, and turns on the compile cache) and then one
// file, dist/main.js, with everything the CLI can run. Each module in it runs when a command
// first imports it, as in chunks, but node loads one file instead of 40-50 chunks: about 0.15 ms
// of module loading each (docs/benchmarks.md).
await build({ ...shared, entryPoints: { cli: "src/cli/index.ts" }, external: ["./main.js"] });
await build({
  ...shared,
  entryPoints: { main: "src/cli/main.ts" },
  splitting: false,
  plugins: [reportChartsPlugin, builtinsOnUse],
});

// The man page, git-model(1), from the commands' own definitions (src/cli/man.ts): built aside,
// run once, and written into dist/man, which package.json's `man` field installs.
const manBuild = mkdtempSync(join(tmpdir(), "git-model-man-"));
await build({
  absWorkingDir: root,
  entryPoints: { man: "src/cli/man.ts" },
  plugins: [reportChartsPlugin],
  outdir: manBuild,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node22",
  banner,
  define: { __VERSION__: JSON.stringify(version), __BUILD_ID__: JSON.stringify(buildId) },
  logLevel: quiet ? "error" : "warning",
});
const { manPage } = await import(join(manBuild, "man.js"));
mkdirSync(join(outdir, "man"), { recursive: true });
writeFileSync(join(outdir, "man", "git-model.1"), manPage(version));
rmSync(manBuild, { recursive: true, force: true });

// The JSON Schema for metadata.json is generated from the zod schema, the single definition.
const { metadataJsonSchema } = await import(join(outdir, "index.js"));
const schemaText = `${JSON.stringify(metadataJsonSchema(), null, 2)}\n`;
const schemaPath = join(root, "schema", "metadata.schema.json");

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

if (check) {
  const stale = [];
  const built = listFiles(outdir);
  // dist/types is emitted by npm pack (prepack) and not committed.
  const committed = listFiles(join(root, "dist")).filter((f) => !f.startsWith("types/"));
  for (const f of new Set([...built, ...committed])) {
    const a = built.includes(f) ? readFileSync(join(outdir, f)) : null;
    const b = committed.includes(f) ? readFileSync(join(root, "dist", f)) : null;
    if (!a || !b || !a.equals(b)) stale.push(`dist/${f}`);
  }
  if (!existsSync(schemaPath) || readFileSync(schemaPath, "utf8") !== schemaText)
    stale.push("schema/metadata.schema.json");
  rmSync(outdir, { recursive: true, force: true });
  if (stale.length) {
    console.error(
      `dist/ is stale (the Action and the CLI run the committed build): ${stale.slice(0, 5).join(", ")}`,
    );
    console.error("Run `npm run build` and commit dist/ and schema/.");
    process.exit(1);
  }
  if (!quiet) console.log("dist/ and schema/ are up to date");
} else {
  rmSync(join(root, "dist"), { recursive: true, force: true });
  renameSync(outdir, join(root, "dist"));
  mkdirSync(join(root, "schema"), { recursive: true });
  writeFileSync(schemaPath, schemaText);
  if (!quiet) console.log("built dist/ and schema/metadata.schema.json");
}
