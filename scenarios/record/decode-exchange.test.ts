/** Reading an answer's envelope as the client does (the contracts' envelope, whatever its response). */
import { expect, test } from "vitest";
import { readEnvelope } from "./decode-exchange.ts";

test("an envelope is read with its status, code, message and response", () => {
  expect(readEnvelope('{"code":0,"message":null,"response":{"a":1}}', 200)).toEqual({
    status: 200,
    code: 0,
    message: null,
    response: { a: 1 },
  });
  expect(readEnvelope('{"code":-1,"message":"no such payment","response":null}', 404)).toEqual({
    status: 404,
    code: -1,
    message: "no such payment",
    response: null,
  });
  // Members the envelope does not have are no concern of a step's.
  expect(readEnvelope('{"code":1,"message":"x","response":[],"extra":true}', 200)).toEqual({
    status: 200,
    code: 1,
    message: "x",
    response: [],
  });
});

test("what the client would not read as an envelope is none", () => {
  for (const text of [
    "not json",
    "null",
    "[]",
    '"text"',
    "{}",
    '{"code":1.5,"message":null,"response":null}',
    '{"code":"0","message":null,"response":null}',
    '{"code":0,"message":3,"response":null}',
    '{"code":0,"response":null}',
  ]) {
    expect(readEnvelope(text, 200), text).toBeUndefined();
  }
});
