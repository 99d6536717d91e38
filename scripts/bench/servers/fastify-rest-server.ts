import type { AddressInfo } from "node:net";
import Fastify from "fastify";
import { readConfig } from "../../../src/config.js";
import { createMongoClient } from "../../../src/database/open-database.js";
import { versionIntact } from "../../../src/integrity/chain-verification.js";
import { createReceiptSigner } from "../../../src/integrity/receipt-signer.js";
import type { NameFacts, PayloadFacts } from "../../../src/signatures/payload-facts.js";
import { unrecognisedPayloadFacts } from "../../../src/signatures/payload-inspection.js";
import { isDuplicateKey } from "../../../src/store/mongo-error-codes.js";
import { reserveRecordIds } from "../../../src/store/record-ids.js";
import {
  type CounterDoc,
  currentOnly,
  fromSignatureDoc,
  keyFilter,
  newSignatureDoc,
  type SignatureDoc,
} from "../../../src/store/signature-doc.js";
import { plainForm } from "../../../src/store/stored-form.js";

/*
 * The baseline of the bench's REST section (issue 14): what a team would write
 * by hand instead of running the service — Fastify routes calling the mongodb
 * driver, with the documented envelope, field names and times. Only the calls
 * the bench measures are here. It issues the queries the store issues (filters,
 * projections and document shape imported from src/store), on its own
 * connection pool with the service's client options (timeouts, durable writes),
 * validates input with Fastify's own JSON schemas, and answers with Fastify's
 * default JSON serializer. Since issue 17 it does what the product promises on
 * those calls too: a create answers with a signed receipt, a read checks the
 * version's hash before serving it. Never part of the service.
 */

const keyText = { type: "string", minLength: 1, maxLength: 255 } as const;
const tagList = { type: "array", maxItems: 100, items: keyText } as const;

interface KeyQuery {
  document: string;
  thread: string;
}

interface CreateBody extends KeyQuery {
  cms: string;
  version_created_by?: string;
  version_comment?: string;
  tags?: string[];
  stage?: string | null;
}

interface ListQuery {
  tags?: string[];
  limit: number;
  offset: number;
}

/** "YYYY-MM-DD HH:MM:SS" in UTC, as the documented API writes times. */
const time = (date: Date): string => date.toISOString().slice(0, 19).replace("T", " ");

/** A record read with the currentOnly projection (or just created), as the documented API shows it. */
function documented(doc: SignatureDoc) {
  const stored = doc.versions[0];
  if (stored === undefined) throw new Error(`record ${doc._id} has no version`);
  // The benchmark runs without encryption at rest: this only narrows the entry's type.
  const entry = plainForm.cipher.open(doc, stored);
  return {
    id: doc._id,
    version: entry.version,
    current_version: doc.version,
    document: doc.document,
    thread: doc.thread,
    signature: entry.cms,
    cms: entry.cms,
    version_created_by: entry.created_by,
    version_created_at: time(entry.created_at),
    version_comment: entry.comment,
    tags: doc.tags,
    stage: doc.stage,
    parent: doc.parent,
    created_at: time(doc.created_at),
    updated_at: time(doc.updated_at),
    payload: entry.facts === undefined ? null : documentedFacts(entry.facts),
    version_hash: entry.hash ?? null,
    head_hash: doc.head_hash ?? null,
  };
}

/** The stored payload facts in the documented shape (snake_case, times as the API writes them). */
function documentedFacts(facts: PayloadFacts) {
  const name = (value: NameFacts) => ({
    dn: value.dn,
    common_name: value.commonName ?? null,
    surname: value.surname ?? null,
    given_name: value.givenName ?? null,
    iin: value.iin ?? null,
    bin: value.bin ?? null,
    organization: value.organization ?? null,
    email: value.email ?? null,
    country: value.country ?? null,
  });
  return {
    format: facts.format,
    detached: facts.detached,
    sha256: facts.sha256,
    signers: facts.signers.map((signer) => ({
      subject: name(signer.subject),
      issuer: name(signer.issuer),
      certificate_serial: signer.certificateSerial,
      not_before: time(signer.notBefore),
      not_after: time(signer.notAfter),
      key_usage: signer.keyUsage === "unknown" ? null : signer.keyUsage,
      roles: signer.roles,
      extended_key_usages: signer.extendedKeyUsages,
      signing_time: signer.signingTime === undefined ? null : time(signer.signingTime),
      time_stamp: signer.timeStamp === undefined ? null : { time: time(signer.timeStamp.time), policy: signer.timeStamp.policy },
      digest_algorithm: { id: signer.digestAlgorithm.id, name: signer.digestAlgorithm.name ?? null },
      signature_algorithm: { id: signer.signatureAlgorithm.id, name: signer.signatureAlgorithm.name ?? null },
      verification: {
        status: signer.verification.status.replaceAll("-", "_"),
        reason: signer.verification.reason ?? null,
        certificate_valid_at_signing_time: signer.verification.certificateValidAtSigningTime,
        revocation_checked: false,
        chain: signer.verification.chain.status.replaceAll("-", "_"),
        chain_reason: signer.verification.chain.reason ?? null,
      },
    })),
  };
}

