import type { BenchSettings } from "./bench-settings.js";
import type { ChildServer } from "./child-server.js";
import { createGrpcLoadClient, type GrpcLoadClient } from "./grpc-load-client.js";
import { measureOperations, type OperationResults, type OperationsFixture, operationNames } from "./measure-operations.js";
import { rpcOperations } from "./workloads/rpc-operations.js";

/** Issue 7's three ways of hosting the same service, all ports of one server child (one app, one connection pool). */
export const hostingPorts = [
  { key: "onePort", label: "rpc-one-port", port: (ports: ChildServer["ports"]) => ports.main },
  { key: "h2c", label: "rpc-h2c", port: (ports: ChildServer["ports"]) => ports.h2c },
  { key: "grpcJs", label: "rpc-grpc-js", port: (ports: ChildServer["ports"]) => ports.grpc },
] as const;
export type HostingKey = (typeof hostingPorts)[number]["key"];

/**
 * Get, Save and List at settings.tableConcurrencies on (a) the one-port server
 * (connect-node behind the h2c sniffer), (b) connect-node on a plain
 * node:http2 server and (c) the grpc-js port.
 */
export type HostingResults = Record<HostingKey, OperationResults>;

/**
 * Section 7's measurements. Operation by operation, the three ports one after
 * the other, so that the points compared with each other are measured close
 * in time (the machine's load drifts; the server's JIT warms up).
 */
export async function measureHosting(
  service: ChildServer,
  fixture: OperationsFixture,
  settings: BenchSettings,
  progress: (line: string) => void,
): Promise<HostingResults> {
  const clients = new Map<HostingKey, GrpcLoadClient>();
  try {
    for (const host of hostingPorts) {
      const port = host.port(service.ports);
      if (port === undefined) throw new Error(`the service child reported no port for ${host.label}`);
      clients.set(host.key, createGrpcLoadClient(port));
    }
    const results: HostingResults = {
      onePort: { Get: [], Save: [], List: [] },
      h2c: { Get: [], Save: [], List: [] },
      grpcJs: { Get: [], Save: [], List: [] },
    };
    for (const name of operationNames) {
      for (const host of hostingPorts) {
        const client = clients.get(host.key);
        if (client === undefined) throw new Error(`no client for ${host.label}`);
        const measured = await measureOperations(rpcOperations(client), fixture, {
          label: host.label,
          settings,
          progress,
          serverCpu: service.cpuUsage,
          concurrencies: settings.tableConcurrencies,
          operations: [name],
        });
        results[host.key][name] = measured[name];
      }
    }
    return results;
  } finally {
    for (const client of clients.values()) client.close();
  }
}
