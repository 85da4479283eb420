import fc from "fast-check";
import { describe, expect, test } from "vitest";
import * as z from "zod";
import { envelope } from "../contracts/envelope.ts";
import { ChannelGroupDefinition, RatioChange } from "../contracts/mock/channel-groups.ts";
import { MockConfig } from "../contracts/mock/config.ts";
import { operations } from "../contracts/operations.ts";
import { noticeUrl } from "../contracts/schemas/common.ts";
import { PaymentAnnotation } from "../contracts/schemas/payments.ts";
import { SchedulesByCustomerQuery } from "../contracts/schemas/schedules.ts";
import { BillingKeyAnnotation } from "../contracts/schemas/subscribe.ts";
import { unwrapSchema } from "../contracts/unwrap.ts";
import { describeDrift, findDrift, MAX_DRIFTS, type Drift } from "./drift.ts";

// ---- fixtures: answers as the real service sends them (every key present, null for what it does not know)

const cancel = (amount: number, cancellation_id: string) => ({
  pg_tid: "pg-tid-1",
  amount,
  cancelled_at: 1_700_000_100,
  reason: "changed mind",
  cancellation_id,
  receipt_url: null,
});

function payment(): Record<string, unknown> & { cancel_history: Record<string, unknown>[] } {
  return {
    imp_uid: "imp_123456789012",
    merchant_uid: "order-1",
    pay_method: "card",
    channel: "api",
    pg_provider: "smartro_v2",
    emb_pg_provider: null,
    pg_tid: "pg-tid-1",
    pg_id: "t_mid",
    sandbox: true,
    escrow: false,
    apply_num: "12345678",
    bank_code: null,
    bank_name: null,
    card_code: "361",
    card_name: "BC card",
    card_issuer_code: "361",
    card_issuer_name: "BC",
    card_publisher_code: null,
    card_publisher_name: null,
    card_quota: 0,
    card_number: "424242*********2",
    card_type: 0,
    vbank_code: null,
    vbank_name: null,
    vbank_num: null,
    vbank_holder: null,
    vbank_date: null,
    vbank_issued_at: null,
    name: "Coffee beans",
    amount: 10_000,
    cancel_amount: 3_000,
    currency: "KRW",
    buyer_name: "Kim",
    buyer_email: "kim@example.com",
    buyer_tel: "010-1234-5678",
    buyer_addr: null,
    buyer_postcode: null,
    custom_data: null,
    user_agent: "sorry_not_supported",
    status: "paid",
    started_at: 1_700_000_000,
    paid_at: 1_700_000_001,
    failed_at: 0,
    cancelled_at: 0,
    fail_reason: null,
    cancel_reason: null,
    receipt_url: "https://example.com/receipt",
    cancel_history: [cancel(1_000, "c-1"), cancel(2_000, "c-2")],
    deposit_history: null,
    cancel_receipt_urls: ["https://example.com/c-1", "https://example.com/c-2"],
    cash_receipt_issued: false,
    customer_uid: "customer-1",
    customer_uid_usage: "payment",
    promotion: { id: "promo-1", discount: 500 },
  };
}

const customer = () => ({
  customer_uid: "customer-1",
  pg_provider: "smartro_v2",
  pg_id: "t_mid",
  sandbox: true,
  customer_id: null,
  card_name: "BC card",
  card_code: "361",
  card_issuer_code: null,
  card_issuer_name: null,
  card_publisher_code: null,
  card_publisher_name: null,
  card_number: "424242*********2",
  card_type: 0,
  customer_name: "Kim",
  customer_tel: null,
  customer_email: null,
  customer_addr: null,
  customer_postcode: null,
  inserted: 1_700_000_000,
  updated: 1_700_000_000,
});

const superBillingKey = () => ({
  customer_uid: "customer-2",
  channelGroupId: "channel-group-test-1",
  customer_id: null,
  customer_name: null,
  customer_tel: null,
  customer_email: null,
  customer_addr: null,
  customer_postcode: null,
  succeededChannels: [],
  failedChannels: [{ type: "PG_PROVIDER", message: "refused", pg_provider: "kcp_v2", pg_id: "kcp_mid" }],
});

