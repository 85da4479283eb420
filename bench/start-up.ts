/**
 * Start-up to the first answered request: from spawning `node <file>` to the answer of a POST
 * /users/getToken sent as soon as the process prints that it listens. The compiled CLI when the
 * project has `npm run build` (built once, at the start of the run), else a stand-in: esbuild's
 * bundle of mock-server/cli-entry.ts. The baseline is a bare Hono server compiled by esbuild and
 * started the same way. Both keep their packages in node_modules, as a build does.
 */
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import http from "node:http";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Inside the project, so that the compiled files find node_modules; git ignores it. */
const OUT = `${ROOT}node_modules/.cache/iamport-mock-bench`;

export interface StartUpPlan {
  /** What the row measures: the compiled CLI, or the stand-in, and why. */
  label: string;
  cli: string[] | null;
  bare: string[];
  /** Set when the compiled CLI's row is skipped. */
  skipped: string | null;
}

/** esbuild comes with tsx; its bundle of one entry, with packages left to node_modules. */
async function compile(entry: string, outfile: string): Promise<void> {
  const { build } = await import("esbuild");
  await build({
    entryPoints: [`${ROOT}${entry}`],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "error",
  });
}

/** Builds what the start-up rows run: `npm run build` if the project has one, and the baseline. */
export async function prepareStartUp(progress: (line: string) => void): Promise<StartUpPlan> {
  const manifest = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as {
    scripts?: Record<string, string>;
    bin?: Record<string, string>;
  };
  await compile("bench/bare-server.ts", `${OUT}/bare-server.mjs`);
  const bare = [`${OUT}/bare-server.mjs`];
  const bin = manifest.bin?.["iamport-mock"];
  if (manifest.scripts?.build && bin) {
    progress("building the CLI (npm run build) …");
    const built = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    if (built.status !== 0) throw new Error("npm run build failed");
    return { label: `compiled CLI (npm run build; node ${bin})`, cli: [`${ROOT}${bin}`], bare, skipped: null };
  }
  await compile("mock-server/cli-entry.ts", `${OUT}/cli.mjs`);
  return {
    label: "stand-in: esbuild bundle of mock-server/cli-entry.ts",
    cli: [`${OUT}/cli.mjs`],
    bare,
    skipped: "skipped: no build (package.json has no build script)",
  };
}

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}/users/getToken`, {
      method: "POST",
      agent: false,
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
    });
    request.once("response", (response) => {
      response.resume();
      response.once("end", () => resolve(response.statusCode ?? 0));
    });
    request.once("error", reject);
    request.end(body);
  });
}

/** Milliseconds from spawning `node <args>` to the answer of its first request. */
export async function timeStartUp(args: string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [...args, "--port", "0", "--seed", "1"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = once(child, "exit");
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = "";
      child.stdout.setEncoding("utf8");
      child.stdout.on("data", (chunk: string) => {
        output += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code} before listening`)));
    });
    const status = await post(url, JSON.stringify({ imp_key: "demo_imp_key", imp_secret: "demo_imp_secret" }));
    if (status !== 200) throw new Error(`${args.join(" ")}: the first request was answered ${status}`);
    return performance.now() - started;
  } finally {
    child.kill();
    await exited;
  }
}
