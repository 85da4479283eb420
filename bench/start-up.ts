/**
 * Start-up to the first answered request: from spawning `node <file>` to the answer of a POST
 * /users/getToken sent as soon as the process prints that it listens. The compiled CLI when the
 * project has `npm run build` (built once, at the start of the run; its compiled entry, not a bin
 * that may run the sources through tsx), else two stand-ins: esbuild's compile of
 * mock-server/cli-entry.ts with its packages in node_modules, and with them bundled in. The
 * baseline is a bare Hono server compiled the same way and started the same way: bundled by the
 * build's own `bundle` (scripts/build.ts) when the build bundles the CLI, as it does.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Where `npm run build` puts the bundled CLI the bin runs (scripts/build.ts). */
const BUNDLED_ENTRY = "dist/cli/iamport-mock.js";
/** Where a build that compiles file by file may put the compiled CLI entry; the package's bin otherwise. */
const COMPILED_ENTRIES = ["dist/mock-server/cli-entry.js", "dist/cli-entry.js"];
/** Inside the project, so that the compiled files find node_modules; git ignores it. */
const OUT = `${ROOT}node_modules/.cache/iamport-mock-bench`;

export interface StartUpPair {
  /** What the row measures: the compiled CLI, or a stand-in, and how it was compiled. */
  label: string;
  cli: string[];
  /** The bare Hono server, compiled the same way. */
  bare: string[];
}

export interface StartUpPlan {
  /** Set when there is no build, so the compiled CLI's row is skipped. */
  skipped: string | null;
  pairs: StartUpPair[];
}

/**
 * esbuild (it comes with tsx) compiles the entry into `dir`: one file, dynamic imports kept dynamic
 * (split into chunks), so serving loads no scenario-runner code; packages left in node_modules as
 * a build that compiles file by file leaves them, or bundled in.
 */
async function compile(entry: string, dir: string, packages: "external" | "bundled"): Promise<string[]> {
  const { build } = await import("esbuild");
  rmSync(dir, { recursive: true, force: true });
  await build({
    entryPoints: [`${ROOT}${entry}`],
    outdir: dir,
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    outExtension: { ".js": ".mjs" },
    // Bundled CommonJS packages (commander, qs) call require(), which an ES module has to be given.
    ...(packages === "external"
      ? { packages: "external" as const }
      : {
          banner: {
            js: 'import { createRequire as __bundleRequire } from "node:module"; const require = __bundleRequire(import.meta.url);',
          },
        }),
    logLevel: "error",
  });
  return [`${dir}/${entry.replace(/^.*\//, "").replace(/\.ts$/, ".mjs")}`];
}

/** Builds what the start-up rows run: `npm run build` if the project has one, and the baselines. */
export async function prepareStartUp(progress: (line: string) => void): Promise<StartUpPlan> {
  const manifest = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as {
    scripts?: Record<string, string>;
    bin?: Record<string, string>;
  };
  const bin = manifest.bin?.["iamport-mock"];
  if (manifest.scripts?.build && bin) {
    progress("building the CLI (npm run build) …");
    const built = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    if (built.status !== 0) throw new Error("npm run build failed");
    if (existsSync(`${ROOT}${BUNDLED_ENTRY}`)) {
      // The build bundles the CLI with its packages; the baseline is bundled by the same function.
      const { bundle } = await import("../scripts/build.ts");
      bundle(`${ROOT}bench/bare-server.ts`, `${OUT}/bare-bundled-by-build`, "bare-server");
      return {
        skipped: null,
        pairs: [
          {
            label: `compiled CLI (npm run build; node ${BUNDLED_ENTRY}, bundled; so is the bare server)`,
            cli: [`${ROOT}${BUNDLED_ENTRY}`],
            bare: [`${OUT}/bare-bundled-by-build/bare-server.js`],
          },
        ],
      };
    }
    const bare = await compile("bench/bare-server.ts", `${OUT}/bare`, "external");
    // In a checkout the bin may run the sources through tsx; the compiled entry is what a user of the package starts.
    const entry = COMPILED_ENTRIES.find((file) => existsSync(`${ROOT}${file}`));
    const cli = [`${ROOT}${entry ?? bin}`];
    return { skipped: null, pairs: [{ label: `compiled CLI (npm run build; node ${entry ?? bin})`, cli, bare }] };
  }
  // Stand-ins until the project has a build: the same entry the bin runs, compiled two ways.
  return {
    skipped: "skipped: no build (package.json has no build script)",
    pairs: [
      {
        label: "stand-in: esbuild, packages in node_modules",
        cli: await compile("mock-server/cli-entry.ts", `${OUT}/cli`, "external"),
        bare: await compile("bench/bare-server.ts", `${OUT}/bare`, "external"),
      },
      {
        label: "stand-in: esbuild, packages bundled in",
        cli: await compile("mock-server/cli-entry.ts", `${OUT}/cli-bundled`, "bundled"),
        bare: await compile("bench/bare-server.ts", `${OUT}/bare-bundled`, "bundled"),
      },
    ],
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

export interface StartUpTime {
  /** Wall-clock milliseconds from the spawn to the first answer. */
  ms: number;
  /** The process's CPU milliseconds by then (bench/report-cpu.mjs). */
  cpuMs: number;
}

const REPORT_CPU = fileURLToPath(new URL("./report-cpu.mjs", import.meta.url));

/** Asks a process started with bench/report-cpu.mjs for its CPU time so far, in milliseconds. */
async function cpuMsOf(child: ChildProcess): Promise<number> {
  const report = child.stdio[3] as Readable;
  report.setEncoding("utf8");
  const line = new Promise<string>((resolve, reject) => {
    let text = "";
    report.on("data", (chunk: string) => {
      text += chunk;
      if (text.includes("\n")) resolve(text.trim());
    });
    // A process that dies first (or was not started with the preload) must fail the bench, not hang it.
    report.once("end", () => reject(new Error("the timed process ended without reporting its CPU time")));
  });
  child.kill("SIGUSR2");
  return Number(await line) / 1000;
}

/** Spawns `node <args>` and times it to the answer of its first request. */
export async function timeStartUp(args: string[]): Promise<StartUpTime> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", REPORT_CPU, ...args, "--port", "0", "--seed", "1"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit", "pipe"],
  });
  const exited = once(child, "exit");
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = "";
      child.stdout!.setEncoding("utf8");
      child.stdout!.on("data", (chunk: string) => {
        output += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code} before listening`)));
    });
    const status = await post(url, JSON.stringify({ imp_key: "demo_imp_key", imp_secret: "demo_imp_secret" }));
    if (status !== 200) throw new Error(`${args.join(" ")}: the first request was answered ${status}`);
    const ms = performance.now() - started;
    return { ms, cpuMs: await cpuMsOf(child) };
  } finally {
    child.kill();
    await exited;
  }
}
