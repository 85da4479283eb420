/**
 * The command's glue: it prints where to point the client, logs each exchange, and writes the file
 * when told to stop (a trigger the test fires instead of a signal). Loopback sockets only.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve, sep } from "node:path";
import { afterEach, expect, test } from "vitest";
import { createIamportClient } from "../../client/index.ts";
import { createMockServer, type MockServer } from "../../mock-server/server.ts";
import { parseScenario } from "../engine/load.ts";
import { runRecordCommand, type StopTrigger } from "./record-command.ts";
import { schemaRefFor } from "../engine/scenario-file.ts";

const mocks: MockServer[] = [];
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(mocks.splice(0).map((mock) => mock.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A fresh folder, removed after the test. */
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "iamport-record-"));
  folders.push(folder);
  return folder;
}

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
  const out = join(tempFolder(), "nested", "session.yaml");
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
  // The modeline only in the repository: the temp folder may be in it (TMPDIR set so).
  const schemaRef = schemaRefFor(out);
  if (schemaRef) expect(text).toContain(`yaml-language-server: $schema=${schemaRef}`);
  else expect(text).not.toContain("yaml-language-server");
  const loaded = parseScenario(text, out);
  expect(loaded).toMatchObject({ name: "one lookup", scenario: { steps: [{ call: "getPgSettingList" }] } });
});

test("a session without a step writes no file", async () => {
  const out = join(tempFolder(), "empty.yaml");
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
  const out = join(tempFolder(), "unused.yaml");
  expect(await runRecordCommand({ upstream, out, port, host: "127.0.0.1" }, sink, stop)).toBe(2);
  expect(io.stderr).toContain(`cannot listen on 127.0.0.1:${port}`);
  expect(stop.disposed).toBe(true);
});

test("the schema modeline points at scenarios/scenario.schema.json from a file in the repository, and is left out elsewhere", () => {
  const repo = resolve(import.meta.dirname, "../..");
  expect(schemaRefFor(join(repo, "scenarios", "recorded", "a.yaml"))).toBe("../scenario.schema.json");
  expect(schemaRefFor(join(repo, "scenarios", "a.yaml"))).toBe("./scenario.schema.json");
  expect(schemaRefFor(join(repo, "a.yaml"))).toBe("./scenarios/scenario.schema.json");
  // Beside the repository is outside it, wherever it is checked out.
  expect(schemaRefFor(join(repo, "..", "elsewhere", "a.yaml"))).toBeUndefined();
  // The temp folder usually is outside too, but TMPDIR may point into the repository.
  const inTemp = join(tmpdir(), "a.yaml");
  if (resolve(inTemp).startsWith(repo + sep)) {
    expect(schemaRefFor(inTemp)).toMatch(/^\.{1,2}\/(.+\/)?scenario\.schema\.json$/);
  } else {
    expect(schemaRefFor(inTemp)).toBeUndefined();
  }
});

const unwritable: [string, (folder: string) => string][] = [
  [
    "whose folder is a file",
    (folder) => (writeFileSync(join(folder, "a-file"), "x"), join(folder, "a-file", "session.yaml")),
  ],
  ["that is a folder", (folder) => (mkdirSync(join(folder, "session.yaml")), join(folder, "session.yaml"))],
  // Root may write anywhere, but not under a file.
  ...(existsSync("/etc/passwd") ? [["under /etc/passwd", () => "/etc/passwd/x.yaml"] as [string, () => string]] : []),
];

test.each(unwritable)("an --out %s is refused with exit 2 before listening, naming the path", async (_, outIn) => {
  const out = outIn(tempFolder());
  const stop = stopTrigger();
  const { io, sink } = recordingIo();
  expect(await runRecordCommand({ upstream: "http://127.0.0.1:1", out, port: 0, host: "127.0.0.1" }, sink, stop)).toBe(
    2,
  );
  expect(io.stderr.startsWith(`cannot write ${out}: `)).toBe(true);
  expect(io.stderr).toMatch(/; nothing was recorded\n$/);
  expect(io.stdout).toBe("");
  expect(stop.disposed).toBe(true);
});

test("--out's folder is made at the start, and a file already there is left as it is until written", async () => {
  const folder = tempFolder();
  const fresh = join(folder, "a", "b", "fresh.yaml");
  const existing = join(folder, "existing.yaml");
  writeFileSync(existing, "before\n");
  for (const out of [fresh, existing]) {
    const stop = stopTrigger();
    const { sink, url } = recordingIo();
    const exit = runRecordCommand({ upstream: await upstreamMock(), out, port: 0, host: "127.0.0.1" }, sink, stop);
    await url;
    expect(existsSync(dirname(out))).toBe(true);
    stop.fire();
    expect(await exit).toBe(0);
  }
  // Nothing recorded: neither is written, and the probe neither made nor touched a file.
  expect(existsSync(fresh)).toBe(false);
  expect(readFileSync(existing, "utf8")).toBe("before\n");
});

test("when the file cannot be written at the end after all, the scenario goes to stdout and the exit is 1", async () => {
  const out = join(tempFolder(), "session.yaml");
  const stop = stopTrigger();
  const { io, sink, url: printed } = recordingIo();
  const exit = runRecordCommand(
    { upstream: await upstreamMock(), out, port: 0, host: "127.0.0.1", name: "saved" },
    sink,
    stop,
  );
  const url = await printed;
  const client = createIamportClient({ baseUrl: url, impKey: "demo_imp_key", impSecret: "demo_imp_secret" });
  expect((await client.call("getPgSettingList")).ok).toBe(true);
  // Something took the path meanwhile.
  mkdirSync(out);
  stop.fire();
  expect(await exit).toBe(1);
  expect(io.stderr).toContain(`cannot write ${out}: `);
  expect(io.stderr).toContain("the scenario follows on stdout instead\n");
  const yaml = io.stdout.slice(io.stdout.indexOf(`writes ${out}\n`) + `writes ${out}\n`.length);
  expect(yaml).not.toContain("demo_imp_secret");
  expect(parseScenario(yaml, out)).toMatchObject({
    name: "saved",
    scenario: { steps: [{ call: "getPgSettingList" }] },
  });
});
