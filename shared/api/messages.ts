import type { z } from 'zod';
// the one locale by name: `z.locales.zhCN` would bundle all of zod's locales into every function (~100 KB)
import { zhCN } from 'zod/locales';
import type { FieldError, Text } from '../platform/errors.js';

/**
 * Bilingual validation messages. Schemas attach their own rule text with `say(en, zh)`; zod's built-in checks are
 * translated with zod's own zh-CN locale.
 */
const zhByEn = new Map<string, string>();

export function say(en: string, zh: string): { error: string } {
  zhByEn.set(en, zh);
  return { error: en };
}

const zhLocale = zhCN();

type Issue = z.core.$ZodIssue & { input?: unknown };

function translate(issue: Issue): Text {
  const zh = zhByEn.get(issue.message) ?? zhLocale.localeError(issue as never);
  return { en: issue.message, zh: typeof zh === 'string' ? zh : (zh?.message ?? issue.message) };
}

/** zod issues → field errors; the input values themselves are never echoed back (they may be personal data). */
export function fieldErrors(location: string, issues: readonly Issue[]): FieldError[] {
  return issues.map((issue) => ({
    field: [location, ...issue.path.map(String)].join('.'),
    code: issue.code,
    message: translate(issue),
  }));
}
