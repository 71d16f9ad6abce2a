// Types for bench/generate.mjs (plain JavaScript, so the bench runs without a build).

export declare const GENERATOR_VERSION: number;
export declare const CONFIG_TEXT: string;

export interface GeneratedModel {
  name: string;
  versions: string[];
  stages: { staging: string | null; production: string | null; archived: string[] };
}

export interface GeneratedSummary {
  generator: number;
  head: string;
  tags: number;
  commits: number;
  models: GeneratedModel[];
  seconds?: number;
}

export declare function gitEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
export declare function modelName(i: number): string;
export declare function versionName(k: number): string;
export declare function generateRegistry(
  dir: string,
  options?: { models?: number; versionsPerModel?: number; seed?: number },
): Promise<GeneratedSummary>;
export declare function cachedRegistry(options: {
  models: number;
  versionsPerModel: number;
  seed?: number;
  log?: (line: string) => void;
}): Promise<{ repo: string; summary: GeneratedSummary; cached: boolean }>;
export declare function restoreRegistry(repo: string, head: string): void;
export declare function writeNextVersion(
  repo: string,
  model: string,
  change: { sha: string; at: string; metrics: Record<string, number> },
): { version: string; paths: string[] };
