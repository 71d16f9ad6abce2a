import { appendFileSync } from "node:fs";

/**
 * Fault injection, for tests only: with `GIT_MODEL_FAULT=<step>` (or `<step>#<n>`, its n-th
 * occurrence) the process kills itself with SIGKILL when a write reaches that step, so tests
 * can check what every step of every write leaves behind and that the next command recovers
 * (test/cli/faults.test.ts). `GIT_MODEL_FAULT_TRACE=<file>` appends every step reached to the
 * file, so a test walks the steps a command really takes. Neither is set in normal use, and
 * unset they cost one property read per step.
 */

const reached = new Map<string, number>();

export function faultPoint(step: string): void {
  const { GIT_MODEL_FAULT: kill, GIT_MODEL_FAULT_TRACE: trace } = process.env;
  if (!kill && !trace) return;
  const n = (reached.get(step) ?? 0) + 1;
  reached.set(step, n);
  if (trace) appendFileSync(trace, `${step}#${n}\n`);
  if (kill === `${step}#${n}` || (kill === step && n === 1)) process.kill(process.pid, "SIGKILL");
}
