package com.ncanode.signatures.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * SignatureService keeps every CMS/XML signature of a document with its full
 * version history. A record is identified by the pair (document, thread).
 * Errors use canonical codes: INVALID_ARGUMENT (with a google.rpc.BadRequest
 * detail naming the field), NOT_FOUND, ABORTED for a version conflict (with a
 * google.rpc.ErrorInfo detail whose metadata "current_version" holds the
 * record's current version), RESOURCE_EXHAUSTED when a new version cannot fit
 * beside the current one in a record's document (older versions move out of
 * the record; a history has no ceiling), UNAVAILABLE while the database is
 * unreachable. Messages are localised by the "api-locale" header (en, ru, kz).
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class SignatureServiceGrpc {

  private SignatureServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "ncanode.signatures.v1.SignatureService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<com.ncanode.signatures.v1.GetRequest,
      com.ncanode.signatures.v1.GetResponse> getGetMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Get",
      requestType = com.ncanode.signatures.v1.GetRequest.class,
      responseType = com.ncanode.signatures.v1.GetResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.ncanode.signatures.v1.GetRequest,
      com.ncanode.signatures.v1.GetResponse> getGetMethod() {
    io.grpc.MethodDescriptor<com.ncanode.signatures.v1.GetRequest, com.ncanode.signatures.v1.GetResponse> getGetMethod;
    if ((getGetMethod = SignatureServiceGrpc.getGetMethod) == null) {
      synchronized (SignatureServiceGrpc.class) {
        if ((getGetMethod = SignatureServiceGrpc.getGetMethod) == null) {
          SignatureServiceGrpc.getGetMethod = getGetMethod =
              io.grpc.MethodDescriptor.<com.ncanode.signatures.v1.GetRequest, com.ncanode.signatures.v1.GetResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Get"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.ncanode.signatures.v1.GetRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.ncanode.signatures.v1.GetResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SignatureServiceMethodDescriptorSupplier("Get"))
              .build();
        }
      }
    }
    return getGetMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.ncanode.signatures.v1.SaveRequest,
      com.ncanode.signatures.v1.SaveResponse> getSaveMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Save",
      requestType = com.ncanode.signatures.v1.SaveRequest.class,
      responseType = com.ncanode.signatures.v1.SaveResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.ncanode.signatures.v1.SaveRequest,
      com.ncanode.signatures.v1.SaveResponse> getSaveMethod() {
    io.grpc.MethodDescriptor<com.ncanode.signatures.v1.SaveRequest, com.ncanode.signatures.v1.SaveResponse> getSaveMethod;
    if ((getSaveMethod = SignatureServiceGrpc.getSaveMethod) == null) {
      synchronized (SignatureServiceGrpc.class) {
        if ((getSaveMethod = SignatureServiceGrpc.getSaveMethod) == null) {
          SignatureServiceGrpc.getSaveMethod = getSaveMethod =
              io.grpc.MethodDescriptor.<com.ncanode.signatures.v1.SaveRequest, com.ncanode.signatures.v1.SaveResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Save"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.ncanode.signatures.v1.SaveRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.ncanode.signatures.v1.SaveResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SignatureServiceMethodDescriptorSupplier("Save"))
              .build();
        }
      }
    }
    return getSaveMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.ncanode.signatures.v1.DeleteRequest,
      com.ncanode.signatures.v1.DeleteResponse> getDeleteMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Delete",
      requestType = com.ncanode.signatures.v1.DeleteRequest.class,
      responseType = com.ncanode.signatures.v1.DeleteResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.ncanode.signatures.v1.DeleteRequest,
      com.ncanode.signatures.v1.DeleteResponse> getDeleteMethod() {
    io.grpc.MethodDescriptor<com.ncanode.signatures.v1.DeleteRequest, com.ncanode.signatures.v1.DeleteResponse> getDeleteMethod;
    if ((getDeleteMethod = SignatureServiceGrpc.getDeleteMethod) == null) {
      synchronized (SignatureServiceGrpc.class) {
        if ((getDeleteMethod = SignatureServiceGrpc.getDeleteMethod) == null) {
          SignatureServiceGrpc.getDeleteMethod = getDeleteMethod =
              io.grpc.MethodDescriptor.<com.ncanode.signatures.v1.DeleteRequest, com.ncanode.signatures.v1.DeleteResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Delete"))
              .setIdempotent(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.ncanode.signatures.v1.DeleteRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.ncanode.signatures.v1.DeleteResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SignatureServiceMethodDescriptorSupplier("Delete"))
              .build();
        }
      }
    }
    return getDeleteMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.ncanode.signatures.v1.ListRequest,
      com.ncanode.signatures.v1.ListResponse> getListMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "List",
      requestType = com.ncanode.signatures.v1.ListRequest.class,
      responseType = com.ncanode.signatures.v1.ListResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.ncanode.signatures.v1.ListRequest,
      com.ncanode.signatures.v1.ListResponse> getListMethod() {
    io.grpc.MethodDescriptor<com.ncanode.signatures.v1.ListRequest, com.ncanode.signatures.v1.ListResponse> getListMethod;
    if ((getListMethod = SignatureServiceGrpc.getListMethod) == null) {
      synchronized (SignatureServiceGrpc.class) {
        if ((getListMethod = SignatureServiceGrpc.getListMethod) == null) {
          SignatureServiceGrpc.getListMethod = getListMethod =
              io.grpc.MethodDescriptor.<com.ncanode.signatures.v1.ListRequest, com.ncanode.signatures.v1.ListResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "List"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.ncanode.signatures.v1.ListRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.ncanode.signatures.v1.ListResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SignatureServiceMethodDescriptorSupplier("List"))
              .build();
        }
      }
    }
    return getListMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.ncanode.signatures.v1.ListVersionsRequest,
      com.ncanode.signatures.v1.ListVersionsResponse> getListVersionsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListVersions",
      requestType = com.ncanode.signatures.v1.ListVersionsRequest.class,
      responseType = com.ncanode.signatures.v1.ListVersionsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.ncanode.signatures.v1.ListVersionsRequest,
      com.ncanode.signatures.v1.ListVersionsResponse> getListVersionsMethod() {
    io.grpc.MethodDescriptor<com.ncanode.signatures.v1.ListVersionsRequest, com.ncanode.signatures.v1.ListVersionsResponse> getListVersionsMethod;
    if ((getListVersionsMethod = SignatureServiceGrpc.getListVersionsMethod) == null) {
      synchronized (SignatureServiceGrpc.class) {
        if ((getListVersionsMethod = SignatureServiceGrpc.getListVersionsMethod) == null) {
          SignatureServiceGrpc.getListVersionsMethod = getListVersionsMethod =
              io.grpc.MethodDescriptor.<com.ncanode.signatures.v1.ListVersionsRequest, com.ncanode.signatures.v1.ListVersionsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListVersions"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.ncanode.signatures.v1.ListVersionsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.ncanode.signatures.v1.ListVersionsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SignatureServiceMethodDescriptorSupplier("ListVersions"))
              .build();
        }
      }
    }
    return getListVersionsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.ncanode.signatures.v1.InspectRequest,
      com.ncanode.signatures.v1.InspectResponse> getInspectMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Inspect",
      requestType = com.ncanode.signatures.v1.InspectRequest.class,
      responseType = com.ncanode.signatures.v1.InspectResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.ncanode.signatures.v1.InspectRequest,
      com.ncanode.signatures.v1.InspectResponse> getInspectMethod() {
    io.grpc.MethodDescriptor<com.ncanode.signatures.v1.InspectRequest, com.ncanode.signatures.v1.InspectResponse> getInspectMethod;
    if ((getInspectMethod = SignatureServiceGrpc.getInspectMethod) == null) {
      synchronized (SignatureServiceGrpc.class) {
        if ((getInspectMethod = SignatureServiceGrpc.getInspectMethod) == null) {
          SignatureServiceGrpc.getInspectMethod = getInspectMethod =
              io.grpc.MethodDescriptor.<com.ncanode.signatures.v1.InspectRequest, com.ncanode.signatures.v1.InspectResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Inspect"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.ncanode.signatures.v1.InspectRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.ncanode.signatures.v1.InspectResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SignatureServiceMethodDescriptorSupplier("Inspect"))
              .build();
        }
      }
    }
    return getInspectMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.ncanode.signatures.v1.VerifyRequest,
      com.ncanode.signatures.v1.VerifyResponse> getVerifyMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Verify",
      requestType = com.ncanode.signatures.v1.VerifyRequest.class,
      responseType = com.ncanode.signatures.v1.VerifyResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.ncanode.signatures.v1.VerifyRequest,
      com.ncanode.signatures.v1.VerifyResponse> getVerifyMethod() {
    io.grpc.MethodDescriptor<com.ncanode.signatures.v1.VerifyRequest, com.ncanode.signatures.v1.VerifyResponse> getVerifyMethod;
    if ((getVerifyMethod = SignatureServiceGrpc.getVerifyMethod) == null) {
      synchronized (SignatureServiceGrpc.class) {
        if ((getVerifyMethod = SignatureServiceGrpc.getVerifyMethod) == null) {
          SignatureServiceGrpc.getVerifyMethod = getVerifyMethod =
              io.grpc.MethodDescriptor.<com.ncanode.signatures.v1.VerifyRequest, com.ncanode.signatures.v1.VerifyResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Verify"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.ncanode.signatures.v1.VerifyRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.ncanode.signatures.v1.VerifyResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SignatureServiceMethodDescriptorSupplier("Verify"))
              .build();
        }
      }
    }
    return getVerifyMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.ncanode.signatures.v1.GetReceiptKeyRequest,
      com.ncanode.signatures.v1.GetReceiptKeyResponse> getGetReceiptKeyMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetReceiptKey",
      requestType = com.ncanode.signatures.v1.GetReceiptKeyRequest.class,
      responseType = com.ncanode.signatures.v1.GetReceiptKeyResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.ncanode.signatures.v1.GetReceiptKeyRequest,
      com.ncanode.signatures.v1.GetReceiptKeyResponse> getGetReceiptKeyMethod() {
    io.grpc.MethodDescriptor<com.ncanode.signatures.v1.GetReceiptKeyRequest, com.ncanode.signatures.v1.GetReceiptKeyResponse> getGetReceiptKeyMethod;
    if ((getGetReceiptKeyMethod = SignatureServiceGrpc.getGetReceiptKeyMethod) == null) {
      synchronized (SignatureServiceGrpc.class) {
        if ((getGetReceiptKeyMethod = SignatureServiceGrpc.getGetReceiptKeyMethod) == null) {
          SignatureServiceGrpc.getGetReceiptKeyMethod = getGetReceiptKeyMethod =
              io.grpc.MethodDescriptor.<com.ncanode.signatures.v1.GetReceiptKeyRequest, com.ncanode.signatures.v1.GetReceiptKeyResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetReceiptKey"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.ncanode.signatures.v1.GetReceiptKeyRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.ncanode.signatures.v1.GetReceiptKeyResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SignatureServiceMethodDescriptorSupplier("GetReceiptKey"))
              .build();
        }
      }
    }
    return getGetReceiptKeyMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static SignatureServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SignatureServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SignatureServiceStub>() {
        @java.lang.Override
        public SignatureServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SignatureServiceStub(channel, callOptions);
        }
      };
    return SignatureServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static SignatureServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SignatureServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SignatureServiceBlockingV2Stub>() {
        @java.lang.Override
        public SignatureServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SignatureServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return SignatureServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static SignatureServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SignatureServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SignatureServiceBlockingStub>() {
        @java.lang.Override
        public SignatureServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SignatureServiceBlockingStub(channel, callOptions);
        }
      };
    return SignatureServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static SignatureServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SignatureServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SignatureServiceFutureStub>() {
        @java.lang.Override
        public SignatureServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SignatureServiceFutureStub(channel, callOptions);
        }
      };
    return SignatureServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * SignatureService keeps every CMS/XML signature of a document with its full
   * version history. A record is identified by the pair (document, thread).
   * Errors use canonical codes: INVALID_ARGUMENT (with a google.rpc.BadRequest
   * detail naming the field), NOT_FOUND, ABORTED for a version conflict (with a
   * google.rpc.ErrorInfo detail whose metadata "current_version" holds the
   * record's current version), RESOURCE_EXHAUSTED when a new version cannot fit
   * beside the current one in a record's document (older versions move out of
   * the record; a history has no ceiling), UNAVAILABLE while the database is
   * unreachable. Messages are localised by the "api-locale" header (en, ru, kz).
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Get returns a record with its current version, or with the requested
     * historical version.
     * </pre>
     */
    default void get(com.ncanode.signatures.v1.GetRequest request,
        io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.GetResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetMethod(), responseObserver);
    }

    /**
     * <pre>
     * Save creates a record at version 1, or appends a new version to an
     * existing one under optimistic concurrency: the request's version must
     * equal the record's current version. Of concurrent saves against the same
     * version exactly one succeeds; the others fail with ABORTED.
     * </pre>
     */
    default void save(com.ncanode.signatures.v1.SaveRequest request,
        io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.SaveResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSaveMethod(), responseObserver);
    }

    /**
     * <pre>
     * Delete removes a record with its whole chain of versions.
     * </pre>
     */
    default void delete(com.ncanode.signatures.v1.DeleteRequest request,
        io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.DeleteResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteMethod(), responseObserver);
    }

    /**
     * <pre>
     * List returns records newest first (created_at, then id, descending), each
     * with its current version.
     * </pre>
     */
    default void list(com.ncanode.signatures.v1.ListRequest request,
        io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.ListResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListMethod(), responseObserver);
    }

    /**
     * <pre>
     * ListVersions returns a record's version history, oldest first.
     * </pre>
     */
    default void listVersions(com.ncanode.signatures.v1.ListVersionsRequest request,
        io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.ListVersionsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListVersionsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Inspect reads a payload without storing anything: its kind, SHA-256, and
     * every signer with the verification of its signature. A payload that is
     * not a recognised signature fails with INVALID_ARGUMENT naming the problem.
     * </pre>
     */
    default void inspect(com.ncanode.signatures.v1.InspectRequest request,
        io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.InspectResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getInspectMethod(), responseObserver);
    }

    /**
     * <pre>
     * Verify recomputes a record's hash chain, every version from the first,
     * and reports the first broken link. NOT_FOUND when the record does not
     * exist.
     * </pre>
     */
    default void verify(com.ncanode.signatures.v1.VerifyRequest request,
        io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.VerifyResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getVerifyMethod(), responseObserver);
    }

    /**
     * <pre>
     * GetReceiptKey returns the public key that verifies Save's receipts.
     * </pre>
     */
    default void getReceiptKey(com.ncanode.signatures.v1.GetReceiptKeyRequest request,
        io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.GetReceiptKeyResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetReceiptKeyMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service SignatureService.
   * <pre>
   * SignatureService keeps every CMS/XML signature of a document with its full
   * version history. A record is identified by the pair (document, thread).
   * Errors use canonical codes: INVALID_ARGUMENT (with a google.rpc.BadRequest
   * detail naming the field), NOT_FOUND, ABORTED for a version conflict (with a
   * google.rpc.ErrorInfo detail whose metadata "current_version" holds the
   * record's current version), RESOURCE_EXHAUSTED when a new version cannot fit
   * beside the current one in a record's document (older versions move out of
   * the record; a history has no ceiling), UNAVAILABLE while the database is
   * unreachable. Messages are localised by the "api-locale" header (en, ru, kz).
   * </pre>
   */
  public static abstract class SignatureServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return SignatureServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service SignatureService.
   * <pre>
   * SignatureService keeps every CMS/XML signature of a document with its full
   * version history. A record is identified by the pair (document, thread).
   * Errors use canonical codes: INVALID_ARGUMENT (with a google.rpc.BadRequest
   * detail naming the field), NOT_FOUND, ABORTED for a version conflict (with a
   * google.rpc.ErrorInfo detail whose metadata "current_version" holds the
   * record's current version), RESOURCE_EXHAUSTED when a new version cannot fit
   * beside the current one in a record's document (older versions move out of
   * the record; a history has no ceiling), UNAVAILABLE while the database is
   * unreachable. Messages are localised by the "api-locale" header (en, ru, kz).
   * </pre>
   */
  public static final class SignatureServiceStub
      extends io.grpc.stub.AbstractAsyncStub<SignatureServiceStub> {
    private SignatureServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SignatureServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SignatureServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Get returns a record with its current version, or with the requested
     * historical version.
     * </pre>
     */
    public void get(com.ncanode.signatures.v1.GetRequest request,
        io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.GetResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Save creates a record at version 1, or appends a new version to an
     * existing one under optimistic concurrency: the request's version must
     * equal the record's current version. Of concurrent saves against the same
     * version exactly one succeeds; the others fail with ABORTED.
     * </pre>
     */
    public void save(com.ncanode.signatures.v1.SaveRequest request,
        io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.SaveResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSaveMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Delete removes a record with its whole chain of versions.
     * </pre>
     */
    public void delete(com.ncanode.signatures.v1.DeleteRequest request,
        io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.DeleteResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * List returns records newest first (created_at, then id, descending), each
     * with its current version.
     * </pre>
     */
    public void list(com.ncanode.signatures.v1.ListRequest request,
        io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.ListResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * ListVersions returns a record's version history, oldest first.
     * </pre>
     */
    public void listVersions(com.ncanode.signatures.v1.ListVersionsRequest request,
        io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.ListVersionsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListVersionsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Inspect reads a payload without storing anything: its kind, SHA-256, and
     * every signer with the verification of its signature. A payload that is
     * not a recognised signature fails with INVALID_ARGUMENT naming the problem.
     * </pre>
     */
    public void inspect(com.ncanode.signatures.v1.InspectRequest request,
        io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.InspectResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getInspectMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Verify recomputes a record's hash chain, every version from the first,
     * and reports the first broken link. NOT_FOUND when the record does not
     * exist.
     * </pre>
     */
    public void verify(com.ncanode.signatures.v1.VerifyRequest request,
        io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.VerifyResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getVerifyMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * GetReceiptKey returns the public key that verifies Save's receipts.
     * </pre>
     */
    public void getReceiptKey(com.ncanode.signatures.v1.GetReceiptKeyRequest request,
        io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.GetReceiptKeyResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetReceiptKeyMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service SignatureService.
   * <pre>
   * SignatureService keeps every CMS/XML signature of a document with its full
   * version history. A record is identified by the pair (document, thread).
   * Errors use canonical codes: INVALID_ARGUMENT (with a google.rpc.BadRequest
   * detail naming the field), NOT_FOUND, ABORTED for a version conflict (with a
   * google.rpc.ErrorInfo detail whose metadata "current_version" holds the
   * record's current version), RESOURCE_EXHAUSTED when a new version cannot fit
   * beside the current one in a record's document (older versions move out of
   * the record; a history has no ceiling), UNAVAILABLE while the database is
   * unreachable. Messages are localised by the "api-locale" header (en, ru, kz).
   * </pre>
   */
  public static final class SignatureServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<SignatureServiceBlockingV2Stub> {
    private SignatureServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SignatureServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SignatureServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Get returns a record with its current version, or with the requested
     * historical version.
     * </pre>
     */
    public com.ncanode.signatures.v1.GetResponse get(com.ncanode.signatures.v1.GetRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Save creates a record at version 1, or appends a new version to an
     * existing one under optimistic concurrency: the request's version must
     * equal the record's current version. Of concurrent saves against the same
     * version exactly one succeeds; the others fail with ABORTED.
     * </pre>
     */
    public com.ncanode.signatures.v1.SaveResponse save(com.ncanode.signatures.v1.SaveRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSaveMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Delete removes a record with its whole chain of versions.
     * </pre>
     */
    public com.ncanode.signatures.v1.DeleteResponse delete(com.ncanode.signatures.v1.DeleteRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * List returns records newest first (created_at, then id, descending), each
     * with its current version.
     * </pre>
     */
    public com.ncanode.signatures.v1.ListResponse list(com.ncanode.signatures.v1.ListRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListVersions returns a record's version history, oldest first.
     * </pre>
     */
    public com.ncanode.signatures.v1.ListVersionsResponse listVersions(com.ncanode.signatures.v1.ListVersionsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListVersionsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Inspect reads a payload without storing anything: its kind, SHA-256, and
     * every signer with the verification of its signature. A payload that is
     * not a recognised signature fails with INVALID_ARGUMENT naming the problem.
     * </pre>
     */
    public com.ncanode.signatures.v1.InspectResponse inspect(com.ncanode.signatures.v1.InspectRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getInspectMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Verify recomputes a record's hash chain, every version from the first,
     * and reports the first broken link. NOT_FOUND when the record does not
     * exist.
     * </pre>
     */
    public com.ncanode.signatures.v1.VerifyResponse verify(com.ncanode.signatures.v1.VerifyRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getVerifyMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * GetReceiptKey returns the public key that verifies Save's receipts.
     * </pre>
     */
    public com.ncanode.signatures.v1.GetReceiptKeyResponse getReceiptKey(com.ncanode.signatures.v1.GetReceiptKeyRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetReceiptKeyMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service SignatureService.
   * <pre>
   * SignatureService keeps every CMS/XML signature of a document with its full
   * version history. A record is identified by the pair (document, thread).
   * Errors use canonical codes: INVALID_ARGUMENT (with a google.rpc.BadRequest
   * detail naming the field), NOT_FOUND, ABORTED for a version conflict (with a
   * google.rpc.ErrorInfo detail whose metadata "current_version" holds the
   * record's current version), RESOURCE_EXHAUSTED when a new version cannot fit
   * beside the current one in a record's document (older versions move out of
   * the record; a history has no ceiling), UNAVAILABLE while the database is
   * unreachable. Messages are localised by the "api-locale" header (en, ru, kz).
   * </pre>
   */
  public static final class SignatureServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<SignatureServiceBlockingStub> {
    private SignatureServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SignatureServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SignatureServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Get returns a record with its current version, or with the requested
     * historical version.
     * </pre>
     */
    public com.ncanode.signatures.v1.GetResponse get(com.ncanode.signatures.v1.GetRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Save creates a record at version 1, or appends a new version to an
     * existing one under optimistic concurrency: the request's version must
     * equal the record's current version. Of concurrent saves against the same
     * version exactly one succeeds; the others fail with ABORTED.
     * </pre>
     */
    public com.ncanode.signatures.v1.SaveResponse save(com.ncanode.signatures.v1.SaveRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSaveMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Delete removes a record with its whole chain of versions.
     * </pre>
     */
    public com.ncanode.signatures.v1.DeleteResponse delete(com.ncanode.signatures.v1.DeleteRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * List returns records newest first (created_at, then id, descending), each
     * with its current version.
     * </pre>
     */
    public com.ncanode.signatures.v1.ListResponse list(com.ncanode.signatures.v1.ListRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListVersions returns a record's version history, oldest first.
     * </pre>
     */
    public com.ncanode.signatures.v1.ListVersionsResponse listVersions(com.ncanode.signatures.v1.ListVersionsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListVersionsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Inspect reads a payload without storing anything: its kind, SHA-256, and
     * every signer with the verification of its signature. A payload that is
     * not a recognised signature fails with INVALID_ARGUMENT naming the problem.
     * </pre>
     */
    public com.ncanode.signatures.v1.InspectResponse inspect(com.ncanode.signatures.v1.InspectRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getInspectMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Verify recomputes a record's hash chain, every version from the first,
     * and reports the first broken link. NOT_FOUND when the record does not
     * exist.
     * </pre>
     */
    public com.ncanode.signatures.v1.VerifyResponse verify(com.ncanode.signatures.v1.VerifyRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getVerifyMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * GetReceiptKey returns the public key that verifies Save's receipts.
     * </pre>
     */
    public com.ncanode.signatures.v1.GetReceiptKeyResponse getReceiptKey(com.ncanode.signatures.v1.GetReceiptKeyRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetReceiptKeyMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service SignatureService.
   * <pre>
   * SignatureService keeps every CMS/XML signature of a document with its full
   * version history. A record is identified by the pair (document, thread).
   * Errors use canonical codes: INVALID_ARGUMENT (with a google.rpc.BadRequest
   * detail naming the field), NOT_FOUND, ABORTED for a version conflict (with a
   * google.rpc.ErrorInfo detail whose metadata "current_version" holds the
   * record's current version), RESOURCE_EXHAUSTED when a new version cannot fit
   * beside the current one in a record's document (older versions move out of
   * the record; a history has no ceiling), UNAVAILABLE while the database is
   * unreachable. Messages are localised by the "api-locale" header (en, ru, kz).
   * </pre>
   */
  public static final class SignatureServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<SignatureServiceFutureStub> {
    private SignatureServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SignatureServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SignatureServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Get returns a record with its current version, or with the requested
     * historical version.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.ncanode.signatures.v1.GetResponse> get(
        com.ncanode.signatures.v1.GetRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Save creates a record at version 1, or appends a new version to an
     * existing one under optimistic concurrency: the request's version must
     * equal the record's current version. Of concurrent saves against the same
     * version exactly one succeeds; the others fail with ABORTED.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.ncanode.signatures.v1.SaveResponse> save(
        com.ncanode.signatures.v1.SaveRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSaveMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Delete removes a record with its whole chain of versions.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.ncanode.signatures.v1.DeleteResponse> delete(
        com.ncanode.signatures.v1.DeleteRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * List returns records newest first (created_at, then id, descending), each
     * with its current version.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.ncanode.signatures.v1.ListResponse> list(
        com.ncanode.signatures.v1.ListRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * ListVersions returns a record's version history, oldest first.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.ncanode.signatures.v1.ListVersionsResponse> listVersions(
        com.ncanode.signatures.v1.ListVersionsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListVersionsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Inspect reads a payload without storing anything: its kind, SHA-256, and
     * every signer with the verification of its signature. A payload that is
     * not a recognised signature fails with INVALID_ARGUMENT naming the problem.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.ncanode.signatures.v1.InspectResponse> inspect(
        com.ncanode.signatures.v1.InspectRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getInspectMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Verify recomputes a record's hash chain, every version from the first,
     * and reports the first broken link. NOT_FOUND when the record does not
     * exist.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.ncanode.signatures.v1.VerifyResponse> verify(
        com.ncanode.signatures.v1.VerifyRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getVerifyMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * GetReceiptKey returns the public key that verifies Save's receipts.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.ncanode.signatures.v1.GetReceiptKeyResponse> getReceiptKey(
        com.ncanode.signatures.v1.GetReceiptKeyRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetReceiptKeyMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_GET = 0;
  private static final int METHODID_SAVE = 1;
  private static final int METHODID_DELETE = 2;
  private static final int METHODID_LIST = 3;
  private static final int METHODID_LIST_VERSIONS = 4;
  private static final int METHODID_INSPECT = 5;
  private static final int METHODID_VERIFY = 6;
  private static final int METHODID_GET_RECEIPT_KEY = 7;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_GET:
          serviceImpl.get((com.ncanode.signatures.v1.GetRequest) request,
              (io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.GetResponse>) responseObserver);
          break;
        case METHODID_SAVE:
          serviceImpl.save((com.ncanode.signatures.v1.SaveRequest) request,
              (io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.SaveResponse>) responseObserver);
          break;
        case METHODID_DELETE:
          serviceImpl.delete((com.ncanode.signatures.v1.DeleteRequest) request,
              (io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.DeleteResponse>) responseObserver);
          break;
        case METHODID_LIST:
          serviceImpl.list((com.ncanode.signatures.v1.ListRequest) request,
              (io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.ListResponse>) responseObserver);
          break;
        case METHODID_LIST_VERSIONS:
          serviceImpl.listVersions((com.ncanode.signatures.v1.ListVersionsRequest) request,
              (io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.ListVersionsResponse>) responseObserver);
          break;
        case METHODID_INSPECT:
          serviceImpl.inspect((com.ncanode.signatures.v1.InspectRequest) request,
              (io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.InspectResponse>) responseObserver);
          break;
        case METHODID_VERIFY:
          serviceImpl.verify((com.ncanode.signatures.v1.VerifyRequest) request,
              (io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.VerifyResponse>) responseObserver);
          break;
        case METHODID_GET_RECEIPT_KEY:
          serviceImpl.getReceiptKey((com.ncanode.signatures.v1.GetReceiptKeyRequest) request,
              (io.grpc.stub.StreamObserver<com.ncanode.signatures.v1.GetReceiptKeyResponse>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getGetMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.ncanode.signatures.v1.GetRequest,
              com.ncanode.signatures.v1.GetResponse>(
                service, METHODID_GET)))
        .addMethod(
          getSaveMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.ncanode.signatures.v1.SaveRequest,
              com.ncanode.signatures.v1.SaveResponse>(
                service, METHODID_SAVE)))
        .addMethod(
          getDeleteMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.ncanode.signatures.v1.DeleteRequest,
              com.ncanode.signatures.v1.DeleteResponse>(
                service, METHODID_DELETE)))
        .addMethod(
          getListMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.ncanode.signatures.v1.ListRequest,
              com.ncanode.signatures.v1.ListResponse>(
                service, METHODID_LIST)))
        .addMethod(
          getListVersionsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.ncanode.signatures.v1.ListVersionsRequest,
              com.ncanode.signatures.v1.ListVersionsResponse>(
                service, METHODID_LIST_VERSIONS)))
        .addMethod(
          getInspectMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.ncanode.signatures.v1.InspectRequest,
              com.ncanode.signatures.v1.InspectResponse>(
                service, METHODID_INSPECT)))
        .addMethod(
          getVerifyMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.ncanode.signatures.v1.VerifyRequest,
              com.ncanode.signatures.v1.VerifyResponse>(
                service, METHODID_VERIFY)))
        .addMethod(
          getGetReceiptKeyMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.ncanode.signatures.v1.GetReceiptKeyRequest,
              com.ncanode.signatures.v1.GetReceiptKeyResponse>(
                service, METHODID_GET_RECEIPT_KEY)))
        .build();
  }

  private static abstract class SignatureServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    SignatureServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return com.ncanode.signatures.v1.SignaturesProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("SignatureService");
    }
  }

  private static final class SignatureServiceFileDescriptorSupplier
      extends SignatureServiceBaseDescriptorSupplier {
    SignatureServiceFileDescriptorSupplier() {}
  }

  private static final class SignatureServiceMethodDescriptorSupplier
      extends SignatureServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    SignatureServiceMethodDescriptorSupplier(java.lang.String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (SignatureServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new SignatureServiceFileDescriptorSupplier())
              .addMethod(getGetMethod())
              .addMethod(getSaveMethod())
              .addMethod(getDeleteMethod())
              .addMethod(getListMethod())
              .addMethod(getListVersionsMethod())
              .addMethod(getInspectMethod())
              .addMethod(getVerifyMethod())
              .addMethod(getGetReceiptKeyMethod())
              .build();
        }
      }
    }
    return result;
  }
}
