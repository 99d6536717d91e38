import { Buffer } from "node:buffer";
import { Code, type HandlerContext, type ServiceImpl } from "@connectrpc/connect";
import type { SaveRequest, SignatureService } from "../../gen/ts/ncanode/signatures/v1/signatures_pb.js";
import { verifyChain, versionIntact } from "../integrity/chain-verification.js";
import type { ReceiptSigner } from "../integrity/receipt-signer.js";
import type { MessageKey } from "../messages/catalog.js";
import type { Locale } from "../messages/locales.js";
import { localeOf } from "../messages/locales.js";
import { PayloadError, type PayloadFacts, type PayloadProblem } from "../signatures/payload-facts.js";
import { inspectPayload, unrecognisedPayloadFacts } from "../signatures/payload-inspection.js";
import type { TrustAnchors } from "../signatures/trust-anchors.js";
import type {
  RecordChanges,
  SignatureKey,
  SignatureRecord,
  SignatureStore,
  StoreCall,
  SignatureVersion as StoredVersion,
  VersionInput,
} from "../store/signature-store.js";
import { createPageTokens, type PageTokens } from "./page-token.js";
import { toPayloadFactsMessage } from "./payload-message.js";
import { limits, Violations } from "./request-validation.js";
import { abortedCallError, domainError, invalidArgument, toConnectError } from "./service-errors.js";
import { toSignatureMessage, toVersionMessage } from "./signature-message.js";

export interface SignatureServiceOptions {
  /** Where records live. */
  readonly store: SignatureStore;
  /** Largest payload (cms) of one version in UTF-8 bytes. */
  readonly maxCmsBytes: number;
  /** Language of error messages when the request's "api-locale" header names none we have. */
  readonly defaultLocale: Locale;
  /** Hears of every error that reaches a client as INTERNAL (the client sees none of it) or DATA_LOSS, with its cause. */
  readonly onInternalError?: (error: unknown, procedure: string) => void;
  /** Store payloads that are no recognised signature (format unknown) instead of refusing them. Default false. */
  readonly acceptUnrecognisedPayloads?: boolean;
  /** The CA certificates signers' certificates must lead to. Default: none (chains are "not configured"). */
  readonly trustAnchors?: TrustAnchors | undefined;
  /** Signs Save's receipts. */
  readonly receiptSigner: ReceiptSigner;
  /** Makes and reads List's and ListVersions' page tokens. Default: under a secret of this process's own. */
  readonly pageTokens?: PageTokens;
}

const maxInt32 = 2 ** 31 - 1;

/**
 * The versions of a page up to limits.versionPageBytes of payloads (at least
 * one), so that a page fits the 4 MiB a stock gRPC client accepts by default;
 * the client pages on from offset + versions.length.
 */
function withinPageBytes(versions: readonly StoredVersion[]): readonly StoredVersion[] {
  let bytes = 0;
  for (let count = 0; count < versions.length; count++) {
    bytes += Buffer.byteLength(versions[count]!.cms, "utf8");
    if (bytes > limits.versionPageBytes && count > 0) return versions.slice(0, count);
  }
  return versions;
}

/**
 * The RPC semantics of SignatureService (docs/rest-api.md, Semantics): validation, the versioning
 * rules and error codes. Transport-free: every host (Connect, gRPC, the JSON
 * API) calls these same methods.
 */
