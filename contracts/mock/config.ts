/**
 * The mock's configuration: merchants and their PG channels. The CLI reads it from a JSON file,
 * `createMockServer` takes it as an object; both go through `MockConfig` so a mistake is reported
 * with the path of the bad field before anything starts.
 */
import * as z from "zod";
import { unixSeconds } from "../schemas/common.ts";
import { PgBehaviourOverrides, pgProfiles } from "../pg-rules/profiles.ts";
import { ChannelGroupDefinition, groupChannelProblems } from "./channel-groups.ts";

const pgProvider = z.string().refine((code) => code in pgProfiles, {
  error: (issue) =>
    `unknown pg_provider ${JSON.stringify(issue.input)}; known: ${Object.keys(pgProfiles).sort().join(", ")}`,
});

export const ChannelConfig = z.object({
  /** The key requests name the channel by; PortOne's look like `channel-key-<uuid>`. */
  channel_key: z.string().min(1).max(55),
  channel_name: z.string().optional(),
  pg_provider: pgProvider,
  /** The PG's merchant id (MID). `pg: "provider.MID"` in a request picks the channel by it. */
  pg_id: z.string().min(1).max(80),
  mode: z.enum(["test", "live"]).default("test"),
  enabled: z.boolean().default(true),
  /** Defaults to the PG's documented pay methods. */
  pay_methods: z.array(z.string()).optional(),
  /**
   * Changes to how the PG behaves where PGs differ (contracts/pg-rules/profiles.ts), e.g.
   * `{ "vbankRefund": "immediate" }` to skip Smartro v2's wait for the refund-transfer notice.
   */
  behaviours: PgBehaviourOverrides.optional(),
  /**
   * Seconds of virtual time after which the PG's notices arrive by themselves: `deposit` after a
   * virtual account is issued, `refund_transfer` after a refund starts waiting for it. Left out,
   * they arrive only on `POST /__mock/pg-notices`.
   */
  notice_delays: z
    .object({
      deposit: z.number().int().min(0).optional(),
      refund_transfer: z.number().int().min(0).optional(),
    })
    .strict()
    .default({}),
});

/** A billing key that exists from the start, as if the buyer had issued it in the browser. */
export const SeedBillingKey = z.object({
  customer_uid: z.string().min(1).max(80),
  channel_key: z.string(),
  card_number: z.string().default("4242424242424242"),
  customer_id: z.string().optional(),
  customer_name: z.string().optional(),
  customer_tel: z.string().optional(),
  customer_email: z.string().optional(),
});

/**
 * A payment that exists from the start, as on a live test merchant a team mirrors: a card, bank
 * transfer or deposited virtual account that was paid, partly refunded or cancelled, or a virtual
 * account still waiting for its deposit. Lookups by its merchant_uid (and imp_uid, when given) find it.
 */
export const SeedPayment = z
  .object({
    merchant_uid: z.string().min(1).max(40),
    /** The imp_uid it has on the live merchant; made up when left out. */
    imp_uid: z
      .string()
      .regex(/^imp_\d{12}$/, "must be imp_ followed by 12 digits")
      .optional(),
    /** The merchant's default channel when left out. */
    channel_key: z.string().optional(),
    pay_method: z.enum(["card", "trans", "vbank"]).default("card"),
    /** `ready`: a virtual account waiting for its deposit; `cancelled`: refunded in full. */
    status: z.enum(["paid", "ready", "cancelled"]).default("paid"),
    amount: z.number().int().positive(),
    /** For a paid payment: what was refunded of it already (a partial refund). */
    cancel_amount: z.number().int().positive().optional(),
    /** When it was paid (a waiting virtual account: issued), unix seconds; the clock's start when left out. */
    paid_at: unixSeconds.optional(),
    /** When it was refunded; `paid_at` when left out. */
    cancelled_at: unixSeconds.optional(),
    name: z.string().optional(),
    buyer_name: z.string().optional(),
    buyer_email: z.string().optional(),
    buyer_tel: z.string().optional(),
  })
  .strict()
  .superRefine((payment, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (payment.status === "ready" && payment.pay_method !== "vbank")
      problem("status", "ready is a virtual account waiting for its deposit: pay_method must be vbank");
    if (payment.cancel_amount !== undefined && payment.status !== "paid")
      problem("cancel_amount", "a partial refund is of a paid payment (a cancelled one is refunded in full)");
    if (payment.cancel_amount !== undefined && payment.cancel_amount >= payment.amount)
      problem("cancel_amount", "must be less than amount (refunded in full is status cancelled)");
    if (payment.cancelled_at !== undefined && payment.status !== "cancelled" && payment.cancel_amount === undefined)
      problem("cancelled_at", "only a refunded payment has one");
    if (payment.cancelled_at !== undefined && payment.paid_at !== undefined && payment.cancelled_at < payment.paid_at)
      problem("cancelled_at", "must not be before paid_at");
  });

export const MerchantConfig = z.object({
  /** The store code (`imp` + 8 digits) the browser SDK's IMP.init takes. */
  store_code: z.string().regex(/^imp\d{8}$/, "must be imp followed by 8 digits"),
  name: z.string().default("Demo store"),
  imp_key: z.string().min(1),
  imp_secret: z.string().min(1),
  /** Where webhooks go when a request has no notice_url, how they are encoded, and whether failed ones are retried. */
  webhook: z
    .object({
      url: z
        .url({ protocol: /^https?$/ })
        .nullable()
        .default(null),
      content_type: z.enum(["json", "form"]).default("json"),
      retries: z.boolean().default(false),
    })
    .prefault({}),
  channels: z.array(ChannelConfig).min(1),
  /** The channel used when a request names neither `channel_key` nor `pg`; the first one if unset. */
  default_channel: z.string().optional(),
  billing_keys: z.array(SeedBillingKey).default([]),
  payments: z.array(SeedPayment).default([]),
  /** Smart-routing groups over the channels above (docs/mock-server.md, "Smart routing"). */
  channel_groups: z.array(ChannelGroupDefinition).default([]),
});

