/**
 * Packages the test build (dist-test/, made by `vite build --mode test`, so the packages carry the test
 * hooks) with the real packager, and unzips each package into a temporary folder, as an LMS would.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { type PackageOptions, type PackageResult, packageLms } from '../../scripts/lms/packager';

export const TEST_BUILD = new URL('../../dist-test/', import.meta.url).pathname;

export interface UnzippedPackage extends PackageResult {
  /** Where the ZIP was unzipped. */
  dir: string;
  zip: Uint8Array;
}

export function buildTestPackage(options: Omit<PackageOptions, 'buildDir' | 'outDir'>): UnzippedPackage {
  if (!existsSync(join(TEST_BUILD, 'index.html'))) {
    throw new Error('dist-test/ is missing: run `vite build --mode test` first (npm test does this)');
  }
  const root = mkdtempSync(join(tmpdir(), 'good-terms-lms-'));
  const result = packageLms({ ...options, buildDir: TEST_BUILD, outDir: join(root, 'zip') });
  const zip = new Uint8Array(readFileSync(result.zipPath));
  const dir = join(root, 'package');
  for (const [name, bytes] of Object.entries(unzipSync(zip))) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
  return { ...result, dir, zip };
}