const configMerchant = (extra: Record<string, unknown> = {}) => ({
  store_code: "imp12345678",
  imp_key: "key",
  imp_secret: "secret",
  channels: [{ channel_key: "ch-1", pg_provider: "smartro_v2", pg_id: "t_mid" }],
  ...extra,
});

const drift = (kind: Drift["kind"], path: string, expected: string, received: string): Drift => ({
  kind,
  path,
  expected,
  received,
});

// ---- a matching answer

describe("an answer that matches", () => {
  test("the payment fixture has every key of PaymentAnnotation, zod accepts it, and there is no drift", () => {
    expect(Object.keys(payment()).sort()).toEqual(Object.keys(PaymentAnnotation.shape).sort());
    expect(PaymentAnnotation.safeParse(payment()).success).toBe(true);
    expect(findDrift(PaymentAnnotation, payment())).toEqual([]);
  });

  test("inside the envelope, in a list, and with nullable fields null", () => {
    const nulls = { ...payment(), cancel_history: null, promotion: null, customer_uid_usage: null, escrow: null };
    expect(findDrift(envelope(PaymentAnnotation), { code: 0, message: null, response: payment() })).toEqual([]);
    expect(findDrift(z.array(PaymentAnnotation), [payment(), nulls])).toEqual([]);
  });

  test("both kinds of billing key match the union", () => {
    expect(findDrift(BillingKeyAnnotation, customer())).toEqual([]);
    expect(findDrift(BillingKeyAnnotation, superBillingKey())).toEqual([]);
  });
});

// ---- each kind

describe("missing", () => {
  test("a required key left out, top level and nested, described with its contract", () => {
    const value = payment();
    delete value.merchant_uid;
    delete value.channel;
    delete value.cancel_history[0]!.reason;
    expect(findDrift(PaymentAnnotation, value)).toEqual([
      drift("missing", "merchant_uid", "string (max 40)", "undefined"),
      drift("missing", "channel", "string or null", "undefined"),
      drift("missing", "cancel_history[0].reason", "string", "undefined"),
    ]);
  });

  test("optional and defaulted keys may be absent; a nullable one may not", () => {
    const schema = z.object({ a: z.string().optional(), b: z.number().default(1), c: z.string().nullable() });
    expect(findDrift(schema, {})).toEqual([drift("missing", "c", "string or null", "undefined")]);
  });
});

describe("type", () => {
  test("the wrong JS type, with the contract's words and the value received", () => {
    expect(findDrift(PaymentAnnotation, { ...payment(), amount: "1000", pay_method: 3 })).toEqual([
      drift("type", "pay_method", "string (max 20) or null", "number 3"),
      drift("type", "amount", "number", 'string "1000"'),
    ]);
  });

  test("null where the contract is not nullable", () => {
    expect(findDrift(PaymentAnnotation, { ...payment(), status: null, amount: null, sandbox: null })).toEqual([
      drift("type", "sandbox", "boolean", "null"),
      drift("type", "amount", "number", "null"),
      drift("type", "status", "one of ready, paid, cancelled, failed", "null"),
    ]);
  });

  test("objects and arrays are told apart, and described by their type only", () => {
    expect(findDrift(PaymentAnnotation, { ...payment(), promotion: [], cancel_history: {} })).toEqual([
      drift("type", "cancel_history", "array of object (PaymentCancelAnnotation) or null", "object"),
      drift("type", "promotion", "object or null", "array"),
    ]);
  });
});

