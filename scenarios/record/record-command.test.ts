/**
 * The command's glue: it prints where to point the client, logs each exchange, and writes the file
 * when told to stop (a trigger the test fires instead of a signal). Loopback sockets only.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, expect, test } from "vitest";
import { createIamportClient } from "../../client/index.ts";
import { createMockServer, type MockServer } from "../../mock-server/server.ts";
import { parseScenario } from "../engine/load.ts";
import { runRecordCommand, type StopTrigger } from "./record-command.ts";
import { schemaRefFor } from "../engine/scenario-file.ts";

const mocks: MockServer[] = [];
afterEach(async () => {
  await Promise.all(mocks.splice(0).map((mock) => mock.close()));
});

function stopTrigger(): StopTrigger & { fire(): void; disposed: boolean } {
  let fire!: () => void;
  const stopped = new Promise<void>((resolveStop) => (fire = resolveStop));
  const trigger = { stopped, fire: () => fire(), disposed: false, dispose: () => void (trigger.disposed = true) };
  return trigger;
}

/** What the command wrote, and the URL it printed, as soon as it prints it. */
function recordingIo() {
  const io = { stdout: "", stderr: "" };
  let printed!: (url: string) => void;
  const url = new Promise<string>((resolveUrl) => (printed = resolveUrl));
  const stdout = (text: string) => {
    io.stdout += text;
    const found = /point your client at (\S+)/.exec(io.stdout)?.[1];
    if (found) printed(found);
  };
  return { io, url, sink: { stdout, stderr: (text: string) => void (io.stderr += text) } };
}

async function upstreamMock(): Promise<string> {
  const mock = createMockServer({ seed: 3 });
  mocks.push(mock);
  return (await mock.listen(0)).url;
}

test("records until stopped, then writes a file that loads, and says how to replay it", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "iamport-record-")), "nested", "session.yaml");
  const stop = stopTrigger();
  const { io, sink, url: printed } = recordingIo();
  const upstream = await upstreamMock();
  const exit = runRecordCommand({ upstream, out, port: 0, host: "127.0.0.1", name: "one lookup" }, sink, stop);
  const url = await printed;
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const client = createIamportClient({ baseUrl: url, impKey: "demo_imp_key", impSecret: "demo_imp_secret" });
  expect((await client.call("getPgSettingList")).ok).toBe(true);
  stop.fire();
  expect(await exit).toBe(0);
  expect(io.stderr).toContain("→ GET /users/pg  200 code 0  (getPgSettingList)\n");
  expect(io.stderr).toContain(`wrote ${out}: 1 step from 2 exchanges`);
  expect(io.stderr).toContain(`npx iamport-mock scenarios ${out} --target inprocess`);
  const text = readFileSync(out, "utf8");
  expect(text).not.toContain("yaml-language-server");
  const loaded = parseScenario(text, out);
  expect(loaded).toMatchObject({ name: "one lookup", scenario: { steps: [{ call: "getPgSettingList" }] } });
});

test("a session without a step writes no file", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "iamport-record-")), "empty.yaml");
  const stop = stopTrigger();
  const { io, sink } = recordingIo();
  const exit = runRecordCommand({ upstream: await upstreamMock(), out, port: 0, host: "127.0.0.1" }, sink, stop);
  stop.fire();
  expect(await exit).toBe(0);
  expect(io.stderr).toContain("nothing to write: none of the 0 exchanges became a step");
  expect(existsSync(out)).toBe(false);
});

test("a port that is taken exits 2 and lets go of the stop trigger", async () => {
  const upstream = await upstreamMock();
  const port = Number(new URL(upstream).port);
  const stop = stopTrigger();
  const { io, sink } = recordingIo();
  expect(await runRecordCommand({ upstream, out: "unused.yaml", port, host: "127.0.0.1" }, sink, stop)).toBe(2);
  expect(io.stderr).toContain(`cannot listen on 127.0.0.1:${port}`);
  expect(stop.disposed).toBe(true);
});

test("the schema modeline points at scenarios/scenario.schema.json from a file in the repository, and is left out elsewhere", () => {
  const repo = resolve(import.meta.dirname, "../..");
  expect(schemaRefFor(join(repo, "scenarios", "recorded", "a.yaml"))).toBe("../scenario.schema.json");
  expect(schemaRefFor(join(repo, "scenarios", "a.yaml"))).toBe("./scenario.schema.json");
  expect(schemaRefFor(join(repo, "a.yaml"))).toBe("./scenarios/scenario.schema.json");
  expect(schemaRefFor(join(tmpdir(), "a.yaml"))).toBeUndefined();
});
