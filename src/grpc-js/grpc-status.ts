import { create, toBinary } from "@bufbuild/protobuf";
import { anyPack } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import * as grpc from "@grpc/grpc-js";
import { StatusSchema } from "../../gen/ts/google/rpc/status_pb.js";
import { MetadataHeaders } from "./metadata-headers.js";

/**
 * A ConnectError as grpc-js sends a status: the code and message, trailers
 * from the error's metadata, and its details as a google.rpc.Status in
 * grpc-status-details-bin, exactly as connect-node writes them.
 */
export function toGrpcStatus(error: ConnectError, trailers: grpc.Metadata | undefined): Partial<grpc.StatusObject> {
  const metadata = trailers ?? new grpc.Metadata();
  const view = new MetadataHeaders(metadata);
  for (const [name, value] of error.metadata) view.set(name, value);
  if (error.details.length > 0) {
    const status = create(StatusSchema, {
      code: error.code,
      message: error.rawMessage,
      details: error.details.map((detail) =>
        "desc" in detail
          ? anyPack(detail.desc, create(detail.desc, detail.value))
          : { $typeName: "google.protobuf.Any" as const, typeUrl: `type.googleapis.com/${detail.type}`, value: detail.value },
      ),
    });
    metadata.set("grpc-status-details-bin", Buffer.from(toBinary(StatusSchema, status)));
  }
  return { code: error.code as number as grpc.status, details: error.rawMessage, metadata };
}

/** Any thrown value as a ConnectError: unknown errors become INTERNAL, their text not shown. */
export function asConnectError(error: unknown): ConnectError {
  return error instanceof ConnectError ? error : new ConnectError("internal error", Code.Internal, undefined, undefined, error);
}
