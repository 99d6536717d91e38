import { BerError, type Element, expectTag, readChildren, readElement, readOid, readTime, Tag } from "./ber-reader.js";
import type { TimeStampFacts } from "./payload-facts.js";
import { locateSignedData } from "./signed-data.js";

const tstInfo = "1.2.840.113549.1.9.16.1.4";

/**
 * The time and policy of a signature time-stamp token (RFC 3161 §2.4.2): a
 * SignedData whose content is a TSTInfo. The token's own signature (GOST for
 * NCA's TSA) is not checked here.
 */
function readTimeStampToken(bytes: Uint8Array, token: Element): TimeStampFacts {
  const signedData = locateSignedData(bytes, token);
  if (signedData.contentType !== tstInfo || signedData.content === undefined) throw new BerError("time-stamp token without TSTInfo");
  const content = signedData.content;
  const fields = readChildren(content, expectTag(readElement(content, 0), Tag.sequence, "TSTInfo"));
  const [, policy, , , genTime] = fields;
  if (policy === undefined || genTime === undefined) throw new BerError("TSTInfo incomplete");
  return { time: readTime(content, genTime), policy: readOid(content, policy) };
}

/** An unreadable time-stamp token is an unsigned extra: the signature stays inspectable without it. */
export function readTimeStampTokenLeniently(bytes: Uint8Array, token: Element): TimeStampFacts | undefined {
  try {
    return readTimeStampToken(bytes, token);
  } catch (error) {
    if (error instanceof BerError) return undefined;
    throw error;
  }
}
