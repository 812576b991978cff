import { ConflictError, type Text } from '../platform/errors.js';
import { normaliseDocumentNumber, type IdentityDocument } from './identity-document.js';

/**
 * A7 / A9 within one submission: a batch or a file that names a person twice registers the first occurrence and
 * refuses each later one, pointing at the first. Its rows are registered side by side, so without this which of
 * the two got the registration would be a race, and the report would name a different row from one run to the next.
 *
 * `documents[i]` is row i's identity document, or undefined for a row that did not parse. A person without an
 * identity number is not matched here: A26 has the reviewer look at possible duplicates instead (A7).
 *
 * Returns each repeating row's index → the index of the row it repeats.
 */
export function repeatedPeople(documents: readonly (Pick<IdentityDocument, 'type' | 'number'> | undefined)[]): Map<number, number> {
  const first = new Map<string, number>();
  const repeats = new Map<number, number>();
  documents.forEach((document, index) => {
    if (!document?.number) return;
    const key = `${document.type}:${normaliseDocumentNumber(document.number)}`;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, index);
    else repeats.set(index, earlier);
  });
  return repeats;
}

/** The refusal of a repeating row; `earlier` names the row it repeats as the submission counts rows, e.g. 本文件第 71 行. */
export function repeatedPersonError(field: string, earlier: Text): ConflictError {
  const message = { en: `The same person as ${earlier.en}: a person is registered once (A7, A9)`, zh: `与${earlier.zh}是同一人，每人只注册一次（第七条、第九条）` };
  return new ConflictError(message, [{ field, code: 'repeated_person', message }]);
}
