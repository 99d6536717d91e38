import { Histogram, type Registry } from "prom-client";

/**
 * How many receipts each Ed25519 signature covers (receipt-signer.ts): the
 * saves acknowledged in one turn of the event loop share one, so under load
 * this is how far the signature's CPU is spread.
 */
export function receiptSignatureMetrics(registry: Registry): (receipts: number) => void {
  const perSignature = new Histogram({
    name: "receipts_per_signature",
    help: "Receipts covered by each receipt signature (the saves acknowledged in one turn of the event loop).",
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [registry],
  });
  return (receipts) => perSignature.observe(receipts);
}
