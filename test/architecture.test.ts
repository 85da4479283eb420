/**
 * The layers point one way (docs/architecture.md): the core never imports the HTTP edge, the
 * contracts import nothing else of ours, the client never imports the mock, and no module of
 * ours imports itself back through others, type imports included.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SOURCES = ["contracts", "client", "mock-server", "scenarios"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")
      ? [path]
      : [];
  });
}

/** Every relative import of a file (static, `export … from`, type-only and dynamic alike), as repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+"(\.{1,2}\/[^"]+)"/gms),
    ...text.matchAll(/\bimport\(\s*"(\.{1,2}\/[^"]+)"\s*\)/g),
  ].map((match) => match[1]!);
  return specifiers.map((specifier) => relative(ROOT, resolve(dirname(file), specifier)));
}

const graph = new Map(
  SOURCES.flatMap((dir) => sourceFiles(join(ROOT, dir))).map((file) => [relative(ROOT, file), importsOf(file)]),
);
const under = (prefix: string) => (path: string) => path.startsWith(`${prefix}/`);

function edgesFrom(from: (path: string) => boolean, to: (path: string) => boolean): string[] {
  return [...graph].flatMap(([file, imports]) =>
    from(file) ? imports.filter(to).map((target) => `${file} → ${target}`) : [],
  );
}

/** Strongly connected groups of two or more modules (Tarjan), each as the files in it. */
function cycles(): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return groups;
}

test("the graph is read: it holds the core, the HTTP edge and their imports", () => {
  expect(graph.get("mock-server/core/mock-core.ts")).toContain("mock-server/core/store.ts");
  expect(graph.get("mock-server/http/app.ts")?.some(under("mock-server/core"))).toBe(true);
  // A type-only import counts as much as any other.
  expect(graph.get("mock-server/core/store.ts")).toContain("mock-server/core/model.ts");
});

test("the core (smart routing included) never imports the HTTP edge, the ping-back sender, the config loader or the CLI", () => {
  const outward = (path: string) =>
    under("mock-server/http")(path) ||
    under("mock-server/pingback")(path) ||
    under("mock-server/config")(path) ||
    path.startsWith("mock-server/cli");
  expect(edgesFrom(under("mock-server/core"), outward)).toEqual([]);
});

test("the core's model imports nothing of ours but the contracts, so every core module can use it", () => {
  expect(graph.get("mock-server/core/model.ts")!.filter((path) => !under("contracts")(path))).toEqual([]);
});

test("the PG rules and the card simulator never import the HTTP edge", () => {
  expect(edgesFrom(under("mock-server/pg"), under("mock-server/http"))).toEqual([]);
});

test("the contracts import nothing else of ours, and the client never imports the mock", () => {
  expect(edgesFrom(under("contracts"), (path) => !under("contracts")(path))).toEqual([]);
  expect(edgesFrom(under("client"), (path) => !under("client")(path) && !under("contracts")(path))).toEqual([]);
});

test("no module imports itself back through others (type imports included)", () => {
  expect(cycles()).toEqual([]);
});
