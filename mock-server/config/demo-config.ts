/**
 * The merchant the mock starts with when no config is given: Smartro v2 first, four other PGs
 * so keyed payments, billing keys and per-PG rules can be tried at once, and a smart-routing group. The credentials are
 * printed at start-up and written in the README.
 */
import type { MockConfigInput } from "../../contracts/mock/config.ts";

export const DEMO_IMP_KEY = "demo_imp_key";
export const DEMO_IMP_SECRET = "demo_imp_secret";
export const DEMO_GROUP_ID = "channel-group-test-5f0c3a6e-8d2b-4c1e-9a7f-2b6d4e8c1a90";

export const demoConfig: MockConfigInput = {
  merchants: [
    {
      store_code: "imp10000000",
      name: "Demo store",
      imp_key: DEMO_IMP_KEY,
      imp_secret: DEMO_IMP_SECRET,
      channels: [
        {
          channel_key: "channel-key-demo-smartro-v2",
          channel_name: "Smartro v2 (test)",
          pg_provider: "smartro_v2",
          pg_id: "t_smartro01m",
        },
        {
          channel_key: "channel-key-demo-nice-v2",
          channel_name: "NICE v2 (test)",
          pg_provider: "nice_v2",
          pg_id: "nictest04m",
        },
        {
          channel_key: "channel-key-demo-tosspayments",
          channel_name: "Toss Payments (test)",
          pg_provider: "tosspayments",
          pg_id: "tosstest",
        },
        { channel_key: "channel-key-demo-kcp", channel_name: "NHN KCP (test)", pg_provider: "kcp", pg_id: "T0000" },
        {
          channel_key: "channel-key-demo-inicis",
          channel_name: "KG Inicis (test)",
          pg_provider: "html5_inicis",
          pg_id: "INIBillTst",
        },
      ],
      // Smartro v2 cannot issue keys through the API, so keyed payments default to NICE v2.
      default_channel: "channel-key-demo-nice-v2",
      // Smartro v2 keys come from the browser; this one stands in for such a key.
      billing_keys: [
        {
          customer_uid: "demo-smartro-customer",
          channel_key: "channel-key-demo-smartro-v2",
          customer_name: "홍길동",
          customer_tel: "010-1234-5678",
          customer_email: "buyer@example.com",
        },
      ],
      // Three PGs that PortOne routes keyed payments and API billing keys to, so every routed flow works.
      channel_groups: [
        {
          id: DEMO_GROUP_ID,
          name: "Demo routing (NICE v2 / KCP / Toss Payments)",
          channels: [
            { channel_key: "channel-key-demo-nice-v2", ratio: 50 },
            { channel_key: "channel-key-demo-kcp", ratio: 30 },
            { channel_key: "channel-key-demo-tosspayments", ratio: 20 },
          ],
        },
      ],
    },
  ],
};