describe("unknown_field", () => {
  test("at the top and inside an array element, although zod's own parse strips them silently", () => {
    const value = payment();
    value.foo = 1;
    value.cancel_history[1]!.extra = "x";
    expect(PaymentAnnotation.safeParse(value).success).toBe(true);
    expect(findDrift(PaymentAnnotation, value)).toEqual([
      drift("unknown_field", "cancel_history[1].extra", "not in the contract", 'string "x"'),
      drift("unknown_field", "foo", "not in the contract", "number 1"),
    ]);
  });

  test("a key named like a member of every object's prototype is unknown all the same", () => {
    expect(findDrift(z.object({ a: z.string() }), JSON.parse('{"a":"x","toString":1,"__proto__":2}'))).toEqual([
      drift("unknown_field", "toString", "not in the contract", "number 1"),
      drift("unknown_field", "__proto__", "not in the contract", "number 2"),
    ]);
  });

  test("a strict object reports the key once; a loose one takes it; a catchall checks it", () => {
    const stranger = drift("unknown_field", "b", "not in the contract", "number 1");
    expect(findDrift(z.strictObject({ a: z.string() }), { a: "x", b: 1 })).toEqual([stranger]);
    // Inside a container with its own check (min), zod's parse of the container must not repeat the key.
    expect(findDrift(z.array(z.strictObject({ a: z.string() })).min(1), [{ a: "x", b: 1 }])).toEqual([
      drift("unknown_field", "[0].b", "not in the contract", "number 1"),
    ]);
    expect(findDrift(z.looseObject({ a: z.string() }), { a: "x", b: 1 })).toEqual([]);
    const numbersBesides = z.object({ a: z.string() }).catchall(z.number());
    expect(findDrift(numbersBesides, { a: "x", b: "y" })).toEqual([drift("type", "b", "number", 'string "y"')]);
  });
});

describe("unknown_enum", () => {
  test("a value of the right type that the enum does not list", () => {
    expect(findDrift(PaymentAnnotation, { ...payment(), status: "PAID" })).toEqual([
      drift("unknown_enum", "status", "one of ready, paid, cancelled, failed", 'string "PAID"'),
    ]);
  });

  test("a nullable enum says null would do; the wrong type is a type drift", () => {
    expect(findDrift(PaymentAnnotation, { ...payment(), customer_uid_usage: "scheduled", status: 3 })).toEqual([
      drift("type", "status", "one of ready, paid, cancelled, failed", "number 3"),
      drift(
        "unknown_enum",
        "customer_uid_usage",
        "one of issue, payment, payment.scheduled or null",
        'string "scheduled"',
      ),
    ]);
  });

  test("literals too", () => {
    expect(findDrift(z.literal("a"), "b")).toEqual([drift("unknown_enum", "", '"a"', 'string "b"')]);
    expect(findDrift(z.literal("a"), 1)).toEqual([drift("type", "", '"a"', "number 1")]);
  });
});

describe("invalid", () => {
  test("a string over its max length, with zod's message; the long value is cut short", () => {
    const [only, ...rest] = findDrift(PaymentAnnotation, { ...payment(), name: "x".repeat(41) });
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ kind: "invalid", path: "name", received: `string "${"x".repeat(40)}…" (41 chars)` });
    expect(only!.expected).toMatch(/^string \(max 40\): .*40/);
  });

  test("int, refinements and formats are checks, not types", () => {
    expect(findDrift(PaymentAnnotation, { ...payment(), card_quota: 1.5 })).toMatchObject([
      { kind: "invalid", path: "card_quota" },
    ]);
    expect(findDrift(RatioChange, { at: 7, ratios: {} })).toEqual([
      drift("invalid", "at", "integer: must be a whole hour (a multiple of 3600 seconds)", "number 7"),
    ]);
  });

  test("a leaf already reported as a type drift is not also invalid", () => {
    expect(findDrift(PaymentAnnotation, { ...payment(), name: 12 })).toEqual([
      drift("type", "name", "string (max 40) or null", "number 12"),
    ]);
  });

  test("an object's own refinement is reported where its issue points, once the children are clean", () => {
    const group = {
      name: "g",
      channels: [
        { channel_key: "a", ratio: 30 },
        { channel_key: "a", ratio: 70 },
      ],
    };
    expect(findDrift(ChannelGroupDefinition, group)).toEqual([
      drift(
        "invalid",
        "channels[1].channel_key",
        "a is in the group twice; a channel can be in a group once",
        'string "a"',
      ),
    ]);
    // With a child drift the refinement is not run: its complaint could be a consequence.
    expect(findDrift(ChannelGroupDefinition, { ...group, name: 5 })).toEqual([
      drift("type", "name", "string (min 1, max 100)", "number 5"),
    ]);
  });
});

