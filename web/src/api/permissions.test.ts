import { describe, expect, it } from 'vitest';
import { permissionsOf } from './permissions.js';

const as = (role: string) => permissionsOf({ authEnabled: true, user: { username: `e2e-${role}`, role } });

describe('permissionsOf', () => {
  it('gives a viewer nothing to change: no decisions, no uploads, no job queue, no audit log', () => {
    expect(as('viewer')).toEqual({ decide: false, edit: false, upload: false, jobs: false, audit: false, groups: false });
  });

  it('lets a reviewer decide proposals and nothing more', () => {
    expect(as('reviewer')).toEqual({ decide: true, edit: false, upload: false, jobs: false, audit: false, groups: false });
  });

  it('lets an editor upload, edit and see the jobs, as the server allows from editor up', () => {
    expect(as('editor')).toEqual({ decide: true, edit: true, upload: true, jobs: true, audit: false, groups: false });
  });

  it('lets an admin do everything, the audit log and access groups included', () => {
    expect(as('admin')).toEqual({ decide: true, edit: true, upload: true, jobs: true, audit: true, groups: true });
  });

  it('treats an unknown role as below every role', () => {
    expect(as('superuser').decide).toBe(false);
    expect(permissionsOf({ authEnabled: true, user: null }).jobs).toBe(false);
  });
});
