/**
 * Readable names of the XMLDSig algorithm URIs met in the wild, Kazakhstan's
 * GOST URIs (Kalkan / NCALayer) included.
 */
import type { AlgorithmFacts } from "./payload-facts.js";

const NAMES: Readonly<Record<string, string>> = {
  "http://www.w3.org/2000/09/xmldsig#rsa-sha1": "sha1WithRSAEncryption",
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256": "sha256WithRSAEncryption",
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384": "sha384WithRSAEncryption",
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512": "sha512WithRSAEncryption",
  "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1": "RSASSA-PSS with SHA-256",
  "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256": "ecdsa-with-SHA256",
  "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384": "ecdsa-with-SHA384",
  "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512": "ecdsa-with-SHA512",
  "http://www.w3.org/2001/04/xmldsig-more#gost34310-gost34311": "GOST 34.310-2004 with GOST 34.311-95",
  "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512":
    "GOST R 34.10-2015 (512-bit) with GOST R 34.11-2015 (512-bit)",
  "http://www.w3.org/2000/09/xmldsig#sha1": "SHA-1",
  "http://www.w3.org/2001/04/xmldsig-more#sha224": "SHA-224",
  "http://www.w3.org/2001/04/xmlenc#sha256": "SHA-256",
  "http://www.w3.org/2001/04/xmldsig-more#sha384": "SHA-384",
  "http://www.w3.org/2001/04/xmlenc#sha512": "SHA-512",
  "http://www.w3.org/2001/04/xmldsig-more#gost34311": "GOST 34.311-95",
  "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-512": "GOST R 34.11-2015 (512-bit)",
};

export function xmldsigAlgorithm(uri: string): AlgorithmFacts {
  return { id: uri, name: NAMES[uri] };
}
