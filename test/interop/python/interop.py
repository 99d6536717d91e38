"""Interop check of the generated Python client (grpcio) against a live server.

    python test/interop/python/interop.py http://127.0.0.1:8080

Runs Save → Save (each receipt verified with the key of GetReceiptKey) → Get →
stale Save (ABORTED) → List by tag → ListVersions → Verify → Delete → Get
(NOT_FOUND) over gRPC, checks every answer and exits 1 on the first mismatch.
Needs grpcio, grpcio-status, cryptography and the stubs in gen/python/src
(scripts/install-codegen-plugins.sh puts the runtime in .tools/codegen/venv).
"""

import datetime
import hashlib
import json
import os
import re
import secrets
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "gen", "python", "src"))

import cryptography  # noqa: E402
import grpc  # noqa: E402
from cryptography.exceptions import InvalidSignature  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey  # noqa: E402
from google.rpc import error_details_pb2  # noqa: E402
from grpc_status import rpc_status  # noqa: E402

from ncanode.signatures.v1 import signatures_pb2 as pb  # noqa: E402
from ncanode.signatures.v1 import signatures_pb2_grpc  # noqa: E402


class Mismatch(Exception):
    pass


def expect(what, actual, expected):
    if actual != expected:
        raise Mismatch(f"{what}: expected {expected!r}, got {actual!r}")


def expect_time(what, message, field):
    if not message.HasField(field):
        raise Mismatch(f"{what}: missing")
    at = getattr(message, field).ToDatetime(tzinfo=datetime.timezone.utc)
    if abs(at - datetime.datetime.now(datetime.timezone.utc)) > datetime.timedelta(minutes=10):
        raise Mismatch(f"{what}: {at.isoformat()} is not about now")
    return at


def expect_failure(what, call, code, reason):
    try:
        call()
    except grpc.RpcError as error:
        expect(f"{what}: code", error.code(), code)
        status = rpc_status.from_call(error)
        if status is None:
            raise Mismatch(f"{what}: no grpc-status-details-bin")
        for detail in status.details:
            if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                info = error_details_pb2.ErrorInfo()
                detail.Unpack(info)
                expect(f"{what}: ErrorInfo reason", info.reason, reason)
                expect(f"{what}: ErrorInfo domain", info.domain, "signatures.ncanode.kz")
                return info
        raise Mismatch(f"{what}: no google.rpc.ErrorInfo detail")
    raise Mismatch(f"{what}: expected {code.name}, got a success")


def receipt_verifies(public_key, statement, proof, signature):
    """True when signature is the Ed25519 signature, by the raw 32-byte public_key, of the root that
    statement and proof lead to: the leaf SHA-256(0x00 ‖ statement), folded with each step as
    SHA-256(0x01 ‖ left ‖ right), signed after the prefix "ncanode.signatures.v1 receipt root\\n"."""
    node = hashlib.sha256(b"\x00" + statement).digest()
    for step in proof:
        pair = step.sibling + node if step.sibling_left else node + step.sibling
        node = hashlib.sha256(b"\x01" + pair).digest()
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, b"ncanode.signatures.v1 receipt root\n" + node)
        return True
    except InvalidSignature:
        return False


def flipped(data, index):
    """A copy of data with the byte at index flipped."""
    altered = bytearray(data)
    altered[index] ^= 0x01
    return bytes(altered)


