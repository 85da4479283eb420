/**
 * Webhook tests over loopback: receivers and mocks that are closed after each test, a demo
 * merchant with a webhook setting, and a clock move that waits for the attempts it starts.
 */
import { afterEach } from "vitest";
import type { z } from "zod";
import type { MerchantConfig, MockConfigInput } from "../../contracts/mock/config.ts";
import { demoConfig } from "../../mock-server/config/demo-config.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../../mock-server/testing/webhook-receiver.ts";
import { createTestMock, type TestMock } from "./mock.ts";
import { control } from "./requests.ts";

export const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export async function receiver(port?: number): Promise<WebhookReceiver> {
  const started = await startWebhookReceiver(port === undefined ? {} : { port });
  cleanups.push(() => started.close());
  return started;
}

type WebhookSetting = NonNullable<z.input<typeof MerchantConfig>["webhook"]>;

/** The demo merchant with a webhook setting, timeouts scaled down, and any channel overrides. */
export function mockWith(
  webhook: WebhookSetting,
  settings: Partial<MockConfigInput> = {},
  channels: Record<string, Record<string, unknown>> = {},
): TestMock {
  const [merchant] = demoConfig.merchants;
  const mock = createTestMock({
    config: {
      ...demoConfig,
      // Connect 1 s, read 3 s, later tries 1.5 s: short, yet far from what a loaded machine takes.
      webhook_timeout_scale: 0.1,
      ...settings,
      merchants: [
        {
          ...merchant!,
          webhook,
          channels: merchant!.channels.map((channel) => ({ ...channel, ...channels[channel.channel_key] })),
        },
      ],
    },
  });
  cleanups.push(() => mock.server.close());
  return mock;
}

export const advance = async (mock: TestMock, seconds: number) => {
  await control(mock, "POST", "/clock/advance", { seconds });
  await mock.server.pingbacks.settled();
};
export const settledDeliveries = async (mock: TestMock, query?: Record<string, unknown>) => {
  await mock.server.pingbacks.settled();
  return mock.deliveries(query);
};