export function createSignatureService(options: SignatureServiceOptions): ServiceImpl<typeof SignatureService> {
  const { store, maxCmsBytes } = options;
  const pageTokens = options.pageTokens ?? createPageTokens(undefined);

  /** Runs a method with the caller's locale and turns whatever it throws into a ConnectError. */
  function method<I, O>(body: (request: I, locale: Locale, call: StoreCall) => Promise<O>) {
    return async (request: I, context: HandlerContext): Promise<O> => {
      const locale = localeOf(context.requestHeader.get("api-locale"), options.defaultLocale);
      try {
        // The caller's deadline and cancellation reach the store through the signal.
        return await body(request, locale, { signal: context.signal });
      } catch (error) {
        // A call its client gave up on fails because of that, whatever the store threw.
        const connectError = context.signal.aborted ? abortedCallError(context.signal.reason) : toConnectError(error, locale);
        if (connectError.code === Code.Internal || connectError.code === Code.DataLoss)
          options.onInternalError?.(error, context.method.name);
        throw connectError;
      }
    };
  }

  function checkKey(violations: Violations, key: SignatureKey): void {
    violations.requiredText("document", key.document, limits.keyChars);
    violations.requiredText("thread", key.thread, limits.keyChars);
  }

  function throwIfAny(violations: Violations, locale: Locale): void {
    if (violations.list.length > 0) throw invalidArgument(locale, violations.list);
  }

  function notFound(locale: Locale) {
    return domainError(locale, Code.NotFound, "signatureNotFound", "SIGNATURE_NOT_FOUND");
  }

  function conflict(locale: Locale, current: number) {
    return domainError(locale, Code.Aborted, "versionMismatch", "VERSION_MISMATCH", { current_version: current });
  }

  /** A stored version that no longer hashes to its link in the chain is reported, never served. */
  function checkIntact(record: SignatureRecord, locale: Locale): void {
    if (!versionIntact(record, record.version, record.headHash, record.version.version === record.currentVersion)) {
      throw domainError(locale, Code.DataLoss, "integrityBroken", "INTEGRITY_BROKEN", { version: record.version.version });
    }
  }

  async function withReceipt(record: SignatureRecord) {
    const { statement, proof, signature, keyId } = await options.receiptSigner.sign({
      document: record.document,
      thread: record.thread,
      version: record.version.version,
      headHash: record.headHash ?? "",
      time: record.updatedAt,
    });
    return {
      signature: toSignatureMessage(record),
      receipt: {
        $typeName: "ncanode.signatures.v1.Receipt" as const,
        statement,
        signature,
        keyId,
        proof: proof.map(({ sibling, siblingLeft }) => ({
          $typeName: "ncanode.signatures.v1.ReceiptProofStep" as const,
          sibling,
          siblingLeft,
        })),
      },
    };
  }

  /** Validates a save and splits it into the version to write and the record fields it changes. */
  async function readSave(request: SaveRequest, locale: Locale, call: StoreCall) {
    const violations = new Violations();
    checkKey(violations, request);
    violations.range("version", request.version, 0, maxInt32 - 1);
    violations.pattern("expected_head", request.expectedHead || undefined, /^[0-9a-f]{64}$/, "64 lower-case hexadecimal digits");
    violations.payload("cms", request.cms, maxCmsBytes);
    violations.text("version_created_by", request.versionCreatedBy, limits.createdByChars);
    violations.text("version_comment", request.versionComment, limits.commentChars);
    const tags = violations.tags("tags", request.tags);
    if (request.clearTags && tags.length > 0) violations.add({ field: "clear_tags", key: "clearTagsWithTags" });
    violations.text("stage", request.stage, limits.stageChars);
    if (request.parent !== undefined) violations.range("parent", request.parent, 0, Number.MAX_SAFE_INTEGER);
    throwIfAny(violations, locale);

    const facts = readPayload(request.cms, locale, options.acceptUnrecognisedPayloads === true, options.trustAnchors);
    const parent = request.parent === undefined ? undefined : request.parent === 0n ? null : Number(request.parent);
    if (typeof parent === "number") await checkParent(request, parent, request.version > 0, locale, call);
    const input: VersionInput = {
      cms: request.cms,
      createdBy: request.versionCreatedBy,
      comment: request.versionComment,
      facts,
    };
    const changes: RecordChanges = {
      tags: request.clearTags ? [] : tags.length > 0 ? tags : undefined,
      stage: request.stage === undefined ? undefined : request.stage === "" ? null : request.stage,
      parent,
    };
    return { input, changes };
  }

  /**
   * The parent must exist, and must not be the record itself or follow it: an
   * append walks the parent's chain of ancestors looking for the record. Without
   * transactions this check and the write are two steps: a parent deleted in
   * between leaves a dangling reference (as a later delete would), and two
   * concurrent saves that each make the other record their parent can close a
   * cycle; readers that follow parents bound their walk.
   */
  async function checkParent(key: SignatureKey, parent: number, appending: boolean, locale: Locale, call: StoreCall) {
    const self = appending ? await store.idOf(key, call) : undefined;
    const refuse = (messageKey: MessageKey) =>
      invalidArgument(locale, [{ field: "parent", key: messageKey, params: { parent, max: limits.parentChainLength } }]);
    if (parent === self) throw refuse("parentIsSelf");
    let ancestor: number | null | undefined = await store.parentOf(parent, call);
    if (ancestor === undefined) throw refuse("parentNotFound");
    if (self === undefined) return; // a new record: nothing can follow it yet
    for (let length = 1; typeof ancestor === "number"; length++) {
      if (ancestor === self) throw refuse("parentCycle");
      if (length === limits.parentChainLength) throw refuse("parentChainTooLong");
      ancestor = await store.parentOf(ancestor, call);
    }
  }

  return {
    get: method(async (request, locale, call) => {
      const violations = new Violations();
      checkKey(violations, request);
      violations.range("version", request.version, 0, maxInt32);
      throwIfAny(violations, locale);
      const wanted = request.version === 0 ? undefined : request.version;
      const record = await store.get(request, wanted, call);
      if (record !== undefined) {
        checkIntact(record, locale);
        return { signature: toSignatureMessage(record) };
      }
      if (wanted !== undefined && (await store.currentVersion(request, call)) !== undefined) {
        throw domainError(locale, Code.NotFound, "versionNotFound", "VERSION_NOT_FOUND", { version: wanted });
      }
      throw notFound(locale);
    }),

    save: method(async (request, locale, call) => {
      const { input, changes } = await readSave(request, locale, call);
      const head = request.expectedHead === "" ? undefined : request.expectedHead;
      if (request.version > 0 || head !== undefined) {
        const expected = { version: request.version > 0 ? request.version : undefined, head };
        const appended = await store.append(request, expected, input, changes, call);
        switch (appended.kind) {
          case "appended":
            return withReceipt(appended.record);
          case "version-mismatch":
            throw conflict(locale, appended.currentVersion);
          case "head-mismatch":
            throw domainError(locale, Code.Aborted, "headMismatch", "HEAD_MISMATCH", {
              current_version: appended.currentVersion,
              current_head: appended.headHash ?? "",
            });
          case "too-large":
            throw domainError(locale, Code.ResourceExhausted, "historyTooLarge", "HISTORY_TOO_LARGE", {
              size: appended.historyBytes,
              max: appended.maxBytes,
            });
          case "not-found":
            // A head names an existing record; a version alone does not (the original's behaviour): created below.
            if (head !== undefined) throw notFound(locale);
            break;
        }
      } else if ((await store.currentVersion(request, call)) !== undefined) {
        throw invalidArgument(locale, [{ field: "version", key: "versionMustBeSet" }]);
      }
      const created = await store.create(request, input, changes, call);
      if (created.kind === "created") return withReceipt(created.record);
      // Another save created the record first: this one lost the race.
      throw conflict(locale, (await store.currentVersion(request, call)) ?? 1);
    }),

    delete: method(async (request, locale, call) => {
      const violations = new Violations();
      checkKey(violations, request);
      throwIfAny(violations, locale);
      if (!(await store.delete(request, call))) throw notFound(locale);
      return {};
    }),

    list: method(async (request, locale, call) => {
      const violations = new Violations();
      violations.text("document", request.document, limits.keyChars);
      violations.text("thread", request.thread, limits.keyChars);
      violations.text("stage", request.stage, limits.stageChars);
      const tags = violations.tags("tags", request.tags);
      const limit = violations.pageSize("limit", request.limit);
      violations.range("offset", request.offset, 0, limits.maxOffset);
      violations.pattern("signer_iin", request.signerIin, /^\d{12}$/, "12 digits");
      violations.pattern("signer_bin", request.signerBin, /^\d{12}$/, "12 digits");
      violations.pattern("certificate_serial", request.certificateSerial, /^[0-9a-fA-F]{1,128}$/, "hexadecimal");
      violations.pattern("payload_sha256", request.payloadSha256, /^[0-9a-fA-F]{64}$/, "64 hexadecimal digits");
      if (request.pageToken !== "" && request.offset !== 0) violations.add({ field: "offset", key: "offsetWithPageToken" });
      throwIfAny(violations, locale);
      const filters = {
        document: request.document,
        thread: request.thread,
        stage: request.stage,
        tags,
        signedBy: {
          iin: request.signerIin,
          bin: request.signerBin,
          // Serials are kept as lower-case hex without leading zeros.
          certificateSerial: request.certificateSerial?.toLowerCase().replace(/^0+(?=.)/, ""),
          payloadSha256: request.payloadSha256?.toLowerCase(),
        },
      };
      // A token belongs to the filters it was made for (tags as a set): another query's token is refused.
      const identity = { ...filters, tags: [...tags].sort() };
      const after = request.pageToken === "" ? undefined : pageTokens.readList(identity, request.pageToken);
      if (request.pageToken !== "" && after === undefined)
        throw invalidArgument(locale, [{ field: "page_token", key: "pageTokenInvalid" }]);
      const page = await store.list({ ...filters, limit, offset: request.offset, after, count: request.count }, call);
      const last = page.records.at(-1);
      return {
        signatures: page.records.map(toSignatureMessage),
        ...(page.total === undefined ? {} : { nbResults: BigInt(page.total) }),
        // A full page may have a successor; the token says where it starts.
        nextPageToken: last !== undefined && page.records.length === limit ? pageTokens.forList(identity, last) : "",
      };
    }),

    listVersions: method(async (request, locale, call) => {
      const violations = new Violations();
      checkKey(violations, request);
      const limit = violations.pageSize("limit", request.limit);
      violations.range("offset", request.offset, 0, maxInt32);
      if (request.pageToken !== "" && request.offset !== 0) violations.add({ field: "offset", key: "offsetWithPageToken" });
      throwIfAny(violations, locale);
      const record = { document: request.document, thread: request.thread };
      // Versions are numbered 1..n with no gap: the next page starts after the last version number seen.
      const start = request.pageToken === "" ? request.offset : pageTokens.readVersions(record, request.pageToken);
      if (start === undefined) throw invalidArgument(locale, [{ field: "page_token", key: "pageTokenInvalid" }]);
      const page = await store.listVersions(request, start, limit, request.includeCms, call);
      if (page === undefined) throw notFound(locale);
      const versions = withinPageBytes(page.versions);
      const end = start + versions.length;
      return {
        currentVersion: page.currentVersion,
        versions: versions.map(toVersionMessage),
        nextPageToken: versions.length > 0 && end < page.currentVersion ? pageTokens.forVersions(record, end) : "",
      };
    }),

    verify: method(async (request, locale, call) => {
      const violations = new Violations();
      checkKey(violations, request);
      throwIfAny(violations, locale);
      const history = await store.listVersions(request, 0, maxInt32, true, call);
      if (history === undefined) throw notFound(locale);
      const report = verifyChain(request, history.versions, history.headHash);
      return {
        intact: report.intact,
        versionsChecked: report.versionsChecked,
        firstBrokenVersion: report.firstBrokenVersion ?? 0,
        reason: report.reason ?? "",
        headHash: history.headHash ?? "",
        unhashedVersions: report.unhashedVersions,
      };
    }),

    getReceiptKey: method(async () => {
      const { keyId, publicKey, publicKeyPem } = options.receiptSigner;
      return { algorithm: "Ed25519", keyId, publicKey, publicKeyPem };
    }),

    inspect: method(async (request, locale) => {
      const violations = new Violations();
      violations.payload("cms", request.cms, maxCmsBytes);
      throwIfAny(violations, locale);
      return { payload: toPayloadFactsMessage(readPayload(request.cms, locale, false, options.trustAnchors)) };
    }),
  };
}

/**
 * What a payload is and who signed it. One that is no recognised signature is
 * refused, INVALID_ARGUMENT naming the problem, unless such payloads are accepted.
 */
function readPayload(payload: string, locale: Locale, acceptUnrecognised: boolean, trustAnchors: TrustAnchors | undefined): PayloadFacts {
  try {
    return inspectPayload(payload, trustAnchors);
  } catch (error) {
    if (!(error instanceof PayloadError)) throw error;
    if (acceptUnrecognised) return unrecognisedPayloadFacts(payload);
    throw invalidArgument(locale, [{ field: "cms", key: problemMessages[error.problem], params: { detail: error.message } }]);
  }
}

/** The message that names each reason a payload is not a recognised signature. */
const problemMessages: Readonly<Record<PayloadProblem, MessageKey>> = {
  "not-a-signature": "notASignature",
  "malformed-cms": "malformedCms",
  "no-signer": "noSigner",
  "signer-certificate-missing": "signerCertificateMissing",
  "malformed-xml": "malformedXml",
  "xml-without-signature": "xmlWithoutSignature",
  "too-many-signers": "tooManySigners",
};