const ok = (content: unknown) => ({ status: true, message: null, content });
const failed = (message: string) => ({ status: false, message, content: null });

/**
 * GET /signature (current version), POST /signature (create; an append, with
 * `version`, is not part of the baseline) and GET /signatures (by tags, newest
 * first, limit/offset) on 127.0.0.1. Resolves with the port.
 */
export async function startFastifyRestServer(mongodbUri: string, mongodbDb: string): Promise<number> {
  const config = readConfig({ MONGODB_URI: mongodbUri, MONGODB_DB: mongodbDb, MONGODB_TIMEOUT_MS: "10000" });
  const client = createMongoClient(mongodbUri, config.mongodbTimeoutMs);
  await client.connect();
  const db = client.db(mongodbDb);
  const records = db.collection<SignatureDoc>("signatures");
  const counters = db.collection<CounterDoc>("counters");
  // As the service (issue 17): every create answers with a signed receipt of what was stored.
  const receipts = createReceiptSigner(undefined);

  // The service's body limit: JSON may escape each payload character as six bytes.
  const app = Fastify({ logger: false, bodyLimit: 6 * config.maxCmsBytes + 256 * 1024 });
  app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    const status = error.statusCode ?? 500;
    return reply.code(status).send(failed(status < 500 ? error.message : "Internal error"));
  });

  app.get<{ Querystring: KeyQuery }>(
    "/signature",
    { schema: { querystring: { type: "object", required: ["document", "thread"], properties: { document: keyText, thread: keyText } } } },
    async (request, reply) => {
      // The driver's findOne, as a user writes it: on the wire the same find as the store's single-batch command.
      const doc = await records.findOne<SignatureDoc>(keyFilter(request.query), { projection: currentOnly });
      if (doc === null) return reply.code(404).send(failed("Signature not found"));
      // As the service (issue 17): a version that no longer matches its hash is reported, not served.
      const record = fromSignatureDoc(doc);
      if (record === undefined || !versionIntact(record, record.version, record.headHash, true)) {
        return reply.code(500).send(failed("Version no longer matches its hash"));
      }
      return ok({ signature: documented(doc) });
    },
  );

  app.post<{ Body: CreateBody }>(
    "/signature",
    {
      schema: {
        body: {
          type: "object",
          required: ["document", "thread", "cms"],
          properties: {
            document: keyText,
            thread: keyText,
            cms: { type: "string", minLength: 1, maxLength: config.maxCmsBytes },
            version: { type: "integer", minimum: 0, maximum: 0 },
            version_created_by: { type: "string", maxLength: 255 },
            version_comment: { type: "string", maxLength: 1024 },
            tags: tagList,
            stage: { type: ["string", "null"], maxLength: 255 },
          },
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const key = { document: body.document, thread: body.thread };
      // As the service: a save without a version must not overwrite an existing record.
      if ((await records.findOne(keyFilter(key), { projection: { _id: 0, version: 1 } })) !== null) {
        return reply.code(400).send(failed("Version must be set"));
      }
      const input = {
        cms: body.cms,
        createdBy: body.version_created_by,
        comment: body.version_comment,
        facts: unrecognisedPayloadFacts(body.cms),
      };
      const changes = { tags: body.tags, stage: body.stage || undefined, parent: undefined };
      const doc = newSignatureDoc(await reserveRecordIds(counters), key, input, changes, new Date());
      try {
        await records.insertOne(doc);
      } catch (error) {
        // A concurrent create of the same record won the unique index.
        if (isDuplicateKey(error)) return reply.code(400).send(failed("Version provided is not equal to actual signature version"));
        throw error;
      }
      const receipt = await receipts.sign({ ...key, version: 1, headHash: doc.head_hash ?? "", time: doc.updated_at });
      return reply.code(201).send(
        ok({
          signature: documented(doc),
          receipt: {
            statement: Buffer.from(receipt.statement).toString("base64"),
            proof: receipt.proof.map((step) => ({ sibling: Buffer.from(step.sibling).toString("base64"), sibling_left: step.siblingLeft })),
            signature: Buffer.from(receipt.signature).toString("base64"),
            key_id: receipt.keyId,
          },
        }),
      );
    },
  );

  app.get<{ Querystring: ListQuery }>(
    "/signatures",
    {
      schema: {
        querystring: {
          type: "object",
          properties: {
            tags: tagList,
            limit: { type: "integer", minimum: 1, maximum: 1000, default: 100 },
            offset: { type: "integer", minimum: 0, maximum: 1_000_000, default: 0 },
          },
        },
      },
    },
    async (request) => {
      const { tags, limit, offset } = request.query;
      const docs = await records
        .find<SignatureDoc>(tags === undefined || tags.length === 0 ? {} : { tags: { $in: tags } }, { projection: currentOnly })
        .sort({ created_at: -1, _id: -1 })
        .skip(offset)
        .limit(limit)
        .toArray();
      return ok({ signatures: docs.map((doc) => ({ ...documented(doc), chain: doc.thread })) });
    },
  );

  await app.listen({ host: "127.0.0.1", port: 0 });
  return (app.server.address() as AddressInfo).port;
}
