import { describe, expect, it } from 'vitest';
import { auditFilterFits } from './audit-filters.js';

describe('auditFilterFits', () => {
  it('takes the names and codes the audit log holds', () => {
    expect(auditFilterFits('actor', 'anna.k@example.org')).toBe(true);
    expect(auditFilterFits('action', 'person.status-override')).toBe(true);
    expect(auditFilterFits('action', 'session.sign_in_failed')).toBe(true);
    expect(auditFilterFits('targetType', 'case_parties')).toBe(true);
    expect(auditFilterFits('targetId', '01JDZ8Q3R5K2M4N6P8S0T2V4X6')).toBe(true);
  });

  it('refuses what the route would refuse: spaces, words, other cases, more than 64 characters', () => {
    expect(auditFilterFits('actor', 'Anna K')).toBe(false);
    expect(auditFilterFits('action', 'Person deleted')).toBe(false);
    expect(auditFilterFits('targetType', 'Person')).toBe(false);
    expect(auditFilterFits('targetId', '01JD-8Q3')).toBe(false);
    expect(auditFilterFits('actor', 'a'.repeat(64))).toBe(true);
    expect(auditFilterFits('actor', 'a'.repeat(65))).toBe(false);
  });
});
