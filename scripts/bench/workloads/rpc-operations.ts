import { SignatureService } from "../../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import type { GrpcLoadClient } from "../grpc-load-client.js";
import type { SignatureOperations } from "./signature-operations.js";

/** The operations as a client sees them: gRPC calls to the service. Each checks its answer so a broken run fails. */
export function rpcOperations(client: GrpcLoadClient): SignatureOperations {
  return {
    async get(record) {
      const response = await client.unary(SignatureService.method.get, { document: record.document, thread: record.thread });
      if (response.signature === undefined) throw new Error("Get returned no signature");
    },

    async save(record, cms) {
      const response = await client.unary(SignatureService.method.save, {
        document: record.document,
        thread: record.thread,
        version: record.version,
        cms,
      });
      const version = response.signature?.currentVersion;
      if (version !== record.version + 1) throw new Error(`Save returned version ${version}, expected ${record.version + 1}`);
      return version;
    },

    async list(tag, limit) {
      const response = await client.unary(SignatureService.method.list, { tags: [tag], limit });
      if (response.signatures.length !== limit) throw new Error(`List returned ${response.signatures.length} of ${limit}`);
    },
  };
}
