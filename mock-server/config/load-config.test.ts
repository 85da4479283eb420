import { expect, test } from "vitest";
import { ConfigError, parseConfig } from "./load-config.ts";
import { demoConfig } from "./demo-config.ts";

const merchant = (fields: Record<string, unknown> = {}) => ({
  store_code: "imp10000000",
  imp_key: "k",
  imp_secret: "s",
  channels: [{ channel_key: "c1", pg_provider: "nice_v2", pg_id: "m" }],
  ...fields,
});

function problems(input: unknown): string[] {
  try {
    parseConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

test("the demo config is valid: Smartro v2 and at least three other PGs, NICE v2 the default", () => {
  const config = parseConfig(demoConfig);
  const channels = config.merchants[0]!.channels;
  expect(channels[0]!.pg_provider).toBe("smartro_v2");
  expect(new Set(channels.map((c) => c.pg_provider)).size).toBeGreaterThanOrEqual(4);
  expect(config.merchants[0]!.default_channel).toBe("channel-key-demo-nice-v2");
});

test("defaults fill in mode, enabled, webhook and limits", () => {
  const config = parseConfig({ merchants: [merchant()] });
  expect(config.merchants[0]!.channels[0]).toMatchObject({ mode: "test", enabled: true });
  expect(config.merchants[0]!.webhook).toEqual({ url: null, content_type: "json", retries: false });
  expect(config).toMatchObject({ body_limit_bytes: 1_048_576, journal_size: 1000, hide_sandbox_by_default: false });
});

test.each([
  [{ merchants: [] }, "merchants: Too small: expected array to have >=1 items"],
  [{ merchants: [merchant({ store_code: "shop" })] }, "merchants[0].store_code: must be imp followed by 8 digits"],
  [{ merchants: [merchant({ channels: [] })] }, "merchants[0].channels: Too small: expected array to have >=1 items"],
  [
    { merchants: [merchant({ default_channel: "nope" })] },
    "merchants[0].default_channel: names no channel of this merchant",
  ],
  [
    { merchants: [merchant({ billing_keys: [{ customer_uid: "u", channel_key: "nope" }] })] },
    "merchants[0].billing_keys[0].channel_key: names no channel of this merchant",
  ],
  [
    { merchants: [merchant(), merchant({ imp_key: "k2" })] },
    "merchants[1].store_code: duplicates merchants[0].store_code",
  ],
  [
    { merchants: [merchant(), merchant({ store_code: "imp10000001" })] },
    "merchants[1].imp_key: duplicates merchants[0].imp_key",
  ],
  [
    { merchants: [merchant(), merchant({ store_code: "imp10000001", imp_key: "k2" })] },
    "merchants[1].channels[0].channel_key: duplicates the channel_key of merchants[0].channels[0]",
  ],
  [{ merchants: [merchant({ webhook: { url: "not a url" } })] }, "merchants[0].webhook.url: Invalid URL"],
  [
    { merchants: [merchant({ channels: [{ channel_key: "c", pg_provider: "nice_v2", pg_id: "m", mode: "prod" }] })] },
    'merchants[0].channels[0].mode: Invalid option: expected one of "test"|"live"',
  ],
])("a config %j is refused naming the field", (input, problem) => {
  expect(problems(input)).toContain(problem);
});

test("an unknown pg_provider lists the known ones", () => {
  const [problem] = problems({
    merchants: [merchant({ channels: [{ channel_key: "c", pg_provider: "nopay", pg_id: "m" }] })],
  });
  expect(problem).toMatch(
    /^merchants\[0\]\.channels\[0\]\.pg_provider: unknown pg_provider "nopay"; known: .*smartro_v2/,
  );
});

test("the error message lists every problem on its own line", () => {
  expect(() => parseConfig({ merchants: [merchant({ store_code: "x", default_channel: "nope" })] }, "my.json")).toThrow(
    /invalid mock config \(my\.json\):\n  - merchants\[0\]\.store_code: .*\n  - merchants\[0\]\.default_channel: /,
  );
});

test("a channel's behaviours override is checked: unknown keys, values and time formats are named", () => {
  const withBehaviours = (behaviours: unknown) =>
    problems({
      merchants: [merchant({ channels: [{ channel_key: "c", pg_provider: "smartro_v2", pg_id: "m", behaviours }] })],
    });
  expect(withBehaviours({ vbankRefund: "later" })).toEqual([
    'merchants[0].channels[0].behaviours.vbankRefund: Invalid option: expected one of "immediate"|"onRefundNotice"',
  ]);
  expect(withBehaviours({ vbankDueTimeOfDay: "24:00:00" })).toEqual([
    "merchants[0].channels[0].behaviours.vbankDueTimeOfDay: must be HH:mm:ss",
  ]);
  expect(withBehaviours({ refundLater: true })[0]).toMatch(
    /^merchants\[0\]\.channels\[0\]\.behaviours: Unrecognized key: "refundLater"/,
  );
  expect(withBehaviours({ vbankRefund: "immediate", testMode: { checkCardPartialCancel: true } })).toEqual([]);
});
