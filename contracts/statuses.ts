/**
 * Which HTTP statuses each operation answers with: the ones the official document lists for it
 * (`documented-statuses.generated.json`, written by `npm run generate` from the facts file), plus
 * the few the HTTP layer needs everywhere, less what the live service was seen to do instead.
 * The mock's failure table (mock-server/http/render-failure.ts) reads this; a refusal whose usual
 * status an operation does not list is answered as HTTP 200 with a non-zero code, as the real
 * service does (docs/decisions/011-answering-as-the-real-service.md).
 */
import documentedJson from "./documented-statuses.generated.json" with { type: "json" };
import type { SpecFacts } from "./facts/types.ts";
import { operationKeys, operations, type OperationKey } from "./operations.ts";

/**
 * Answered on any operation whatever its document lists: a refused token (the document leaves
 * 401 out of a few operations, but the token is checked before the operation is known), a method
 * the path does not take, a body over the limit, and PortOne failing.
 */
export const HTTP_LAYER_STATUSES: readonly number[] = [401, 405, 413, 500];

export const documentedStatuses = documentedJson as Record<OperationKey, number[]>;

/** Where the live service was seen to answer otherwise than its document says. */
export interface LiveAnswer {
  operation: OperationKey;
  /** The failure's usual status (mock-server/http/render-failure.ts), whether or not the document lists it. */
  usual: number;
  answered: { status: number; code: number };
  source: string;
}

const UNKNOWN_BILLING_KEY =
  "every public client test against the live API (2017-2020: kde713/iamporter-python test.py, opengallery/og-iamport-client-python tests/test_customer_get.py, iamport/go-iamport iamport/subscribe_customer_test.go, posquit0/node-iamporter test/subscription.test.js) saw HTTP 200 with code 1 for an unknown customer_uid";

export const liveAnswers: readonly LiveAnswer[] = [
  { operation: "customer_view", usual: 404, answered: { status: 200, code: 1 }, source: UNKNOWN_BILLING_KEY },
  { operation: "customer_delete", usual: 404, answered: { status: 200, code: 1 }, source: UNKNOWN_BILLING_KEY },
  {
    operation: "getPaymentPrepareByMerchantUid",
    usual: 404,
    answered: { status: 404, code: -1 },
    source:
      "posquit0/node-iamporter test/payment.test.js: a lookup of a merchant_uid never prepared is HTTP 404 on the live API, though the document lists only 200 and 401",
  },
];

/** Operation key → the statuses its document lists, matched by method and path. */
export function deriveDocumentedStatuses(facts: SpecFacts): Record<string, number[]> {
  return Object.fromEntries(
    operationKeys.map((key) => {
      const { method, path } = operations[key];
      const fact = facts.operations.find((o) => o.method === method && o.path === path);
      if (!fact) throw new Error(`the official document has no ${method.toUpperCase()} ${path} (${key})`);
      return [
        key,
        Object.keys(fact.responses)
          .map(Number)
          .sort((a, b) => a - b),
      ];
    }),
  );
}
