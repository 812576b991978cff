import { describe, expect, it, vi } from 'vitest';

describe('A24 logs', () => {
  it('A24: an identity number in a log message or attribute is masked', async () => {
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    const { logger } = await import('../../shared/platform/observability.js');
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    const spyInfo = vi.spyOn(console, 'info').mockImplementation((...args) => void lines.push(args.join(' ')));
    const spyLog = vi.spyOn(console, 'log').mockImplementation((...args) => void lines.push(args.join(' ')));
    logger.info('registering 53010220080101123X', { student: { identityNumber: '530102200801011248', studentNumber: 'G530102200801011248' } });
    spy.mockRestore();
    spyInfo.mockRestore();
    spyLog.mockRestore();
    const output = lines.join('\n');
    expect(output).toContain('5301**********123X');
    expect(output).not.toMatch(/530102200801011248|53010220080101123X/);
  });
});
