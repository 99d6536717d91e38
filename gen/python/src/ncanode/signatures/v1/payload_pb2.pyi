import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PayloadFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PAYLOAD_FORMAT_UNSPECIFIED: _ClassVar[PayloadFormat]
    PAYLOAD_FORMAT_CMS: _ClassVar[PayloadFormat]
    PAYLOAD_FORMAT_XML: _ClassVar[PayloadFormat]
    PAYLOAD_FORMAT_UNKNOWN: _ClassVar[PayloadFormat]

class KeyUsage(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    KEY_USAGE_UNSPECIFIED: _ClassVar[KeyUsage]
    KEY_USAGE_SIGN: _ClassVar[KeyUsage]
    KEY_USAGE_AUTH: _ClassVar[KeyUsage]

class ChainStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHAIN_STATUS_UNSPECIFIED: _ClassVar[ChainStatus]
    CHAIN_STATUS_NOT_CONFIGURED: _ClassVar[ChainStatus]
    CHAIN_STATUS_TRUSTED: _ClassVar[ChainStatus]
    CHAIN_STATUS_UNTRUSTED: _ClassVar[ChainStatus]
    CHAIN_STATUS_UNSUPPORTED_ALGORITHM: _ClassVar[ChainStatus]

class VerificationStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VERIFICATION_STATUS_UNSPECIFIED: _ClassVar[VerificationStatus]
    VERIFICATION_STATUS_VALID: _ClassVar[VerificationStatus]
    VERIFICATION_STATUS_INVALID: _ClassVar[VerificationStatus]
    VERIFICATION_STATUS_UNSUPPORTED_ALGORITHM: _ClassVar[VerificationStatus]
    VERIFICATION_STATUS_DETACHED_CONTENT_MISSING: _ClassVar[VerificationStatus]
PAYLOAD_FORMAT_UNSPECIFIED: PayloadFormat
PAYLOAD_FORMAT_CMS: PayloadFormat
PAYLOAD_FORMAT_XML: PayloadFormat
PAYLOAD_FORMAT_UNKNOWN: PayloadFormat
KEY_USAGE_UNSPECIFIED: KeyUsage
KEY_USAGE_SIGN: KeyUsage
KEY_USAGE_AUTH: KeyUsage
CHAIN_STATUS_UNSPECIFIED: ChainStatus
CHAIN_STATUS_NOT_CONFIGURED: ChainStatus
CHAIN_STATUS_TRUSTED: ChainStatus
CHAIN_STATUS_UNTRUSTED: ChainStatus
CHAIN_STATUS_UNSUPPORTED_ALGORITHM: ChainStatus
VERIFICATION_STATUS_UNSPECIFIED: VerificationStatus
VERIFICATION_STATUS_VALID: VerificationStatus
VERIFICATION_STATUS_INVALID: VerificationStatus
VERIFICATION_STATUS_UNSUPPORTED_ALGORITHM: VerificationStatus
VERIFICATION_STATUS_DETACHED_CONTENT_MISSING: VerificationStatus

class PayloadFacts(_message.Message):
    __slots__ = ("format", "detached", "sha256", "signers")
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    DETACHED_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    SIGNERS_FIELD_NUMBER: _ClassVar[int]
    format: PayloadFormat
    detached: bool
    sha256: str
    signers: _containers.RepeatedCompositeFieldContainer[SignerFacts]
    def __init__(self, format: _Optional[_Union[PayloadFormat, str]] = ..., detached: _Optional[bool] = ..., sha256: _Optional[str] = ..., signers: _Optional[_Iterable[_Union[SignerFacts, _Mapping]]] = ...) -> None: ...

class SignerFacts(_message.Message):
    __slots__ = ("subject", "issuer", "certificate_serial", "not_before", "not_after", "key_usage", "roles", "extended_key_usages", "signing_time", "time_stamp", "digest_algorithm", "signature_algorithm", "verification")
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_SERIAL_FIELD_NUMBER: _ClassVar[int]
    NOT_BEFORE_FIELD_NUMBER: _ClassVar[int]
    NOT_AFTER_FIELD_NUMBER: _ClassVar[int]
    KEY_USAGE_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    EXTENDED_KEY_USAGES_FIELD_NUMBER: _ClassVar[int]
    SIGNING_TIME_FIELD_NUMBER: _ClassVar[int]
    TIME_STAMP_FIELD_NUMBER: _ClassVar[int]
    DIGEST_ALGORITHM_FIELD_NUMBER: _ClassVar[int]
    SIGNATURE_ALGORITHM_FIELD_NUMBER: _ClassVar[int]
    VERIFICATION_FIELD_NUMBER: _ClassVar[int]
    subject: CertificateName
    issuer: CertificateName
    certificate_serial: str
    not_before: _timestamp_pb2.Timestamp
    not_after: _timestamp_pb2.Timestamp
    key_usage: KeyUsage
    roles: _containers.RepeatedScalarFieldContainer[str]
    extended_key_usages: _containers.RepeatedScalarFieldContainer[str]
    signing_time: _timestamp_pb2.Timestamp
    time_stamp: TimeStamp
    digest_algorithm: Algorithm
    signature_algorithm: Algorithm
    verification: Verification
    def __init__(self, subject: _Optional[_Union[CertificateName, _Mapping]] = ..., issuer: _Optional[_Union[CertificateName, _Mapping]] = ..., certificate_serial: _Optional[str] = ..., not_before: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., not_after: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., key_usage: _Optional[_Union[KeyUsage, str]] = ..., roles: _Optional[_Iterable[str]] = ..., extended_key_usages: _Optional[_Iterable[str]] = ..., signing_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., time_stamp: _Optional[_Union[TimeStamp, _Mapping]] = ..., digest_algorithm: _Optional[_Union[Algorithm, _Mapping]] = ..., signature_algorithm: _Optional[_Union[Algorithm, _Mapping]] = ..., verification: _Optional[_Union[Verification, _Mapping]] = ...) -> None: ...

class CertificateName(_message.Message):
    __slots__ = ("dn", "common_name", "surname", "given_name", "iin", "bin", "organization", "email", "country")
    DN_FIELD_NUMBER: _ClassVar[int]
    COMMON_NAME_FIELD_NUMBER: _ClassVar[int]
    SURNAME_FIELD_NUMBER: _ClassVar[int]
    GIVEN_NAME_FIELD_NUMBER: _ClassVar[int]
    IIN_FIELD_NUMBER: _ClassVar[int]
    BIN_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATION_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    dn: str
    common_name: str
    surname: str
    given_name: str
    iin: str
    bin: str
    organization: str
    email: str
    country: str
    def __init__(self, dn: _Optional[str] = ..., common_name: _Optional[str] = ..., surname: _Optional[str] = ..., given_name: _Optional[str] = ..., iin: _Optional[str] = ..., bin: _Optional[str] = ..., organization: _Optional[str] = ..., email: _Optional[str] = ..., country: _Optional[str] = ...) -> None: ...

class TimeStamp(_message.Message):
    __slots__ = ("time", "policy")
    TIME_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    time: _timestamp_pb2.Timestamp
    policy: str
    def __init__(self, time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., policy: _Optional[str] = ...) -> None: ...

class Algorithm(_message.Message):
    __slots__ = ("id", "name")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class Verification(_message.Message):
    __slots__ = ("status", "reason", "certificate_valid_at_signing_time", "revocation_checked", "chain", "chain_reason")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_VALID_AT_SIGNING_TIME_FIELD_NUMBER: _ClassVar[int]
    REVOCATION_CHECKED_FIELD_NUMBER: _ClassVar[int]
    CHAIN_FIELD_NUMBER: _ClassVar[int]
    CHAIN_REASON_FIELD_NUMBER: _ClassVar[int]
    status: VerificationStatus
    reason: str
    certificate_valid_at_signing_time: bool
    revocation_checked: bool
    chain: ChainStatus
    chain_reason: str
    def __init__(self, status: _Optional[_Union[VerificationStatus, str]] = ..., reason: _Optional[str] = ..., certificate_valid_at_signing_time: _Optional[bool] = ..., revocation_checked: _Optional[bool] = ..., chain: _Optional[_Union[ChainStatus, str]] = ..., chain_reason: _Optional[str] = ...) -> None: ...
