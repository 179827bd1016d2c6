import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/server';
import { contentSecurityPolicy } from '../../../src/security/csp';
import { startTestServer, tempDir } from '../../classroom/server';

describe('the classroom server\u2019s pages', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ dataDir: tempDir('http') });
  });
  afterAll(async () => {
    await server.close();
  });

  it('sends the site\u2019s Content-Security-Policy with frame-ancestors, which a meta tag cannot carry', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp.startsWith(contentSecurityPolicy())).toBe(true);
    expect(csp).toMatch(/; frame-ancestors 'self'$/);
    expect(csp).not.toMatch(/unsafe-(eval|inline)/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