describe("the zod constructs the contracts use", () => {
  test("the mock's config: strict objects, prefault, url and regex formats, refine, superRefine with a path", () => {
    expect(findDrift(MockConfig, { merchants: [configMerchant()] })).toEqual([]);
    const bad = configMerchant({
      store_code: "imp1",
      webhook: { url: "ftp://example.com" },
      channels: [{ channel_key: "ch-1", pg_provider: "nope", pg_id: "m", notice_delays: { deposit: 5, later: 1 } }],
    });
    expect(findDrift(MockConfig, { merchants: [bad] })).toMatchObject([
      {
        kind: "invalid",
        path: "merchants[0].store_code",
        expected: "string (pattern): must be imp followed by 8 digits",
      },
      { kind: "invalid", path: "merchants[0].webhook.url", expected: expect.stringMatching(/^string \(url\): /) },
      {
        kind: "invalid",
        path: "merchants[0].channels[0].pg_provider",
        expected: expect.stringContaining('unknown pg_provider "nope"'),
      },
      { kind: "unknown_field", path: "merchants[0].channels[0].notice_delays.later" },
    ]);
    const wrongDefault = configMerchant({ default_channel: "ch-9" });
    expect(findDrift(MockConfig, { merchants: [wrongDefault] })).toEqual([
      drift("invalid", "merchants[0].default_channel", "names no channel of this merchant", 'string "ch-9"'),
    ]);
  });

  test("records: every value checked under its key", () => {
    expect(findDrift(RatioChange, { at: 3600, ratios: { a: 100, b: "x" } })).toEqual([
      drift("type", "ratios.b", "integer (min 0, max 100)", 'string "x"'),
    ]);
  });

  test("records keyed by an enum name every key and refuse others", () => {
    expect(findDrift(z.record(z.enum(["x", "y"]), z.number()), { x: 1, z: 2 })).toEqual([
      drift("missing", "y", "number", "undefined"),
      drift("unknown_field", "z", "not in the contract (keys: x, y)", 'key "z"'),
    ]);
  });

  test("keys that are not identifiers are bracketed", () => {
    expect(findDrift(SchedulesByCustomerQuery, { from: 0, to: 1, "schedule-status": "done" })).toEqual([
      drift("unknown_enum", '["schedule-status"]', "one of scheduled, executed, revoked", 'string "done"'),
    ]);
  });

  test("lazy (recursive) schemas, tuples and pipes", () => {
    type Tree = { value: number; children: Tree[] };
    const Tree: z.ZodType<Tree> = z.lazy(() => z.object({ value: z.number(), children: z.array(Tree) }));
    expect(findDrift(Tree, { value: 1, children: [{ value: 2, children: [{ value: "3", children: [] }] }] })).toEqual([
      drift("type", "children[0].children[0].value", "number", 'string "3"'),
    ]);
    expect(findDrift(z.tuple([z.string(), z.number()]), ["a", "b"])).toEqual([
      drift("type", "[1]", "number", 'string "b"'),
    ]);
    expect(findDrift(z.tuple([z.string()]), ["a", 2])).toMatchObject([{ kind: "invalid", path: "" }]);
    expect(
      findDrift(
        z.string().transform((s) => s.length),
        5,
      ),
    ).toEqual([drift("type", "", "string", "number 5")]);
    expect(findDrift(z.preprocess(Number, z.number().int()), "1.5")).toMatchObject([{ kind: "invalid", path: "" }]);
  });
});

// ---- unions

