/**
 * The packager's refusals and its output, on a small stand-in build (the real builds are packaged and
 * validated with xmllint in tests/browser/lmsPackage.test.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  PackageError,
  type PackageOptions,
  packageLms,
  withLaunchConfig,
} from '../../../scripts/lms/packager';

function fakeBuild(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'good-terms-build-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const INDEX =
  '<!doctype html><html><head><title>Good Terms</title><script type="module" src="./assets/index.js"></script></head><body></body></html>';

const options = (buildDir: string, more: Partial<PackageOptions> = {}): PackageOptions => ({
  buildDir,
  format: 'scorm12',
  target: { kind: 'scenario', id: 's8-copay-prior-balance' },
  mode: 'assessment',
  mastery: undefined,
  outDir: join(buildDir, '..', `${Math.random().toString(36).slice(2)}-out`),
  ...more,
});

describe('package:lms', () => {
  it('writes <name>-<format>.zip with the build, the manifest, the schemas and the launch config', () => {
    const build = fakeBuild({
      'index.html': INDEX,
      'assets/index.js': 'import("./phaser.js")',
      'assets/phaser.js': '',
    });
    const result = packageLms(options(build, { mastery: 85 }));
    expect(result.zipPath).toMatch(/good-terms-s8-copay-prior-balance-scorm12\.zip$/);
    const zip = unzipSync(new Uint8Array(readFileSync(result.zipPath)));
    expect(Object.keys(zip).sort()).toEqual(
      [
        'adlcp_rootv1p2.xsd',
        'assets/index.js',
        'assets/phaser.js',
        'ims_xml.xsd',
        'imscp_rootv1p1p2.xsd',
        'imsmanifest.xml',
        'imsmd_rootv1p2p1.xsd',
        'index.html',
      ].sort(),
    );
    const html = new TextDecoder().decode(zip['index.html']);
    expect(html).toContain('"mastery":85');
    expect(html).toMatch(/<title>[^<]+<\/title>/);
    expect(result.manifest).toContain('<adlcp:masteryscore>85</adlcp:masteryscore>');
    expect(result.warnings).toEqual([]);
  });

  it('leaves the mastery score out of the manifest, with a warning, when a hard fail could reach it', () => {
    const build = fakeBuild({ 'index.html': INDEX });
    const result = packageLms(options(build, { mastery: 40 }));
    expect(result.manifest).not.toContain('masteryscore');
    expect(result.warnings).toEqual([expect.stringMatching(/mastery 40 is at or below the hard-fail cap/)]);
  });

  it.each([
    [
      'a server-side file',
      { 'index.html': INDEX, 'api/save.php': '<?php' },
      {},
      /server-side files .*api\/save\.php/,
    ],
    [
      'a root-relative src',
      { 'index.html': INDEX.replace('./assets', '/assets') },
      {},
      /index\.html refers to a file from the server root/,
    ],
    [
      'a root-relative url()',
      { 'index.html': INDEX, 'assets/a.css': 'body{background:url(/img/x.png)}' },
      {},
      /assets\/a\.css refers to a file from the server root/,
    ],
    ['a build without index.html', { 'other.html': INDEX }, {}, /has no index\.html: build the game first/],
    [
      'an unknown scenario',
      { 'index.html': INDEX },
      { target: { kind: 'scenario', id: 's99' } },
      /unknown scenario "s99"; scenarios: s1-/,
    ],
    [
      'a mastery above 100',
      { 'index.html': INDEX },
      { mastery: 120 },
      /--mastery must be an integer from 0 to 100, not 120/,
    ],
  ] as const)('refuses %s', (_, files, more, message) => {
    const build = fakeBuild(files);
    expect(() => packageLms(options(build, more as Partial<PackageOptions>))).toThrow(PackageError);
    expect(() => packageLms(options(build, more as Partial<PackageOptions>))).toThrow(message);
  });

  it('puts the launch config in the head', () => {
    const html = withLaunchConfig(
      INDEX,
      { format: 'scorm12', target: { kind: 'curriculum' }, mode: 'assessment', mastery: undefined },
      'Path & more',
    );
    expect(html).toMatch(/<title>Path &amp; more<\/title>/);
    expect(html).toMatch(
      /<script type="application\/json" id="good-terms-lms">\{[^<]*\}<\/script>\n {2}<\/head>/,
    );
  });
});
