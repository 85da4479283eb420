/**
 * `npm run build` (and `npm pack`, through `prepack`): the published package's dist/. tsc writes the
 * JavaScript and the declarations, laid out as the sources are (tsconfig.build.json), for the
 * library's entry points; those files, and the declarations tsc does not copy, are copied here.
 * esbuild then bundles the CLI, which the bin runs, into dist/cli/ (decision 014): start-up is
 * mostly module loading, and one file per command path loads much faster than some 270 modules.
 *
 * Contributors never need it: `npm start` and `npm test` run the sources through tsx.
 */
import { execFileSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { buildSync, type Metafile } from "esbuild";

const ROOT = join(import.meta.dirname, "..");
export const DIST = join(ROOT, "dist");
/** The bundled CLI: `iamport-mock.js`, and the chunks it and each command load. */
export const CLI_DIR = join(DIST, "cli");

/** Read or referenced at run time next to the compiled modules; tsc emits neither. */
export const COPIED = [
  // Served as GET /__mock/openapi.json (mock-server/http/routes/contract-docs.ts).
  "contracts/openapi.json",
  // client/index.d.ts re-exports its types.
  "client/generated/iamport-v1.d.ts",
];

/**
 * Bundles `entry` and the packages it imports into `outdir`, as `<name>.js`. Dynamic imports stay
 * dynamic (split into chunks), so serving loads no scenario-runner, property or recorder code. The
 * bench (bench/start-up.ts) compiles its bare Hono baseline with this too, so both start the same way.
 */
export function bundle(entry: string, outdir: string, name: string): Metafile {
  rmSync(outdir, { recursive: true, force: true });
  const { metafile } = buildSync({
    entryPoints: { [name]: entry },
    outdir,
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20.19",
    // Less text for V8 to parse at start-up; names are kept, so stack traces stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    // Bundled CommonJS packages (commander) call require(), which an ES module has to be given.
    banner: {
      js: 'import { createRequire as __bundleRequire } from "node:module"; const require = __bundleRequire(import.meta.url);',
    },
    metafile: true,
    logLevel: "error",
  });
  return metafile;
}

/**
 * zod's locales are some 500 KB the mock never uses. esbuild leaves them out only when zod is imported
 * as a namespace (`import * as z from "zod"`); `import { z } from "zod"` takes all of them in.
 */
function requireNoZodLocales(metafile: Metafile): void {
  const bundled = Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs).flatMap(([input, { bytesInOutput }]) => (bytesInOutput > 0 ? [input] : [])),
  );
  const locales = bundled.filter((input) => /zod\/v4\/locales\/(?!en\.js$)/.test(input));
  if (locales.length > 0)
    throw new Error(
      `the CLI bundle holds ${locales.length} of zod's locales: a module imports { z } from "zod"; import * as z from "zod" instead`,
    );
}

export function build(): void {
  rmSync(DIST, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.build.json")], { stdio: "inherit", cwd: ROOT });
  for (const file of COPIED) cpSync(join(ROOT, file), join(DIST, file));
  requireNoZodLocales(bundle(join(ROOT, "mock-server/cli-entry.ts"), CLI_DIR, "iamport-mock"));
}

if (process.argv[1] === import.meta.filename) build();