describe("unions", () => {
  test("the drift of the member the value was meant to be, not 'no member matched'", () => {
    const { card_name: _, ...withoutCardName } = customer();
    expect(findDrift(BillingKeyAnnotation, withoutCardName)).toEqual([
      drift("missing", "card_name", "string", "undefined"),
    ]);
    const badChannel = superBillingKey();
    badChannel.failedChannels[0]!.type = "BOGUS";
    expect(findDrift(BillingKeyAnnotation, badChannel)).toEqual([
      drift(
        "unknown_enum",
        "failedChannels[0].type",
        "one of INVALID_REQUEST, PG_PROVIDER, DB_FAILED",
        'string "BOGUS"',
      ),
    ]);
  });

  test("a value no member's type fits: one drift naming every member", () => {
    expect(findDrift(noticeUrl, 12)).toEqual([drift("type", "", "string or array of string", "number 12")]);
    expect(findDrift(noticeUrl, undefined)).toEqual([drift("missing", "", "string or array of string", "undefined")]);
    expect(findDrift(noticeUrl, ["a", 3])).toEqual([drift("type", "[1]", "string", "number 3")]);
    expect(findDrift(z.union([z.literal("a"), z.literal("b")]), "c")).toEqual([
      drift("unknown_enum", "", '"a" or "b"', 'string "c"'),
    ]);
  });

  test("among objects, the member sharing most keys, even when listed later", () => {
    const few = z.object({ w: z.string(), z: z.string() });
    const many = z.object({ a: z.string(), b: z.string(), c: z.string(), d: z.string(), e: z.string(), f: z.string() });
    // Both members have four drifts; `many` shares three keys with the value, `few` one.
    expect(findDrift(few, { a: "", b: "", c: "", z: "" })).toHaveLength(4);
    expect(findDrift(z.union([few, many]), { a: "", b: "", c: "", z: "" })).toEqual([
      drift("missing", "d", "string", "undefined"),
      drift("missing", "e", "string", "undefined"),
      drift("missing", "f", "string", "undefined"),
      drift("unknown_field", "z", "not in the contract", 'string ""'),
    ]);
  });

  test("the member zod would accept wins, and its unknown fields are still reported", () => {
    const schema = z.union([z.object({ a: z.string() }), z.object({ b: z.number(), c: z.number(), d: z.number() })]);
    const value = { a: "x", b: "y", c: 1, d: 2 };
    // The second member shares more keys and has fewer drifts, but zod takes the value as the first.
    expect(schema.safeParse(value).success).toBe(true);
    expect(findDrift(schema, value)).toEqual([
      drift("unknown_field", "b", "not in the contract", 'string "y"'),
      drift("unknown_field", "c", "not in the contract", "number 1"),
      drift("unknown_field", "d", "not in the contract", "number 2"),
    ]);
  });

  test("a discriminated union follows the discriminator, not the member with fewest drifts", () => {
    const schema = z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("a") }),
      z.object({ kind: z.literal("b"), x: z.string(), y: z.string() }),
    ]);
    expect(findDrift(schema, { kind: "b" })).toEqual([
      drift("missing", "x", "string", "undefined"),
      drift("missing", "y", "string", "undefined"),
    ]);
  });
});

// ---- the cap, the root, the words

