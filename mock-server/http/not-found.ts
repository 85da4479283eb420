/**
 * Requests no route took: a known path with another method gets 405 naming the methods it takes;
 * an unknown path gets 404 with the real paths it most likely meant (the seed's `/subscribe/again`
 * is `/subscribe/payments/again`).
 */
import { CONTROL_PREFIX, controlOperations } from "../../contracts/mock/control.ts";
import { operations, pathPattern, type Operation } from "../../contracts/operations.ts";
import type { Failure } from "../core/errors.ts";

interface KnownPath {
  method: string;
  template: string;
  segments: string[];
  pattern: RegExp;
}

const knownPath = ({ method, template }: { method: string; template: string }): KnownPath => ({
  method,
  template,
  segments: template.split("/").filter(Boolean),
  pattern: pathPattern(template),
});

const apiPaths = Object.values(operations)
  .flatMap((operation: Operation) => {
    const method = operation.method.toUpperCase();
    return [operation.path, ...(operation.aliases ?? [])].map((template) => ({ method, template }));
  })
  .map(knownPath);
const controlPaths = Object.values(controlOperations)
  .map((operation) => ({ method: operation.method.toUpperCase(), template: `${CONTROL_PREFIX}${operation.path}` }))
  .map(knownPath);
const withControl = [...apiPaths, ...controlPaths];

const isParam = (segment: string) => segment.startsWith("{");

/** Whether every segment of `path` appears, in order, in `template` (a parameter slot takes anything when allowed). */
function isSubsequence(path: string[], template: string[], slotsTakeAnything: boolean): boolean {
  let t = 0;
  for (const segment of path) {
    while (t < template.length && !((slotsTakeAnything && isParam(template[t]!)) || template[t] === segment)) t++;
    if (t === template.length) return false;
    t++;
  }
  return true;
}

/** `control`: whether the control API is served; without it its paths are neither matched nor suggested. */
export function unmatchedRequest(method: string, path: string, { control }: { control: boolean }): Failure {
  const known = control ? withControl : apiPaths;
  const matching = known.filter((k) => k.pattern.test(path));
  if (matching.length > 0) {
    // `/payments/cancel` also fits `/payments/{imp_uid}`; name the methods of the most literal fit.
    const literal = (k: KnownPath) => k.segments.filter((s) => !isParam(s)).length;
    const best = Math.max(...matching.map(literal));
    const methods = [...new Set(matching.filter((k) => literal(k) === best).map((k) => k.method))].join(", ");
    return { kind: "methodNotAllowed", explanation: `${method} is not allowed on ${path}; it takes ${methods}` };
  }
  const segments = path.split("/").filter(Boolean);
  // One segment missing, e.g. `payments` in the seed's `/subscribe/again`; exact words first.
  const oneShort = known.filter((k) => k.segments.length === segments.length + 1);
  const exact = oneShort.filter((k) => isSubsequence(segments, k.segments, false));
  const near = exact.length ? exact : oneShort.filter((k) => isSubsequence(segments, k.segments, true));
  const ranked = [...near.filter((k) => k.method === method), ...near.filter((k) => k.method !== method)].slice(0, 3);
  const hint = ranked.length ? ` Did you mean ${ranked.map((k) => `${k.method} ${k.template}`).join(" or ")}?` : "";
  return { kind: "notFound", explanation: `${method} ${path} is not a path of the iamport REST API.${hint}` };
}
