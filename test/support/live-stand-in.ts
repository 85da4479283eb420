/**
 * The live target pointed at a mock without its control API: what the suites use to prove the live
 * path without the internet. The demo merchant's credentials and inputs as the environment gives
 * them on live, and a fetch wrapper recording where each request went (no `/__mock` may appear).
 */
import type { FetchLike } from "../../client/index.ts";
import { DEMO_IMP_KEY, DEMO_IMP_SECRET } from "../../mock-server/index.ts";

/** The demo merchant's values for the inputs scenarios name, as `IAMPORT_VAR_*` would give them on live. */
const DEMO_INPUTS: Record<string, string> = {
  channel_nice_v2: "channel-key-demo-nice-v2",
  channel_smartro_v2: "channel-key-demo-smartro-v2",
  customer_smartro_v2: "demo-smartro-customer",
};

/** `IMP_KEY`, `IMP_SECRET` and `IAMPORT_VAR_<NAME>` for each named input. */
export function liveEnv(...inputs: (keyof typeof DEMO_INPUTS)[]): Record<string, string> {
  const vars = Object.fromEntries(inputs.map((name) => [`IAMPORT_VAR_${name.toUpperCase()}`, DEMO_INPUTS[name]!]));
  return { IMP_KEY: DEMO_IMP_KEY, IMP_SECRET: DEMO_IMP_SECRET, ...vars };
}

/** A `wrapFetch` that records each request's path, and the paths so far. */
export function pathRecorder(map: (path: string) => string = (path) => path) {
  const paths: string[] = [];
  const wrap =
    (fetch: FetchLike): FetchLike =>
    (request) => (paths.push(map(new URL(request.url).pathname)), fetch(request));
  return { paths, wrap };
}
