import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from ncanode.signatures.v1 import payload_pb2 as _payload_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Signature(_message.Message):
    __slots__ = ("id", "version", "document", "thread", "cms", "version_created_by", "version_created_at", "version_comment", "tags", "stage", "parent", "created_at", "updated_at", "current_version", "payload", "version_hash", "head_hash")
    ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    THREAD_FIELD_NUMBER: _ClassVar[int]
    CMS_FIELD_NUMBER: _ClassVar[int]
    VERSION_CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    VERSION_CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    VERSION_COMMENT_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    CURRENT_VERSION_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    VERSION_HASH_FIELD_NUMBER: _ClassVar[int]
    HEAD_HASH_FIELD_NUMBER: _ClassVar[int]
    id: int
    version: int
    document: str
    thread: str
    cms: str
    version_created_by: str
    version_created_at: _timestamp_pb2.Timestamp
    version_comment: str
    tags: _containers.RepeatedScalarFieldContainer[str]
    stage: str
    parent: int
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    current_version: int
    payload: _payload_pb2.PayloadFacts
    version_hash: str
    head_hash: str
    def __init__(self, id: _Optional[int] = ..., version: _Optional[int] = ..., document: _Optional[str] = ..., thread: _Optional[str] = ..., cms: _Optional[str] = ..., version_created_by: _Optional[str] = ..., version_created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., version_comment: _Optional[str] = ..., tags: _Optional[_Iterable[str]] = ..., stage: _Optional[str] = ..., parent: _Optional[int] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., current_version: _Optional[int] = ..., payload: _Optional[_Union[_payload_pb2.PayloadFacts, _Mapping]] = ..., version_hash: _Optional[str] = ..., head_hash: _Optional[str] = ...) -> None: ...

class SignatureVersion(_message.Message):
    __slots__ = ("version", "cms", "version_created_by", "version_created_at", "version_comment", "payload", "version_hash")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CMS_FIELD_NUMBER: _ClassVar[int]
    VERSION_CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    VERSION_CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    VERSION_COMMENT_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    VERSION_HASH_FIELD_NUMBER: _ClassVar[int]
    version: int
    cms: str
    version_created_by: str
    version_created_at: _timestamp_pb2.Timestamp
    version_comment: str
    payload: _payload_pb2.PayloadFacts
    version_hash: str
    def __init__(self, version: _Optional[int] = ..., cms: _Optional[str] = ..., version_created_by: _Optional[str] = ..., version_created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., version_comment: _Optional[str] = ..., payload: _Optional[_Union[_payload_pb2.PayloadFacts, _Mapping]] = ..., version_hash: _Optional[str] = ...) -> None: ...

