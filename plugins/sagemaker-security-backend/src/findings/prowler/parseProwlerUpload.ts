/**
 * Reads an upload of Prowler's OCSF output as a stream: the JSON array is
 * parsed element by element (stream-json), each element is validated
 * (zod) and reduced to the few fields stored, so memory holds one element
 * and the reduced findings, never the file or its parsed tree.
 */
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InputError } from '@backstage/errors';
import streamArray from 'stream-json/streamers/stream-array.js';
import type { ExternalFindingRecord } from '../ExternalFindingStore';
import {
  fieldOf,
  prowlerFindingSchema,
  toProwlerRecord,
} from './prowlerSchema';

/** The upload is larger than the configured limit (HTTP 413). */
export class PayloadTooLargeError extends Error {
  name = 'PayloadTooLargeError';
  readonly statusCode = 413;
}

export interface ParsedUpload {
  /** SageMaker findings, one per finding uid (the last occurrence wins). */
  records: ExternalFindingRecord[];
  /** Findings on resources that are not SageMaker resources. */
  ignored: number;
  /** Findings whose uid appeared before in the file. */
  duplicates: number;
}

/** Findings one upload may hold (openapi.yaml's maxItems). */
export const MAX_FINDINGS = 200_000;

export function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/**
 * Parses and validates the whole upload before anything is stored: the
 * first invalid element is an InputError naming its field (e.g.
 * `body[12].resources[0].uid: Required`); more than `maxBytes` is a
 * PayloadTooLargeError. After either, the rest of the body is read and
 * dropped (bounded memory), so that the answer reaches the client.
 */
export async function parseProwlerUpload(
  body: Readable,
  maxBytes: number,
): Promise<ParsedUpload> {
  const byUid = new Map<string, ExternalFindingRecord>();
  let ignored = 0;
  let duplicates = 0;
  let failure: Error | undefined;
  let received = 0;

  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > maxBytes) {
        done(
          new PayloadTooLargeError(
            `body: the upload is larger than the limit of ${megabytes(
              maxBytes,
            )} (sagemakerSecurity.findings.prowler.maxUploadMegabytes)`,
          ),
        );
        return;
      }
      done(null, chunk);
    },
  });

  const collect = new Writable({
    objectMode: true,
    write(item: { key: number; value: unknown }, _encoding, done) {
      if (failure) {
        done();
        return;
      }
      if (item.key >= MAX_FINDINGS) {
        failure = new InputError(
          `body: more than ${MAX_FINDINGS} findings; split the upload`,
        );
        done();
        return;
      }
      const parsed = prowlerFindingSchema.safeParse(item.value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        failure = new InputError(
          `${fieldOf(item.key, issue.path)}: ${issue.message}`,
        );
        done();
        return;
      }
      const record = toProwlerRecord(parsed.data);
      if (!record) {
        ignored += 1;
      } else {
        if (byUid.has(record.sourceId)) duplicates += 1;
        byUid.delete(record.sourceId);
        byUid.set(record.sourceId, record);
      }
      done();
    },
  });

  // The request is not part of the pipeline: an error must not destroy it
  // (the answer goes out on its connection).
  body.on('error', error => limit.destroy(error));
  body.on('aborted', () => limit.destroy(new Error('the upload was aborted')));
  body.pipe(limit);
  try {
    await pipeline(limit, streamArray.withParserAsStream(), collect);
  } catch (error) {
    body.unpipe(limit);
    if (!body.readableEnded) body.resume();
    if (error instanceof PayloadTooLargeError) throw error;
    throw new InputError(
      `body: expected a JSON array of OCSF Detection Findings (Prowler's json-ocsf output): ${
        (error as Error).message
      }`,
    );
  }
  if (failure) throw failure;
  return { records: [...byUid.values()], ignored, duplicates };
}
