import { create, type DescMessage, type DescMethodUnary, type MessageInitShape, type MessageShape } from "@bufbuild/protobuf";
import * as grpc from "@grpc/grpc-js";
import { type AnyMessage, grpcMethodDefinition } from "./grpc-method-definitions.js";

/** The load generator's side of every gRPC measurement. */
export interface GrpcLoadClient {
  unary<I extends DescMessage, O extends DescMessage>(
    method: DescMethodUnary<I, O>,
    request: MessageInitShape<I>,
  ): Promise<MessageShape<O>>;
  close(): void;
}

/**
 * One @grpc/grpc-js channel (one HTTP/2 connection) to 127.0.0.1:port. The
 * same client measures the real service and every empty server, so that the
 * client's share of each latency is the same everywhere.
 */
export function createGrpcLoadClient(port: number): GrpcLoadClient {
  const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const definitions = new Map<DescMethodUnary, ReturnType<typeof grpcMethodDefinition>>();
  return {
    unary<I extends DescMessage, O extends DescMessage>(method: DescMethodUnary<I, O>, request: MessageInitShape<I>) {
      let definition = definitions.get(method as DescMethodUnary);
      if (definition === undefined) {
        definition = grpcMethodDefinition(method);
        definitions.set(method as DescMethodUnary, definition);
      }
      const { path, requestSerialize, responseDeserialize } = definition;
      return new Promise<MessageShape<O>>((resolve, reject) => {
        client.makeUnaryRequest<AnyMessage, AnyMessage>(
          path,
          requestSerialize,
          responseDeserialize,
          create(method.input, request),
          (error, response) => (error === null && response !== undefined ? resolve(response as MessageShape<O>) : reject(error)),
        );
      });
    },
    close: () => client.close(),
  };
}
