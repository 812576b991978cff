import { describe, expect, it } from 'vitest';
import { repeatedPeople, repeatedPersonError } from '../../shared/students/repeated-people.js';

const ID = '11010519491231002X';

describe('A7 / A9: a person named twice in one submission is registered by the first row', () => {
  it('each later row points at the first, however the number was typed', () => {
    const repeats = repeatedPeople([
      { type: 'resident-id', number: ID },
      { type: 'resident-id', number: '110105194912310010' },
      { type: 'resident-id', number: ` ${ID.toLowerCase()} ` },
      undefined,
      { type: 'resident-id', number: '１１０１０５１９４９１２３１００２Ｘ' },
    ]);
    expect([...repeats]).toEqual([
      [2, 0],
      [4, 0],
    ]);
  });

  it('the same number under another document type is another document', () => {
    expect(repeatedPeople([{ type: 'resident-id', number: 'E1234567' }, { type: 'passport', number: 'E1234567' }]).size).toBe(0);
  });

  it('A26: rows without an identity number are left to the reviewer, not matched here', () => {
    expect(repeatedPeople([{ type: 'none' }, { type: 'none' }]).size).toBe(0);
  });

  it('the refusal is a 409 on the number field, naming the earlier row in both languages', () => {
    const refusal = repeatedPersonError('body.students.3.identityDocument.number', { en: 'body.students.1 of this batch', zh: '本批第 2 条' });
    expect(refusal.status).toBe(409);
    expect(refusal.errors).toEqual([expect.objectContaining({ field: 'body.students.3.identityDocument.number', code: 'repeated_person' })]);
    expect(refusal.detail.en).toContain('body.students.1');
    expect(refusal.detail.zh).toContain('与本批第 2 条是同一人');
  });
});