def expect_receipt(stub, what, receipt, saved, timeout):
    """Checks Save's receipt offline with the key of GetReceiptKey: the signature over the root its
    statement and proof lead to; refused with one byte of the statement flipped, and of the first
    proof sibling (or, with an empty proof, of the signature); the statement naming the saved version."""
    key = stub.GetReceiptKey(pb.GetReceiptKeyRequest(), timeout=timeout)
    expect("GetReceiptKey: algorithm/public_key length", (key.algorithm, len(key.public_key)), ("Ed25519", 32))
    expect(f"{what}: receipt key_id", receipt.key_id, key.key_id)
    if not receipt_verifies(key.public_key, receipt.statement, receipt.proof, receipt.signature):
        raise Mismatch(f"{what}: the receipt's signature does not verify with the key of GetReceiptKey")
    altered = flipped(receipt.statement, len(receipt.statement) // 2)
    if receipt_verifies(key.public_key, altered, receipt.proof, receipt.signature):
        raise Mismatch(f"{what}: a receipt with one byte of its statement flipped verifies")
    if receipt.proof:
        step = receipt.proof[0]
        first = pb.ReceiptProofStep(sibling=flipped(step.sibling, 0), sibling_left=step.sibling_left)
        if receipt_verifies(key.public_key, receipt.statement, [first, *receipt.proof[1:]], receipt.signature):
            raise Mismatch(f"{what}: a receipt with one byte of its first proof sibling flipped verifies")
    elif receipt_verifies(key.public_key, receipt.statement, receipt.proof, flipped(receipt.signature, 0)):
        raise Mismatch(f"{what}: a receipt with one byte of its signature flipped verifies")
    statement = json.loads(receipt.statement.decode("utf-8"))
    expect(f"{what}: receipt type", statement.get("type"), "ncanode.signatures.v1.receipt")
    expect(f"{what}: receipt document/thread/version/head_hash",
           tuple(statement.get(k) for k in ("document", "thread", "version", "head_hash")),
           (saved.document, saved.thread, saved.version, saved.head_hash))
    at = datetime.datetime.fromisoformat(statement["time"].replace("Z", "+00:00"))
    if abs(at - datetime.datetime.now(datetime.timezone.utc)) > datetime.timedelta(minutes=10):
        raise Mismatch(f"{what}: receipt time {statement['time']} is not about now")


def scenario(stub):
    run = f"python-grpc-{secrets.token_hex(6)}"
    document, thread, tag = f"interop-{run}", "ticket-1", f"interop-tag-{run}"
    cms1, cms2 = "MIIBinteropVersionOne", "MIIBinteropVersionTwo"
    timeout = 30

    res1 = stub.Save(
        pb.SaveRequest(document=document, thread=thread, cms=cms1, tags=[tag, "interop"],
                       version_created_by="alice", version_comment="first"),
        timeout=timeout,
    )
    saved1 = res1.signature
    if saved1.id <= 0:
        raise Mismatch(f"Save v1: id {saved1.id} is not positive")
    expect("Save v1: version/current_version", (saved1.version, saved1.current_version), (1, 1))
    expect("Save v1: document/thread/cms", (saved1.document, saved1.thread, saved1.cms), (document, thread, cms1))
    expect("Save v1: tags", list(saved1.tags), [tag, "interop"])
    expect("Save v1: version_created_by/comment", (saved1.version_created_by, saved1.version_comment), ("alice", "first"))
    expect_time("Save v1: version_created_at", saved1, "version_created_at")
    expect_time("Save v1: created_at", saved1, "created_at")
    if not re.fullmatch(r"[0-9a-f]{64}", saved1.head_hash):
        raise Mismatch(f"Save v1: head_hash {saved1.head_hash!r} is not 64 hex digits")
    expect("Save v1: version_hash (the head of a one-version chain)", saved1.version_hash, saved1.head_hash)
    expect("Save v1: has receipt", res1.HasField("receipt"), True)
    expect_receipt(stub, "Save v1", res1.receipt, saved1, timeout)

    res2 = stub.Save(
        pb.SaveRequest(document=document, thread=thread, version=1, cms=cms2, version_created_by="bob"),
        timeout=timeout,
    )
    saved2 = res2.signature
    expect("Save v2: id", saved2.id, saved1.id)
    expect("Save v2: version/current_version", (saved2.version, saved2.current_version), (2, 2))
    expect("Save v2: cms", saved2.cms, cms2)
    expect("Save v2: tags kept", list(saved2.tags), [tag, "interop"])
    expect("Save v2: version_created_by/comment", (saved2.version_created_by, saved2.version_comment), ("bob", ""))
    expect("Save v2: version_hash is the new head", saved2.version_hash, saved2.head_hash)
    if saved2.head_hash == saved1.head_hash:
        raise Mismatch("Save v2: head_hash did not move")
    expect("Save v2: has receipt", res2.HasField("receipt"), True)
    expect_receipt(stub, "Save v2", res2.receipt, saved2, timeout)

    current = stub.Get(pb.GetRequest(document=document, thread=thread), timeout=timeout).signature
    expect("Get: id", current.id, saved1.id)
    expect("Get: version/current_version", (current.version, current.current_version), (2, 2))
    expect("Get: document/thread/cms", (current.document, current.thread, current.cms), (document, thread, cms2))
    expect("Get: tags", list(current.tags), [tag, "interop"])
    first = stub.Get(pb.GetRequest(document=document, thread=thread, version=1), timeout=timeout).signature
    expect("Get version 1: version/current_version/cms/by",
           (first.version, first.current_version, first.cms, first.version_created_by), (1, 2, cms1, "alice"))

    info = expect_failure(
        "stale Save",
        lambda: stub.Save(pb.SaveRequest(document=document, thread=thread, version=1, cms="MIIBstale"), timeout=timeout),
        grpc.StatusCode.ABORTED,
        "VERSION_MISMATCH",
    )
    expect("stale Save: ErrorInfo current_version", info.metadata.get("current_version"), "2")

    listed = stub.List(pb.ListRequest(tags=[tag], count=True), timeout=timeout)
    expect("List by tag: ids", [s.id for s in listed.signatures], [saved1.id])
    only = listed.signatures[0]
    expect("List by tag: version/document/cms", (only.version, only.document, only.cms), (2, document, cms2))
    expect("List by tag: has nb_results", listed.HasField("nb_results"), True)
    expect("List by tag: nb_results", listed.nb_results, 1)

    history = stub.ListVersions(pb.ListVersionsRequest(document=document, thread=thread, include_cms=True), timeout=timeout)
    expect("ListVersions: current_version", history.current_version, 2)
    expect("ListVersions: versions", [v.version for v in history.versions], [1, 2])
    expect("ListVersions: cms", [v.cms for v in history.versions], [cms1, cms2])
    expect("ListVersions: version_created_by", [v.version_created_by for v in history.versions], ["alice", "bob"])
    expect("ListVersions: version_comment", [v.version_comment for v in history.versions], ["first", ""])
    times = [expect_time(f"ListVersions: version_created_at of {v.version}", v, "version_created_at") for v in history.versions]
    if times[0] > times[1]:
        raise Mismatch("ListVersions: not oldest first")

    verified = stub.Verify(pb.VerifyRequest(document=document, thread=thread), timeout=timeout)
    expect("Verify: intact", verified.intact, True)
    expect("Verify: versions_checked/first_broken_version/unhashed_versions",
           (verified.versions_checked, verified.first_broken_version, verified.unhashed_versions), (2, 0, 0))
    expect("Verify: head_hash", verified.head_hash, saved2.head_hash)

    stub.Delete(pb.DeleteRequest(document=document, thread=thread), timeout=timeout)
    expect_failure(
        "Get after Delete",
        lambda: stub.Get(pb.GetRequest(document=document, thread=thread), timeout=timeout),
        grpc.StatusCode.NOT_FOUND,
        "SIGNATURE_NOT_FOUND",
    )


def main():
    target = urllib.parse.urlparse(sys.argv[1] if len(sys.argv) == 2 else "")
    if target.scheme != "http" or not target.netloc:
        print("usage: interop.py http://HOST:PORT", file=sys.stderr)
        return 2
    with grpc.insecure_channel(target.netloc) as channel:
        try:
            scenario(signatures_pb2_grpc.SignatureServiceStub(channel))
        except (Mismatch, grpc.RpcError) as error:
            detail = f"{error.code().name}: {error.details()}" if isinstance(error, grpc.RpcError) else str(error)
            print(f"FAIL python grpcio: {detail}", file=sys.stderr)
            return 1
    print(f"ok   python grpcio {grpc.__version__} (gRPC), cryptography {cryptography.__version__} (Ed25519 receipts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
