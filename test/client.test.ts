/**
 * The client sends what the mock's decoder reads: bracketed arrays in the query, JSON bodies, the
 * bare token. Its types come from the contracts (checked at compile time by `npm run typecheck`).
 */
import { expect, expectTypeOf, test } from "vitest";
import { createIamportClient, type Payment } from "../client/index.ts";
import { operations } from "../contracts/operations.ts";
import { decodeQuery } from "../mock-server/http/decode-request.ts";

function recordingFetch(answer: unknown) {
  const seen: Request[] = [];
  const fetch = async (request: Request) => {
    seen.push(request.clone());
    return new Response(JSON.stringify(answer), { headers: { "content-type": "application/json" } });
  };
  return { fetch, seen };
}

test("getToken posts JSON without a token and types the answer", async () => {
  const { fetch, seen } = recordingFetch({
    code: 0,
    message: null,
    response: { access_token: "t", now: 1, expired_at: 1801 },
  });
  const client = createIamportClient({ baseUrl: "http://127.0.0.1:1", fetch });
  const { data } = await client.raw.POST("/users/getToken", { body: { imp_key: "k", imp_secret: "s" } });
  expect(seen[0]!.url).toBe("http://127.0.0.1:1/users/getToken");
  expect(seen[0]!.headers.get("authorization")).toBeNull();
  expect(await seen[0]!.json()).toEqual({ imp_key: "k", imp_secret: "s" });
  expect(data?.response?.access_token).toBe("t");
  expectTypeOf(data!.response).toEqualTypeOf<{ access_token: string; expired_at: number; now: number } | null>();
});

test("lookups send the bare token and bracketed arrays that the mock decodes back", async () => {
  const { fetch, seen } = recordingFetch({ code: 0, message: null, response: [] });
  const client = createIamportClient({ baseUrl: "http://127.0.0.1:1", fetch, accessToken: () => "token-1" });
  const { data } = await client.raw.GET("/payments", { params: { query: { "imp_uid[]": ["imp_1", "imp_2"] } } });
  const url = new URL(seen[0]!.url);
  expect(seen[0]!.headers.get("authorization")).toBe("token-1");
  expect(decodeQuery(url.search, operations.getPaymentListByImpUid.query)).toEqual({ imp_uid: ["imp_1", "imp_2"] });
  expectTypeOf(data!.response).toEqualTypeOf<Payment[] | null>();
});

test("nested query objects travel as extra[requester]=…", async () => {
  const { fetch, seen } = recordingFetch({ code: 0, message: null, response: null });
  const client = createIamportClient({ baseUrl: "http://127.0.0.1:1", fetch, accessToken: "t" });
  await client.raw.DELETE("/subscribe/customers/{customer_uid}", {
    params: { path: { customer_uid: "c1" }, query: { reason: "left", extra: { requester: "customer" } } },
  });
  const url = new URL(seen[0]!.url);
  expect(url.pathname).toBe("/subscribe/customers/c1");
  expect(decodeQuery(url.search, operations.customer_delete.query)).toEqual({
    reason: "left",
    extra: { requester: "customer" },
  });
});
