/** Turns a config object or JSON file into a validated `MockConfig`, or an error naming every bad field. */
import { readFileSync } from "node:fs";
import { MockConfig } from "../../contracts/mock/config.ts";
import { issueList } from "../zod-issues.ts";

export class ConfigError extends Error {
  constructor(
    readonly problems: string[],
    source: string,
  ) {
    super(`invalid mock config (${source}):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseConfig(input: unknown, source = "config object"): MockConfig {
  const parsed = MockConfig.safeParse(input);
  if (!parsed.success) throw new ConfigError(issueList(parsed.error, "(root)"), source);
  return parsed.data;
}

export function loadConfigFile(file: string): MockConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError([`cannot read the file: ${(error as Error).message}`], file);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`not JSON: ${(error as Error).message}`], file);
  }
  return parseConfig(json, file);
}

/** Scheduled ratio changes in the config must lie ahead of the clock's start, as the console only schedules coming hours. */
export function requireRatioChangesAhead(config: MockConfig, now: number): void {
  const problems = config.merchants.flatMap((merchant, m) =>
    merchant.channel_groups.flatMap((group, g) =>
      group.ratio_change && group.ratio_change.at <= now
        ? [
            `merchants[${m}].channel_groups[${g}].ratio_change.at: ${group.ratio_change.at} is not after the clock's start (${now})`,
          ]
        : [],
    ),
  );
  if (problems.length) throw new ConfigError(problems, "config against the clock");
}
