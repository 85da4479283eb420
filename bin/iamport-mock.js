#!/usr/bin/env node
// In a checkout the TypeScript sources are here and tsx compiles them on the fly: no build step, and
// never a stale dist/. The published package holds no sources, only the compiled dist/ (npm run build).
import { existsSync } from "node:fs";

const sources = new URL("../mock-server/cli-entry.ts", import.meta.url);
if (existsSync(sources)) {
  const { register } = await import("tsx/esm/api");
  register();
  await import(sources.href);
} else {
  await import("../dist/cli/iamport-mock.js");
}
