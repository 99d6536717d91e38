/** Sections that can be run alone (`--only=<section>` or BENCH_ONLY). */
const benchSections = ["rest", "inspection", "gost", "integrity", "scale"] as const;
type BenchSection = (typeof benchSections)[number];

/**
 * What one run measures and for how long. Only the durations and the choice of
 * sections come from outside (environment, or `--only`): everything else is
 * fixed so that runs stay comparable.
 */
export interface BenchSettings {
  /** Run this section alone (`npm run bench -- --only=rest`, `--only=inspection`, `--only=gost`, `--only=integrity` or `--only=scale`, or BENCH_ONLY=…); default: every section. */
  readonly only: BenchSection | undefined;
  /** Measured seconds per point (BENCH_SECONDS, default 3). */
  readonly seconds: number;
  /** Unrecorded seconds before each point (BENCH_WARMUP_SECONDS, default 1): JIT, connection pools, caches. */
  readonly warmupSeconds: number;
  /** Calls kept in flight at once. */
  readonly concurrencies: readonly number[];
  /** Size of every stored payload (cms). */
  readonly cmsBytes: number;
  /** Records seeded for Get and List. */
  readonly listRecords: number;
  /** The seeded records carry one of this many group tags; List asks for one group. */
  readonly listGroups: number;
  /** Page size of the measured List. */
  readonly listLimit: number;
  /**
   * A Save worker moves to a fresh record after this many saves, so that Save
   * is not measured on records that grew to thousands of versions during the
   * run (section 5 measures that effect separately).
   */
  readonly savesPerRecord: number;
  /** History lengths of section 5. */
  readonly historyLengths: readonly number[];
  /** Concurrency levels of issue 7's table (section 7): fixed, each one of `concurrencies`. */
  readonly tableConcurrencies: readonly number[];
  /** Concurrency of the ghz runs and of the load-generator runs beside them (section 8): one of `tableConcurrencies`. */
  readonly ghzConcurrency: number;
  /** Keep-alive HTTP/1.1 connections (each with one call in flight) of the REST section (issue 14). */
  readonly restConcurrency: number;
  /** Alternating rounds of the REST section; its figures are the medians. */
  readonly restRounds: number;
  /** Size of the DER RSA CMS the inspection section (section 10) saves, about (its content is padded to reach it). */
  readonly inspectionCmsBytes: number;
  /** Keep-alive HTTP/1.1 connections (each with one call in flight) of section 10's Saves. */
  readonly inspectionConcurrency: number;
  /** Alternating rounds of section 10's Saves; its figures are the medians. */
  readonly inspectionRounds: number;
  /** Size of the DER RSA CMS section 12 (issue 17) saves and reads, about. */
  readonly integrityCmsBytes: number;
  /** Keep-alive HTTP/1.1 connections (each with one call in flight) of section 12. */
  readonly integrityConcurrency: number;
  /** Alternating rounds of section 12 (which service child goes first alternates); its figures are the medians. */
  readonly integrityRounds: number;
  /** Records each service child of section 12 creates for its Gets. */
  readonly integrityGetRecords: number;
  /** A section 12 Save connection moves to a fresh record after this many appends, so records stay short. */
  readonly integrityAppendsPerRecord: number;
  /** History lengths of section 13 (issue 18): Get and Save at each, the last compared with the first. */
  readonly scaleVersions: readonly number[];
  /**
   * Record counts of section 13's List, ascending: the records are seeded into one document key, growing
   * from one count to the next, and page 1 is compared with the page after half of them.
   */
  readonly scaleListRecords: readonly number[];
}

export function readBenchSettings(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv.slice(2)): BenchSettings {
  const settings: BenchSettings = {
    only: onlySection(env, argv),
    seconds: positiveNumber(env, "BENCH_SECONDS", 3),
    warmupSeconds: positiveNumber(env, "BENCH_WARMUP_SECONDS", 1),
    concurrencies: [1, 8, 64],
    cmsBytes: 1024,
    listRecords: 2000,
    listGroups: 10,
    listLimit: 20,
    savesPerRecord: 10,
    historyLengths: [1, 10, 100, 1000],
    tableConcurrencies: [8, 64],
    ghzConcurrency: 8,
    restConcurrency: 16,
    restRounds: 3,
    inspectionCmsBytes: 2048,
    inspectionConcurrency: 16,
    inspectionRounds: 3,
    integrityCmsBytes: 2048,
    integrityConcurrency: 16,
    integrityRounds: 3,
    integrityGetRecords: 200,
    integrityAppendsPerRecord: 20,
    scaleVersions: [1, 10, 100, 1000, 10_000],
    scaleListRecords: [10_000, 100_000],
  };
  // Section 7 reuses sections 1-3 at its levels, and section 8 reuses section 7 at its own.
  const missing = settings.tableConcurrencies.filter((level) => !settings.concurrencies.includes(level));
  if (missing.length > 0 || !settings.tableConcurrencies.includes(settings.ghzConcurrency)) {
    throw new Error("bench settings: table concurrencies must be measured levels, and the ghz level a table level");
  }
  return settings;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of seconds, got "${raw}"`);
  return value;
}

/** `--only=<section>` (the last one given wins over BENCH_ONLY); "all" or nothing: every section. */
function onlySection(env: NodeJS.ProcessEnv, argv: readonly string[]): BenchSection | undefined {
  const fromArgs = argv.filter((arg) => arg.startsWith("--only=")).at(-1);
  const unknownArg = argv.find((arg) => !arg.startsWith("--only="));
  if (unknownArg !== undefined) throw new Error(`unknown bench option "${unknownArg}" (known: --only=<section>)`);
  const raw = (fromArgs?.slice("--only=".length) ?? env["BENCH_ONLY"] ?? "").trim();
  if (raw === "" || raw === "all") return undefined;
  const section = benchSections.find((name) => name === raw);
  if (section === undefined) throw new Error(`unknown bench section "${raw}" (known: ${benchSections.join(", ")}, all)`);
  return section;
}
