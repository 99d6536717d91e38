import { Code, ConnectError } from "@connectrpc/connect";
import { expect } from "vitest";

/** Awaits a call that must fail and returns its error after checking the code. */
export async function expectRpcError(call: Promise<unknown>, code: Code): Promise<ConnectError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error, "the call should have failed").toBeInstanceOf(ConnectError);
  const connectError = error as ConnectError;
  expect(Code[connectError.code], connectError.message).toBe(Code[code]);
  return connectError;
}