describe("the report", () => {
  test(`stops at ${MAX_DRIFTS} drifts`, () => {
    const many = findDrift(
      z.array(z.number()),
      Array.from({ length: 80 }, () => "x"),
    );
    expect(many).toHaveLength(MAX_DRIFTS);
    expect(many.at(-1)!.path).toBe(`[${MAX_DRIFTS - 1}]`);
    const strangers = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`extra_${i}`, i]));
    expect(findDrift(PaymentAnnotation, { ...payment(), ...strangers })).toHaveLength(MAX_DRIFTS);
    expect(findDrift(PaymentAnnotation, {})).toHaveLength(MAX_DRIFTS);
  });

  test("root prefixes every path; the default root is the empty path", () => {
    const paidInCaps = { ...payment(), status: "PAID" };
    expect(findDrift(PaymentAnnotation, paidInCaps, "response").map((d) => d.path)).toEqual(["response.status"]);
    const enveloped = { code: 0, message: null, response: paidInCaps };
    expect(findDrift(envelope(PaymentAnnotation), enveloped).map((d) => d.path)).toEqual(["response.status"]);
    expect(findDrift(z.array(PaymentAnnotation), [payment(), paidInCaps], "response").map((d) => d.path)).toEqual([
      "response[1].status",
    ]);
    expect(findDrift(PaymentAnnotation, "nope", "response")).toEqual([
      drift("type", "response", "object (PaymentAnnotation)", 'string "nope"'),
    ]);
    expect(findDrift(z.string(), 5)).toEqual([drift("type", "", "string", "number 5")]);
  });

  test("describeDrift: one line for each kind", () => {
    const value = payment();
    delete value.merchant_uid;
    value.amount = "1000";
    value.status = "PAID";
    value.name = "x".repeat(41);
    value.cancel_history[1]!.extra = "x";
    const lines = findDrift(PaymentAnnotation, value, "response").map(describeDrift);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe("response.merchant_uid: missing (expected string (max 40))");
    expect(lines[1]).toMatch(/^response\.name: invalid string "x{40}…" \(41 chars\); string \(max 40\): .+$/);
    expect(lines[2]).toBe('response.amount: wrong type, string "1000" (expected number)');
    expect(lines[3]).toBe(
      'response.status: unknown enum value "PAID" (expected one of ready, paid, cancelled, failed)',
    );
    expect(lines[4]).toBe('response.cancel_history[1].extra: unknown field, string "x" (not in the contract)');
    expect(describeDrift(drift("type", "", "object", "null"))).toBe("(root): wrong type, null (expected object)");
  });
});

// ---- properties over every operation's answer

/** A value the response schema accepts, every key present as the real service sends them. */
function answerOf(schema: z.ZodType): fc.Arbitrary<unknown> {
  if (schema instanceof z.ZodNullable) {
    return fc.oneof(
      { arbitrary: fc.constant(null), weight: 1 },
      { arbitrary: answerOf(schema.unwrap() as z.ZodType), weight: 3 },
    );
  }
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, z.ZodType>;
    return fc.record(Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, answerOf(field)])));
  }
  if (schema instanceof z.ZodArray)
    return fc.array(answerOf(schema.element as z.ZodType), { minLength: 1, maxLength: 2 });
  if (schema instanceof z.ZodUnion) return fc.oneof(...(schema.options as z.ZodType[]).map(answerOf));
  if (schema instanceof z.ZodEnum) return fc.constantFrom(...(schema.options as string[]));
  if (schema instanceof z.ZodString)
    return fc.string({ minLength: schema.minLength ?? 0, maxLength: schema.maxLength ?? 20 });
  if (schema instanceof z.ZodNumber) {
    return schema.isInt
      ? fc.integer({ min: -1e9, max: 2e9 })
      : fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 });
  }
  if (schema instanceof z.ZodBoolean) return fc.boolean();
  throw new Error(`no arbitrary for ${schema.type}: extend answerOf`);
}

type Segment = string | number;
interface ObjectNode {
  at: Segment[];
  shape: Record<string, z.ZodType>;
}

/** Every object in the value with the schema it answers to (a union's: the member zod accepts). */
function objectNodes(schema: z.ZodType, value: unknown, at: Segment[] = []): ObjectNode[] {
  const inner = unwrapSchema(schema);
  if (inner instanceof z.ZodObject && typeof value === "object" && value !== null && !Array.isArray(value)) {
    const shape = inner.shape as Record<string, z.ZodType>;
    const record = value as Record<string, unknown>;
    return [{ at, shape }, ...Object.keys(shape).flatMap((key) => objectNodes(shape[key]!, record[key], [...at, key]))];
  }
  if (inner instanceof z.ZodArray && Array.isArray(value)) {
    return value.flatMap((item, i) => objectNodes(inner.element as z.ZodType, item, [...at, i]));
  }
  if (inner instanceof z.ZodUnion) {
    const member = (inner.options as z.ZodType[]).find((option) => option.safeParse(value).success);
    return member ? objectNodes(member, value, at) : [];
  }
  return [];
}