class GetRequest(_message.Message):
    __slots__ = ("document", "thread", "version")
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    THREAD_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    document: str
    thread: str
    version: int
    def __init__(self, document: _Optional[str] = ..., thread: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class GetResponse(_message.Message):
    __slots__ = ("signature",)
    SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    signature: Signature
    def __init__(self, signature: _Optional[_Union[Signature, _Mapping]] = ...) -> None: ...

class SaveRequest(_message.Message):
    __slots__ = ("document", "thread", "version", "cms", "version_created_by", "version_comment", "tags", "clear_tags", "stage", "parent", "expected_head")
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    THREAD_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CMS_FIELD_NUMBER: _ClassVar[int]
    VERSION_CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    VERSION_COMMENT_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    CLEAR_TAGS_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_HEAD_FIELD_NUMBER: _ClassVar[int]
    document: str
    thread: str
    version: int
    cms: str
    version_created_by: str
    version_comment: str
    tags: _containers.RepeatedScalarFieldContainer[str]
    clear_tags: bool
    stage: str
    parent: int
    expected_head: str
    def __init__(self, document: _Optional[str] = ..., thread: _Optional[str] = ..., version: _Optional[int] = ..., cms: _Optional[str] = ..., version_created_by: _Optional[str] = ..., version_comment: _Optional[str] = ..., tags: _Optional[_Iterable[str]] = ..., clear_tags: _Optional[bool] = ..., stage: _Optional[str] = ..., parent: _Optional[int] = ..., expected_head: _Optional[str] = ...) -> None: ...

class SaveResponse(_message.Message):
    __slots__ = ("signature", "receipt")
    SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    RECEIPT_FIELD_NUMBER: _ClassVar[int]
    signature: Signature
    receipt: Receipt
    def __init__(self, signature: _Optional[_Union[Signature, _Mapping]] = ..., receipt: _Optional[_Union[Receipt, _Mapping]] = ...) -> None: ...

class Receipt(_message.Message):
    __slots__ = ("statement", "signature", "key_id", "proof")
    STATEMENT_FIELD_NUMBER: _ClassVar[int]
    SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    PROOF_FIELD_NUMBER: _ClassVar[int]
    statement: bytes
    signature: bytes
    key_id: str
    proof: _containers.RepeatedCompositeFieldContainer[ReceiptProofStep]
    def __init__(self, statement: _Optional[bytes] = ..., signature: _Optional[bytes] = ..., key_id: _Optional[str] = ..., proof: _Optional[_Iterable[_Union[ReceiptProofStep, _Mapping]]] = ...) -> None: ...

class ReceiptProofStep(_message.Message):
    __slots__ = ("sibling", "sibling_left")
    SIBLING_FIELD_NUMBER: _ClassVar[int]
    SIBLING_LEFT_FIELD_NUMBER: _ClassVar[int]
    sibling: bytes
    sibling_left: bool
    def __init__(self, sibling: _Optional[bytes] = ..., sibling_left: _Optional[bool] = ...) -> None: ...

class VerifyRequest(_message.Message):
    __slots__ = ("document", "thread")
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    THREAD_FIELD_NUMBER: _ClassVar[int]
    document: str
    thread: str
    def __init__(self, document: _Optional[str] = ..., thread: _Optional[str] = ...) -> None: ...

class VerifyResponse(_message.Message):
    __slots__ = ("intact", "versions_checked", "first_broken_version", "reason", "head_hash", "unhashed_versions")
    INTACT_FIELD_NUMBER: _ClassVar[int]
    VERSIONS_CHECKED_FIELD_NUMBER: _ClassVar[int]
    FIRST_BROKEN_VERSION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    HEAD_HASH_FIELD_NUMBER: _ClassVar[int]
    UNHASHED_VERSIONS_FIELD_NUMBER: _ClassVar[int]
    intact: bool
    versions_checked: int
    first_broken_version: int
    reason: str
    head_hash: str
    unhashed_versions: int
    def __init__(self, intact: _Optional[bool] = ..., versions_checked: _Optional[int] = ..., first_broken_version: _Optional[int] = ..., reason: _Optional[str] = ..., head_hash: _Optional[str] = ..., unhashed_versions: _Optional[int] = ...) -> None: ...

class GetReceiptKeyRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetReceiptKeyResponse(_message.Message):
    __slots__ = ("algorithm", "key_id", "public_key", "public_key_pem")
    ALGORITHM_FIELD_NUMBER: _ClassVar[int]
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_KEY_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_KEY_PEM_FIELD_NUMBER: _ClassVar[int]
    algorithm: str
    key_id: str
    public_key: bytes
    public_key_pem: str
    def __init__(self, algorithm: _Optional[str] = ..., key_id: _Optional[str] = ..., public_key: _Optional[bytes] = ..., public_key_pem: _Optional[str] = ...) -> None: ...

class DeleteRequest(_message.Message):
    __slots__ = ("document", "thread")
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    THREAD_FIELD_NUMBER: _ClassVar[int]
    document: str
    thread: str
    def __init__(self, document: _Optional[str] = ..., thread: _Optional[str] = ...) -> None: ...

class DeleteResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListRequest(_message.Message):
    __slots__ = ("document", "thread", "stage", "tags", "limit", "offset", "count", "signer_iin", "signer_bin", "certificate_serial", "payload_sha256", "page_token")
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    THREAD_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    SIGNER_IIN_FIELD_NUMBER: _ClassVar[int]
    SIGNER_BIN_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_SERIAL_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_SHA256_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    document: str
    thread: str
    stage: str
    tags: _containers.RepeatedScalarFieldContainer[str]
    limit: int
    offset: int
    count: bool
    signer_iin: str
    signer_bin: str
    certificate_serial: str
    payload_sha256: str
    page_token: str
    def __init__(self, document: _Optional[str] = ..., thread: _Optional[str] = ..., stage: _Optional[str] = ..., tags: _Optional[_Iterable[str]] = ..., limit: _Optional[int] = ..., offset: _Optional[int] = ..., count: _Optional[bool] = ..., signer_iin: _Optional[str] = ..., signer_bin: _Optional[str] = ..., certificate_serial: _Optional[str] = ..., payload_sha256: _Optional[str] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListResponse(_message.Message):
    __slots__ = ("signatures", "nb_results", "next_page_token")
    SIGNATURES_FIELD_NUMBER: _ClassVar[int]
    NB_RESULTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    signatures: _containers.RepeatedCompositeFieldContainer[Signature]
    nb_results: int
    next_page_token: str
    def __init__(self, signatures: _Optional[_Iterable[_Union[Signature, _Mapping]]] = ..., nb_results: _Optional[int] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListVersionsRequest(_message.Message):
    __slots__ = ("document", "thread", "limit", "offset", "include_cms", "page_token")
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    THREAD_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_CMS_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    document: str
    thread: str
    limit: int
    offset: int
    include_cms: bool
    page_token: str
    def __init__(self, document: _Optional[str] = ..., thread: _Optional[str] = ..., limit: _Optional[int] = ..., offset: _Optional[int] = ..., include_cms: _Optional[bool] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListVersionsResponse(_message.Message):
    __slots__ = ("versions", "current_version", "next_page_token")
    VERSIONS_FIELD_NUMBER: _ClassVar[int]
    CURRENT_VERSION_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    versions: _containers.RepeatedCompositeFieldContainer[SignatureVersion]
    current_version: int
    next_page_token: str
    def __init__(self, versions: _Optional[_Iterable[_Union[SignatureVersion, _Mapping]]] = ..., current_version: _Optional[int] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class InspectRequest(_message.Message):
    __slots__ = ("cms",)
    CMS_FIELD_NUMBER: _ClassVar[int]
    cms: str
    def __init__(self, cms: _Optional[str] = ...) -> None: ...

class InspectResponse(_message.Message):
    __slots__ = ("payload",)
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    payload: _payload_pb2.PayloadFacts
    def __init__(self, payload: _Optional[_Union[_payload_pb2.PayloadFacts, _Mapping]] = ...) -> None: ...
