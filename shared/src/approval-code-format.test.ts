import { describe, expect, it } from 'vitest';
import {
  APPROVAL_CODE_ALPHABET,
  formatApprovalCode,
  isApprovalCodeShape,
  normaliseApprovalCode,
} from './approval-code-format.js';
import { ApprovalCode } from './approval-codes.js';

describe('approval codes', () => {
  it('have 32 characters without look-alikes', () => {
    expect(new Set(APPROVAL_CODE_ALPHABET).size).toBe(32);
    for (const lookAlike of '01IO') expect(APPROVAL_CODE_ALPHABET).not.toContain(lookAlike);
  });

  it('forgive case, spaces and dashes, and refuse other characters', () => {
    expect(normaliseApprovalCode(' 7kqm - t4xr ')).toBe('7KQMT4XR');
    expect(isApprovalCodeShape('7KQMT4XR')).toBe(true);
    expect(isApprovalCodeShape('7KQMT4X')).toBe(false);
    expect(isApprovalCodeShape('7KQMT4X0')).toBe(false);
    expect(ApprovalCode.parse('7kqm-t4xr')).toBe('7KQMT4XR');
    expect(ApprovalCode.safeParse('7KQM-T4XI').success).toBe(false);
    expect(ApprovalCode.safeParse('').success).toBe(false);
  });

  it('show as two groups of four', () => {
    expect(formatApprovalCode('7KQMT4XR')).toBe('7KQM-T4XR');
  });
});