/** Every spot in a JSON value, the root included. */
function spots(value: unknown, at: Segment[] = []): Segment[][] {
  if (Array.isArray(value)) return [at, ...value.flatMap((item, i) => spots(item, [...at, i]))];
  if (typeof value === "object" && value !== null) {
    return [at, ...Object.entries(value).flatMap(([key, item]) => spots(item, [...at, key]))];
  }
  return [at];
}

function valueAt(value: unknown, at: Segment[]): Record<Segment, unknown> {
  return at.reduce<unknown>((current, segment) => (current as Record<Segment, unknown>)[segment], value) as Record<
    Segment,
    unknown
  >;
}

/** The oracle's own path words; response keys are identifiers, so dots and indices suffice. */
function pathText(at: Segment[]): string {
  return at.reduce<string>((text, segment) => {
    if (typeof segment === "number") return `${text}[${segment}]`;
    expect(segment).toMatch(/^[A-Za-z_]\w*$/);
    return text ? `${text}.${segment}` : segment;
  }, "");
}

const requiredKeys = (shape: Record<string, z.ZodType>) =>
  Object.keys(shape).filter((key) => !shape[key]!.safeParse(undefined).success);

/** One case per distinct response schema (many operations answer with the payment). */
const responses = [
  ...new Map(Object.entries(operations).map(([key, operation]) => [operation.response as z.ZodType, key])).entries(),
].map(([schema, key]) => ({ key, schema }));

describe.each(responses)("the answer of $key", ({ schema }) => {
  test("a generated answer has no drift, and zod agrees it is valid", () => {
    fc.assert(
      fc.property(answerOf(schema), (answer) => {
        expect(schema.safeParse(answer).success).toBe(true);
        expect(findDrift(schema, answer)).toEqual([]);
      }),
    );
  });

  test("deleting a random required key gives exactly one missing drift, at that key", () => {
    fc.assert(
      fc.property(answerOf(schema), fc.nat(), fc.nat(), (generated, whichObject, whichKey) => {
        const answer = structuredClone(generated);
        const objects = objectNodes(schema, answer).filter((node) => requiredKeys(node.shape).length > 0);
        expect(objects.length).toBeGreaterThan(0);
        const node = objects[whichObject % objects.length]!;
        const keys = requiredKeys(node.shape);
        const key = keys[whichKey % keys.length]!;
        delete valueAt(answer, node.at)[key];
        const missing = { kind: "missing", path: pathText([...node.at, key]), received: "undefined" };
        expect(findDrift(schema, answer)).toEqual([expect.objectContaining(missing)]);
      }),
    );
  });

  test("adding a random unknown key gives exactly one unknown_field drift, at that key", () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/);
    fc.assert(
      fc.property(answerOf(schema), fc.nat(), name, fc.jsonValue(), (generated, whichObject, key, extra) => {
        const answer = structuredClone(generated);
        const objects = objectNodes(schema, answer);
        const node = objects[whichObject % objects.length]!;
        fc.pre(!Object.hasOwn(node.shape, key));
        valueAt(answer, node.at)[key] = extra;
        expect(findDrift(schema, answer)).toEqual([
          expect.objectContaining({ kind: "unknown_field", path: pathText([...node.at, key]) }),
        ]);
      }),
    );
  });

  test("after any spot is replaced by random JSON, zod accepts the answer exactly when every drift is an unknown field", () => {
    fc.assert(
      fc.property(answerOf(schema), fc.nat(), fc.jsonValue(), (generated, whichSpot, replacement) => {
        const answer = structuredClone(generated);
        const all = spots(answer);
        const at = all[whichSpot % all.length]!;
        const mutated = at.length === 0 ? replacement : answer;
        if (at.length > 0) valueAt(answer, at.slice(0, -1))[at.at(-1)!] = replacement;
        const drifts = findDrift(schema, mutated);
        expect(drifts.length).toBeLessThanOrEqual(MAX_DRIFTS);
        expect(drifts.every((d) => d.kind === "unknown_field")).toBe(schema.safeParse(mutated).success);
      }),
    );
  });
});
