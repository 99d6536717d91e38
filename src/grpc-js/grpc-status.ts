import { create, toBinary } from "@bufbuild/protobuf";
import { anyPack } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import * as grpc from "@grpc/grpc-js";
import { StatusSchema } from "../../gen/ts/google/rpc/status_pb.js";

/**
 * A ConnectError as grpc-js sends a status: the code and message, trailers
 * from the error's metadata, and its details as a google.rpc.Status in
 * grpc-status-details-bin, exactly as connect-node writes them.
 */
export function toGrpcStatus(error: ConnectError, trailers: grpc.Metadata | undefined): Partial<grpc.StatusObject> {
  const metadata = trailers ?? new grpc.Metadata();
  for (const [name, value] of error.metadata) metadata.set(name, value);
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

/** Headers as grpc-js metadata; binary (-bin) values are base64 in Headers, as in Connect. */
export function metadataOf(headers: Headers): grpc.Metadata {
  const metadata = new grpc.Metadata();
  headers.forEach((value, name) => {
    if (name.endsWith("-bin")) {
      for (const part of value.split(",")) metadata.add(name, Buffer.from(part.trim(), "base64"));
    } else {
      metadata.add(name, value);
    }
  });
  return metadata;
}

/** grpc-js metadata as Headers, the form service code reads. */
export function headersOf(metadata: grpc.Metadata): Headers {
  const headers = new Headers();
  for (const [name, values] of Object.entries(metadata.toJSON())) {
    for (const value of values) headers.append(name, Buffer.isBuffer(value) ? value.toString("base64") : value);
  }
  return headers;
}
