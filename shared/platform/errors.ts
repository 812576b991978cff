/**
 * Typed domain errors. Each knows its HTTP status and a stable problem type; the one mapper in api/problem.ts turns
 * them into RFC 9457 responses. Text is bilingual: English for software, Chinese for the registrar reading it.
 */
export interface Text {
  en: string;
  zh: string;
}

export interface FieldError {
  /** dotted path of the field at fault, e.g. `body.holder.name` */
  field: string;
  code: string;
  message: Text;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly type: string;
  abstract readonly title: Text;
  constructor(
    readonly detail: Text,
    readonly errors: FieldError[] = [],
  ) {
    super(detail.en);
  }
}

/** 400 — the request does not parse or does not match the schema. */
export class ValidationError extends DomainError {
  readonly status = 400;
  readonly type = 'validation';
  readonly title = { en: 'The request is not valid', zh: '请求参数不符合要求' };
  constructor(errors: FieldError[]) {
    super(
      {
        en: `${errors.length} field(s) are not valid: ${errors.map((e) => e.field).join(', ')}`,
        zh: `${errors.length} 个字段不符合要求：${errors.map((e) => e.field).join('、')}`,
      },
      errors,
    );
  }
}

/** 401 — no credential, or one that is unknown, revoked or expired. */
export class NotAuthenticatedError extends DomainError {
  readonly status = 401;
  readonly type = 'not-authenticated';
  readonly title = { en: 'A valid credential is required', zh: '需要有效的账号凭证' };
}

/** 403 — a valid credential without the role this action needs (A23: roles are separated). */
export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly type = 'forbidden';
  readonly title = { en: 'Your role does not allow this action', zh: '您的角色无权执行此操作' };
}

/** 404 — absent, or outside the caller's jurisdiction (existence is not revealed, A24). */
export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly type = 'not-found';
  readonly title = { en: 'Not found', zh: '未找到' };
  constructor(what: Text) {
    super({ en: `${what.en} was not found or is outside your jurisdiction`, zh: `未找到${what.zh}，或不在您的管辖范围内` });
  }
}

/** 409 — the state of the resource does not allow it (already exists, no longer current, a race lost). */
export class ConflictError extends DomainError {
  readonly status = 409;
  readonly type = 'conflict';
  readonly title = { en: 'Conflict with the current state', zh: '与当前状态冲突' };
}

/** 422 — well-formed, but a rule of the regulation forbids it; `rule` names the article id. */
export class RuleViolationError extends DomainError {
  readonly status = 422;
  readonly type = 'rule-violation';
  readonly title = { en: 'A rule of the regulation forbids this', zh: '不符合学籍管理规定' };
  constructor(
    readonly rule: string,
    detail: Text,
    errors: FieldError[] = [],
  ) {
    super(detail, errors);
  }
}
