/**
 * Stops V8's young generation from growing past about `mib`. V8 doubles it (up to 128 MiB, two
 * 64 MiB semi-spaces) once enough objects survive its scavenges, as each batch of validate's
 * parsed files and listings do, whatever the batch size: at 100,000 versions that was 128 of
 * validate's 240 MiB. `--semi-space-growth-factor` is read at each growth, so setting it to 1
 * once the young generation has reached the size stops it there. The price is more scavenges: at
 * 100,000 versions about 1.7 s of them against 1.0 s with 128 MiB (3.3 s when held at 2 MiB
 * from the start), on a loaded machine (docs/benchmarks.md).
 *
 * A timer looks every few milliseconds; a long synchronous loop that allocates what survives
 * (100,000 tags parsed at once) calls checkYoungGeneration itself, or the young generation has
 * grown to its most before the timer runs.
 */
export function holdYoungGeneration(mib: number): { release(): void } {
  const v8 = process.getBuiltinModule("node:v8");
  let held = false;
  const check = () => {
    if (held) return;
    const young = v8.getHeapSpaceStatistics().find((space) => space.space_name === "new_space");
    if (!young || young.space_size < mib * 1024 * 1024) return;
    v8.setFlagsFromString("--semi-space-growth-factor=1");
    held = true;
    clearInterval(timer);
  };
  const timer = setInterval(check, 5);
  timer.unref();
  checks.add(check);
  return {
    release() {
      clearInterval(timer);
      checks.delete(check);
      // V8's default, for whatever the process does next.
      if (held) v8.setFlagsFromString("--semi-space-growth-factor=2");
    },
  };
}

/**
 * Makes V8 let the old generation grow by only `percent` over what survived its last full
 * collection, instead of its own factor (up to 4x for a small heap whose collections are fast).
 * What validate holds at once at 100,000 versions is about 35 MB; what V8 let pile up on top of
 * it, garbage not yet collected, took its peak to 190-220 MiB from run to run. V8 reads the flag
 * each time it sets the next limit, so it applies from the next full collection on; release puts
 * back V8's own choice (0).
 */
export function holdHeapGrowth(percent: number): { release(): void } {
  const v8 = process.getBuiltinModule("node:v8");
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
  return { release: () => v8.setFlagsFromString("--heap-growing-percent=0") };
}

const checks = new Set<() => void>();

/** Holds the young generation now if a hold is on and it has reached its size (cheap otherwise). */
export function checkYoungGeneration(): void {
  for (const check of checks) check();
}

/**
 * A full garbage collection now, after a step that held much and let go of it (validate's
 * lookups of 100,000 registrations): V8 would otherwise size the heap's next limit by it, and
 * what follows piles its garbage on top (validate at 100,000 versions: 230 MiB against 192).
 * `gc` is only exposed by a V8 flag, which a new context then sees, as jest's leak detector
 * does; if it is not there, nothing happens.
 */
export function collectGarbage(): void {
  try {
    process.getBuiltinModule("node:v8").setFlagsFromString("--expose-gc");
    const gc = process.getBuiltinModule("node:vm").runInNewContext("gc") as unknown;
    if (typeof gc === "function") gc();
  } catch {
    // no gc: the heap stays as it is
  }
}
