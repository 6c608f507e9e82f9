// Independent check of Déclic's Open Badges with Digital Bazaar's libraries (tests only).
//
//   node verify.js REQUEST.json
//
// REQUEST: {"contexts": {url: file}, "documents": {url: file}, "credentials": [file, ...]}.
// `contexts` are the JSON-LD contexts Déclic ships; `documents` are DID documents (did:web)
// and status list credentials. did:key is resolved by @digitalbazaar/did-method-key, not by
// Déclic. Nothing is fetched from the network: an unknown URL is an error.
// Prints one JSON line per credential: {file, accepted, verified, revoked, safe, errors}:
// `safe`: JSON-LD expansion in safe mode (nothing dropped) succeeded; `verified`
// is the libraries' answer (signature, dates, and that the status could be checked), `revoked`
// the status bit, `accepted` both together: what an employer should conclude.
import {readFileSync} from 'node:fs';
import jsonld from 'jsonld';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {driver as didKeyDriver} from '@digitalbazaar/did-method-key';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';

const request = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const read = file => JSON.parse(readFileSync(file, 'utf8'));
const local = new Map();
for(const [url, file] of Object.entries({...request.contexts, ...request.documents})) {
  local.set(url, read(file));
}
const didKey = didKeyDriver();
didKey.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});

function fragmentOf(doc, url) {
  const found = (doc.verificationMethod || []).find(m => m.id === url);
  if(!found) {
    throw new Error(`${url}: no such verification method`);
  }
  return {'@context': doc['@context'], ...found};
}

async function documentLoader(url) {
  let document;
  const base = url.split('#')[0];
  if(local.has(url)) {
    document = local.get(url);
  } else if(url.startsWith('did:key:')) {
    document = await didKey.get({url});
  } else if(url.startsWith('did:web:') && local.has(base)) {
    document = fragmentOf(local.get(base), url);
  } else {
    throw new Error(`${url}: not served locally (no network in this verifier)`);
  }
  return {contextUrl: null, documentUrl: url, document};
}

const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
for(const file of request.credentials) {
  const credential = read(file);
  const out = {
    file, accepted: false, verified: false, revoked: null, safe: false, errors: []
  };
  try {
    await jsonld.expand(credential, {documentLoader, safe: true});
    out.safe = true;
  } catch(e) {
    out.errors.push(`safe mode: ${e.message}`);
  }
  try {
    const result = await vc.verifyCredential({
      credential, suite, documentLoader, checkStatus
    });
    out.verified = result.verified;
    if(result.statusResult) {
      out.revoked = result.statusResult.results?.some(r => r.status === true) ?? null;
    }
    if(!result.verified) {
      const errors = [
        result.error, result.statusResult?.error,
        ...(result.results || []).map(r => r.error)
      ];
      for(const e of errors.filter(Boolean)) {
        out.errors.push(e.message || String(e));
        for(const inner of e.errors || []) {
          out.errors.push(inner.message || String(inner));
        }
      }
    }
  } catch(e) {
    out.errors.push(e.message || String(e));
  }
  out.accepted = out.safe && out.verified && out.revoked !== true;
  console.log(JSON.stringify(out));
}
