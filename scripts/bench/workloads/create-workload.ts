import { SignatureService } from "../../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import type { GrpcLoadClient } from "../grpc-load-client.js";
import type { Workload } from "../load-runner.js";

/**
 * Save of a record that does not exist yet, every call a new thread of one
 * document: the request ghz's Save template sends (section 8), so the two
 * load generators make the same calls. Each answer must be version 1.
 */
export function createWorkload(client: GrpcLoadClient, document: string, cms: string): Workload {
  let next = 0;
  return {
    createWorker: () => ({
      call: async () => {
        const thread = `t-${next++}`;
        const response = await client.unary(SignatureService.method.save, { document, thread, cms });
        const version = response.signature?.currentVersion;
        if (version !== 1) throw new Error(`Save of new record ${document}/${thread} returned version ${version}, expected 1`);
      },
    }),
  };
}
