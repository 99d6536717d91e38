import type { DescService } from "@bufbuild/protobuf";
import type { ConnectRouter, ServiceImpl } from "@connectrpc/connect";

/**
 * A protobuf service with its implementation. The app lists every service it
 * serves once; each server (connect-node on the main port, grpc-js on the gRPC
 * port) hosts the same list, so nothing about a method is written twice.
 */
export interface HostedService<Desc extends DescService = DescService> {
  readonly desc: Desc;
  readonly impl: Partial<ServiceImpl<Desc>>;
}

export function hosted<Desc extends DescService>(desc: Desc, impl: Partial<ServiceImpl<Desc>>): HostedService {
  return { desc, impl } as unknown as HostedService;
}

/** Connect routes for a list of hosted services. */
export function routesOf(services: readonly HostedService[]): (router: ConnectRouter) => void {
  return (router) => {
    for (const service of services) router.service(service.desc, service.impl);
  };
}
