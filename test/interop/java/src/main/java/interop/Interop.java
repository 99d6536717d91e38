package interop;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.google.rpc.ErrorInfo;
import com.ncanode.signatures.v1.DeleteRequest;
import com.ncanode.signatures.v1.GetReceiptKeyRequest;
import com.ncanode.signatures.v1.GetReceiptKeyResponse;
import com.ncanode.signatures.v1.GetRequest;
import com.ncanode.signatures.v1.ListRequest;
import com.ncanode.signatures.v1.ListResponse;
import com.ncanode.signatures.v1.ListVersionsRequest;
import com.ncanode.signatures.v1.ListVersionsResponse;
import com.ncanode.signatures.v1.Receipt;
import com.ncanode.signatures.v1.ReceiptProofStep;
import com.ncanode.signatures.v1.SaveRequest;
import com.ncanode.signatures.v1.SaveResponse;
import com.ncanode.signatures.v1.Signature;
import com.ncanode.signatures.v1.SignatureServiceGrpc;
import com.ncanode.signatures.v1.SignatureServiceGrpc.SignatureServiceBlockingStub;
import com.ncanode.signatures.v1.SignatureVersion;
import com.ncanode.signatures.v1.VerifyRequest;
import com.ncanode.signatures.v1.VerifyResponse;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Interop check of the generated grpc-java client against a live server: Save → Save (each receipt
 * verified with the JDK's Ed25519 and the key of GetReceiptKey) → Get → stale Save (ABORTED) → List by
 * tag → ListVersions → Verify → Delete → Get (NOT_FOUND), every answer checked; exits 1 on the first
 * mismatch.
 */
public final class Interop {
  private Interop() {}

  /** A failed check. */
  static final class Mismatch extends RuntimeException {
    Mismatch(String message) {
      super(message);
    }
  }

  static void expect(String what, Object actual, Object expected) {
    if (!Objects.equals(actual, expected)) {
      throw new Mismatch(what + ": expected " + expected + ", got " + actual);
    }
  }

  static Instant expectTime(String what, boolean present, Timestamp value) {
    if (!present) {
      throw new Mismatch(what + ": missing");
    }
    Instant at = Instant.ofEpochSecond(value.getSeconds(), value.getNanos());
    if (Duration.between(at, Instant.now()).abs().compareTo(Duration.ofMinutes(10)) > 0) {
      throw new Mismatch(what + ": " + at + " is not about now");
    }
    return at;
  }

  static ErrorInfo expectFailure(String what, Runnable call, Status.Code code, String reason) {
    try {
      call.run();
    } catch (StatusRuntimeException error) {
      expect(what + ": code", error.getStatus().getCode(), code);
      com.google.rpc.Status status = StatusProto.fromThrowable(error);
      if (status == null) {
        throw new Mismatch(what + ": no grpc-status-details-bin");
      }
      for (Any detail : status.getDetailsList()) {
        if (detail.is(ErrorInfo.class)) {
          ErrorInfo info;
          try {
            info = detail.unpack(ErrorInfo.class);
          } catch (InvalidProtocolBufferException e) {
            throw new Mismatch(what + ": bad ErrorInfo detail: " + e.getMessage());
          }
          expect(what + ": ErrorInfo reason", info.getReason(), reason);
          expect(what + ": ErrorInfo domain", info.getDomain(), "signatures.ncanode.kz");
          return info;
        }
      }
      throw new Mismatch(what + ": no google.rpc.ErrorInfo detail");
    }
    throw new Mismatch(what + ": expected " + code + ", got a success");
  }

  static <T> List<Object> map(List<T> items, Function<T, Object> field) {
    return items.stream().map(field).toList();
  }

  /** The Ed25519 public key of a PEM SubjectPublicKeyInfo ("-----BEGIN PUBLIC KEY-----"). */
  static PublicKey ed25519PublicKey(String pem) throws GeneralSecurityException {
    String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----|\\s", "");
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  /**
   * True when the receipt's signature is the Ed25519 signature (RFC 8032), by publicKey, of the root
   * its statement and proof lead to: the leaf SHA-256(0x00 ‖ statement), folded with each step as
   * SHA-256(0x01 ‖ left ‖ right), signed after the prefix "ncanode.signatures.v1 receipt root\n".
   */
  static boolean receiptVerifies(PublicKey publicKey, Receipt receipt) throws GeneralSecurityException {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update((byte) 0x00);
    byte[] node = sha256.digest(receipt.getStatement().toByteArray());
    for (ReceiptProofStep step : receipt.getProofList()) {
      byte[] sibling = step.getSibling().toByteArray();
      sha256.update((byte) 0x01);
      sha256.update(step.getSiblingLeft() ? sibling : node);
      node = sha256.digest(step.getSiblingLeft() ? node : sibling);
    }
    java.security.Signature verifier = java.security.Signature.getInstance("Ed25519");
    verifier.initVerify(publicKey);
    verifier.update("ncanode.signatures.v1 receipt root\n".getBytes(StandardCharsets.UTF_8));
    verifier.update(node);
    try {
      return verifier.verify(receipt.getSignature().toByteArray());
    } catch (SignatureException e) {
      return false; // a malformed signature
    }
  }

  /** A copy of bytes with the byte at index flipped. */
  static ByteString flipped(ByteString bytes, int index) {
    byte[] altered = bytes.toByteArray();
    altered[index] ^= 0x01;
    return ByteString.copyFrom(altered);
  }

  /**
   * Checks Save's receipt offline with the key of GetReceiptKey: the signature over the root its
   * statement and proof lead to; refused with one byte of the statement flipped, and of the first
   * proof sibling (or, with an empty proof, of the signature); the statement naming the saved
   * version and head.
   */
  static void expectReceipt(SignatureServiceBlockingStub c, String what, SaveResponse response, Signature saved) {
    if (!response.hasReceipt()) {
      throw new Mismatch(what + ": no receipt");
    }
    Receipt receipt = response.getReceipt();
    GetReceiptKeyResponse key = c.getReceiptKey(GetReceiptKeyRequest.getDefaultInstance());
    expect("GetReceiptKey: algorithm", key.getAlgorithm(), "Ed25519");
    expect(what + ": receipt key_id", receipt.getKeyId(), key.getKeyId());
    byte[] statement = receipt.getStatement().toByteArray();
    try {
      PublicKey publicKey = ed25519PublicKey(key.getPublicKeyPem());
      byte[] encoded = publicKey.getEncoded();
      expect("GetReceiptKey: public_key_pem holds public_key",
          HexFormat.of().formatHex(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)),
          HexFormat.of().formatHex(key.getPublicKey().toByteArray()));
      if (!receiptVerifies(publicKey, receipt)) {
        throw new Mismatch(what + ": the receipt's signature does not verify with the key of GetReceiptKey");
      }
      ByteString statementFlipped = flipped(receipt.getStatement(), receipt.getStatement().size() / 2);
      if (receiptVerifies(publicKey, receipt.toBuilder().setStatement(statementFlipped).build())) {
        throw new Mismatch(what + ": a receipt with one byte of its statement flipped verifies");
      }
      if (receipt.getProofCount() > 0) {
        ReceiptProofStep first = receipt.getProof(0);
        ReceiptProofStep firstFlipped = first.toBuilder().setSibling(flipped(first.getSibling(), 0)).build();
        if (receiptVerifies(publicKey, receipt.toBuilder().setProof(0, firstFlipped).build())) {
          throw new Mismatch(what + ": a receipt with one byte of its first proof sibling flipped verifies");
        }
      } else {
        ByteString signatureFlipped = flipped(receipt.getSignature(), 0);
        if (receiptVerifies(publicKey, receipt.toBuilder().setSignature(signatureFlipped).build())) {
          throw new Mismatch(what + ": a receipt with one byte of its signature flipped verifies");
        }
      }
    } catch (GeneralSecurityException e) {
      throw new Mismatch(what + ": Ed25519: " + e);
    }
    JsonObject members;
    Instant at;
    try {
      members = JsonParser.parseString(new String(statement, StandardCharsets.UTF_8)).getAsJsonObject();
      expect(what + ": receipt type", members.get("type").getAsString(), "ncanode.signatures.v1.receipt");
      expect(what + ": receipt document/thread/version/head_hash",
          List.of(members.get("document").getAsString(), members.get("thread").getAsString(),
              members.get("version").getAsInt(), members.get("head_hash").getAsString()),
          List.of(saved.getDocument(), saved.getThread(), saved.getVersion(), saved.getHeadHash()));
      at = Instant.parse(members.get("time").getAsString());
    } catch (RuntimeException e) {
      if (e instanceof Mismatch m) {
        throw m;
      }
      throw new Mismatch(what + ": receipt statement: " + e);
    }
    if (Duration.between(at, Instant.now()).abs().compareTo(Duration.ofMinutes(10)) > 0) {
      throw new Mismatch(what + ": receipt time " + at + " is not about now");
    }
  }

  static void scenario(SignatureServiceBlockingStub client) {
    byte[] random = new byte[6];
    new SecureRandom().nextBytes(random);
    String run = "java-grpc-" + HexFormat.of().formatHex(random);
    String document = "interop-" + run;
    String thread = "ticket-1";
    String tag = "interop-tag-" + run;
    String cms1 = "MIIBinteropVersionOne";
    String cms2 = "MIIBinteropVersionTwo";
    SignatureServiceBlockingStub c = client.withDeadlineAfter(30, TimeUnit.SECONDS);

    SaveResponse res1 = c.save(SaveRequest.newBuilder().setDocument(document).setThread(thread).setCms(cms1)
        .addTags(tag).addTags("interop").setVersionCreatedBy("alice").setVersionComment("first").build());
    Signature saved1 = res1.getSignature();
    if (saved1.getId() <= 0) {
      throw new Mismatch("Save v1: id " + saved1.getId() + " is not positive");
    }
    expect("Save v1: version/current_version", List.of(saved1.getVersion(), saved1.getCurrentVersion()), List.of(1, 1));
    expect("Save v1: document/thread/cms", List.of(saved1.getDocument(), saved1.getThread(), saved1.getCms()),
        List.of(document, thread, cms1));
    expect("Save v1: tags", saved1.getTagsList(), List.of(tag, "interop"));
    expect("Save v1: version_created_by/comment", List.of(saved1.getVersionCreatedBy(), saved1.getVersionComment()),
        List.of("alice", "first"));
    expectTime("Save v1: version_created_at", saved1.hasVersionCreatedAt(), saved1.getVersionCreatedAt());
    expectTime("Save v1: created_at", saved1.hasCreatedAt(), saved1.getCreatedAt());
    if (!saved1.getHeadHash().matches("[0-9a-f]{64}")) {
      throw new Mismatch("Save v1: head_hash \"" + saved1.getHeadHash() + "\" is not 64 hex digits");
    }
    expect("Save v1: version_hash (the head of a one-version chain)", saved1.getVersionHash(), saved1.getHeadHash());
    expectReceipt(c, "Save v1", res1, saved1);

    SaveResponse res2 = c.save(SaveRequest.newBuilder().setDocument(document).setThread(thread).setVersion(1)
        .setCms(cms2).setVersionCreatedBy("bob").build());
    Signature saved2 = res2.getSignature();
    expect("Save v2: id", saved2.getId(), saved1.getId());
    expect("Save v2: version/current_version", List.of(saved2.getVersion(), saved2.getCurrentVersion()), List.of(2, 2));
    expect("Save v2: cms", saved2.getCms(), cms2);
    expect("Save v2: tags kept", saved2.getTagsList(), List.of(tag, "interop"));
    expect("Save v2: version_created_by/comment", List.of(saved2.getVersionCreatedBy(), saved2.getVersionComment()),
        List.of("bob", ""));
    expect("Save v2: version_hash is the new head", saved2.getVersionHash(), saved2.getHeadHash());
    if (saved2.getHeadHash().equals(saved1.getHeadHash())) {
      throw new Mismatch("Save v2: head_hash did not move");
    }
    expectReceipt(c, "Save v2", res2, saved2);

    Signature current = c.get(GetRequest.newBuilder().setDocument(document).setThread(thread).build()).getSignature();
    expect("Get: id", current.getId(), saved1.getId());
    expect("Get: version/current_version", List.of(current.getVersion(), current.getCurrentVersion()), List.of(2, 2));
    expect("Get: document/thread/cms", List.of(current.getDocument(), current.getThread(), current.getCms()),
        List.of(document, thread, cms2));
    expect("Get: tags", current.getTagsList(), List.of(tag, "interop"));
    Signature first = c.get(GetRequest.newBuilder().setDocument(document).setThread(thread).setVersion(1).build())
        .getSignature();
    expect("Get version 1: version/current_version/cms/by",
        List.of(first.getVersion(), first.getCurrentVersion(), first.getCms(), first.getVersionCreatedBy()),
        List.of(1, 2, cms1, "alice"));

    ErrorInfo info = expectFailure("stale Save",
        () -> c.save(SaveRequest.newBuilder().setDocument(document).setThread(thread).setVersion(1)
            .setCms("MIIBstale").build()),
        Status.Code.ABORTED, "VERSION_MISMATCH");
    expect("stale Save: ErrorInfo current_version", info.getMetadataMap().get("current_version"), "2");

    ListResponse listed = c.list(ListRequest.newBuilder().addTags(tag).setCount(true).build());
    expect("List by tag: ids", map(listed.getSignaturesList(), Signature::getId), List.of(saved1.getId()));
    Signature only = listed.getSignatures(0);
    expect("List by tag: version/document/cms", List.of(only.getVersion(), only.getDocument(), only.getCms()),
        List.of(2, document, cms2));
    expect("List by tag: has nb_results", listed.hasNbResults(), true);
    expect("List by tag: nb_results", listed.getNbResults(), 1L);

    ListVersionsResponse history = c.listVersions(ListVersionsRequest.newBuilder().setDocument(document)
        .setThread(thread).setIncludeCms(true).build());
    List<SignatureVersion> versions = history.getVersionsList();
    expect("ListVersions: current_version", history.getCurrentVersion(), 2);
    expect("ListVersions: versions", map(versions, SignatureVersion::getVersion), List.of(1, 2));
    expect("ListVersions: cms", map(versions, SignatureVersion::getCms), List.of(cms1, cms2));
    expect("ListVersions: version_created_by", map(versions, SignatureVersion::getVersionCreatedBy),
        List.of("alice", "bob"));
    expect("ListVersions: version_comment", map(versions, SignatureVersion::getVersionComment), List.of("first", ""));
    Instant at1 = expectTime("ListVersions: version_created_at of 1", versions.get(0).hasVersionCreatedAt(),
        versions.get(0).getVersionCreatedAt());
    Instant at2 = expectTime("ListVersions: version_created_at of 2", versions.get(1).hasVersionCreatedAt(),
        versions.get(1).getVersionCreatedAt());
    if (at1.isAfter(at2)) {
      throw new Mismatch("ListVersions: not oldest first");
    }

    VerifyResponse verified = c.verify(VerifyRequest.newBuilder().setDocument(document).setThread(thread).build());
    expect("Verify: intact", verified.getIntact(), true);
    expect("Verify: versions_checked/first_broken_version/unhashed_versions",
        List.of(verified.getVersionsChecked(), verified.getFirstBrokenVersion(), verified.getUnhashedVersions()),
        List.of(2, 0, 0));
    expect("Verify: head_hash", verified.getHeadHash(), saved2.getHeadHash());

    c.delete(DeleteRequest.newBuilder().setDocument(document).setThread(thread).build());
    expectFailure("Get after Delete",
        () -> c.get(GetRequest.newBuilder().setDocument(document).setThread(thread).build()),
        Status.Code.NOT_FOUND, "SIGNATURE_NOT_FOUND");
  }

  public static void main(String[] args) throws InterruptedException {
    URI target = args.length == 1 ? URI.create(args[0]) : null;
    if (target == null || !"http".equals(target.getScheme()) || target.getHost() == null || target.getPort() < 0) {
      System.err.println("usage: Interop http://HOST:PORT");
      System.exit(2);
    }
    ManagedChannel channel = ManagedChannelBuilder.forAddress(target.getHost(), target.getPort()).usePlaintext().build();
    int exit = 0;
    try {
      scenario(SignatureServiceGrpc.newBlockingStub(channel));
      System.out.println("ok   java grpc-java (gRPC), JDK Ed25519 (receipts)");
    } catch (Mismatch | StatusRuntimeException error) {
      System.err.println("FAIL java grpc-java: " + error.getMessage());
      exit = 1;
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    System.exit(exit);
  }
}
