/**
 * Every shipped scenario (scenarios/**.yaml) passes in-process and over a real socket, and the
 * live path, pointed at a mock without its control API, runs what it can and leaks no mock-only call.
 */
import { fileURLToPath } from "node:url";
import { afterEach, expect, test } from "vitest";
import { createMockServer, type MockServer } from "../mock-server/index.ts";
import { findScenarioFiles, loadScenarios } from "../scenarios/engine/load.ts";
import { summaryText } from "../scenarios/engine/report.ts";
import { runScenarios, type RunSummary } from "../scenarios/engine/run.ts";
import { createTarget, type TargetOptions } from "../scenarios/engine/targets.ts";
import { liveEnv, pathRecorder } from "./support/live-stand-in.ts";

const SEED = Number(process.env.FC_SEED ?? (process.env.CI ? 20_261_201 : Math.floor(Math.random() * 2 ** 31)));
const shipped = loadScenarios(findScenarioFiles([fileURLToPath(new URL("../scenarios", import.meta.url))]));
const servers: MockServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

const run = (target: TargetOptions) => runScenarios(shipped, createTarget({ seed: SEED, ...target }), { seed: SEED });
const failures = (summary: RunSummary) => (summary.failed ? summaryText(summary) : "");

test("at least 15 scenarios ship, covering both seed documents", () => {
  expect(shipped.length).toBeGreaterThanOrEqual(15);
  const tags = new Set(shipped.flatMap((s) => s.scenario.tags ?? []));
  for (const tag of ["smartro_v2", "smart-routing"]) expect(tags, `no scenario tagged ${tag}`).toContain(tag);
});

test("every shipped scenario passes in-process", { timeout: 60_000 }, async () => {
  const summary = await run({ kind: "inprocess" });
  expect(summary.failed, failures(summary)).toBe(0);
  expect(summary.passed).toBe(shipped.length);
});

test("every shipped scenario passes over a real socket, one mock for all of them", { timeout: 60_000 }, async () => {
  const mock = createMockServer({ seed: 3, clock: { mode: "frozen" } });
  servers.push(mock);
  const { url } = await mock.listen(0);
  const summary = await run({ kind: "url", baseUrl: url });
  expect(summary.failed, failures(summary)).toBe(0);
  expect(summary.passed).toBe(shipped.length);
});

test(
  "live, pointed at a mock without its control API: mock-only parts are skipped and none leaks through",
  { timeout: 60_000 },
  async () => {
    const mock = createMockServer({ seed: 3, clock: { mode: "frozen" }, control: false });
    servers.push(mock);
    const { url } = await mock.listen(0);
    const { paths, wrap: record } = pathRecorder();
    const env = liveEnv("channel_smartro_v2", "channel_nice_v2", "customer_smartro_v2");
    const summary = await run({ kind: "live", baseUrl: url, env, wrapFetch: record });
    expect(summary.failed, failures(summary)).toBe(0);
    expect(summary.passed).toBeGreaterThan(0);
    expect(summary.skipped).toBeGreaterThan(0);
    for (const result of summary.results.filter((r) => r.outcome === "skipped"))
      expect(result.reason).toMatch(/mock-only/);
    expect(paths.filter((path) => path.startsWith("/__mock"))).toEqual([]);
  },
);