/**
 * What a refusal's `message` says: the real service's text (`real`, the default), or the mock's own
 * explanation naming the field, rule and PG (`explanation`). The explanation is always in the
 * `X-Iamport-Mock-Explanation` header and the journal too.
 */
export const MessageMode = z.enum(["real", "explanation"]);
export type MessageMode = z.output<typeof MessageMode>;

export const MockConfig = z
  .object({
    merchants: z.array(MerchantConfig).min(1),
    messages: MessageMode.default("real"),
    /** Bodies larger than this many bytes are refused with 413. */
    body_limit_bytes: z.number().int().positive().default(1_048_576),
    /** How many requests the journal keeps (oldest dropped first). */
    journal_size: z.number().int().positive().default(1000),
    /**
     * The spec says lookups leave test-channel payments out unless `include_sandbox=true`; in
     * practice every mock payment is a test payment, so they are shown unless this is set.
     * docs/decisions/004-mock-server-behaviour.md.
     */
    hide_sandbox_by_default: z.boolean().default(false),
    /**
     * Multiplies the webhook timeouts (connect 10 s and read 30 s on the first attempt, 15 s in all
     * on later ones), so a test can see a timeout in milliseconds: 0.01 makes them 100, 300 and 150 ms.
     */
    webhook_timeout_scale: z.number().positive().max(10).default(1),
    /** How many finished webhook deliveries the log keeps (oldest dropped first; unfinished ones are never dropped). */
    webhook_log_size: z.number().int().positive().default(1000),
    /**
     * Whether webhook attempts reuse connections kept alive between them (closed after a second
     * idle), or each opens its own and closes it after the answer.
     * docs/decisions/015-kept-alive-webhooks.md.
     */
    webhook_connections: z.enum(["keep-alive", "fresh"]).default("keep-alive"),
  })
  .superRefine((config, ctx) => {
    const seen = {
      store_code: new Map<string, number>(),
      imp_key: new Map<string, number>(),
      channel_key: new Map<string, string>(),
      imp_uid: new Map<string, string>(),
    };
    config.merchants.forEach((merchant, m) => {
      for (const field of ["store_code", "imp_key"] as const) {
        const earlier = seen[field].get(merchant[field]);
        if (earlier !== undefined)
          ctx.addIssue({
            code: "custom",
            path: ["merchants", m, field],
            message: `duplicates merchants[${earlier}].${field}`,
          });
        seen[field].set(merchant[field], m);
      }
      const keys = new Set<string>();
      merchant.channels.forEach((channel, c) => {
        const owner = seen.channel_key.get(channel.channel_key);
        if (owner !== undefined)
          ctx.addIssue({
            code: "custom",
            path: ["merchants", m, "channels", c, "channel_key"],
            message: `duplicates the channel_key of ${owner}`,
          });
        seen.channel_key.set(channel.channel_key, `merchants[${m}].channels[${c}]`);
        keys.add(channel.channel_key);
      });
      if (merchant.default_channel !== undefined && !keys.has(merchant.default_channel)) {
        ctx.addIssue({
          code: "custom",
          path: ["merchants", m, "default_channel"],
          message: "names no channel of this merchant",
        });
      }
      merchant.billing_keys.forEach((key, k) => {
        if (!keys.has(key.channel_key))
          ctx.addIssue({
            code: "custom",
            path: ["merchants", m, "billing_keys", k, "channel_key"],
            message: "names no channel of this merchant",
          });
      });
      const orders = new Map<string, number>();
      merchant.payments.forEach((payment, p) => {
        const at = ["merchants", m, "payments", p];
        if (payment.channel_key !== undefined && !keys.has(payment.channel_key))
          ctx.addIssue({ code: "custom", path: [...at, "channel_key"], message: "names no channel of this merchant" });
        // A merchant_uid is paid once; a second seed for it would be a second payment of a paid order.
        const earlier = orders.get(payment.merchant_uid);
        if (earlier !== undefined)
          ctx.addIssue({
            code: "custom",
            path: [...at, "merchant_uid"],
            message: `duplicates payments[${earlier}].merchant_uid`,
          });
        orders.set(payment.merchant_uid, p);
        if (payment.imp_uid === undefined) return;
        const owner = seen.imp_uid.get(payment.imp_uid);
        if (owner !== undefined)
          ctx.addIssue({ code: "custom", path: [...at, "imp_uid"], message: `duplicates the imp_uid of ${owner}` });
        seen.imp_uid.set(payment.imp_uid, `merchants[${m}].payments[${p}]`);
      });
      const channels = new Map(merchant.channels.map((channel) => [channel.channel_key, channel]));
      const groupIds = new Map<string, number>();
      merchant.channel_groups.forEach((group, g) => {
        const at = ["merchants", m, "channel_groups", g];
        for (const problem of groupChannelProblems(group, channels))
          ctx.addIssue({ code: "custom", path: [...at, ...problem.path], message: problem.message });
        if (group.id === undefined) return;
        const earlier = groupIds.get(group.id);
        if (earlier !== undefined)
          ctx.addIssue({ code: "custom", path: [...at, "id"], message: `duplicates channel_groups[${earlier}].id` });
        groupIds.set(group.id, g);
      });
    });
  });

export type MockConfigInput = z.input<typeof MockConfig>;
export type MockConfig = z.output<typeof MockConfig>;
export type MerchantConfig = z.output<typeof MerchantConfig>;
export type ChannelConfig = z.output<typeof ChannelConfig>;
