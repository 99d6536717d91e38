import { describe, inject } from "vitest";
import { canProxy, mongoHostOf, startTcpProxy, type TcpProxy, throughProxy } from "./tcp-proxy.js";
import { startTestServer, type TestServer } from "./test-server.js";

/**
 * Whether this run's database can be put behind a proxy: the outage tests need
 * a single-host connection string (not mongodb+srv:// or a replica set seed list).
 */
export const databaseCanBeCut = canProxy(inject("mongoUri"));

/** Why the outage tests are skipped where the database cannot be cut. */
export const cannotCutReason = "the run's database is not a single mongodb:// host, so no proxy can stand in front of it";

/**
 * describe() for tests that cut or hang the database through a proxy. Where the
 * database cannot be cut, the suite is skipped and its name says why, so that
 * a skip never passes unseen.
 */
export function describeWithDatabaseOutages(name: string, body: () => void): void {
  if (databaseCanBeCut) describe(name, body);
  // Skipped, not passed: such a run has not checked outages (the name says why).
  else describe.skip(`${name} (skipped: ${cannotCutReason})`, body);
}

export interface ServerBehindProxy {
  readonly server: TestServer;
  /** Between the server and its database: cut() makes the database unreachable, restore() brings it back. */
  readonly proxy: TcpProxy;
  close(): Promise<void>;
}

/** A test server whose database connection goes through a TCP proxy the test controls. */
export async function startServerBehindProxy(env: Record<string, string>): Promise<ServerBehindProxy> {
  const mongoUri = inject("mongoUri");
  const proxy = await startTcpProxy(mongoHostOf(mongoUri));
  const server = await startTestServer(env, throughProxy(mongoUri, proxy));
  return {
    server,
    proxy,
    close: async () => {
      await proxy.restore().catch(() => undefined); // already listening when the test restored it
      await server.close();
      await proxy.close();
    },
  };
}
