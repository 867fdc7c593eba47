/** Cloud Storage JSON API resources and errors (spec §4.3). */
import type { RequestError } from "../http.js";
import type { Reply, StandardFailure } from "../surface.js";
import type { BucketRecord, StoredObject } from "./store.js";

/** Where the JSON API lives below the emulator origin, e.g. `http://127.0.0.1:4000/gcs`. */
export type ApiBase = string;

/** Project number reported for every bucket (there is one emulated project). */
const PROJECT_NUMBER = "123456789012";

export function objectResource(object: StoredObject, base: ApiBase): Record<string, unknown> {
  const encoded = encodeURIComponent(object.name);
  const time = new Date(object.createdMs).toISOString();
  const resource: Record<string, unknown> = {
    kind: "storage#object",
    id: `${object.bucket}/${object.name}/${object.generation}`,
    selfLink: `${base}/storage/v1/b/${object.bucket}/o/${encoded}`,
    mediaLink: `${base}/download/storage/v1/b/${object.bucket}/o/${encoded}?generation=${object.generation}&alt=media`,
    name: object.name,
    bucket: object.bucket,
    generation: object.generation,
    metageneration: "1",
    contentType: object.contentType,
    storageClass: "STANDARD",
    size: String(object.size),
    md5Hash: object.md5Hash,
    crc32c: object.crc32c,
    etag: etagOf(object.generation),
    timeCreated: time,
    updated: time,
    timeStorageClassUpdated: time,
    timeFinalized: time,
  };
  if (object.metadata) resource.metadata = object.metadata;
  return resource;
}

export function bucketResource(bucket: BucketRecord, base: ApiBase): Record<string, unknown> {
  const time = new Date(bucket.createdMs).toISOString();
  return {
    kind: "storage#bucket",
    selfLink: `${base}/storage/v1/b/${bucket.name}`,
    id: bucket.name,
    name: bucket.name,
    projectNumber: PROJECT_NUMBER,
    metageneration: "1",
    location: "US",
    storageClass: "STANDARD",
    etag: "CAE=",
    timeCreated: time,
    updated: time,
    locationType: "multi-region",
  };
}

/** `{"error":{"code","message","errors":[{"message","domain":"global","reason"}]}}`. */
export function gcsErrorReply(status: number, message: string, reason: string, headers?: Record<string, string>): Reply {
  return { status, headers, json: { error: { code: status, message, errors: [{ message, domain: "global", reason }] } } };
}

export function fromRequestError(error: RequestError): Reply {
  return gcsErrorReply(error.status, error.message, error.code ?? defaultReason(error.status));
}

const SIMULATED = "(fault injected by the batchlab emulator)";

/** The failures the server produces on this surface's behalf (GCS never asks for auth here). */
export function gcsFailure(kind: StandardFailure, detail?: string): Reply {
  switch (kind) {
    case "unauthorized":
      return gcsErrorReply(401, "Anonymous caller does not have storage.objects.get access.", "required");
    case "rate_limited":
      return gcsErrorReply(429, `The rate of change requests to the object exceeds the rate limit. Please reduce the rate of create, update, and delete requests. ${SIMULATED}`, "rateLimitExceeded", { "retry-after": "1" });
    case "server_error":
      return gcsErrorReply(500, `We encountered an internal error. Please try again. ${SIMULATED}`, "backendError");
    case "overloaded":
      return gcsErrorReply(503, `We encountered an internal error. Please try again. ${SIMULATED}`, "backendError");
    case "internal":
      return gcsErrorReply(500, `The batchlab emulator failed while handling this request: ${detail ?? "unknown error"}. This is an emulator bug; please report it.`, "backendError");
  }
}

function etagOf(generation: string): string {
  return Buffer.from(`${generation}/1`).toString("base64");
}

function defaultReason(status: number): string {
  const reasons: Record<number, string> = { 400: "invalid", 404: "notFound", 409: "conflict", 412: "conditionNotMet", 413: "uploadTooLarge", 416: "requestedRangeNotSatisfiable" };
  return reasons[status] ?? (status >= 500 ? "backendError" : "invalid");
}
