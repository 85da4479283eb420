/** The secrets shared with the scenario runner's reports: which keys, and scrubbing their values from text. */
import { expect, test } from "vitest";
import type { DecodedExchange } from "./decode-exchange.ts";
import { createRedactor, isSecretKey, REDACTED, scrubSecrets, SECRET_KEYS, SHORTEST_SECRET } from "./redact.ts";

test("SECRET_KEYS are the credentials and the token, as isSecretKey says", () => {
  expect([...SECRET_KEYS].sort()).toEqual(["access_token", "imp_key", "imp_secret"]);
  for (const key of SECRET_KEYS) expect(isSecretKey(key)).toBe(true);
  expect(isSecretKey("imp_uid")).toBe(false);
});

test("scrubSecrets replaces every occurrence of each secret, the longest first", () => {
  expect(REDACTED).toBe("[redacted]");
  const text = "token abcdef123456 then abcdef123456 again, key abcdef, secret s3cr3t-value";
  expect(scrubSecrets(text, ["abcdef", "abcdef123456", "s3cr3t-value"])).toBe(
    "token [redacted] then [redacted] again, key [redacted], secret [redacted]",
  );
});

test("scrubSecrets leaves values shorter than 6 characters, the empty one included, and takes any iterable", () => {
  expect(SHORTEST_SECRET).toBe(6);
  expect(scrubSecrets("a 12345 b", ["", "12345"])).toBe("a 12345 b");
  function* secrets() {
    yield "123456";
    yield "123456";
  }
  expect(scrubSecrets("a 123456 b", secrets())).toBe("a [redacted] b");
  expect(scrubSecrets("a 123456 b", new Set(["123456"]))).toBe("a [redacted] b");
  expect(scrubSecrets("nothing here", [])).toBe("nothing here");
});

test("the recorder's redactor scrubs text as scrubSecrets does with the session's secrets", () => {
  const token = {
    kind: "token",
    secrets: ["demo_imp_key", "demo_imp_secret", "tok_0123456789"],
    exchange: { requestHeaders: {} },
  };
  const redactor = createRedactor([token as unknown as DecodedExchange]);
  const text = "sent demo_imp_secret and tok_0123456789, then demo_imp_key";
  expect(redactor.text(text)).toBe(scrubSecrets(text, token.secrets));
  expect(redactor.text(text)).toBe("sent [redacted] and [redacted], then [redacted]");
});
